"""A unit's or post's history: every version with the dates it held, and its lineage,
made by folding the changes in order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from .changes import Change, step
from .dates import FuzzyDate
from .lineage_walk import lineage_index
from .model import UNKNOWN_PLACE, LineageLink, Post, Unit
from .structure import Structure


@dataclass(frozen=True)
class Version:
    """One version of a unit or post: its attributes, where it reported, and since when."""

    node: str
    record: Unit | Post | None  # None: abolished from ``since``
    parent: str | None
    since: FuzzyDate
    until: FuzzyDate | None
    #: the changes that made this version, in order (several when on one date).
    changes: tuple[Change, ...]
    #: the name of ``parent`` while this version held (it may be renamed later).
    parent_name: str | None = None

    @property
    def change(self) -> Change:
        """The last change that made this version."""
        return self.changes[-1]


@dataclass
class History:
    """Every version of a unit or post, and its lineage."""

    node: str
    versions: list[Version]
    predecessors: list[LineageLink]
    successors: list[LineageLink]
    changes: list[Change]


def fold_histories(
    changes: Iterable[Change], s: Structure, nodes: Iterable[str] | None = None
) -> dict[str, History]:
    """The history of each of ``nodes`` (None: of every node ever), from one fold of
    ``changes`` (in the order they apply) on ``s``, the structure before them."""
    wanted = None if nodes is None else set(nodes)
    versions: dict[str, list[Version]] = {}
    touched_by: dict[str, list[Change]] = {}
    touched: set[str] = set()
    for change in changes:
        touched.clear()
        if step(change, s, touched):
            continue
        for node in touched:
            if wanted is not None and node not in wanted:
                continue
            touched_by.setdefault(node, []).append(change)
            add_version(s, node, change, versions.setdefault(node, []))
    preds, succs = lineage_index(s.lineage)
    return {
        node: History(
            node,
            versions.get(node, []),
            preds.get(node, []),
            succs.get(node, []),
            touched_by.get(node, []),
        )
        for node in (versions if wanted is None else wanted)
    }


def add_version(s: Structure, node: str, change: Change, versions: list[Version]) -> None:
    """After ``change`` touched ``node`` in ``s``: its new version, if it made one."""
    record = s.units.get(node) or s.posts.get(node)
    parent = s.placement(node)
    parent_name = s.label(parent) if parent and parent != UNKNOWN_PLACE else None
    state = (record, parent)
    last = versions[-1] if versions else None
    if last is not None and last.since == change.date:
        # Several changes on the same date make one version, told by all of them.
        versions.pop()
        before = versions[-1] if versions else None
        if before is not None and (before.record, before.parent) == state:
            # They undid each other: the version before goes on.
            versions[-1] = replace(before, until=None)
            return
        versions.append(
            replace(
                last,
                record=record,
                parent=parent,
                parent_name=parent_name,
                changes=(*last.changes, change),
            )
        )
        return
    if last is not None and (last.record, last.parent) == state:
        return
    if last is not None:
        versions[-1] = replace(last, until=change.date)
    versions.append(Version(node, record, parent, change.date, None, (change,), parent_name))
