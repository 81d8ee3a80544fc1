"""The generator's own model of the organization as it changes.

A parent per unit, a unit per post, the indexes the change stream draws from, and the
rows (:mod:`bench.rows`) written as each version of a unit or post ends.
"""

from __future__ import annotations

import datetime as dt
import random
from array import array

from organogram.core.changes import UnitSpec
from organogram.core.dates import FuzzyDate

from .rows import Rows
from .sizes import KINDS, OPEN, START, Size, unit_name


class Bag:
    """A set with O(1) add, remove and uniform random choice (deterministic order)."""

    def __init__(self) -> None:
        self.items: list[int] = []
        self.pos: dict[int, int] = {}

    def add(self, x: int) -> None:
        """Put ``x`` in the bag."""
        self.pos[x] = len(self.items)
        self.items.append(x)

    def remove(self, x: int) -> None:
        """Take ``x`` out (the last item takes its place)."""
        i = self.pos.pop(x)
        last = self.items.pop()
        if last != x:
            self.items[i] = last
            self.pos[last] = i

    def choice(self, rng: random.Random) -> int:
        """An item drawn uniformly with ``rng``."""
        return self.items[rng.randrange(len(self.items))]

    def __len__(self) -> int:
        return len(self.items)


class Model:
    """Units and posts as they stand on the model's day, and the rows of what ended."""

    def __init__(self, size: Size, rng: random.Random):
        self.size = size
        self.rng = rng
        self.parent: list[int] = []
        self.depth: list[int] = []
        self.namev: list[int] = []
        self.alive: list[bool] = []
        self.frozen: list[bool] = []
        self.children: list[dict[int, None]] = []
        self.posts_of: list[dict[int, None]] = []
        self.post_unit: list[int] = []
        self.post_grade = array("b")
        self.unit_start: list[int] = []
        self.post_start: list[int] = []
        self.alive_units = Bag()
        #: (department, depth) -> units in force there: where a unit may move to.
        self.by_level: dict[tuple[int, int], Bag] = {}
        #: the department (unit below the root) each unit is in; it never changes.
        self.dept: list[int] = []
        #: the unit with very many children (set when the tree is built).
        self.wide = -1
        self.unit_rows = Rows()
        self.post_rows = Rows()
        self.uid: list[str] = []
        self.pid: list[str] = []
        self.day = START.toordinal()
        self.fdate = FuzzyDate.day(START)

    def set_day(self, day: dt.date) -> None:
        """Date what happens next on ``day``."""
        self.day = day.toordinal()
        self.fdate = FuzzyDate.day(day)

    # ------------------------------------------------------------------ units
    def new_unit(self, parent: int, frozen: bool = False) -> int:
        """A new unit under ``parent`` (-1: the root); ``frozen`` units never change."""
        i = len(self.parent)
        self.parent.append(parent)
        d = self.depth[parent] + 1 if parent >= 0 else 0
        self.depth.append(d)
        self.namev.append(0)
        self.alive.append(True)
        self.frozen.append(frozen)
        self.children.append({})
        self.posts_of.append({})
        self.unit_start.append(self.day)
        self.uid.append(f"u{i}")
        if parent >= 0:
            self.children[parent][i] = None
        self.alive_units.add(i)
        dept = -1 if d == 0 else (i if d == 1 else self.dept[parent])
        self.dept.append(dept)
        self.by_level.setdefault((dept, d), Bag()).add(i)
        return i

    def spec(self, i: int) -> UnitSpec:
        """The core's description of unit ``i`` as it is now."""
        return UnitSpec(
            id=self.uid[i],
            name=unit_name(i, self.namev[i]),
            kind=KINDS[min(self.depth[i], len(KINDS) - 1)],
        )

    def _close_unit(self, u: int) -> None:
        """End the version of ``u`` in force, from today a new one holds."""
        self.unit_rows.add(u, self.parent[u], self.namev[u], 1, self.unit_start[u], self.day)
        self.unit_start[u] = self.day

    def set_parent(self, u: int, p: int) -> None:
        """``u`` reports to ``p`` from today."""
        self._close_unit(u)
        del self.children[self.parent[u]][u]
        self.parent[u] = p
        self.children[p][u] = None

    def rename(self, u: int) -> None:
        """``u`` takes its next name from today."""
        self._close_unit(u)
        self.namev[u] += 1

    def retire(self, u: int) -> None:
        """``u`` ends today (a tombstone row says so)."""
        self._close_unit(u)
        self.unit_rows.add(u, -1, self.namev[u], 0, self.day, OPEN)
        self.alive[u] = False
        del self.children[self.parent[u]][u]
        self.alive_units.remove(u)
        self.by_level[(self.dept[u], self.depth[u])].remove(u)

    # ------------------------------------------------------------------ posts
    def new_post(self, unit: int, grade: int) -> int:
        """A new post of grade index ``grade`` in ``unit``."""
        j = len(self.post_unit)
        self.post_unit.append(unit)
        self.post_grade.append(grade)
        self.post_start.append(self.day)
        self.pid.append(f"p{j}")
        self.posts_of[unit][j] = None
        return j

    def move_post(self, j: int, unit: int) -> None:
        """Post ``j`` is in ``unit`` from today."""
        old = self.post_unit[j]
        self.post_rows.add(j, old, self.post_grade[j], 1, self.post_start[j], self.day)
        self.post_start[j] = self.day
        del self.posts_of[old][j]
        self.post_unit[j] = unit
        self.posts_of[unit][j] = None
