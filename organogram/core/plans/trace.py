"""A fold that remembers which changes touched which nodes, and which attributes.

Conflict detection must say not only that a unit's name differs but *which* change
since the base renamed it and *which* plan change wants another name. This fold
applies the changes like :meth:`~organogram.core.timeline.Timeline.fold`, and for the
changes it is asked to follow it records the nodes they touched and, for the nodes
it watches, the attributes they changed.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field

from ..changes import Change, step
from ..collector import paused
from ..structure import Structure
from ..timeline import Failure, Timeline
from .views import ABSENT, view


@dataclass
class Trace:
    """What a traced fold found."""

    #: the structure as of the day asked for.
    structure: Structure
    #: every change that did not apply, to the end of the fold.
    failures: list[Failure] = field(default_factory=list)
    #: node -> followed changes that touched it, in order.
    touched: dict[str, list[Change]] = field(default_factory=dict)
    #: (node, attribute) -> followed changes that changed it (watched nodes only).
    causes: dict[tuple[str, str], list[Change]] = field(default_factory=dict)

    def failed(self) -> dict[Change, Failure]:
        """Failures keyed by their change."""
        return {f.change: f for f in self.failures}


def trace(
    timeline: Timeline,
    day: dt.date,
    follow: Collection[Change] = (),
    watch: Collection[str] = (),
    until: dt.date | None = None,
) -> Trace:
    """Fold ``timeline``; structure as of ``day``, failures to ``until`` (None: the end).

    ``follow`` holds the changes whose effects are recorded (the same objects as in
    ``timeline``: they are told apart by identity, as changes are not hashable); ``watch``
    the nodes whose attributes are compared after every change that touches them.
    ``until`` is never before ``day``.
    """
    with paused():
        return _trace(timeline, day, follow, watch, until)


def _trace(
    timeline: Timeline,
    day: dt.date,
    follow: Collection[Change],
    watch: Collection[str],
    until: dt.date | None,
) -> Trace:
    watched = set(watch)
    followed = set(follow)
    # The fold may start from a checkpoint as long as no followed change comes before
    # it: nothing would have been recorded for the changes skipped.
    limit = min(timeline.position(day), _first_followed(timeline, follow, followed))
    begin, s, failures = timeline.start_at(limit)
    out = Trace(s, failures)
    at_day: Structure | None = None
    # Last known view of each watched node; every node starts absent. After a
    # checkpoint, a node's last view is its view there: a fold refreshes a watched
    # node's view whenever something that shows in it changes.
    seen = _Seen()
    if begin:
        for n in watched:
            seen.put(n, view(s, n))
    for change in timeline.changes[begin:]:
        start = change.date.start
        if until is not None and start > until:
            break
        if at_day is None and start > day:
            at_day = s.copy()
        touched: set[str] = set()
        problems = step(change, s, touched)
        if problems:
            out.failures.append(Failure(change, tuple(problems)))
            continue
        is_followed = change in followed
        if is_followed:
            for node in touched:
                out.touched.setdefault(node, []).append(change)
        if watched:
            _compare(s, change, is_followed, touched, watched, seen, out)
    out.structure = at_day if at_day is not None else s
    return out


def _first_followed(timeline: Timeline, follow: Collection[Change], among: set[Change]) -> int:
    """The position in ``timeline`` of the first of the ``follow`` changes it holds.

    ``among``: the same changes, as a set.

    The length of the timeline when it holds none of them.
    """
    changes = timeline.changes
    if not follow:
        return len(changes)
    # Changes are in date order: the first followed one is in a date group from the
    # earliest followed date on, found by bisection, not by a walk from the first change
    # (which on a long record cost more than the fold itself).
    earliest = min(c.date.sort_key() for c in follow)
    lo = bisect_left(changes, earliest, key=_date_key)
    return next((i for i in range(lo, len(changes)) if changes[i] in among), len(changes))


def _date_key(change: Change) -> tuple[dt.date, int]:
    return change.date.sort_key()


_LINE_TO = " line to "


def _line_ends(key: str) -> list[str]:
    """Every ``t`` such that ``key`` ends with `` line to t`` (a line's target, usually one)."""
    ends = []
    i = key.find(_LINE_TO)
    while i >= 0:
        ends.append(key[i + len(_LINE_TO) :])
        i = key.find(_LINE_TO, i + 1)
    return ends


class _Seen:
    """The last view of each watched node, indexed by the targets of its typed lines."""

    def __init__(self) -> None:
        self.views: dict[str, dict[str, object]] = {}
        #: t -> watched nodes whose view has a key ending with " line to t".
        self.lines_to: dict[str, set[str]] = {}

    def get(self, node: str) -> dict[str, object]:
        return self.views.get(node, {"existence": ABSENT})

    def put(self, node: str, new: dict[str, object]) -> None:
        old = self.views.get(node)
        if old is not None:
            for key in old:
                for t in _line_ends(key):
                    self.lines_to[t].discard(node)
        self.views[node] = new
        for key in new:
            for t in _line_ends(key):
                self.lines_to.setdefault(t, set()).add(node)

    def with_lines_to(self, targets: set[str]) -> set[str]:
        """Watched nodes with a typed line to one of ``targets``."""
        out: set[str] = set()
        for t in targets:
            found = self.lines_to.get(t)
            if found:
                out |= found
        return out


def _compare(
    s: Structure,
    change: Change,
    followed: bool,
    touched: set[str],
    watched: set[str],
    seen: _Seen,
    out: Trace,
) -> None:
    """Attribute the differences in watched nodes' views to ``change``."""
    nodes = touched & watched
    # Abolishing a node drops the typed lines that point at it without touching their
    # other end, whose view must be refreshed all the same.
    nodes |= seen.with_lines_to(touched)
    for node in nodes:
        new = view(s, node)
        old = seen.get(node)
        if followed:
            for attribute in {*old, *new}:
                if old.get(attribute) != new.get(attribute):
                    out.causes.setdefault((node, attribute), []).append(change)
        seen.put(node, new)
