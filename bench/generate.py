"""Synthetic organizations for the benchmarks, deterministic by seed.

An organization is a tree of units with posts spread over them (:mod:`bench.shape`),
then a number of months of changes (:mod:`bench.churn`): each month about 1% of units
move (to another parent one level up in the same department), merge into a sibling,
split or are renamed, and about 2% of posts move to another unit. After the record comes
a reorganization plan of 500 changes of the same kinds.

The generator keeps its own small model of the organization (:mod:`bench.model`) and
writes what each change does as *effective-dated rows* (:mod:`bench.rows`), which is
what the SQL, networkx and NumPy peers read. The core's change objects are generated
alongside; the benchmark asserts that folding them gives the same answers as the rows,
so the peers and the core are known to work on the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from array import array
from dataclasses import dataclass, field, replace

from organogram.core.changes import Change
from organogram.core.dates import FuzzyDate
from organogram.core.plans import Plan, PlanStatus

from .churn import Churn, stochastic
from .model import Model
from .rows import PlanRows, Rows, State, close_record, plan_rows
from .shape import build_tree, creations, place_posts
from .sizes import SIZES, START, Size, month_day


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


def generate(size: Size | str, seed: int = 1, progress=None) -> Organization:
    """Generate the organization of ``size`` (a :data:`SIZES` name or a :class:`Size`)."""
    if isinstance(size, str):
        size = SIZES[size]
    rng = random.Random(seed)
    model = Model(size, rng)
    model.set_day(START)
    root, departments, wide = build_tree(model)
    place_posts(model)
    changes = creations(model)
    churn = Churn(model)
    counts: dict[str, int] = {"create": size.units, "create-post": size.posts}
    days = [START]
    for m in range(1, size.months + 1):
        n = stochastic(len(model.alive_units) * size.unit_churn, rng)
        k = stochastic(size.posts * size.post_churn, rng)
        churn.month(m, changes, counts, n, k)
        days.append(month_day(m))
        if progress is not None and m % 24 == 0:
            progress(f"generated {m} months, {len(changes):,} changes")

    # The record ends here: what is in force now stays in force (rows closed at OPEN).
    before = State.of(model)
    unit_rows, post_rows = model.unit_rows, model.post_rows

    # The plan: the same kinds of change, on a day six months after the record ends.
    plan_day = month_day(size.months + 6)
    model.unit_rows, model.post_rows = Rows(), Rows()
    model.set_day(plan_day)
    plan_changes: list[Change] = []
    unit_share = size.plan_changes // 2
    plan_counts: dict[str, int] = {}
    churn.month(
        size.months + 6, plan_changes, plan_counts, unit_share, size.plan_changes - unit_share
    )
    plan_changes = [replace(c, id=f"plan-{i}") for i, c in enumerate(plan_changes, 1)]
    plan = Plan(
        id="bench-plan",
        title="Synthetic reorganization",
        effective=FuzzyDate.day(plan_day),
        status=PlanStatus.APPROVED,
        changes=plan_changes,
    )
    counts.update({f"plan {op}": c for op, c in plan_counts.items()})

    close_record(unit_rows, post_rows, before, model.post_grade)
    return Organization(
        size=size,
        seed=seed,
        changes=changes,
        plan=plan,
        days=days,
        unit_rows=unit_rows,
        post_rows=post_rows,
        plan_rows=plan_rows(model, plan_day.toordinal(), before),
        n_units=len(model.parent),
        n_posts=len(model.post_unit),
        post_grade=model.post_grade,
        root=root,
        departments=departments,
        wide=wide,
        counts=counts,
    )
