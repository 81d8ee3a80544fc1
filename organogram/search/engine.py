"""The one small interface every search engine answers, and what it answers with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from .documents import Document
from .query import Query


@dataclass(frozen=True)
class Match:
    """A document an engine found, with the engine's own score (higher is better)."""

    document: Document
    score: float


class Engine(Protocol):
    """Finds the documents that hold a query's words (stemmed, accents and case aside)."""

    def matches(
        self,
        query: Query,
        *,
        day: str,
        kinds: Sequence[str],
        audiences: Sequence[str],
        group: str | None,
        every: bool,
        limit: int,
    ) -> list[Match]:
        """At most ``limit`` documents holding every word of ``query`` (``every`` false:
        any word), best first: of ``kinds``, for ``audiences``, already true on ``day``
        (ISO; their ``since_day`` not after it), of the ``name`` or ``text`` ``group``
        (None: both)."""
        ...
