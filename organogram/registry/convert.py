"""Rows to a core Record and a Record to rows, through the dataset format's codec.

Changes go through :mod:`organogram.formats.codec`, the same field tables and checks
as a dataset file. A change of an enacted plan is one object shared by the timeline
and the plan, as the loader makes it, so the writer knows not to write it twice.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from ..core.changes import Change
from ..core.dates import FuzzyDate
from ..core.model import Basis, Citation
from ..core.model import Claim as CoreClaim
from ..core.model import Organization as CoreOrganization
from ..core.model import Person as CorePerson
from ..core.model import Source as CoreSource
from ..core.plans import Phase, PlanStatus, StatusEvent
from ..core.plans import Plan as CorePlan
from ..core.record import Record
from ..core.timeline import Timeline
from ..formats.codec import change_from_dict, change_to_dict, split_common
from ..formats.register import entry_from_dict, entry_to_dict
from ..formats.registers import ALL as REGISTERS
from ..formats.registers import BY_SECTION
from ..formats.source_entry import passages_from_data, passages_to_data
from . import models as m


@dataclass
class Rows:
    """Unsaved rows of a whole record, ready for bulk insertion in this order."""

    organization: m.Organization
    sources: list[m.Source] = field(default_factory=list)
    people: list[m.Person] = field(default_factory=list)
    plans: list[m.Plan] = field(default_factory=list)
    events: list[m.PlanEvent] = field(default_factory=list)
    changes: list[m.Change] = field(default_factory=list)
    claims: list[m.Claim] = field(default_factory=list)
    entries: list[m.Entry] = field(default_factory=list)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def change_row(
    change: Change, sequence: int, plan: CorePlan | None = None, position: int | None = None
) -> m.Change:
    """The row of one change (unsaved)."""
    common, params = split_common(change_to_dict(change))
    cites = common.get("cite", [])
    return m.Change(
        id=change.id,
        sequence=sequence,
        op=change.op,
        date=str(change.date),
        params=params,
        cites=[cites] if isinstance(cites, str) else cites,
        reason=change.reason,
        basis=str(change.basis),
        note=change.note,
        recorded_by=change.recorded_by,
        recorded_at=change.recorded_at.isoformat() if change.recorded_at else "",
        plan_id=plan.id if plan else None,
        position=position,
        phase=plan.phase_of.get(change.id, "") if plan else "",
    )


def record_rows(record: Record) -> Rows:
    """Every row of ``record``; timeline changes numbered in the order they apply."""
    organization, tables = record_tables(record)
    rows = Rows(organization)
    for table in tables:
        getattr(rows, table.name).extend(table.rows)
    return rows


@dataclass
class Table:
    """The rows of one table of a record, made only as they are iterated (once)."""

    #: the field of :class:`Rows` they go in.
    name: str
    model: type[models.Model]
    #: how many there are.
    count: int
    rows: Iterator[models.Model]


def record_tables(record: Record) -> tuple[m.Organization, list[Table]]:
    """The organization's row and every other row of ``record``, table by table in the
    order they are inserted, each row made when it is asked for: a whole record's rows
    are never all in memory at once (millions of changes make gigabytes of rows)."""
    org = record.organization
    organization = m.Organization(
        key=org.id,
        name=org.name,
        description=org.description,
        sources=list(org.sources),
        assignments_complete_from=str(org.assignments_complete_from or ""),
    )
    plans = list(record.plans.values())
    plan_of: dict[Change, tuple[CorePlan, int]] = {
        c: (plan, j) for plan in plans for j, c in enumerate(plan.changes)
    }
    # A change of an enacted plan is in the timeline too: written once, in its place.
    enacted = {c for c in record.timeline.changes if c in plan_of}
    pending = sum(1 for plan in plans for c in plan.changes if c not in enacted)
    registers = [
        (r.section, key, i, entry)
        for r in REGISTERS
        for i, (key, entry) in enumerate(record.register(r.section).items())
    ]
    tables = [
        Table("sources", m.Source, len(record.sources), _sources(record)),
        Table("people", m.Person, len(record.people), _people(record)),
        Table("plans", m.Plan, len(plans), map(plan_row, plans, itertools.count())),
        Table("events", m.PlanEvent, sum(len(p.events) for p in plans), _events(plans)),
        Table(
            "changes",
            m.Change,
            len(record.timeline.changes) + pending,
            _changes(record, plan_of, enacted),
        ),
        Table("claims", m.Claim, len(record.claims), _claims(record)),
        Table("entries", m.Entry, len(registers), itertools.starmap(entry_row, registers)),
    ]
    return organization, tables


def _sources(record: Record) -> Iterator[m.Source]:
    for i, s in enumerate(record.sources.values()):
        yield source_row(s, i)


def _people(record: Record) -> Iterator[m.Person]:
    for i, p in enumerate(record.people.values()):
        yield m.Person(id=p.id, position=i, name=p.name, note=p.note, contact=p.contact, cv=p.cv)


def plan_row(plan: CorePlan, position: int) -> m.Plan:
    """The row of one plan, without its changes and events (unsaved)."""
    return m.Plan(
        id=plan.id,
        position=position,
        title=plan.title,
        status=str(plan.status),
        effective=str(plan.effective),
        description=plan.description,
        drafted_at=plan.drafted_at.isoformat() if plan.drafted_at else "",
        documents=list(plan.documents),
        phases=[
            {"id": ph.id, "title": ph.title, "effective": str(ph.effective)} for ph in plan.phases
        ],
    )


def _events(plans: list[CorePlan]) -> Iterator[m.PlanEvent]:
    for plan in plans:
        for j, e in enumerate(plan.events):
            yield m.PlanEvent(
                plan_id=plan.id,
                position=j,
                status=str(e.status),
                at=str(e.at),
                by=e.by,
                note=e.note,
            )


def _changes(
    record: Record, plan_of: dict[Change, tuple[CorePlan, int]], enacted: set[Change]
) -> Iterator[m.Change]:
    """The timeline's changes numbered in the order they apply (those of ``enacted``
    plans with their plan), then the changes of the plans not enacted."""
    sequence = 0
    for c in record.timeline.changes:
        sequence += 1
        plan, j = plan_of.get(c, (None, None))
        yield change_row(c, sequence, plan, j)
    for plan in record.plans.values():
        for j, c in enumerate(plan.changes):
            if c not in enacted:
                sequence += 1
                yield change_row(c, sequence, plan, j)


def _claims(record: Record) -> Iterator[m.Claim]:
    for i, cl in enumerate(record.claims):
        yield m.Claim(
            position=i,
            subject=cl.subject,
            field=cl.field,
            value=cl.value,
            cite=str(cl.citation),
            basis=str(cl.basis),
            note=cl.note,
        )


def source_row(source: CoreSource, position: int) -> m.Source:
    """The row of one source (unsaved)."""
    return m.Source(
        id=source.id,
        position=position,
        title=source.title,
        symbol=source.symbol,
        body=source.body,
        session=source.session,
        date=_text(source.date),
        language=source.language,
        file=source.file,
        url=source.url,
        cites=list(source.cites),
        note=source.note,
        passages=passages_to_data(source.passages),
    )


def load_sources() -> dict[str, CoreSource]:
    """Source id -> source, in the order written."""
    return {
        s.id: CoreSource(
            id=s.id,
            title=s.title,
            symbol=s.symbol,
            body=s.body,
            session=s.session,
            date=_date(s.date),
            language=s.language,
            file=s.file,
            url=s.url,
            cites=tuple(s.cites),
            note=s.note,
            passages=passages_from_data(s.passages),
        )
        for s in m.Source.objects.all()
    }


def entry_row(section: str, key: str, position: int, entry: Any) -> m.Entry:
    """The row of one register entry (unsaved)."""
    data = entry_to_dict(BY_SECTION[section], entry)
    return m.Entry(register=section, key=key, position=position, data=data)


def load_registers() -> dict[str, dict[str, Any]]:
    """Register section -> key -> entry, read back through each register's fields."""
    out: dict[str, dict[str, Any]] = {r.section: {} for r in REGISTERS}
    for row in m.Entry.objects.all():
        register = BY_SECTION.get(row.register)
        if register is None:
            continue  # a register this version no longer knows: kept in the table, unused
        entry, _refs = entry_from_dict(register, row.data)
        out[row.register][row.key] = entry
    return out


def row_change(row: m.Change) -> Change:
    """The core change of a row."""
    data: dict[str, object] = {"op": row.op, "id": row.id, "date": row.date, **row.params}
    if row.cites:
        data["cite"] = row.cites
    for name in ("reason", "note", "recorded_by", "recorded_at"):
        if getattr(row, name):
            data[name] = getattr(row, name)
    if row.basis != Basis.STATED:
        data["basis"] = row.basis
    return change_from_dict(data)


def _moment(text: str) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def _date(text: str) -> FuzzyDate | None:
    return FuzzyDate.parse(text) if text else None


def _plans() -> dict[str, CorePlan]:
    """Every plan with its status events, without its changes."""
    events: dict[str, list[StatusEvent]] = defaultdict(list)
    for e in m.PlanEvent.objects.all():
        events[e.plan_id].append(
            StatusEvent(PlanStatus(e.status), FuzzyDate.parse(e.at), e.by, e.note)
        )
    return {
        p.id: CorePlan(
            id=p.id,
            title=p.title,
            effective=FuzzyDate.parse(p.effective),
            status=PlanStatus(p.status),
            description=p.description,
            drafted_at=_moment(p.drafted_at),
            documents=tuple(p.documents),
            phases=tuple(
                Phase(ph["id"], ph["title"], FuzzyDate.parse(ph["effective"])) for ph in p.phases
            ),
            events=events.get(p.id, []),
        )
        for p in m.Plan.objects.all()
    }


#: (position in its plan, plan id, change, phase) of one change of a plan.
_InPlan = tuple[int, str, Change, str]


def _attach(plans: dict[str, CorePlan], in_plans: list[_InPlan]) -> None:
    """Give each plan its changes, in their order within it."""
    for _, plan_id, change, phase in sorted(in_plans, key=lambda t: t[0]):
        plans[plan_id].changes.append(change)
        if phase:
            plans[plan_id].phase_of[change.id] = phase


def load_record() -> tuple[Record, dict[str, int]] | None:
    """The record held in the database and change id -> sequence; None when empty."""
    org = m.Organization.objects.first()
    if org is None:
        return None
    sources = load_sources()
    people = {
        p.id: CorePerson(p.id, p.name, p.note, p.contact, p.cv) for p in m.Person.objects.all()
    }
    plans = _plans()
    timeline: list[Change] = []
    in_plans: list[_InPlan] = []
    sequences: dict[str, int] = {}
    for row in m.Change.objects.all():
        change = row_change(row)
        sequences[row.id] = row.sequence
        plan = plans.get(row.plan_id) if row.plan_id else None
        if plan is None or plan.status is PlanStatus.ENACTED:
            timeline.append(change)
        if plan is not None:
            in_plans.append((row.position or 0, plan.id, change, row.phase))
    _attach(plans, in_plans)
    claims = [
        CoreClaim(c.subject, c.field, c.value, Citation.parse(c.cite), Basis(c.basis), c.note)
        for c in m.Claim.objects.all()
    ]
    record = Record(
        organization=CoreOrganization(
            org.key,
            org.name,
            org.description,
            tuple(org.sources),
            FuzzyDate.parse(org.assignments_complete_from)
            if org.assignments_complete_from
            else None,
        ),
        timeline=Timeline(timeline, people),
        sources=sources,
        people=people,
        claims=claims,
        plans=plans,
        registers=load_registers(),
    )
    return record, sequences


def load_plans(timeline: Timeline) -> tuple[dict[str, CorePlan], dict[str, int]] | None:
    """The plans held in the database, for a record whose timeline is ``timeline``, and
    change id -> sequence of their changes; None when they do not fit the timeline.

    As :func:`load_record` makes them: an enacted plan's changes are the timeline's own
    objects (the same rows made both). None when one of them is not in ``timeline``, or
    a change of a plan not enacted is: the timeline is then not the one of these rows.
    """
    plans = _plans()
    in_plans: list[_InPlan] = []
    sequences: dict[str, int] = {}
    for row in m.Change.objects.filter(plan__isnull=False):
        plan = plans[row.plan_id]
        held = timeline.get(row.id)
        if plan.status is PlanStatus.ENACTED:
            if held is None:
                return None
            change = held
        else:
            if held is not None:
                return None
            change = row_change(row)
        sequences[row.id] = row.sequence
        in_plans.append((row.position or 0, plan.id, change, row.phase))
    _attach(plans, in_plans)
    return plans, sequences
