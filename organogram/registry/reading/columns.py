"""The record's versions as columns (:mod:`organogram.columns`), kept per revision.

Built from the revision's timeline the first time a reader needs them (``organogram
serve`` builds them before forking its workers, which then share them); after a write,
the next revision's are grown from the last revision's: a copy extended from the first
change where the two timelines differ (:meth:`~organogram.columns.Versions.extended`),
rather than every change recorded again. The last revision's stay as they were for
whoever still reads them.
"""

from __future__ import annotations

import datetime as dt

from ...columns import Day, Versions
from ...core.timeline import Timeline
from ..store import State

#: The key of the columns in a revision's memory.
KEY = "columns"


def record_columns(state: State) -> Versions:
    """Every version of the record of ``state``'s revision, as columns (shared by every
    request: nobody may change them)."""
    timeline = state.record.timeline

    def grow(before: Timeline, versions: Versions) -> Versions:
        return versions.extended(timeline)

    # The columns read the timeline alone: a write to the sources passes them on too.
    return state.memo.grown(KEY, timeline, lambda: Versions.build(timeline), grow, sources=False)


def day_of(state: State, day: dt.date) -> Day:
    """The structure on ``day`` read from the columns, made once per revision for the
    days asked last (its tree and figures are made on first use and kept with it)."""
    return state.memo.kept("columns.day", day, lambda: Day.of(record_columns(state), day), keep=4)
