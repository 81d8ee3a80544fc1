"""The difference between the structure at two dates, narrated and listed."""

from __future__ import annotations

from typing import Any

from ..core.dates import as_of
from ..core.diff import diff_between
from ..core.record import Record
from .changes import changes_data, node_refs


def diff_dates(record: Record, start: str, end: str, *, people: bool = True) -> dict[str, Any]:
    """Net changes from ``start`` to ``end``, a summary, and the recorded events between.

    ``people`` False names no holder of a post. Each change and event lists the units
    and posts it touches (``units``).
    """
    day_a, day_b = as_of(start), as_of(end)
    result = diff_between(record.timeline, day_a, day_b)
    before, _ = record.timeline.fold(day_a)
    events_start, _ = record.timeline.fold(min(day_a, day_b))
    changes = changes_data(result.changes, before, record.sources, show_people=people)
    events = changes_data(result.events, events_start, record.sources, show_people=people)
    # The units and posts each touches, for links: named after, else before.
    for rows, told in ((changes, result.changes), (events, result.events)):
        for row, c in zip(rows, told, strict=True):
            row["units"] = node_refs(c, result.after, result.before)
    return {
        "from": day_a.isoformat(),
        "to": day_b.isoformat(),
        "summary": result.summary(),
        "changes": changes,
        "events": events,
    }
