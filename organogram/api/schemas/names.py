"""Answers of the names endpoints: matches for a few letters, the one thing a text names."""

from __future__ import annotations

from ninja import Field, Schema


class NameOut(Schema):
    """A unit, post, person, source or plan as a name field finds it."""

    id: str
    kind: str
    name: str
    abbreviation: str = ""
    #: names it had before, as of the date asked
    former: list[str]
    #: what tells it apart from others of the same name (its parent, its grade…)
    detail: str
    #: the text that names it alone
    fill: str


class NameMatches(Schema):
    """The best matches, best first."""

    kind: str
    at: str
    matches: list[NameOut]


class Resolved(Schema):
    """What a text names: ``match``; or why not, with ``candidates`` or ``suggestions``."""

    text: str
    match: NameOut | None = None
    detail: str = ""
    candidates: list[NameOut] = Field(default_factory=list)
    suggestions: list[NameOut] = Field(default_factory=list)
