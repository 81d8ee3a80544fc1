"""What an export holds: the structure on a day, a unit's subtree, or a plan's result,
with or without the names of post holders.

The pages' downloads and ``organogram export-as`` ask the same question, so the
answer is worked out here once and every exporter gets it: a :class:`Selection`, whose
record has the plan's changes in its timeline (for a plan's result) and no personal
data (for a reader who may not see it), and the nodes to keep (for a subtree).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import MISSING, dataclass, fields, replace
from typing import Any

from ..core.changes import Assign, Vacate
from ..core.dates import FuzzyDate, as_of
from ..core.errors import NotFound
from ..core.plans.branch import plan_timeline
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Timeline
from .structure import absent_reason
from .unit import is_personal


@dataclass(frozen=True)
class Selection:
    """The record an export reads, the day it is about, and the nodes it keeps."""

    record: Record
    day: dt.date
    #: the unit or senior post whose subtree is selected (None: the whole structure).
    unit: str | None = None
    #: the plan whose result is selected (its changes are in ``record``'s timeline).
    plan: str | None = None
    #: units and posts kept (None: all); for a subtree, those under ``unit`` on ``day``.
    nodes: frozenset[str] | None = None
    #: whether the names of post holders are in ``record``.
    people: bool = True

    @property
    def slug(self) -> str:
        """A name for files: organization, day, and the unit or plan if any."""
        parts = [self.record.organization.id, self.day.isoformat()]
        if self.plan:
            parts.append(f"plan-{self.plan}")
        if self.unit:
            parts.append(self.unit)
        return "-".join(parts)


def without_people(record: Record) -> Record:
    """``record`` without the names of post holders: no people, assignments or personal claims.

    What is left is what a reader who may not see personal data sees on the pages:
    posts without holders, and register entries without their personal fields.
    """
    changes = [c for c in record.timeline.changes if not isinstance(c, (Assign, Vacate))]
    return replace(
        record,
        timeline=Timeline(changes, {}),
        people={},
        claims=[c for c in record.claims if not is_personal(c, record)],
        plans={
            pid: p.copy(changes=[c for c in p.changes if not isinstance(c, (Assign, Vacate))])
            for pid, p in record.plans.items()
        },
        registers={
            section: _impersonal(section, entries) for section, entries in record.registers.items()
        },
    )


def _impersonal(section: str, entries: dict[str, Any]) -> dict[str, Any]:
    """A register's entries with their personal fields blank (their defaults).

    An entry that cannot be without them (a nomination names its candidate, as text or
    as a person) is left out.
    """
    from ..formats.registers import BY_SECTION

    register = BY_SECTION.get(section)
    if register is None or not register.personal:
        return dict(entries)
    blank: dict[str, Any] = {}
    required: list[str] = []
    for f in fields(register.cls):
        if f.name not in register.personal:
            continue
        if f.default is not MISSING:
            blank[f.name] = f.default
        elif f.default_factory is not MISSING:
            blank[f.name] = f.default_factory()
        else:
            required.append(f.name)
    if required:
        return {}
    out: dict[str, Any] = {}
    for key, entry in entries.items():
        try:
            out[key] = replace(entry, **blank)
        except ValueError:
            continue
    return out


def subtree_nodes(s: Structure, node: str) -> frozenset[str]:
    """``node``, the units and senior posts under it, and the posts in or under them."""
    tree = s.subtree(node)
    keep = set(tree)
    for n in tree:
        if n in s.units:
            keep.update(s.post_ids(n))
        keep.update(s.reporting_to(n))
    return frozenset(keep)


def select(
    record: Record,
    at: str | dt.date | FuzzyDate | None = None,
    *,
    unit: str | None = None,
    plan: str | None = None,
    people: bool = True,
) -> Selection:
    """The selection of ``record`` on ``at`` (default today; for a plan, its effective date).

    ``plan``: the structure after the plan's changes (an enacted plan's are in the
    record already); the result holds no plans. ``unit``: only the subtree under it on
    that day (NotFound when it is not in force then). ``people`` False leaves out every
    name of a post holder.
    """
    if plan is not None:
        p = record.plan(plan)
        at = at if at is not None else p.effective
        record = replace(record, timeline=plan_timeline(record.timeline, p), plans={})
    day = as_of(at if at is not None else "today")
    if not people:
        record = without_people(record)
    nodes = None
    if unit is not None:
        s = record.timeline.snapshot(day).structure
        if not s.is_node(unit):
            raise NotFound(absent_reason(record, s, unit, day.isoformat()))
        nodes = subtree_nodes(s, unit)
    return Selection(record, day, unit, plan, nodes, people)
