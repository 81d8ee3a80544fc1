"""A record reduced to its structure on one date: what exists then, created on that day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import replace

from ..core.changes import Assign, Change, CreatePost, CreateUnit
from ..core.dates import FuzzyDate
from ..core.diff import diff
from ..core.record import Record
from ..core.timeline import Timeline


def record_at(
    record: Record, at: str | dt.date | FuzzyDate, nodes: Collection[str] | None = None
) -> Record:
    """A record whose only changes create the structure in force on ``at``, dated that day.

    People and sources are kept, and the claims about what is kept; plans and the
    history before are not. ``nodes`` keeps only those units and posts (a subtree):
    lines to nodes left out are dropped, and the subtree's top reports to no one.
    """
    snap = record.timeline.snapshot(at)
    changes = diff(record.timeline.empty(), snap.structure, date=FuzzyDate.day(snap.day))
    people = dict(record.people)
    if nodes is not None:
        changes = _within(changes, frozenset(nodes))
        held = {c.person for c in changes if isinstance(c, Assign)}
        people = {k: p for k, p in people.items() if k in held}
    for n, change in enumerate(changes, 1):
        change.id = f"at-{snap.day.isoformat()}-{n}"
    s = snap.structure
    kept = nodes if nodes is not None else {*s.units, *s.posts, record.organization.id}
    known = {*kept, *people, *record.sources}
    return Record(
        organization=record.organization,
        timeline=Timeline(changes, people),
        sources=dict(record.sources),
        people=people,
        claims=[c for c in record.claims if c.subject in known],
    )


def _within(changes: list[Change], nodes: frozenset[str]) -> list[Change]:
    """The changes about ``nodes`` only; references to nodes outside them taken away."""
    out: list[Change] = []
    for c in changes:
        if not c.subjects() <= nodes:
            continue
        if isinstance(c, CreateUnit) and c.parent not in nodes:
            c = replace(c, parent=None)
        elif isinstance(c, CreatePost):
            if c.unit not in nodes:
                c = replace(c, unit=None)
            if c.reports_to not in nodes:
                c = replace(c, reports_to=None)
        if c.needs() <= nodes:
            out.append(c)
    return out
