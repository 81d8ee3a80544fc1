"""Who sits where at a date: a body's sessions, its bureau, the members and observers.

Dates follow the as-of rule of the structure (docs/dates.md): something dated by a
period (``2018``) has begun by the first day of that period, and ends on the first
day of its ``until`` period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import FuzzyDate
from .governance import Body, BureauOfficer, Membership, MemberStatus, Session
from .record import Record

BODIES = "bodies"
SESSIONS = "sessions"
BUREAU = "bureau"
MEMBERSHIP = "membership"


def _day(at: str | dt.date | FuzzyDate) -> dt.date:
    """A query date as a day: a period means its last day (as for snapshots)."""
    return FuzzyDate.parse(at).end


def in_force(since: FuzzyDate | None, until: FuzzyDate | None, day: dt.date) -> bool:
    """Whether a period [since, until) holds ``day``; a missing bound is open."""
    return (since is None or since.start <= day) and (until is None or day < until.start)


def sessions_of(record: Record, body: str) -> list[Session]:
    """The sessions of ``body``, in order of their dates (undated ones last, by number)."""
    found = [s for s in record.register(SESSIONS).values() if s.body == body]
    return sorted(found, key=_session_key)


def _session_key(s: Session) -> tuple[bool, dt.date, bool, int]:
    return (s.start is None, s.start.start if s.start else dt.date.max, s.special, s.number or 0)


def children_of(record: Record, body: str) -> list[Body]:
    """The bodies that belong to ``body`` (its committees)."""
    return [b for b in record.register(BODIES).values() if b.parent == body]


@dataclass(frozen=True)
class Term:
    """When a bureau officer held office, as far as the record tells."""

    officer: BureauOfficer
    since: FuzzyDate | None
    until: FuzzyDate | None


def term(record: Record, officer: BureauOfficer) -> Term:
    """The officer's term: ``since``/``until`` as written, else from the session that
    elected the bureau until the body's next session of the same kind begins."""
    since, until = officer.since, officer.until
    session = record.register(SESSIONS).get(officer.session) if officer.session else None
    if session is not None:
        if since is None:
            since = session.start
        if until is None:
            later = [
                s
                for s in sessions_of(record, officer.body)
                if s.special == session.special
                and s.start
                and session.start
                and s.start.start > session.start.end
            ]
            until = later[0].start if later else None
    return Term(officer, since, until)


def bureau_of(record: Record, body: str) -> list[Term]:
    """Every bureau officer of ``body`` the record holds, latest terms first."""
    terms = [term(record, o) for o in record.register(BUREAU).values() if o.body == body]
    return sorted(terms, key=lambda t: t.since.start if t.since else dt.date.min, reverse=True)


def bureau_at(record: Record, body: str, at: str | dt.date | FuzzyDate) -> list[Term]:
    """The bureau officers of ``body`` in office at ``at``, in the order written."""
    day = _day(at)
    officers = [o for o in record.register(BUREAU).values() if o.body == body]
    terms = [term(record, o) for o in officers]
    return [t for t in terms if t.since is not None and in_force(t.since, t.until, day)]


def members_at(
    record: Record, at: str | dt.date | FuzzyDate, status: MemberStatus | None = None
) -> list[Membership]:
    """The memberships (or observer statuses) in force at ``at``, by name of the State."""
    day = _day(at)
    found = [
        m
        for m in record.register(MEMBERSHIP).values()
        if in_force(m.since, m.until, day) and (status is None or m.status == status)
    ]
    return sorted(found, key=lambda m: m.state)


def joined_at_session(record: Record, session: str) -> list[Membership]:
    """The members and observers the record says a session admitted or welcomed."""
    return [m for m in record.register(MEMBERSHIP).values() if m.session == session]
