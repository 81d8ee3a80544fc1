"""Typed columns that grow: the storage of every kind of version.

A :class:`Table` holds one NumPy array per column, all of one length, with spare
capacity at the end so that appending a row (a write) costs no copy of the others;
the capacity doubles when it runs out, so a long build copies each row a bounded
number of times. Reads take :meth:`Table.col`, a view of the rows in use.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


class Table:
    """Named columns of fixed types and one length; rows appended, changed or cut."""

    __slots__ = ("_cols", "dtypes", "n")

    def __init__(self, dtypes: Mapping[str, type | str], capacity: int = 1024):
        self.dtypes = dict(dtypes)
        self._cols = {name: np.empty(capacity, dtype=t) for name, t in self.dtypes.items()}
        self.n = 0

    def __len__(self) -> int:
        return self.n

    def col(self, name: str) -> np.ndarray:
        """The column ``name`` over the rows in use (a view: do not keep it across writes)."""
        return self._cols[name][: self.n]

    def _grow(self, need: int) -> None:
        size = len(next(iter(self._cols.values())))
        if need <= size:
            return
        size = max(need, 2 * size)
        for name, arr in self._cols.items():
            bigger = np.empty(size, dtype=arr.dtype)
            bigger[: self.n] = arr[: self.n]
            self._cols[name] = bigger

    def append(self, row: tuple) -> int:
        """Add one row (values in the order of the columns); returns its index."""
        i = self.n
        if i == len(next(iter(self._cols.values()))):
            self._grow(i + 1)
        for arr, value in zip(self._cols.values(), row, strict=True):
            arr[i] = value
        self.n = i + 1
        return i

    def set(self, name: str, row: int, value: object) -> None:
        """Change one cell."""
        self._cols[name][row] = value

    def get(self, name: str, row: int) -> int:
        """One cell, as a Python number."""
        return self._cols[name][row].item()

    def cut(self, n: int) -> None:
        """Keep only the first ``n`` rows."""
        self.n = min(self.n, n)

    def nbytes(self) -> int:
        """Bytes held by the rows in use (not the spare capacity)."""
        return sum(arr[: self.n].nbytes for arr in self._cols.values())

    def same(self, other: Table) -> bool:
        """True when both tables hold the same rows (used to compare a build with a rebuild)."""
        return self.n == other.n and all(
            np.array_equal(self.col(name), other.col(name)) for name in self.dtypes
        )
