"""Bringing a record held in memory up to a newer revision from what the writes did.

Every write leaves a :class:`~organogram.registry.models.Step` with its revision: the
changes it added to the timeline, and whether it wrote anything but those, register
entries, plans or sources. A process holding the record of revision N that sees revision M
reads the steps from N to M; when they follow on from the revision it holds (the same
stamps) and are all of those kinds, it reads only the rows they name (and the entries, the
plans or the sources, when a step wrote them) and makes the new record from the one it holds.
Otherwise — a load, a database replaced or restored, steps already pruned — it returns
None and the caller rebuilds from every row, as before.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..core.plans import PlanStatus
from . import models as m
from .convert import load_plans, load_registers, load_sources, row_change

if TYPE_CHECKING:
    from .store import State

#: Steps kept behind the newest; a reader further behind rebuilds.
KEEP = 1_000

#: The kinds of step a reader catches up over; any other (a load) makes it rebuild.
_CAUGHT_UP = frozenset(
    {m.Step.Kind.CHANGES, m.Step.Kind.ENTRIES, m.Step.Kind.PLANS, m.Step.Kind.SOURCES}
)


def write_step(
    number: int, stamp: str, kind: str = m.Step.Kind.OTHER, changes: list[str] | None = None
) -> None:
    """Leave the step of revision ``number`` (inside the write's transaction)."""
    m.Step.objects.create(number=number, stamp=stamp, kind=kind, changes=list(changes or []))
    m.Step.objects.filter(number__lt=number - KEEP).delete()


def caught_up(held: State, number: int, stamp: str) -> State | None:
    """``held`` brought up to revision ``number`` (``stamp``), or None when it cannot be."""
    if number <= held.revision or number - held.revision > KEEP:
        return None
    steps = list(
        m.Step.objects.filter(number__gte=held.revision, number__lte=number).order_by("number")
    )
    if (
        len(steps) != number - held.revision + 1
        or steps[0].stamp != held.stamp
        or steps[-1].stamp != stamp
    ):
        return None
    kinds = {s.kind for s in steps[1:]}
    if not kinds <= _CAUGHT_UP:
        return None
    record, sequences = held.record, held.sequences
    ids = [i for s in steps[1:] for i in s.changes]
    if ids:
        rows = sorted(m.Change.objects.filter(pk__in=ids), key=lambda r: r.sequence)
        planned = {r.plan_id for r in rows if r.plan_id is not None}
        enacted = set(
            m.Plan.objects.filter(pk__in=planned, status=str(PlanStatus.ENACTED)).values_list(
                "pk", flat=True
            )
        )
        if len(rows) != len(set(ids)) or planned - enacted:
            return None  # rows taken out, or no longer in the timeline: not appends any more
        # The rows are the newest (their sequences follow every row held): the timeline
        # made from every row is the one held with them added, in their order.
        timeline = record.timeline.with_changes([row_change(r) for r in rows])
        record = replace(record, timeline=timeline)
        sequences = {**sequences, **{r.id: r.sequence for r in rows}}
    if m.Step.Kind.PLANS in kinds:
        loaded = load_plans(record.timeline)
        if loaded is None:
            return None
        plans, planned = loaded
        before = {c.id for p in record.plans.values() for c in p.changes}
        kept = {k: v for k, v in sequences.items() if k not in before or k in planned}
        record = replace(record, plans=plans)
        sequences = {**kept, **planned}
    if m.Step.Kind.ENTRIES in kinds:
        record = replace(record, registers=load_registers())
    sourced = m.Step.Kind.SOURCES in kinds
    if sourced:
        # Sources are few: read them all again. The changes told in sentences name their
        # sources, so what was derived before is not passed on.
        record = replace(record, sources=load_sources())
    return held.following(number, record, sequences, stamp, derived=not sourced)
