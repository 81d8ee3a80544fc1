"""Which changes applied by a day possibly had not happened yet on it.

A change dated to a span applies in a fold from the span's first day; until its last
day it is only possibly done, unless a later change certainly done by then shows it done
(see :func:`uncertain_changes`). What each such change touched is found by the timeline
(:meth:`~organogram.core.timeline.Timeline.touched_sets`), and what that makes uncertain
in a structure by :mod:`organogram.core.certainty`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .change_indexes import change_order, inexact_changes, needing_index, touching_index
from .changes import Change
from .fold_results import Failure

if TYPE_CHECKING:
    from .timeline import Timeline


def uncertain_changes(timeline: Timeline, day: dt.date, failures: list[Failure]) -> list[Change]:
    """Changes of ``timeline`` applied by ``day`` that possibly had not happened yet on it.

    Those whose span starts on or before ``day`` and ends after it; less the
    creations that a later change shows done: one that touches or needs the unit or
    post they create and is certainly done by ``day`` (its span ended). A change
    needs what it refers to in force: a division created in 2016 under a department
    "in place by 2021" shows the department there in 2016.
    """
    inexact = inexact_changes(timeline)
    if not inexact:
        return []
    # Only changes that were applied: a failed one is reported among the failures.
    failed = {f.change for f in failures}
    open_ = [c for c in inexact if c.date.start <= day < c.date.end and c not in failed]
    if not open_:
        return []
    order = change_order(timeline)
    needing = needing_index(timeline)
    out = []
    for c in open_:
        after = order[c]
        shown_done = any(
            order[later] > after and later.date.end <= day and later not in failed
            for node in c.creates()
            for later in (*touching_index(timeline).get(node, ()), *needing.get(node, ()))
        )
        if not shown_done:
            out.append(c)
    return out


def referring_positions(timeline: Timeline, node: str) -> list[int]:
    """Positions, in order, of the changes of ``timeline`` that touch ``node`` or need it
    in force (a parent, a unit to sit in…): those that can show an uncertain creation of
    it done (:func:`uncertain_changes`)."""
    order = change_order(timeline)
    found = {order[c] for c in touching_index(timeline).get(node, ())}
    found.update(order[c] for c in needing_index(timeline).get(node, ()))
    return sorted(found)
