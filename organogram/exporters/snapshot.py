"""A record reduced to its structure on one date: what exists then, created on that day.

What the record does not know stays unknown in the snapshot: a unit no source places is
created with its placement ``unknown``, a post a source says is vacant is declared vacant,
a holder the sources do not name stays unnamed, and what is only possibly in force on the
day (a change dated to a span that includes it) carries a note saying so and why
("possibly in force on 2020-06-30: possibly not yet in force: by June 2021 (rev:12)"),
with ``basis: inferred``: the snapshot does not know it was in force then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import replace

from ..core.certainty import POSSIBLE
from ..core.changes import Assign, Change, CreatePost, CreateUnit, Vacate
from ..core.dates import FuzzyDate
from ..core.diff import diff
from ..core.model import UNKNOWN_PLACE, Basis
from ..core.record import Record
from ..core.timeline import Snapshot, Timeline


def record_at(
    record: Record, at: str | dt.date | FuzzyDate, nodes: Collection[str] | None = None
) -> Record:
    """A record whose only changes create the structure in force on ``at``, dated that day.

    People and sources are kept, and the claims about what is kept; plans and the
    history before are not. ``nodes`` keeps only those units and posts (a subtree):
    lines to nodes left out are dropped, and the subtree's top reports to no one.
    """
    snap = record.timeline.snapshot(at)
    day = FuzzyDate.day(snap.day)
    changes = _as_known(diff(record.timeline.empty(), snap.structure, date=day), snap)
    people = dict(record.people)
    if nodes is not None:
        changes = _within(changes, frozenset(nodes))
        held = {c.person for c in changes if isinstance(c, Assign)}
        people = {k: p for k, p in people.items() if k in held}
    changes = [replace(c, id=f"at-{snap.day.isoformat()}-{n}") for n, c in enumerate(changes, 1)]
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


def _as_known(changes: list[Change], snap: Snapshot) -> list[Change]:
    """The creations of ``snap``'s structure, saying what is not known of it: unknown
    placements, vacancies a source states, and what is only possibly in force (noted)."""
    s, certainty = snap.structure, snap.certainty
    out: list[Change] = []
    for c in changes:
        node = next(iter(c.subjects()), "")
        if isinstance(c, CreateUnit) and c.unit.id in s.unplaced:
            c = replace(c, parent=UNKNOWN_PLACE)
        elif isinstance(c, CreatePost) and c.post in s.unplaced:
            c = replace(c, reports_to=UNKNOWN_PLACE)
        if isinstance(c, (CreateUnit, CreatePost)) and certainty.status(s, node) == POSSIBLE:
            c = _noted(c, snap, node)
        elif isinstance(c, Assign) and (c.post, c.person) in certainty.holders_possible:
            why = certainty.holders_possible[(c.post, c.person)]
            c = replace(
                c,
                basis=Basis.INFERRED,
                note=f"possibly holding on {snap.day.isoformat()}: {why.date.describe()}"
                + (f" ({', '.join(str(x) for x in why.cites)})" if why.cites else ""),
            )
        out.append(c)
    out += [Vacate(date=FuzzyDate.day(snap.day), post=p) for p in sorted(s.vacant) if p in s.posts]
    return out


def _noted(c: Change, snap: Snapshot, node: str) -> Change:
    why = "; ".join(p.describe() for p in snap.certainty.reasons(node))
    note = f"possibly in force on {snap.day.isoformat()}: {why}"
    return replace(c, basis=Basis.INFERRED, note=note)
