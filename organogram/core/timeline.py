"""The timeline: enacted changes in date order, and everything derived from them.

The structure as of any date, a unit's history (every version with its dates),
lineage across merges, splits and replacements, and the changes between two dates
are all derived by folding the changes in order; nothing derived is stored.

Order of application: see :mod:`organogram.core.ordering` — by date, then in the
order recorded, with same-date creations before the changes that refer to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from .changes import Change
from .dates import FuzzyDate, as_of
from .model import LineageLink, Person, Post, Unit
from .ordering import application_order
from .structure import Structure


@dataclass(frozen=True)
class Failure:
    """A change that could not apply where it stands in the timeline, and why."""

    change: Change
    problems: tuple[str, ...]


@dataclass
class Snapshot:
    """The structure in force on one day, with what is uncertain about it."""

    day: dt.date
    structure: Structure
    #: changes already applied whose date is a period that contains ``day``.
    uncertain: list[Change] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


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


class Timeline:
    """Enacted changes in the order they apply, over an optional base structure."""

    def __init__(
        self,
        changes: Iterable[Change] = (),
        people: dict[str, Person] | None = None,
    ):
        self.changes: list[Change] = application_order(changes)
        self.people: dict[str, Person] = dict(people or {})
        self._by_id = {c.id: c for c in self.changes if c.id}

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def get(self, change_id: str) -> Change | None:
        """The change with this id, if any."""
        return self._by_id.get(change_id)

    def with_changes(self, extra: Iterable[Change]) -> Timeline:
        """A new timeline with ``extra`` changes added after those already recorded."""
        return Timeline([*self.changes, *extra], self.people)

    def empty(self) -> Structure:
        """The structure before any change."""
        return Structure(people=self.people)

    def fold(
        self, day: dt.date | None = None, structure: Structure | None = None
    ) -> tuple[Structure, list[Failure]]:
        """Apply the changes effective on or before ``day`` (all when None).

        A change whose preconditions fail is skipped and reported, so one bad record
        does not hide the rest of the structure.
        """
        s = structure if structure is not None else self.empty()
        failures: list[Failure] = []
        for change in self.changes:
            if day is not None and change.date.start > day:
                break
            problems = change.check(s)
            if problems:
                failures.append(Failure(change, tuple(problems)))
                continue
            change._apply(s)
        return s, failures

    def snapshot(self, at: str | dt.date | FuzzyDate) -> Snapshot:
        """The structure as of ``at`` (a period is read as its last day)."""
        day = as_of(at)
        s, failures = self.fold(day)
        # Only changes that were applied: a failed one is reported among the failures.
        failed = {id(f.change) for f in failures}
        uncertain = [
            c
            for c in self.changes
            if c.date.start <= day
            and not c.date.exact
            and c.date.contains(day)
            and id(c) not in failed
        ]
        return Snapshot(day, s, uncertain, failures)

    def between(self, start: dt.date, end: dt.date) -> list[Change]:
        """Changes effective after ``start`` and on or before ``end``."""
        return [c for c in self.changes if start < c.date.start <= end]

    def touching(self, node: str) -> list[Change]:
        """Changes whose subjects include ``node``."""
        return [c for c in self.changes if node in c.subjects()]

    def history(self, node: str) -> History:
        """Every version of ``node`` with the dates it held, and its lineage."""
        s = self.empty()
        versions: list[Version] = []
        touched_by: list[Change] = []
        for change in self.changes:
            if change.check(s):
                continue
            s.touched.clear()
            change._apply(s)
            if node not in s.touched:
                continue
            touched_by.append(change)
            record = s.units.get(node) or s.posts.get(node)
            parent = s.oversight.get(node)
            state = (record, parent)
            parent_name = s.label(parent) if parent else None
            last = versions[-1] if versions else None
            if last is not None and last.since == change.date:
                # Several changes on the same date make one version, told by all of them.
                versions.pop()
                before = versions[-1] if versions else None
                if before is not None and (before.record, before.parent) == state:
                    # They undid each other: the version before goes on.
                    versions[-1] = replace(before, until=None)
                    continue
                versions.append(
                    replace(
                        last,
                        record=record,
                        parent=parent,
                        parent_name=parent_name,
                        changes=(*last.changes, change),
                    )
                )
                continue
            if last is not None and (last.record, last.parent) == state:
                continue
            if last is not None:
                versions[-1] = replace(last, until=change.date)
            versions.append(
                Version(node, record, parent, change.date, None, (change,), parent_name)
            )
        preds = [link for link in s.lineage if link.successor == node]
        succs = [link for link in s.lineage if link.predecessor == node]
        return History(node, versions, preds, succs, touched_by)

    def lineage(self, node: str) -> tuple[list[LineageLink], list[LineageLink]]:
        """Predecessors and successors of ``node``, transitively, nearest first."""
        s, _ = self.fold()
        return lineage_closure(s.lineage, node)


def lineage_closure(
    links: list[LineageLink], node: str
) -> tuple[list[LineageLink], list[LineageLink]]:
    """Follow lineage links back and forward from ``node`` (breadth first)."""
    back: dict[str, list[LineageLink]] = {}
    fwd: dict[str, list[LineageLink]] = {}
    for link in links:
        back.setdefault(link.successor, []).append(link)
        fwd.setdefault(link.predecessor, []).append(link)

    def walk(index: dict[str, list[LineageLink]], start: str, forward: bool) -> list[LineageLink]:
        out: list[LineageLink] = []
        seen = {start}
        frontier = [start]
        while frontier:
            nxt: list[str] = []
            for n in frontier:
                for link in index.get(n, []):
                    other = link.successor if forward else link.predecessor
                    out.append(link)
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
            frontier = nxt
        return out

    return walk(back, node, False), walk(fwd, node, True)
