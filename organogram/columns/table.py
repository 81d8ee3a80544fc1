"""Typed columns that grow: the storage of every kind of version.

A :class:`Table` holds one NumPy array per column, all of one length, with spare
capacity at the end so that appending rows (a write) costs no copy of the others;
the capacity doubles when it runs out, so a long build copies each row a bounded
number of times. Reads take :meth:`Table.col`, a view of the rows in use.

Rows appended one at a time wait as Python lists until a column is read: storing a
value into a NumPy array costs a conversion per cell, which a build of a million rows
would pay twelve million times; the waiting rows go in by one conversion per column.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


class Table:
    """Named columns of fixed types and one length; rows appended, changed or cut."""

    __slots__ = ("_cols", "_index", "_waiting", "dtypes", "n")

    def __init__(self, dtypes: Mapping[str, type | str], capacity: int = 1024):
        self.dtypes = dict(dtypes)
        self._cols = {name: np.empty(capacity, dtype=t) for name, t in self.dtypes.items()}
        self._index = {name: i for i, name in enumerate(self.dtypes)}
        #: rows appended and not yet in the arrays (they follow row ``n - len(_waiting)``).
        self._waiting: list[list] = []
        self.n = 0

    def __len__(self) -> int:
        return self.n

    def col(self, name: str) -> np.ndarray:
        """The column ``name`` over the rows in use (a view: do not keep it across writes)."""
        if self._waiting:
            self._settle()
        return self._cols[name][: self.n]

    def _settle(self) -> None:
        """Put the waiting rows into the arrays."""
        first = self.n - len(self._waiting)
        self._grow(self.n)
        rows, self._waiting = self._waiting, []
        block = np.array(rows, dtype=np.int64)
        for j, arr in enumerate(self._cols.values()):
            arr[first : self.n] = block[:, j]

    def _grow(self, need: int) -> None:
        size = len(next(iter(self._cols.values())))
        if need <= size:
            return
        size = max(need, 2 * size)
        for name, arr in self._cols.items():
            bigger = np.empty(size, dtype=arr.dtype)
            kept = self.n - len(self._waiting)
            bigger[:kept] = arr[:kept]
            self._cols[name] = bigger

    def append(self, row: tuple | list) -> int:
        """Add one row (values in the order of the columns); returns its index."""
        if len(row) != len(self._index):
            raise ValueError(f"a row of {len(self._index)} values, not {len(row)}")
        self._waiting.append(list(row))
        self.n += 1
        return self.n - 1

    def set(self, name: str, row: int, value: object) -> None:
        """Change one cell."""
        first = self.n - len(self._waiting)
        if row >= first:
            self._waiting[row - first][self._index[name]] = value
        else:
            self._cols[name][row] = value

    def close(self, row: int, until: int, until_hi: int, ended: int) -> None:
        """End the version in ``row`` (its ``until``, ``until_hi`` and ``ended``)."""
        first = self.n - len(self._waiting)
        if row >= first:
            values = self._waiting[row - first]
            i = self._index["until"]
            values[i], values[i + 1], values[self._index["ended"]] = until, until_hi, ended
        else:
            for name, value in (("until", until), ("until_hi", until_hi), ("ended", ended)):
                self._cols[name][row] = value

    def get(self, name: str, row: int) -> int:
        """One cell, as a Python number."""
        first = self.n - len(self._waiting)
        if row >= first:
            return int(self._waiting[row - first][self._index[name]])
        return self._cols[name][row].item()

    def cut(self, n: int) -> None:
        """Keep only the first ``n`` rows."""
        if self._waiting:
            self._settle()
        self.n = min(self.n, n)

    def nbytes(self) -> int:
        """Bytes held by the rows in use (not the spare capacity)."""
        return sum(self.col(name).nbytes for name in self.dtypes)

    def same(self, other: Table) -> bool:
        """True when both tables hold the same rows (used to compare a build with a rebuild)."""
        return self.n == other.n and all(
            np.array_equal(self.col(name), other.col(name)) for name in self.dtypes
        )
