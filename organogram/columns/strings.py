"""Strings as integers: each distinct id, name, kind or grade gets a number once.

Columns hold the numbers (int32); the table turns them back into strings for answers.
Numbers are given in the order strings are first met and never change, so columns
built earlier stay valid when a write brings new strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import repeat

import numpy as np


class Strings:
    """A two-way table between strings and the numbers 0, 1, 2…"""

    __slots__ = ("_number", "text")

    def __init__(self, first: Iterable[str] = ()):
        self.text: list[str] = []
        self._number: dict[str, int] = {}
        for s in first:
            self.number(s)

    def __len__(self) -> int:
        return len(self.text)

    def number(self, s: str) -> int:
        """The number of ``s``, given now if it has none yet."""
        n = self._number.get(s)
        if n is None:
            n = self._number[s] = len(self.text)
            self.text.append(s)
        return n

    def copy(self) -> Strings:
        """An independent copy (the numbers given so far are the same in both)."""
        out = Strings()
        out.text, out._number = list(self.text), dict(self._number)
        return out

    def find(self, s: str) -> int:
        """The number of ``s``, or -1 when it was never met."""
        return self._number.get(s, -1)

    def numbers(self, items: Iterable[str]) -> np.ndarray:
        """The numbers of ``items`` (-1 for a string never met), as an int32 array."""
        return np.fromiter(map(self._number.get, items, repeat(-1)), dtype=np.int32)

    def __getitem__(self, n: int) -> str:
        return self.text[n]
