"""The NumPy floor: column arrays of effective-dated rows, answered by vectorized operations.

Nothing is precomputed across dates: the structure as of a day is a mask over the rows
(``valid_from <= day < valid_to``) scattered into a parent index per unit and a unit
index per post. Questions about one day are answered on those arrays, with a
compressed children list (CSR) made once per day, as Organogram keeps children
indexes on its snapshots. No Python object is made per unit or post, which is why this
is a floor rather than a competitor: it answers only the questions it was written for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..generate import Organization
from ..rows import Rows
from ..sizes import GRADE_COST, GRADES

ABSENT = -2  # a unit not in force (-1: a unit at the top)


@dataclass
class Columns:
    """One kind of row as arrays."""

    entity: np.ndarray
    value: np.ndarray
    extra: np.ndarray
    alive: np.ndarray
    valid_from: np.ndarray
    valid_to: np.ndarray

    @classmethod
    def of(cls, rows: Rows) -> Columns:
        return cls(
            *(
                np.frombuffer(getattr(rows, name), dtype=dtype).copy()
                for name, dtype in (
                    ("entity", np.int32),
                    ("value", np.int32),
                    ("extra", np.int32),
                    ("alive", np.int8),
                    ("valid_from", np.int32),
                    ("valid_to", np.int32),
                )
            )
        )

    def nbytes(self) -> int:
        return sum(a.nbytes for a in vars(self).values())

    def valid(self, day: int) -> np.ndarray:
        return (self.valid_from <= day) & (day < self.valid_to) & (self.alive == 1)

    def with_plan(self, closed: list[int], day: int, added: Rows) -> Columns:
        """These rows, ``closed`` entities' versions ended on ``day``, ``added`` appended."""
        ends = self.valid_to.copy()
        ending = np.isin(self.entity, np.asarray(closed, dtype=np.int32)) & (
            self.valid_to > day
        ) & (self.alive == 1)
        ends[ending] = day
        more = Columns.of(added)
        return Columns(
            np.concatenate([self.entity, more.entity]),
            np.concatenate([self.value, more.value]),
            np.concatenate([self.extra, more.extra]),
            np.concatenate([self.alive, more.alive]),
            np.concatenate([self.valid_from, more.valid_from]),
            np.concatenate([ends, more.valid_to]),
        )


@dataclass
class Day:
    """The structure as of one day: parent per unit, name version, unit per post."""

    parent: np.ndarray
    namev: np.ndarray
    post_unit: np.ndarray


@dataclass
class Prepared:
    """A day with its indexes: children of each unit, and posts of each unit (both CSR).

    Like Organogram's snapshot indexes, they list; the sums are made when asked.
    """

    day: Day
    order: np.ndarray
    offsets: np.ndarray
    counts: np.ndarray
    post_order: np.ndarray
    post_offsets: np.ndarray
    post_counts: np.ndarray


def _gather(order: np.ndarray, offsets: np.ndarray, counts: np.ndarray, keys: np.ndarray):
    """Members of every group in ``keys``, concatenated (a CSR gather in one vector)."""
    lens = counts[keys]
    total = int(lens.sum())
    if total == 0:
        return order[:0]
    shift = np.repeat(offsets[keys] - np.cumsum(lens) + lens, lens)
    return order[shift + np.arange(total)]


class Floor:
    """The NumPy floor over one generated organization."""

    name = "NumPy floor"

    def __init__(self, org: Organization):
        self.org = org
        self.units = Columns.of(org.unit_rows)
        self.posts = Columns.of(org.post_rows)
        table = np.array([GRADE_COST[g] for g in GRADES])
        self.post_cost = table[np.frombuffer(org.post_grade, dtype=np.int8)]
        self.n_units = org.n_units
        self.n_posts = org.n_posts

    def nbytes(self) -> int:
        return self.units.nbytes() + self.posts.nbytes() + self.post_cost.nbytes

    # ------------------------------------------------------------- as of a day
    def as_of(self, day: int, units: Columns | None = None, posts: Columns | None = None) -> Day:
        units = units if units is not None else self.units
        posts = posts if posts is not None else self.posts
        n = max(self.n_units, int(units.entity.max()) + 1)
        m = units.valid(day)
        parent = np.full(n, ABSENT, dtype=np.int32)
        parent[units.entity[m]] = units.value[m]
        namev = np.zeros(n, dtype=np.int32)
        namev[units.entity[m]] = units.extra[m]
        pm = posts.valid(day)
        post_unit = np.full(self.n_posts, -1, dtype=np.int32)
        post_unit[posts.entity[pm]] = posts.value[pm]
        return Day(parent, namev, post_unit)

    def prepare(self, day: Day, posts: bool = True) -> Prepared:
        """The children of each unit and (unless not ``posts``) the posts of each, as CSR."""
        parent = day.parent
        n = len(parent)
        kids = np.nonzero(parent >= 0)[0]
        order = kids[np.argsort(parent[kids], kind="stable")]
        counts = np.bincount(parent[kids], minlength=n)
        offsets = np.concatenate([[0], np.cumsum(counts)])
        placed = np.nonzero(day.post_unit >= 0)[0] if posts else np.zeros(0, dtype=np.int64)
        homes = day.post_unit[placed]
        post_order = placed[np.argsort(homes, kind="stable")]
        post_counts = np.bincount(homes, minlength=n)
        post_offsets = np.concatenate([[0], np.cumsum(post_counts)])
        return Prepared(day, order, offsets, counts, post_order, post_offsets, post_counts)

    # ------------------------------------------------------------------ rollups
    @staticmethod
    def subtree(p: Prepared, root: int) -> np.ndarray:
        """``root`` and every unit below it, level by level."""
        levels = [np.array([root], dtype=np.int64)]
        while True:
            below = _gather(p.order, p.offsets, p.counts, levels[-1])
            if not len(below):
                return np.concatenate(levels)
            levels.append(below)

    def rollup(self, p: Prepared, root: int) -> tuple[int, float]:
        posts = _gather(p.post_order, p.post_offsets, p.post_counts, self.subtree(p, root))
        return len(posts), float(self.post_cost[posts].sum())

    @staticmethod
    def levels(p: Prepared) -> list[np.ndarray]:
        """Units in force by depth from the top."""
        out = [np.nonzero(p.day.parent == -1)[0]]
        while True:
            below = _gather(p.order, p.offsets, p.counts, out[-1])
            if not len(below):
                return out
            out.append(below)

    def rollups(self, p: Prepared) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Units in force, with the headcount and cost of each one's subtree."""
        n = len(p.day.parent)
        placed = p.day.post_unit >= 0
        homes = p.day.post_unit[placed]
        headcount = np.bincount(homes, minlength=n).astype(np.float64)
        cost = np.bincount(homes, weights=self.post_cost[placed], minlength=n)
        levels = self.levels(p)
        parent = p.day.parent
        for level in reversed(levels[1:]):
            up = parent[level]
            headcount += np.bincount(up, weights=headcount[level], minlength=n)
            cost += np.bincount(up, weights=cost[level], minlength=n)
        units = np.concatenate(levels)
        return units, headcount[units], cost[units]

    # ------------------------------------------------------------------- chains
    @staticmethod
    def chains(p: Prepared, posts: np.ndarray) -> list[tuple[int, ...]]:
        parent = p.day.parent
        current = p.day.post_unit[posts]
        steps = [current]
        while (current >= 0).any():
            current = np.where(current >= 0, parent[np.maximum(current, 0)], -1)
            steps.append(current)
        matrix = np.stack(steps, axis=1)
        return [tuple(int(u) for u in row if u >= 0) for row in matrix]

    # --------------------------------------------------------------------- diff
    def diff(self, d0: int, d1: int) -> dict[str, np.ndarray]:
        a, b = self.as_of(d0), self.as_of(d1)
        n = max(len(a.parent), len(b.parent))
        pa = np.full(n, ABSENT, dtype=np.int32)
        pb = pa.copy()
        pa[: len(a.parent)] = a.parent
        pb[: len(b.parent)] = b.parent
        na = np.zeros(n, dtype=np.int32)
        nb = na.copy()
        na[: len(a.namev)] = a.namev
        nb[: len(b.namev)] = b.namev
        before, after = pa != ABSENT, pb != ABSENT
        kept = before & after
        return {
            "units_added": np.nonzero(after & ~before)[0],
            "units_removed": np.nonzero(before & ~after)[0],
            "units_moved": np.nonzero(kept & (pa != pb))[0],
            "units_renamed": np.nonzero(kept & (na != nb))[0],
            "posts_moved": np.nonzero(
                (a.post_unit >= 0) & (b.post_unit >= 0) & (a.post_unit != b.post_unit)
            )[0],
        }

    # ------------------------------------------------------------------- series
    def series(self, unit: int, days: list[int]) -> list[tuple[int, int, float]]:
        out = []
        for day in days:
            d = self.as_of(day)
            if d.parent[unit] == ABSENT:
                out.append((day, 0, 0.0))
                continue
            p = self.prepare(d, posts=False)
            inside = np.zeros(len(d.parent), dtype=bool)
            inside[self.subtree(p, unit)] = True
            placed = d.post_unit >= 0
            mine = inside[d.post_unit[placed]]
            out.append((day, int(mine.sum()), float(self.post_cost[placed][mine].sum())))
        return out

    # --------------------------------------------------------------------- plan
    def preview(self) -> Day:
        rows = self.org.plan_rows
        units = self.units.with_plan(rows.closed_units, rows.day, rows.units)
        posts = self.posts.with_plan(rows.closed_posts, rows.day, rows.posts)
        return self.as_of(rows.day, units, posts)

    def validate(self, day: Day, max_span: int, max_depth: int) -> tuple[np.ndarray, np.ndarray]:
        """Units with more than ``max_span`` children, and units one level past ``max_depth``."""
        p = self.prepare(day)
        wide = np.nonzero(p.counts > max_span)[0]
        levels = self.levels(p)
        deep = levels[max_depth] if len(levels) > max_depth else np.array([], dtype=np.int64)
        return wide, deep
