"""The generator's writer: effective-dated rows, the form the SQL, networkx and NumPy peers read.

Each version of a unit or post is one row holding [valid_from, valid_to). The model
(:mod:`bench.model`) appends a row whenever it ends a version; at the end of the record
:func:`close_record` writes the versions still in force, and :func:`plan_rows` writes
what a plan ends and opens by comparing the model before and after it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .sizes import OPEN

if TYPE_CHECKING:
    from .model import Model


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
class State:
    """The model as it stood when the record ended (before the plan)."""

    parent: list[int]
    namev: list[int]
    alive: list[bool]
    post_unit: list[int]
    unit_start: list[int]
    post_start: list[int]
    n_units: int

    @classmethod
    def of(cls, model: Model) -> State:
        """A copy of what the rows need from ``model``."""
        return cls(
            list(model.parent),
            list(model.namev),
            list(model.alive),
            list(model.post_unit),
            list(model.unit_start),
            list(model.post_start),
            len(model.parent),
        )


def close_record(units: Rows, posts: Rows, before: State, post_grade: array) -> None:
    """Write the versions in force when the record ended; they stay open (:data:`OPEN`)."""
    for u in range(before.n_units):
        if before.alive[u]:
            units.add(u, before.parent[u], before.namev[u], 1, before.unit_start[u], OPEN)
    for j, unit in enumerate(before.post_unit):
        posts.add(j, unit, post_grade[j], 1, before.post_start[j], OPEN)


def plan_rows(model: Model, day: int, before: State) -> PlanRows:
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
