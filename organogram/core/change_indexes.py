"""Indexes over a timeline's changes: each change's place in the order of application,
the changes that touch a node, those that need it in force, those dated to a span.

Each is built in one pass over the changes when first asked for and kept in the
timeline's :attr:`~organogram.core.timeline.Timeline.memo` while it lives: a registry
asks for node after node, and each scan of a long record would cost as much as the pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .changes import Change

if TYPE_CHECKING:
    from .timeline import Timeline


def change_order(timeline: Timeline) -> dict[Change, int]:
    """Each change's place in the order of application."""
    order = timeline.memo.get("order")
    if not isinstance(order, dict):
        order = timeline.memo["order"] = {c: i for i, c in enumerate(timeline.changes)}
    return order


def touching_index(timeline: Timeline) -> dict[str, list[Change]]:
    """Node -> the changes whose subjects include it."""
    index = timeline.memo.get("touching")
    if not isinstance(index, dict):
        built: dict[str, list[Change]] = {}
        for c in timeline.changes:
            for subject in c.subjects():
                built.setdefault(subject, []).append(c)
        index = timeline.memo["touching"] = built
    return index


def needing_index(timeline: Timeline) -> dict[str, list[Change]]:
    """Node -> the changes that need it in force (a parent, a unit to sit in…)."""
    index = timeline.memo.get("needing")
    if not isinstance(index, dict):
        index = {}
        for c in timeline.changes:
            for node in c.needs() - c.subjects():
                index.setdefault(node, []).append(c)
        timeline.memo["needing"] = index
    return index


def inexact_changes(timeline: Timeline) -> list[Change]:
    """The changes dated to a span rather than a day, in order."""
    inexact = timeline.memo.get("inexact")
    if not isinstance(inexact, list):
        inexact = timeline.memo["inexact"] = [c for c in timeline.changes if not c.date.exact]
    return inexact
