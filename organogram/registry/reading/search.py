"""Search the registry's record as of a date, through its stored index: the pages' search
box and results, the typeahead and ``/api/search`` all ask here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...core.dates import FuzzyDate
from ...search import Results, search
from ...search.documents import KINDS
from ...search.find import Namer
from ..search_index import StoredIndex
from ..store import State
from .names import cached_names


def namer(state: State, day: dt.date) -> Namer:
    """Each thing's name as of ``day``, from the names the name fields use (kept per
    revision for the dates asked last)."""
    at = FuzzyDate.day(day)

    def name(kind: str, ident: str) -> str | None:
        if kind not in ("unit", "post", "person", "source"):
            return None
        found = cached_names(state, kind, at).get(ident)
        return found.name if found is not None else None

    return name


def search_registry(
    state: State,
    typed: str,
    *,
    at: dt.date,
    kinds: Sequence[str] = KINDS,
    people: bool = False,
    limit: int | None = None,
    typeahead: bool = False,
) -> Results:
    """Search the registry for ``typed`` as of ``at`` (see
    :func:`organogram.search.search`); ``people``: whether the asker may see names."""
    return search(
        StoredIndex(),
        typed,
        at=at,
        kinds=kinds,
        people=people,
        namer=namer(state, at),
        limit=limit,
        typeahead=typeahead,
    )
