"""Typed columns that grow: the storage of every kind of version.

A :class:`Table` holds one NumPy array per column, all of one length, with spare
capacity at the end so that appending a row (a write) costs no copy of the others;
the capacity doubles when it runs out, so a long build copies each row a bounded
number of times. Reads take :meth:`Table.col`, a view of the rows in use.

Rows are appended into a block first (one two-dimensional array of :data:`BLOCK` rows,
a row written in one NumPy assignment rather than one per column) and copied into the
columns a block at a time, or when a column is read: a build appends over a million
rows one by one, and a write per column was most of the cost of each. Reading or
changing one cell finds its row in the block or in the columns.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

#: Rows held in the block before they are copied into the columns.
BLOCK = 4096


class Table:
    """Named columns of fixed types and one length; rows appended, changed or cut."""

    __slots__ = ("_block", "_cols", "_index", "_start", "dtypes", "n")

    def __init__(self, dtypes: Mapping[str, type | str], capacity: int = 1024):
        self.dtypes = dict(dtypes)
        self._cols = {name: np.empty(capacity, dtype=t) for name, t in self.dtypes.items()}
        #: column name -> its place in a row of the block
        self._index = {name: k for k, name in enumerate(self.dtypes)}
        # int64 holds every column's values (int32 and int8) exactly.
        self._block = np.empty((BLOCK, len(self.dtypes)), dtype=np.int64)
        #: the first row held in the block (rows from it to ``n`` are there)
        self._start = 0
        self.n = 0

    def __len__(self) -> int:
        return self.n

    def col(self, name: str) -> np.ndarray:
        """The column ``name`` over the rows in use (a view: do not keep it across writes)."""
        if self.n > self._start:
            self._flush()
        return self._cols[name][: self.n]

    def _flush(self) -> None:
        """Copy the rows in the block into the columns."""
        start, n = self._start, self.n
        self._grow(n)
        block = self._block
        for k, arr in enumerate(self._cols.values()):
            arr[start:n] = block[: n - start, k]
        self._start = n

    def _grow(self, need: int) -> None:
        size = len(next(iter(self._cols.values())))
        if need <= size:
            return
        size = max(need, 2 * size)
        for name, arr in self._cols.items():
            bigger = np.empty(size, dtype=arr.dtype)
            bigger[: self._start] = arr[: self._start]
            self._cols[name] = bigger

    def append(self, row: tuple) -> int:
        """Add one row (values in the order of the columns); returns its index."""
        i = self.n
        j = i - self._start
        if j == BLOCK:
            self._flush()
            j = 0
        self._block[j] = row
        self.n = i + 1
        return i

    def set(self, name: str, row: int, value: object) -> None:
        """Change one cell."""
        j = row - self._start
        if j >= 0:
            self._block[j, self._index[name]] = value
        else:
            self._cols[name][row] = value

    def close(self, row: int, until: int, until_hi: int, ended: int) -> None:
        """End the version in ``row`` (its ``until``, ``until_hi`` and ``ended``)."""
        j = row - self._start
        if j >= 0:
            ix = self._index
            block = self._block
            block[j, ix["until"]] = until
            block[j, ix["until_hi"]] = until_hi
            block[j, ix["ended"]] = ended
            return
        cols = self._cols
        cols["until"][row] = until
        cols["until_hi"][row] = until_hi
        cols["ended"][row] = ended

    def supersede(self, row: int, values: tuple, until: int, ended: int) -> int:
        """End the version in ``row`` on the one day ``until`` (by the change at
        ``ended``) and append ``values``, the version after it; returns its index. The
        commonest write of a build (a post moved), in one call."""
        cols, block, start = self._cols, self._block, self._start
        j = row - start
        if j >= 0:
            ix = self._index
            block[j, ix["until"]] = until
            block[j, ix["until_hi"]] = until
            block[j, ix["ended"]] = ended
        else:
            cols["until"][row] = until
            cols["until_hi"][row] = until
            cols["ended"][row] = ended
        i = self.n
        j = i - start
        if j == BLOCK:
            self._flush()
            j = 0
        block[j] = values
        self.n = i + 1
        return i

    def extend(self, values: Mapping[str, object], m: int) -> int:
        """Append ``m`` rows at once: ``values`` gives each column as an array of ``m``
        values or one value for every row. Returns the index of the first."""
        if self.n > self._start:
            self._flush()
        first = self.n
        self._grow(first + m)
        for name, arr in self._cols.items():
            arr[first : first + m] = values[name]
        self.n = self._start = first + m
        return first

    def close_rows(self, rows: np.ndarray, until: np.ndarray, ended: np.ndarray) -> None:
        """End the versions in ``rows`` (distinct), each on the one day in ``until`` by
        the change in ``ended``: :meth:`supersede`'s closing, for many rows at once."""
        if self.n > self._start:
            self._flush()
        cols = self._cols
        cols["until"][rows] = until
        cols["until_hi"][rows] = until
        cols["ended"][rows] = ended

    def get(self, name: str, row: int) -> int:
        """One cell, as a Python number."""
        j = row - self._start
        if j >= 0:
            return self._block[j, self._index[name]].item()
        return self._cols[name][row].item()

    def flush(self) -> None:
        """Copy any rows waiting in the block into the columns, so that reading the
        table changes nothing in it (a table read by several threads at once)."""
        if self.n > self._start:
            self._flush()

    def copy(self) -> Table:
        """An independent copy: appending to, changing or cutting one never shows in the
        other (a write extends a copy while readers of the last revision read this one)."""
        out = Table.__new__(Table)
        # Never changed after they are made: shared.
        out.dtypes, out._index = self.dtypes, self._index
        start = self._start
        out._cols = {}
        for name, arr in self._cols.items():
            # The spare capacity is kept (uninitialised), so the next rows cost no copy.
            mine = np.empty(len(arr), dtype=arr.dtype)
            mine[:start] = arr[:start]
            out._cols[name] = mine
        out._block = self._block.copy()
        out._start, out.n = start, self.n
        return out

    def cut(self, n: int) -> None:
        """Keep only the first ``n`` rows."""
        if self.n > self._start:
            self._flush()
        self.n = self._start = min(self.n, n)

    def nbytes(self) -> int:
        """Bytes held by the rows in use (not the spare capacity nor the block)."""
        return sum(np.dtype(t).itemsize for t in self.dtypes.values()) * self.n

    def same(self, other: Table) -> bool:
        """True when both tables hold the same rows (used to compare a build with a rebuild)."""
        return self.n == other.n and all(
            np.array_equal(self.col(name), other.col(name)) for name in self.dtypes
        )
