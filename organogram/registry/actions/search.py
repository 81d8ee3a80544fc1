"""Rebuild the search index from the record as it stands.

Every write keeps the index up to date (:mod:`organogram.registry.search_index`); this
is for a registry whose index was never built (one loaded before search existed) or is
in doubt. It writes only the index, not the record: the revision does not move.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import search_index, store
from .base import Action, Audit, Context, Outcome


@dataclass
class RebuildSearchIndex(Action):
    """Make every search document again from the current record; the result is how many."""

    permissions = ("dataset.load",)
    step = None

    def execute(self, ctx: Context, checked: object) -> Outcome:
        """Delete every document and write them again, in one transaction."""
        count = search_index.rebuild(store.current().record)
        audit = Audit("organogram.search.rebuild", "search", after={"documents": count})
        return Outcome(count, audit)
