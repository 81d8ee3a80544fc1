"""Governing bodies: the councils and committees an organization answers to, their
sessions and bureaux, and the States and others that are members or observers.

These are register entries (see docs/governance.md): plain values checked on their
own here; what they say at a given date is worked out in :mod:`.membership`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .dates import FuzzyDate
from .model import Citation


def _check_period(what: str, since: FuzzyDate | None, until: FuzzyDate | None) -> None:
    """Refuse a period that ends before it starts."""
    if since and until and until.end < since.start:
        raise ValueError(f"{what} ends ({until}) before it starts ({since})")


@dataclass(frozen=True, slots=True)
class Body:
    """A governing body (a council, a standing committee…), possibly part of another."""

    id: str
    name: str
    abbreviation: str = ""
    kind: str = ""
    #: the body this one reports to or belongs to (a committee of the council), if any.
    parent: str | None = None
    established: FuzzyDate | None = None
    ended: FuzzyDate | None = None
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        if self.parent == self.id:
            raise ValueError(f"body {self.id!r} cannot be part of itself")
        if self.established and self.ended and self.ended.end < self.established.start:
            raise ValueError(f"body {self.id!r} ends ({self.ended}) before it is established")

    @property
    def short(self) -> str:
        """The abbreviation when there is one, else the name."""
        return self.abbreviation or self.name


@dataclass(frozen=True, slots=True)
class Session:
    """A numbered meeting of a body (the 109th session of the Council), with its dates.

    ``number`` counts the body's regular sessions, or its special sessions when
    ``special`` is set: bodies number the two apart (C/109 and C/Sp/4).
    """

    id: str
    body: str
    number: int | None = None
    special: bool = False
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None
    place: str = ""
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        if self.number is not None and self.number < 1:
            raise ValueError(f"session {self.id!r}: a session number counts from 1")
        _check_period(f"session {self.id!r}", self.start, self.end)

    def title(self, body: Body | None = None) -> str:
        """ "109th session of the Council", "4th special session", or the id."""
        if self.number is None:
            head = f"session {self.id}"
        else:
            head = f"{ordinal(self.number)} {'special ' if self.special else ''}session"
        return f"{head} of the {body.name}" if body else head


def ordinal(n: int) -> str:
    """``109`` -> ``109th``, ``1`` -> ``1st``, ``12`` -> ``12th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True, slots=True)
class BureauOfficer:
    """A State's representative holding an office of a body's bureau.

    The office runs from the session that elected the bureau (``session``) until the
    bureau elected at the body's next recorded session takes over, unless ``since`` and
    ``until`` say otherwise. ``outgoing_at`` is the session at which the officer's term
    ended (an outgoing Chairperson thanked there), for an officer known only from it.
    """

    id: str
    body: str
    role: str
    state: str
    session: str | None = None
    since: FuzzyDate | None = None
    until: FuzzyDate | None = None
    name: str = ""
    cite: tuple[Citation, ...] = ()
    note: str = ""
    outgoing_at: str | None = None

    def __post_init__(self) -> None:
        if not (self.session or self.outgoing_at or self.since or self.until):
            raise ValueError(
                f"bureau officer {self.id!r}: give the session that elected the bureau, "
                "the session it was outgoing at, or since / until"
            )
        if self.outgoing_at and self.until:
            raise ValueError(
                f"bureau officer {self.id!r}: give until or outgoing_at, not both "
                "(the term ends when the session it was outgoing at begins)"
            )
        if self.outgoing_at and self.outgoing_at == self.session:
            raise ValueError(
                f"bureau officer {self.id!r}: cannot be elected at and outgoing at the "
                f"same session {self.session!r}"
            )
        _check_period(f"bureau officer {self.id!r}", self.since, self.until)


class MemberStatus(StrEnum):
    """Whether a State (or organization) is a member or an observer."""

    MEMBER = "member"
    OBSERVER = "observer"


@dataclass(frozen=True, slots=True)
class Membership:
    """A State's membership, or a State's or an organization's observer status, over time.

    ``since`` is when it began as the source dates it (a year when the source only
    says "new at this session"); ``session`` the session that admitted or welcomed it.
    """

    id: str
    state: str
    since: FuzzyDate
    status: MemberStatus = MemberStatus.MEMBER
    until: FuzzyDate | None = None
    session: str | None = None
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        _check_period(f"membership {self.id!r}", self.since, self.until)
