"""The difference between the structure at two dates, narrated and listed."""

from __future__ import annotations

from typing import Any

from ..core.certainty import EXISTENCE, Certainty
from ..core.changes import Change
from ..core.dates import as_of
from ..core.diff import diff_between
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Snapshot
from .changes import changes_data, node_refs
from .diff_groups import departments


def _dated(change: Change) -> str:
    """"dated between December 2016 and 2022 (drm2016:talent)"."""
    cites = ", ".join(str(c) for c in change.cites)
    return f"dated {change.date.describe()}" + (f" ({cites})" if cites else "")


def confirmed(a: Certainty, b: Certainty, s_b: Structure) -> list[dict[str, Any]]:
    """Units and posts only possibly in force at the first date and certainly at the second.

    A diff does not call them established: the record says only that they were in place
    by some date (``../2021-06``) or came some time in a span (``2009/2021-06``).
    """
    out = []
    for node in a.possible_nodes():
        if not s_b.exists(node) or EXISTENCE in b.aspects(node):
            continue
        change = next(p.change for p in a.reasons(node) if p.aspect == EXISTENCE)
        date = change.date
        if date.earliest is None:
            when = f"in place {date.describe()}; since when is not recorded"
        else:
            when = f"came into force some time {date.describe()}"
        out.append(
            {
                "id": node,
                "name": s_b.label(node),
                "date": str(date),
                "text": f"{s_b.label(node)}: {when}",
                "cites": [str(c) for c in change.cites],
                "change": change.id,
            }
        )
    return out


def diff_dates(record: Record, start: str, end: str, *, people: bool = True) -> dict[str, Any]:
    """Net changes from ``start`` to ``end``, a summary, and the recorded events between.

    ``people`` False names no holder of a post. Each change and event lists the units
    and posts it touches (``units``) and the department it falls under (``department``,
    None above the departments or across several).
    """
    day_a, day_b = as_of(start), as_of(end)
    result = diff_between(record.timeline, day_a, day_b)
    before, _ = record.timeline.fold(day_a)
    events_start, _ = record.timeline.fold(min(day_a, day_b))
    changes = changes_data(result.changes, before, record.sources, show_people=people)
    events = changes_data(result.events, events_start, record.sources, show_people=people)
    # The units and posts each touches, for links: named after, else before.
    for rows, told, start in (
        (changes, result.changes, before),
        (events, result.events, events_start),
    ):
        for row, c, place in zip(rows, told, departments(told, start), strict=True):
            row["units"] = node_refs(c, result.after, result.before)
            row["department"] = place
    # The two structures are the diff's own: no fold again, only what is uncertain on each.
    lo, hi = sorted((day_a, day_b))
    timeline, failures = record.timeline, record.timeline.failures()
    s_lo, s_hi = (result.before, result.after) if day_a <= day_b else (result.after, result.before)
    snap_lo = Snapshot(lo, s_lo, timeline.uncertain(lo, failures), failures, timeline)
    snap_hi = Snapshot(hi, s_hi, timeline.uncertain(hi, failures), failures, timeline)
    # A change toward what is only possibly so on the target date is only possibly made.
    target = snap_hi if day_b >= day_a else snap_lo
    # Events name their department as the later day does, as the differences do.
    for row in events:
        place = row["department"]
        if place and s_hi.exists(place["id"]):
            row["department"] = {"id": place["id"], "name": s_hi.label(place["id"])}
    for row, c in zip(changes, result.changes, strict=True):
        why = dict.fromkeys(
            p.change for n in sorted(c.subjects()) for p in target.certainty.reasons(n)
        )
        row["possibly"] = bool(why)
        if why:
            words = "; ".join(_dated(w) for w in why)
            row["text"] = f"{row['text']} Possibly not yet so by {target.day}: {words}."
    return {
        "from": day_a.isoformat(),
        "to": day_b.isoformat(),
        "summary": result.summary(),
        "changes": changes,
        "confirmed": confirmed(snap_lo.certainty, snap_hi.certainty, snap_hi.structure),
        "events": events,
    }
