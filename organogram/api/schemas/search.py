"""Answers of the search endpoint: the things found, each with what matched and why."""

from __future__ import annotations

from ninja import Schema


class SnippetPart(Schema):
    """A piece of the matching text; ``match`` when it is a word that was sought."""

    text: str
    match: bool


class SearchHit(Schema):
    """One thing found: what it is, the text that matched, when it held, who says so."""

    id: str
    #: unit, post, person, source or change
    kind: str
    #: its name as of the date asked (a change: the change told in a sentence)
    name: str
    #: the field that matched best: name, abbreviation, title, symbol, mandate,
    #: function, terms, narration, reason, note or passage
    field: str
    text: str
    #: the matching text, cut around the words sought, those words marked
    snippet: list[SnippetPart]
    #: the span in which the matching text held, as dataset dates ("" when open)
    since: str
    until: str
    #: that span in words: "called Office of Legal Affairs until some time between …"
    when: str
    #: the citations behind the text, joined by "; "
    citation: str
    citations: list[str]
    #: whether the matching text still held on the date asked
    current: bool
    #: other fields of the same thing that matched
    also: list[str]


class SearchResults(Schema):
    """The things found, best first; ``loose`` when none held every word."""

    query: str
    terms: list[str]
    at: str
    loose: bool
    hits: list[SearchHit]
