"""Who sits where at a date: a body's sessions, its bureau, the members and observers.

Dates follow the as-of rule of the structure (docs/dates.md): something dated by a
period (``2018``) has begun by the first day of that period, and ends on the first
day of its ``until`` period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

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


class Standing(StrEnum):
    """A bureau officer at a date: in office, possibly in office (the dates allow both,
    or the record does not tell), or not in office."""

    IN_OFFICE = "in-office"
    POSSIBLY = "possibly"
    OUT = "not-in-office"


@dataclass(frozen=True)
class Term:
    """When a bureau officer held office, as far as the record tells.

    The term began some day of ``since`` (None: not recorded) and ended some day of
    ``until`` (None: no end recorded). ``elected_at`` and ``ended_at`` are the sessions
    that began and ended it, where one did (a next session whose date is not recorded
    ends a term without an ``until``). A term with no end recorded is *open*: the
    officer was in office at least until ``known_until``, the latest date the sources
    support (the electing session's, or that of a later source cited about the officer),
    and what came after is not recorded.
    """

    officer: BureauOfficer
    since: FuzzyDate | None
    until: FuzzyDate | None
    elected_at: Session | None = None
    ended_at: Session | None = None
    known_until: FuzzyDate | None = None

    @property
    def open(self) -> bool:
        """No end recorded: neither a date nor a later session of the body."""
        return self.until is None and self.ended_at is None

    def standing(self, at: str | dt.date | FuzzyDate) -> tuple[Standing, str]:
        """Whether the officer was in office at ``at`` (a period: its last day), and why
        not certainly. A day inside a period the term began or ended in is *possibly*:
        the session's day is not recorded."""
        day = _day(at)
        why: list[str] = []
        if self.since is None:
            why.append("since when is not recorded")
        elif day < self.since.start:
            return Standing.OUT, f"not yet in office (from {self.since})"
        elif day < self.since.end:
            why.append(f"took office during {self.since}, on a day not recorded")
        if self.until is not None:
            if day >= self.until.end:
                return Standing.OUT, f"the term ended {self.until}"
            if day >= self.until.start:
                why.append(f"the term ended during {self.until}, on a day not recorded")
        elif self.known_until is None or day > self.known_until.end:
            if self.ended_at is not None:
                why.append("the date of the session that ended the term is not recorded")
            else:
                d = self.known_until
                why.append(
                    f"in office at least until {d.moment()}; later not recorded"
                    if d
                    else "no date of the term is recorded"
                )
        return (Standing.POSSIBLY, "; ".join(why)) if why else (Standing.IN_OFFICE, "")


def _next_session(record: Record, session: Session) -> Session | None:
    """The body's next recorded session of the same kind (regular or special) after
    ``session``: by number where both are numbered, else by date."""

    def later(s: Session) -> bool:
        if s.id == session.id or s.special != session.special:
            return False
        if s.number is not None and session.number is not None:
            return s.number > session.number
        return bool(s.start and session.start and s.start.start > session.start.end)

    found = [s for s in sessions_of(record, session.body) if later(s)]
    return min(found, key=lambda s: (s.number or 0, _session_key(s))) if found else None


def _supported_until(
    record: Record, officer: BureauOfficer, dates: list[FuzzyDate]
) -> FuzzyDate | None:
    """The latest of ``dates`` and of the sources the officer cites: the date up to which
    the record shows the officer in office."""
    for cite in officer.cite:
        source = record.sources.get(cite.source)
        if source is not None and source.date is not None:
            dates.append(source.date)
    return max(dates, key=lambda d: (d.end, d.start)) if dates else None


def term(record: Record, officer: BureauOfficer) -> Term:
    """The officer's term: ``since``/``until`` as written, else from the session that
    elected the bureau until the body's next recorded session of the same kind (or the
    session the officer was outgoing at) begins; open when neither is recorded."""
    sessions = record.register(SESSIONS)
    elected = sessions.get(officer.session) if officer.session else None
    ended = sessions.get(officer.outgoing_at) if officer.outgoing_at else None
    since, until = officer.since, officer.until
    if elected is not None and since is None:
        since = elected.start
    if ended is None and until is None and elected is not None:
        ended = _next_session(record, elected)
    if ended is not None and until is None:
        until = ended.start
    known = None
    if until is None:
        dates = [d for d in (since, elected and elected.end, elected and elected.start) if d]
        known = _supported_until(record, officer, dates)
    return Term(officer, since, until, elected, ended, known)


def _term_key(t: Term) -> dt.date:
    """When a term began, or (not recorded) the day before it ended, for ordering."""
    if t.since is not None:
        return t.since.start
    if t.until is not None and t.until.start > dt.date.min:
        return t.until.start - dt.timedelta(days=1)
    return dt.date.min


def bureau_of(record: Record, body: str) -> list[Term]:
    """Every bureau officer of ``body`` the record holds, latest terms first."""
    terms = [term(record, o) for o in record.register(BUREAU).values() if o.body == body]
    return sorted(terms, key=_term_key, reverse=True)


def bureau_at(record: Record, body: str, at: str | dt.date | FuzzyDate) -> list[Term]:
    """The bureau officers of ``body`` in office, or possibly in office, at ``at`` (in
    the order written); :meth:`Term.standing` tells which."""
    day = _day(at)
    officers = [o for o in record.register(BUREAU).values() if o.body == body]
    terms = [term(record, o) for o in officers]
    return [t for t in terms if t.standing(day)[0] is not Standing.OUT]


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
