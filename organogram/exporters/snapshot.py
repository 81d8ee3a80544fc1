"""A record reduced to its structure on one date: what exists then, created on that day."""

from __future__ import annotations

import datetime as dt

from ..core.dates import FuzzyDate
from ..core.diff import diff
from ..core.record import Record
from ..core.timeline import Timeline


def record_at(record: Record, at: str | dt.date | FuzzyDate) -> Record:
    """A record whose only changes create the structure in force on ``at``, dated that day.

    People and sources are kept, and the claims about what is kept; plans and the
    history before are not.
    """
    snap = record.timeline.snapshot(at)
    changes = diff(record.timeline.empty(), snap.structure, date=FuzzyDate.day(snap.day))
    for n, change in enumerate(changes, 1):
        change.id = f"at-{snap.day.isoformat()}-{n}"
    s = snap.structure
    known = {*s.units, *s.posts, *record.people, *record.sources, record.organization.id}
    return Record(
        organization=record.organization,
        timeline=Timeline(changes, record.people),
        sources=dict(record.sources),
        people=dict(record.people),
        claims=[c for c in record.claims if c.subject in known],
    )
