"""One search: what was typed, read; an engine asked; its matches ranked, grouped and
told (the name as of the day, the span the matching text held, its citations)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..core.dates import FuzzyDate
from .documents import FIELD_WORDS, KINDS, Document
from .engine import Engine
from .query import Query, parse_query
from .rank import Ranked, grouped, ranked
from .snippet import snippet

#: How many documents of each group an engine is asked for, before ranking (on a
#: typeahead, which lists few things and must be quick, fewer).
CANDIDATES = 200
TYPEAHEAD_CANDIDATES = 50
#: How many things a search lists by default, and a typeahead.
LIMIT = 50
TYPEAHEAD = 8

#: ``namer(kind, id)``: the thing's name as of the day asked, None when not known then.
Namer = Callable[[str, str], "str | None"]


@dataclass(frozen=True)
class Hit:
    """One thing found: what it is, what matched, when that held, and who says so."""

    kind: str
    id: str
    name: str
    #: the field whose text matched best, and that text as parts (text, marked).
    field: str
    text: str
    snippet: list[tuple[str, bool]]
    #: the span in which the matching text held (dataset date forms; "" open).
    since: str
    until: str
    #: that span in words: "called Office of Legal Affairs until Q4 2021".
    when: str
    citations: tuple[str, ...]
    #: whether the matching text still held on the day asked.
    current: bool
    #: the other fields of the same thing that matched.
    also: tuple[str, ...] = ()

    @property
    def field_words(self) -> str:
        """The field in words ("terms of reference")."""
        return FIELD_WORDS.get(self.field, self.field)

    def as_dict(self) -> dict[str, Any]:
        """As data, for JSON."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "field": self.field,
            "text": self.text,
            "snippet": [{"text": t, "match": m} for t, m in self.snippet],
            "since": self.since,
            "until": self.until,
            "when": self.when,
            "citation": "; ".join(self.citations),
            "citations": list(self.citations),
            "current": self.current,
            "also": list(self.also),
        }


@dataclass(frozen=True)
class Results:
    """The things found for one query, best first."""

    query: Query
    at: dt.date
    hits: list[Hit] = field(default_factory=list)
    #: True when no document held every word, and these hold some of them.
    loose: bool = False

    def groups(self) -> list[tuple[str, list[Hit]]]:
        """The hits by kind, kinds in the order of their best hit."""
        out: dict[str, list[Hit]] = {}
        for h in self.hits:
            out.setdefault(h.kind, []).append(h)
        return list(out.items())

    def as_dict(self) -> dict[str, Any]:
        """As data, for JSON."""
        return {
            "query": self.query.typed,
            "terms": list(self.query.terms),
            "at": self.at.isoformat(),
            "loose": self.loose,
            "hits": [h.as_dict() for h in self.hits],
        }


def search(
    engine: Engine,
    typed: str,
    *,
    at: dt.date,
    kinds: Sequence[str] = KINDS,
    people: bool = False,
    namer: Namer | None = None,
    limit: int | None = None,
    typeahead: bool = False,
) -> Results:
    """Search ``engine`` for ``typed`` as of ``at``.

    ``people``: whether the asker may see people's names (else no person is searched,
    and changes are searched as told without names). ``typeahead``: names only, the last
    word always a prefix. When no document holds every word, the search falls back to
    documents holding any word but the stop words (:attr:`Results.loose`). ``limit``:
    how many things to list (default :data:`LIMIT`, :data:`TYPEAHEAD` on a typeahead).
    """
    if limit is None:
        limit = TYPEAHEAD if typeahead else LIMIT
    query = parse_query(typed, prefix=True if typeahead else None)
    if not query:
        return Results(query, at)
    kinds = [k for k in kinds if k in KINDS and (people or k != "person")]
    audiences = ("all", "named") if people else ("all", "anonymous")
    day = at.isoformat()
    groups = ("name",) if typeahead else ("name", "text")

    def ask(q: Query, every: bool) -> list:
        found = []
        for group in groups:
            found += engine.matches(
                q,
                day=day,
                kinds=kinds,
                audiences=audiences,
                group=group,
                every=every,
                limit=TYPEAHEAD_CANDIDATES if typeahead else CANDIDATES,
            )
        return found

    loose = False
    found = ask(query, True)
    if not found and len(query.terms) > 1:
        query_loose = query.loose()
        found = ask(query_loose, False)
        loose = bool(found)
    order = ranked(found, query, day, loose=loose)
    hits = [_hit(rs, query, day, namer) for rs in grouped(order)[:limit]]
    return Results(query, at, hits, loose)


def _hit(found: list[Ranked], query: Query, day: str, namer: Namer | None) -> Hit:
    best = found[0]
    d = best.document
    name = (namer(d.kind, d.ident) if namer else None) or d.name
    also = tuple(dict.fromkeys(r.document.field for r in found[1:] if r.document.field != d.field))
    return Hit(
        kind=d.kind,
        id=d.ident,
        name=name,
        field=d.field,
        text=d.text,
        snippet=snippet(d.text, query),
        since=d.since,
        until=d.until,
        when=when(d, best.current),
        citations=d.cites,
        current=best.current,
        also=also,
    )


def when(d: Document, current: bool) -> str:
    """The span in which a document's text held, in words."""
    since = FuzzyDate.parse(d.since) if d.since else None
    until = FuzzyDate.parse(d.until) if d.until and not current else None
    if d.kind == "change":
        return f"effective {since.moment()}" if since else ""
    if d.kind == "source":
        return f"dated {since.moment()}" if since else ""
    parts = []
    verb = {"name": "called", "title": "titled", "abbreviation": "abbreviated"}.get(d.field)
    if verb and not current:
        parts.append(f"{verb} {d.text}")
    if since is not None and (current or until is None):
        if since.earliest is None:
            parts.append(f"in place {since.describe()}")
        else:
            parts.append(f"since {since.moment()}")
    if until is not None:
        parts.append(f"until {until.moment()}")
    return " ".join(parts)
