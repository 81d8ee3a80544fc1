"""What a person expects first: the thing named exactly, then names, then what things
do, then what happened.

Engines score by how often and where words occur (bm25, ts_rank); that alone puts a
long mandate that repeats a word above the unit whose name is the word. The order here
is by tier first (:func:`tier`), the engine's score only within a tier:

0. a current name or abbreviation that is exactly what was typed;
1. a former name that is exactly what was typed;
2. a current name holding the words (one that begins with them first);
3. a former name holding them;
4. a mandate, function or terms of reference in force;
5. one no longer in force;
6. a change's narration, reason or note, a source's note;

and ten tiers lower when no document held every word and the search fell back to any.
Each thing is listed once, by its best document (:func:`grouped`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .documents import NAME_FIELDS, Document
from .engine import Match
from .query import Query
from .text import normal

#: Fields that say what a thing does.
DUTY_FIELDS = frozenset({"mandate", "function", "terms"})


@dataclass(frozen=True)
class Ranked:
    """A match with its place in the order, and whether its text still held on the day."""

    match: Match
    order: tuple
    current: bool

    @property
    def document(self) -> Document:
        """The document matched."""
        return self.match.document


def tier(document: Document, query: Query, day: str, *, loose: bool = False) -> int:
    """The tier of ``document`` for ``query`` on ``day`` (see the module)."""
    current = document.until_day > day
    if document.field in NAME_FIELDS and document.kind != "change":
        exact = normal(document.text) == query.phrase
        rank = (0 if current else 1) if exact else (2 if current else 3)
    elif document.field in DUTY_FIELDS:
        rank = 4 if current else 5
    else:
        rank = 6
    return rank + (10 if loose else 0)


def ranked(
    matches: Iterable[Match], query: Query, day: str, *, loose: bool = False
) -> list[Ranked]:
    """``matches`` in the order a person expects (see the module)."""
    out = []
    for m in matches:
        d = m.document
        current = d.until_day > day
        # Only a name may begin with what was typed (other texts are long: not read again).
        begins = d.group == "name" and normal(d.text).startswith(query.phrase)
        order = (tier(d, query, day, loose=loose), not begins, -m.score, len(d.text), d.ident)
        out.append(Ranked(m, order, current))
    out.sort(key=lambda r: r.order)
    return out


def grouped(
    found: Iterable[Ranked], key: Callable[[Document], tuple[str, str]] = lambda d: d.key
) -> list[list[Ranked]]:
    """The ranked matches of each thing together, things in the order of their best match
    (each list's first)."""
    groups: dict[tuple[str, str], list[Ranked]] = {}
    for r in found:
        groups.setdefault(key(r.document), []).append(r)
    return sorted(groups.values(), key=lambda rs: rs[0].order)
