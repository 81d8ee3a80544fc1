"""Synthetic organizations for the benchmarks, deterministic by seed.

An organization is a tree of units (a root, departments below it, one unit with very
many children, and branches whose depth is drawn from the size's range), posts spread
over the units, and then a number of months of changes: each month about 1% of units
move (to another parent one level up in the same department), merge into a sibling,
split or are renamed, and about 2% of posts move to another unit. After the record comes
a reorganization plan of 500 changes of the same kinds.

The generator keeps its own small model of the organization (parent per unit, unit per
post) and writes what each change does as *effective-dated rows* ([valid_from,
valid_to) per version of a unit or post), which is what the SQL, networkx and NumPy
peers read. The core's change objects are generated alongside; the benchmark asserts
that folding them gives the same answers as the rows, so the peers and the core are
known to work on the same data.

Lateral moves, sibling merges and splits that keep new units beside the old one never
change a unit's depth or department, so the depth range holds through the whole history,
departments keep about their size, and no move can make a cycle.
"""

from __future__ import annotations

import datetime as dt
import random
from array import array
from dataclasses import dataclass, field

from organogram.core.changes import (
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Rename,
    Split,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.plans import Plan, PlanStatus

#: The first day of the record: every unit and post is created then.
START = dt.date(2005, 1, 1)
#: valid_to of a version still in force.
OPEN = dt.date.max.toordinal()
#: Grades and an illustrative standard annual cost per grade (not real salary scales).
GRADE_COST: dict[str, float] = {
    "D-2": 265_000.0,
    "D-1": 240_000.0,
    "P-5": 205_000.0,
    "P-4": 175_000.0,
    "P-3": 145_000.0,
    "P-2": 118_000.0,
    "G-6": 92_000.0,
    "G-5": 81_000.0,
    "G-4": 70_000.0,
}
GRADES = tuple(GRADE_COST)
_GRADE_WEIGHTS = (1, 3, 8, 14, 18, 10, 16, 18, 12)
_KINDS = ("office", "department", "division", "section", "unit", "team")
OPS = ("move", "merge", "split", "rename")


@dataclass(frozen=True)
class Size:
    """How big an organization to generate."""

    name: str
    units: int
    posts: int
    #: deepest level of each department's branch is drawn from this range (root: 0).
    depth: tuple[int, int]
    #: children of the one very wide unit.
    wide: int
    months: int = 240
    #: share of units changed, and of posts moved, each month.
    unit_churn: float = 0.01
    post_churn: float = 0.02
    plan_changes: int = 500


SIZES: dict[str, Size] = {
    "small": Size("small", 150, 2_000, (4, 7), 20),
    "medium": Size("medium", 10_000, 100_000, (6, 16), 300),
    "large": Size("large", 100_000, 1_000_000, (10, 24), 1_000),
}


def month_day(m: int) -> dt.date:
    """The first day of the ``m``-th month after :data:`START`."""
    y, mo = divmod(START.month - 1 + m, 12)
    return dt.date(START.year + y, mo + 1, 1)


class Rows:
    """Effective-dated versions, one column per array, in the order they were closed.

    Columns: ``entity`` (unit or post index), ``value`` (parent unit, -1 for none; or
    the post's unit), ``extra`` (a unit's name version; a post's grade index),
    ``alive`` (0 for the tombstone that says an entity ended), ``valid_from`` and
    ``valid_to`` (ordinal days, half-open). Per entity the versions are in date order.
    """

    def __init__(self) -> None:
        self.entity = array("i")
        self.value = array("i")
        self.extra = array("i")
        self.alive = array("b")
        self.valid_from = array("i")
        self.valid_to = array("i")

    def add(self, entity: int, value: int, extra: int, alive: int, start: int, end: int) -> None:
        """Append one version."""
        self.entity.append(entity)
        self.value.append(value)
        self.extra.append(extra)
        self.alive.append(alive)
        self.valid_from.append(start)
        self.valid_to.append(end)

    def __len__(self) -> int:
        return len(self.entity)

    def as_tuples(self) -> list[tuple[int, int, int, int, int, int]]:
        """Every version as a tuple, in order (for loading into a database)."""
        return list(
            zip(
                self.entity,
                self.value,
                self.extra,
                self.alive,
                self.valid_from,
                self.valid_to,
                strict=True,
            )
        )


@dataclass
class PlanRows:
    """What a plan does to the rows: versions that end on its day and versions it opens."""

    day: int
    closed_units: list[int] = field(default_factory=list)
    closed_posts: list[int] = field(default_factory=list)
    units: Rows = field(default_factory=Rows)
    posts: Rows = field(default_factory=Rows)


@dataclass
class Organization:
    """A generated organization: the core's changes and the peers' rows of the same history."""

    size: Size
    seed: int
    changes: list[Change]
    plan: Plan
    #: the day of each month of changes (index 0: the day everything is created).
    days: list[dt.date]
    unit_rows: Rows
    post_rows: Rows
    plan_rows: PlanRows
    #: units ever created (indexes 0..n-1) and posts.
    n_units: int
    n_posts: int
    #: grade index of every post (grades never change here).
    post_grade: array
    #: the root, the departments below it, and the unit with very many children.
    root: int
    departments: list[int]
    wide: int
    #: how many changes of each operation the record and the plan hold.
    counts: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def unit_id(i: int) -> str:
        """The core's id of unit ``i``."""
        return f"u{i}"

    @staticmethod
    def post_id(i: int) -> str:
        """The core's id of post ``i``."""
        return f"p{i}"


def unit_name(i: int, version: int) -> str:
    """Name of unit ``i`` after ``version`` renames."""
    return f"Unit {i}" if version == 0 else f"Unit {i} ({version + 1})"


class _Bag:
    """A set with O(1) add, remove and uniform random choice (deterministic order)."""

    def __init__(self) -> None:
        self.items: list[int] = []
        self.pos: dict[int, int] = {}

    def add(self, x: int) -> None:
        self.pos[x] = len(self.items)
        self.items.append(x)

    def remove(self, x: int) -> None:
        i = self.pos.pop(x)
        last = self.items.pop()
        if last != x:
            self.items[i] = last
            self.pos[last] = i

    def choice(self, rng: random.Random) -> int:
        return self.items[rng.randrange(len(self.items))]

    def __len__(self) -> int:
        return len(self.items)


def _split_budget(rng: random.Random, total: int, k: int) -> list[int]:
    """``total`` split into ``k`` positive random parts."""
    if k <= 1:
        return [total]
    cuts = sorted(rng.sample(range(1, total), k - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


class _Model:
    """The generator's own model of the organization, and the rows it writes."""

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
        self.alive_units = _Bag()
        #: (department, depth) -> units in force there: where a unit may move to.
        self.by_level: dict[tuple[int, int], _Bag] = {}
        #: the department (unit below the root) each unit is in; it never changes.
        self.dept: list[int] = []
        self.unit_rows = Rows()
        self.post_rows = Rows()
        self.uid: list[str] = []
        self.pid: list[str] = []
        self.day = START.toordinal()
        self.fdate = FuzzyDate.day(START)

    # ------------------------------------------------------------------ units
    def new_unit(self, parent: int, frozen: bool = False) -> int:
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
        self.by_level.setdefault((dept, d), _Bag()).add(i)
        return i

    def spec(self, i: int) -> UnitSpec:
        return UnitSpec(
            id=self.uid[i],
            name=unit_name(i, self.namev[i]),
            kind=_KINDS[min(self.depth[i], len(_KINDS) - 1)],
        )

    def _close_unit(self, u: int) -> None:
        """End the version of ``u`` in force, from today a new one holds."""
        self.unit_rows.add(u, self.parent[u], self.namev[u], 1, self.unit_start[u], self.day)
        self.unit_start[u] = self.day

    def set_parent(self, u: int, p: int) -> None:
        self._close_unit(u)
        del self.children[self.parent[u]][u]
        self.parent[u] = p
        self.children[p][u] = None

    def rename(self, u: int) -> None:
        self._close_unit(u)
        self.namev[u] += 1

    def retire(self, u: int) -> None:
        self._close_unit(u)
        self.unit_rows.add(u, -1, self.namev[u], 0, self.day, OPEN)
        self.alive[u] = False
        del self.children[self.parent[u]][u]
        self.alive_units.remove(u)
        self.by_level[(self.dept[u], self.depth[u])].remove(u)

    # ------------------------------------------------------------------ posts
    def new_post(self, unit: int, grade: int) -> int:
        j = len(self.post_unit)
        self.post_unit.append(unit)
        self.post_grade.append(grade)
        self.post_start.append(self.day)
        self.pid.append(f"p{j}")
        self.posts_of[unit][j] = None
        return j

    def move_post(self, j: int, unit: int) -> None:
        old = self.post_unit[j]
        self.post_rows.add(j, old, self.post_grade[j], 1, self.post_start[j], self.day)
        self.post_start[j] = self.day
        del self.posts_of[old][j]
        self.post_unit[j] = unit
        self.posts_of[unit][j] = None

    # ------------------------------------------------------------ operations
    def pick_unit(self) -> int:
        """A unit that may change: not the root, a department, the wide unit or its children."""
        while True:
            u = self.alive_units.choice(self.rng)
            if not self.frozen[u]:
                return u

    def op_move(self, u: int) -> Change | None:
        # Within its department, one level up: departments keep their size over the
        # years (a fifth of the organization stays a fifth) and depths never change.
        level = self.by_level[(self.dept[u], self.depth[u] - 1)]
        for _ in range(8):
            q = level.choice(self.rng)
            if q != self.parent[u] and not self.frozen_target(q):
                self.set_parent(u, q)
                return Move(date=self.fdate, node=self.uid[u], to=self.uid[q])
        return None

    def frozen_target(self, q: int) -> bool:
        # The wide unit keeps exactly its children, so it takes no new ones.
        return q == self.wide

    def op_merge(self, u: int) -> Change | None:
        siblings = [s for s in self.children[self.parent[u]] if s != u]
        if not siblings:
            return None
        into = siblings[self.rng.randrange(len(siblings))]
        # What reported to the merged unit, and its posts, go to the unit it merges into.
        for child in list(self.children[u]):
            self.set_parent(child, into)
        for j in list(self.posts_of[u]):
            self.move_post(j, into)
        self.retire(u)
        return Merge(date=self.fdate, units=(self.uid[u], self.uid[into]), into=self.uid[into])

    def op_split(self, u: int) -> Change:
        rng = self.rng
        keep = bool(self.children[u]) or rng.random() < 0.5
        posts = list(self.posts_of[u])
        rng.shuffle(posts)
        half = posts[: len(posts) // 2]
        if keep:
            new = self.new_unit(self.parent[u])
            moves = {self.pid[j]: self.uid[new] for j in half}
            for j in half:
                self.move_post(j, new)
            into = (self.spec(new),)
        else:
            first = self.new_unit(self.parent[u])
            second = self.new_unit(self.parent[u])
            moves = {self.pid[j]: self.uid[second] for j in half}
            for j in half:
                self.move_post(j, second)
            for j in list(self.posts_of[u]):
                self.move_post(j, first)
            self.retire(u)
            into = (self.spec(first), self.spec(second))
        return Split(date=self.fdate, unit=self.uid[u], into=into, keep=keep, moves=moves)

    def op_rename(self, u: int) -> Change:
        self.rename(u)
        return Rename(date=self.fdate, unit=self.uid[u], name=unit_name(u, self.namev[u]))

    def unit_change(self) -> tuple[str, Change]:
        while True:
            op = OPS[self.rng.randrange(len(OPS))]
            u = self.pick_unit()
            change = getattr(self, f"op_{op}")(u)
            if change is not None:
                return op, change

    def post_move(self) -> Change:
        rng = self.rng
        j = rng.randrange(len(self.post_unit))
        while True:
            unit = self.alive_units.choice(rng)
            if unit != self.post_unit[j]:
                break
        self.move_post(j, unit)
        return MovePost(date=self.fdate, post=self.pid[j], unit=self.uid[unit])

    def month(self, m: int, changes: list[Change], counts: dict[str, int], n: int, k: int) -> None:
        """Generate ``n`` unit changes and ``k`` post moves dated month ``m``."""
        self.set_day(month_day(m))
        for _ in range(n):
            op, change = self.unit_change()
            counts[op] = counts.get(op, 0) + 1
            changes.append(change)
        for _ in range(k):
            changes.append(self.post_move())
        counts["move-post"] = counts.get("move-post", 0) + k

    def set_day(self, day: dt.date) -> None:
        self.day = day.toordinal()
        self.fdate = FuzzyDate.day(day)

    # ----------------------------------------------------------------- build
    def build_tree(self) -> tuple[int, list[int], int]:
        """Root, departments and the wide unit with its children; branches to the depths."""
        size, rng = self.size, self.rng
        root = self.new_unit(-1, frozen=True)
        self.wide = -1
        wide = self.new_unit(root, frozen=True)
        self.wide = wide
        for _ in range(size.wide):
            self.new_unit(wide, frozen=True)
        rest = size.units - 2 - size.wide
        n_dept = max(3, min(40, size.units // 2500))
        # One department of about a fifth of the units and one of about 4%, so that
        # subtrees of those sizes exist; the rest share what is left at random.
        big = round(size.units * 0.21)
        mid = round(size.units * 0.042)
        budgets = [big, mid, *_split_budget(rng, rest - big - mid, n_dept - 2)]
        departments = []
        stack: list[tuple[int, int, int]] = []
        for budget in budgets:
            d = self.new_unit(root, frozen=True)
            departments.append(d)
            stack.append((d, budget - 1, rng.randint(*size.depth)))
        while stack:
            node, remaining, target = stack.pop()
            if remaining <= 0:
                continue
            levels = max(1, target - self.depth[node])
            branching = remaining ** (1.0 / levels)
            k = max(1, min(remaining, round(branching * rng.uniform(0.6, 1.4))))
            for part in _split_budget(rng, remaining, k):
                child = self.new_unit(node)
                stack.append((child, part - 1, target))
        return root, departments, wide

    def place_posts(self) -> None:
        size, rng = self.size, self.rng
        n = len(self.parent)
        weights = [rng.lognormvariate(0, 1) for _ in range(n)]
        homes = list(range(n)) + rng.choices(range(n), weights=weights, k=size.posts - n)
        grades = rng.choices(range(len(GRADES)), weights=_GRADE_WEIGHTS, k=size.posts)
        for unit, grade in zip(homes, grades, strict=True):
            self.new_post(unit, grade)

    def creations(self) -> list[Change]:
        """Create changes for every unit (parents first) and post, dated :data:`START`."""
        out: list[Change] = []
        for i in range(len(self.parent)):
            p = self.parent[i]
            parent = self.uid[p] if p >= 0 else None
            out.append(CreateUnit(date=self.fdate, unit=self.spec(i), parent=parent))
        for j, unit in enumerate(self.post_unit):
            out.append(
                CreatePost(
                    date=self.fdate,
                    post=self.pid[j],
                    title=f"Post {j}",
                    grade=GRADES[self.post_grade[j]],
                    unit=self.uid[unit],
                )
            )
        return out


@dataclass
class _State:
    """The generator's model as it stood when the record ended (before the plan)."""

    parent: list[int]
    namev: list[int]
    alive: list[bool]
    post_unit: list[int]
    unit_start: list[int]
    post_start: list[int]
    n_units: int

    @classmethod
    def of(cls, model: _Model) -> _State:
        return cls(
            list(model.parent),
            list(model.namev),
            list(model.alive),
            list(model.post_unit),
            list(model.unit_start),
            list(model.post_start),
            len(model.parent),
        )


def _plan_rows(model: _Model, day: int, before: _State) -> PlanRows:
    """The versions a plan ends on ``day`` and those it opens, from the models around it."""
    out = PlanRows(day)
    for u in range(len(model.parent)):
        existed = u < before.n_units and before.alive[u]
        same = existed and (
            model.alive[u]
            and model.parent[u] == before.parent[u]
            and model.namev[u] == before.namev[u]
        )
        if same or (not existed and not model.alive[u]):
            continue
        if existed:
            out.closed_units.append(u)
        if model.alive[u]:
            out.units.add(u, model.parent[u], model.namev[u], 1, day, OPEN)
        else:
            out.units.add(u, -1, model.namev[u], 0, day, OPEN)
    for j, unit in enumerate(model.post_unit):
        if unit != before.post_unit[j]:
            out.closed_posts.append(j)
            out.posts.add(j, unit, model.post_grade[j], 1, day, OPEN)
    return out


def _stochastic(x: float, rng: random.Random) -> int:
    """``x`` rounded up or down at random, so small sizes still change on average."""
    whole = int(x)
    return whole + (rng.random() < x - whole)


def generate(size: Size | str, seed: int = 1, progress=None) -> Organization:
    """Generate the organization of ``size`` (a :data:`SIZES` name or a :class:`Size`)."""
    if isinstance(size, str):
        size = SIZES[size]
    rng = random.Random(seed)
    model = _Model(size, rng)
    model.set_day(START)
    root, departments, wide = model.build_tree()
    model.place_posts()
    changes = model.creations()
    counts: dict[str, int] = {"create": size.units, "create-post": size.posts}
    days = [START]
    for m in range(1, size.months + 1):
        n = _stochastic(len(model.alive_units) * size.unit_churn, rng)
        k = _stochastic(size.posts * size.post_churn, rng)
        model.month(m, changes, counts, n, k)
        days.append(month_day(m))
        if progress is not None and m % 24 == 0:
            progress(f"generated {m} months, {len(changes):,} changes")

    # The record ends here: what is in force now stays in force (rows closed at OPEN).
    before = _State.of(model)
    unit_rows, post_rows = model.unit_rows, model.post_rows

    # The plan: the same kinds of change, on a day six months after the record ends.
    plan_day = month_day(size.months + 6)
    model.unit_rows, model.post_rows = Rows(), Rows()
    model.set_day(plan_day)
    plan_changes: list[Change] = []
    unit_share = size.plan_changes // 2
    plan_counts: dict[str, int] = {}
    model.month(
        size.months + 6, plan_changes, plan_counts, unit_share, size.plan_changes - unit_share
    )
    for i, change in enumerate(plan_changes, 1):
        change.id = f"plan-{i}"
    plan = Plan(
        id="bench-plan",
        title="Synthetic reorganization",
        effective=FuzzyDate.day(plan_day),
        status=PlanStatus.APPROVED,
        changes=plan_changes,
    )
    counts.update({f"plan {op}": c for op, c in plan_counts.items()})

    for u in range(before.n_units):
        if before.alive[u]:
            unit_rows.add(u, before.parent[u], before.namev[u], 1, before.unit_start[u], OPEN)
    for j, unit in enumerate(before.post_unit):
        post_rows.add(j, unit, model.post_grade[j], 1, before.post_start[j], OPEN)
    plan_rows = _plan_rows(model, plan_day.toordinal(), before)
    return Organization(
        size=size,
        seed=seed,
        changes=changes,
        plan=plan,
        days=days,
        unit_rows=unit_rows,
        post_rows=post_rows,
        plan_rows=plan_rows,
        n_units=len(model.parent),
        n_posts=len(model.post_unit),
        post_grade=model.post_grade,
        root=root,
        departments=departments,
        wide=wide,
        counts=counts,
    )
