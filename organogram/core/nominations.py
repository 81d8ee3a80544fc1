"""Calls for nominations and the nominations they receive.

A call (a note verbale such as EO/821/2023) invites nominations for some posts by a
deadline; each nomination names its candidate, the State that nominated them, when it
arrived, what came with it and what happened to it since, as dated status events.
Whether a nomination is late, and its status at a date, are worked out in
:mod:`.calls`; nothing here is lost for being late.

How many nominations a call received is a figure like any other: unknown unless the
record declares that it holds them all (``nominations_complete``) or a source gives
the number (``nominations_received``, as of ``nominations_received_by``, cited). The
nominations the record happens to hold are only those it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .dates import FuzzyDate
from .model import Citation


class NominationStatus(StrEnum):
    """Where a nomination stands. ``received`` is implied by the date it arrived."""

    RECEIVED = "received"
    INCOMPLETE = "incomplete"
    LATE = "late"
    SHORTLISTED = "shortlisted"
    INTERVIEWED = "interviewed"
    ELECTED = "elected"
    APPOINTED = "appointed"
    WITHDRAWN = "withdrawn"


#: Statuses that end a nomination with its candidate chosen; only these carry an outcome.
OUTCOMES = frozenset({NominationStatus.ELECTED, NominationStatus.APPOINTED})


@dataclass(frozen=True, slots=True)
class Call:
    """A call for nominations: its reference, when it was issued, its deadline, the
    posts it is for, how nominations are sent and what each must contain."""

    id: str
    reference: str
    issued: FuzzyDate
    deadline: FuzzyDate
    posts: tuple[str, ...]
    title: str = ""
    addressed_to: str = ""
    channel: str = ""
    requirements: tuple[str, ...] = ()
    #: the body that elects or appoints among the candidates, where the call says.
    body: str | None = None
    cite: tuple[Citation, ...] = ()
    note: str = ""
    #: the record holds every nomination the call received (so its counts are the counts).
    nominations_complete: bool = False
    #: how many nominations a source says the call received, by ``nominations_received_by``.
    nominations_received: int | None = None
    #: the date that figure is as of (default: the deadline).
    nominations_received_by: FuzzyDate | None = None
    #: where the figure is given.
    nominations_received_cite: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        if self.nominations_received is None:
            if self.nominations_received_by or self.nominations_received_cite:
                raise ValueError(
                    f"call {self.id!r}: nominations_received_by and nominations_received_cite "
                    "go with nominations_received (the number a source gives)"
                )
        else:
            if self.nominations_received < 0:
                raise ValueError(f"call {self.id!r}: nominations_received cannot be negative")
            if not self.nominations_received_cite:
                raise ValueError(
                    f"call {self.id!r}: nominations_received needs nominations_received_cite "
                    "(the source that gives the number)"
                )
        if not self.posts:
            raise ValueError(f"call {self.id!r} names no post")
        if len(set(self.posts)) != len(self.posts):
            raise ValueError(f"call {self.id!r} names a post twice")
        if self.deadline.end < self.issued.start:
            raise ValueError(
                f"call {self.id!r}: the deadline ({self.deadline}) is before the call "
                f"was issued ({self.issued})"
            )

    @property
    def received_by(self) -> FuzzyDate:
        """The date the source-given number of nominations is as of (default: the deadline)."""
        return self.nominations_received_by or self.deadline


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """A nomination reaching a status at a date; an election or appointment also says
    by which body, at which session, and the assign change it produced."""

    status: NominationStatus
    at: FuzzyDate
    body: str | None = None
    session: str | None = None
    #: id of the ``assign`` change of the timeline that put the candidate in the post.
    assignment: str | None = None
    note: str = ""
    cite: tuple[Citation, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in OUTCOMES and (self.body or self.session or self.assignment):
            raise ValueError(
                f"a {self.status} event cannot name a body, session or assignment: "
                "only an elected or appointed one records an outcome"
            )


@dataclass(frozen=True, slots=True)
class Nomination:
    """A candidate put forward by a State in answer to a call.

    The candidate is named (``candidate``) or is a person of the record (``person``);
    both are personal data, shown only to roles allowed to see it.
    """

    id: str
    call: str
    received: FuzzyDate
    nominated_by: str = ""
    candidate: str = ""
    person: str | None = None
    #: which of the call's posts, when the call is for several and the nomination says.
    post: str | None = None
    documents: tuple[str, ...] = ()
    history: tuple[StatusEvent, ...] = ()
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        if not self.candidate and not self.person:
            raise ValueError(f"nomination {self.id!r}: name the candidate or the person")
        for event in self.history:
            if event.at.end < self.received.start:
                raise ValueError(
                    f"nomination {self.id!r}: the {event.status} event ({event.at}) is "
                    f"before the nomination was received ({self.received})"
                )
        chosen = [e for e in self.history if e.status in OUTCOMES]
        if len(chosen) > 1:
            raise ValueError(f"nomination {self.id!r} has more than one outcome")
