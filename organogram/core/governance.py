"""Governing bodies: the councils and committees an organization answers to."""

from __future__ import annotations

from dataclasses import dataclass

from .dates import FuzzyDate
from .model import Citation


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
