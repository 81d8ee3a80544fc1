"""Search the registry's record as of a date, through its stored index: the pages' search
box and results, the typeahead and ``/api/search`` all ask here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...core.dates import FuzzyDate
from ...search import Results, search
from ...search.documents import KINDS
from ...search.find import Namer
from ...search.names import namer_of
from ..search_index import StoredIndex, languages
from ..store import State
from .structure import cached_snapshot


def namer(state: State, day: dt.date) -> Namer:
    """Each thing's name as of ``day``: units and posts from the snapshot of that day
    (kept per revision for the dates asked last), people and sources from the record."""
    return namer_of(cached_snapshot(state, FuzzyDate.day(day)).structure, state.record)


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
        StoredIndex(languages=languages(state.record)),
        typed,
        at=at,
        kinds=kinds,
        people=people,
        namer=namer(state, at),
        limit=limit,
        typeahead=typeahead,
    )
