"""The answer of drafting a plan from a document: the proposals, as
``organogram plan draft --format json`` prints them."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ProposalOut(Schema):
    """One proposed change, with where it comes from and why."""

    #: the change's op, in the dataset format's vocabulary
    op: str
    #: its fields, with the format's names (ids of the record, or ids the paper's new units get)
    params: dict[str, Any]
    #: SOURCE:PARAGRAPH, or the paragraph alone when no source is cited
    cite: str
    #: the sentence it was read from
    sentence: str
    #: stated (the sentence says it) or context (read from around it)
    basis: str
    #: 0 to 1
    confidence: float
    #: the name of the rule that proposed it
    rule: str
    #: how each name was read when it was not read exactly
    notes: list[str]


class UnresolvedOut(Schema):
    """A name the paper uses that names no unit of the record, or several."""

    mention: str
    cite: str
    sentence: str
    reason: str
    #: the nearest names
    suggestions: list[str]


class UnreadOut(Schema):
    """A paragraph with no sentence to read (``paragraph`` empty: the whole document)."""

    paragraph: str
    text: str
    why: str


class WindowOut(Schema):
    """The paper's window for the whole plan."""

    #: a date or period in the date forms (2021-Q4/2022)
    date: str
    cite: str
    sentence: str


class DraftOut(Schema):
    """The proposals read from a paper; nothing was written."""

    #: the source id the citations use (empty: none)
    source: str
    #: the date names were resolved as of
    at: str
    #: why that date, when it was not the one asked for
    at_reason: str = ""
    #: how many paragraphs were read
    paragraphs: int
    effective: WindowOut | None
    operations: list[ProposalOut]
    unresolved: list[UnresolvedOut]
    unread: list[UnreadOut]
