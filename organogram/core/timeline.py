"""The timeline: enacted changes in date order, and everything derived from them.

The structure as of any date, a unit's history (every version with its dates),
lineage across merges, splits and replacements, and the changes between two dates
are all derived by folding the changes in order. Nothing derived is stored in the
record; to avoid folding twenty years again for every question, a timeline keeps, in
memory, a copy of the structure every so many changes (*checkpoints*, taken by the
folds as they pass) and starts a fold from the nearest one before the date asked for.
A timeline's changes are not edited in place (:meth:`Timeline.with_changes` makes a
new timeline, which shares the checkpoints of the changes they have in common).

Order of application: see :mod:`organogram.core.ordering` — by date, then in the
order recorded, with same-date creations before the changes that refer to them.

What a fold gives (:class:`Failure`, :class:`Snapshot`) is in
:mod:`organogram.core.fold_results`; a node's history (:class:`Version`, :class:`History`)
in :mod:`organogram.core.node_history`; which changes are possibly not yet in force on a
day in :mod:`organogram.core.uncertain_changes`; the indexes over the changes in
:mod:`organogram.core.change_indexes`. This module re-exports the names it used to define.
"""

from __future__ import annotations

import datetime as dt
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from .change_indexes import change_order, touching_index
from .changes import Change, step, steps
from .collector import paused
from .dates import FuzzyDate, as_of
from .fold_results import Failure, Snapshot
from .lineage_walk import lineage_closure
from .model import LineageLink, Person
from .node_history import History, Version, fold_histories
from .ordering import GroupKey, merge_order, ordered_groups, without_order
from .structure import Structure
from .uncertain_changes import referring_positions, uncertain_changes

__all__ = ["Failure", "History", "Snapshot", "Timeline", "Version"]


class Timeline:
    """Enacted changes in the order they apply, over an optional base structure."""

    #: At most this many checkpoints are kept per timeline (and one at the end; 0: none)…
    CHECKPOINTS = 32
    #: …and at least this many changes lie between two of them (fewer refold quickly).
    CHECKPOINT_SPACING = 2_000

    def __init__(
        self,
        changes: Iterable[Change] = (),
        people: dict[str, Person] | None = None,
    ):
        self.changes: list[Change]
        self.changes, self._unsettled = ordered_groups(changes)
        self.people: dict[str, Person] = dict(people or {})
        self._by_id = {c.id: c for c in self.changes if c.id}
        self._setup({})

    def _setup(
        self,
        checkpoints: dict[int, tuple[Structure, list[Failure]]],
        origin: tuple[Timeline, int] | None = None,
    ) -> None:
        #: position -> (structure after the changes before it, their failures).
        self._checkpoints = checkpoints
        #: the timeline this one was made from by with_changes, and their common prefix;
        #: held weakly, so that a registry making each revision's timeline from the last
        #: one does not keep every earlier one (and its checkpoints) alive.
        self._origin = None if origin is None else (weakref.ref(origin[0]), origin[1])
        #: results derived from the changes, kept while the timeline lives (see memo).
        self._memo: dict[object, object] = {}
        #: change -> what it touched: see touched_sets. What the timeline this one was
        #: made from found for their common prefix holds here too: the structure before
        #: each of those changes is the same.
        self._touched: dict[Change, frozenset[str]] = {}
        if origin is not None and origin[0]._touched:
            before, prefix = origin[0]._touched, origin[1]
            order = change_order(origin[0])
            self._touched = {k: v for k, v in before.items() if order.get(k, prefix) < prefix}

    @property
    def memo(self) -> dict[object, object]:
        """A place for results derived from this timeline's changes, which never change.

        Callers key it by what else the result depends on (validation keeps its runs
        by rule configuration). It lives and dies with the timeline.
        """
        return self._memo

    def common_prefix(self, other: Timeline) -> int:
        """How many first changes this timeline and ``other`` share (the same objects)."""
        for a, b in ((self, other), (other, self)):
            if a._origin is not None and a._origin[0]() is b:
                return a._origin[1]
        n = min(len(self.changes), len(other.changes))
        i = 0
        while i < n and self.changes[i] is other.changes[i]:
            i += 1
        return i

    def __len__(self) -> int:
        return len(self.changes)

    def __iter__(self) -> Iterator[Change]:
        return iter(self.changes)

    def get(self, change_id: str) -> Change | None:
        """The change with this id, if any."""
        return self._by_id.get(change_id)

    def with_changes(self, extra: Iterable[Change]) -> Timeline:
        """A new timeline with ``extra`` changes added after those already recorded.

        The same as ``Timeline([*self, *extra], self.people)``, made without ordering
        every change again; checkpoints before the first place the two differ are shared.
        """
        added = list(extra)
        order, unsettled, prefix = merge_order(self.changes, self._unsettled, added)
        ids = [c.id for c in added if c.id]
        if len(set(ids)) == len(ids) and not any(i in self._by_id for i in ids):
            by_id = {**self._by_id, **{c.id: c for c in added if c.id}}
        else:
            # Repeated ids: the last one in the order of application wins, as in __init__.
            by_id = {c.id: c for c in order if c.id}
        return self._derived(order, unsettled, prefix, by_id)

    def without(self, drop: Iterable[Change]) -> Timeline:
        """A new timeline without the ``drop`` changes (the same objects as in this one).

        The same as ``Timeline([c for c in self if c not in drop], self.people)``, made
        without ordering every change again; checkpoints before the first place the two
        differ are shared.
        """
        order, unsettled, prefix = without_order(self.changes, self._unsettled, list(drop))
        return self._derived(order, unsettled, prefix, {c.id: c for c in order if c.id})

    def _derived(
        self,
        order: list[Change],
        unsettled: set[GroupKey],
        prefix: int,
        by_id: dict[str, Change],
    ) -> Timeline:
        """A timeline of ``order`` sharing this one's first ``prefix`` changes."""
        out = Timeline.__new__(Timeline)
        out.changes, out._unsettled = order, unsettled
        out.people = self.people
        out._by_id = by_id
        out._setup({k: v for k, v in self._checkpoints.items() if k <= prefix}, (self, prefix))
        return out

    def failures(self) -> list[Failure]:
        """The changes that do not apply where they stand: :meth:`fold`'s failures for
        the whole timeline, without copying its structure when the fold to the end is
        kept (as every fold to the end keeps it)."""
        kept = self._checkpoints.get(len(self.changes))
        if kept is not None:
            return list(kept[1])
        return self.fold()[1]

    def empty(self) -> Structure:
        """The structure before any change."""
        return Structure(people=self.people)

    # ------------------------------------------------------------ positions
    def position(self, day: dt.date | None) -> int:
        """How many changes take effect on or before ``day`` (all of them for None).

        Changes are in date order, so they are the first ``position(day)`` ones.
        """
        if day is None:
            return len(self.changes)
        return bisect_right(self.changes, day, key=_start_of)

    def nearest_checkpoint(self, position: int) -> int:
        """The position of the nearest checkpoint at or before ``position`` (0: none)."""
        return max((k for k in self._checkpoints if k <= position), default=0)

    def start_at(self, position: int) -> tuple[int, Structure, list[Failure]]:
        """Where a fold up to ``position`` can start: the nearest checkpoint at or before it.

        Returns the checkpoint's position, a copy of its structure (yours to change) and
        the failures before it; position 0 and the empty structure when there is none.
        """
        best = self.nearest_checkpoint(position)
        if best not in self._checkpoints:
            return 0, self.empty(), []
        kept, failures = self._checkpoints[best]
        return best, kept.copy(), list(failures)

    def advance(self, s: Structure, failures: list[Failure], start: int, end: int) -> None:
        """Apply the changes from position ``start`` to ``end`` to ``s``, as :meth:`fold`.

        ``s`` must be the structure at ``start`` (as :meth:`start_at` gives it); the
        changes that do not apply are added to ``failures``. Checkpoints are kept on
        the way.
        """
        changes = self.changes
        keep = self.CHECKPOINTS > 0  # 0: keep none (every fold starts from the first change)
        spacing = max(self.CHECKPOINT_SPACING, -(-len(changes) // max(self.CHECKPOINTS, 1)))
        i = start
        while i < end:
            stop = min(end, (i // spacing + 1) * spacing)
            with paused():
                for change, problems in steps(changes[i:stop], s):
                    failures.append(Failure(change, tuple(problems)))
            i = stop
            # Every ``spacing`` changes, and at the end: the present is asked for most.
            due = i % spacing == 0 or i == len(changes)
            if keep and due and i not in self._checkpoints:
                # Kept with the indexes built so far: they are shared with the structure
                # until it changes them (copy on write), and a fold from here needs them.
                # Read-only: every later fold from here starts from a copy of it.
                kept = s.copy()
                kept.freeze()
                self._checkpoints[i] = (kept, list(failures))

    def fold(
        self, day: dt.date | None = None, structure: Structure | None = None
    ) -> tuple[Structure, list[Failure]]:
        """Apply the changes effective on or before ``day`` (all when None).

        A change whose preconditions fail is skipped and reported, so one bad record
        does not hide the rest of the structure. Without ``structure`` the fold starts
        from the nearest checkpoint; with one, from the first change, on it.
        """
        end = self.position(day)
        if structure is not None:
            failures: list[Failure] = []
            for change, problems in steps(self.changes[:end], structure):
                failures.append(Failure(change, tuple(problems)))
            return structure, failures
        start, s, failures = self.start_at(end)
        self.advance(s, failures, start, end)
        return s, failures

    def snapshot(self, at: str | dt.date | FuzzyDate) -> Snapshot:
        """The structure as of ``at`` (a period is read as its last day).

        Its structure is read-only (handed to whoever reads the snapshot): a write to it
        raises :class:`~organogram.core.errors.SharedStructureError`; copy it to change
        it, or use :meth:`fold`, whose structure is the caller's.
        """
        day = as_of(at)
        s, failures = self.fold(day)
        s.freeze()
        return Snapshot(day, s, self.uncertain(day, failures), failures, self)

    def snapshots(self, dates: Iterable[str | dt.date | FuzzyDate]) -> Iterator[Snapshot]:
        """:meth:`snapshot` as of each of ``dates``, earliest first, from a single fold.

        Every snapshot holds the *same* structure object, advanced in place: read what
        you need from one before asking for the next, or copy it to keep it. It is
        read-only while you hold it (a write raises, as with :meth:`snapshot`).
        """
        days = sorted({as_of(d) for d in dates})
        if not days:
            return
        at, s, failures = self.start_at(self.position(days[0]))
        for day in days:
            end = self.position(day)
            self.advance(s, failures, at, end)
            at = end
            with s.read_only():
                yield Snapshot(day, s, self.uncertain(day, failures), list(failures), self)

    def uncertain(self, day: dt.date, failures: list[Failure]) -> list[Change]:
        """Changes applied by ``day`` that possibly had not happened yet on it
        (:func:`~organogram.core.uncertain_changes.uncertain_changes`)."""
        return uncertain_changes(self, day, failures)

    def referring(self, node: str) -> list[int]:
        """Positions, in order, of the changes that touch ``node`` or need it in force (a
        parent, a unit to sit in…): those that can show an uncertain creation of it done
        (:meth:`uncertain`)."""
        return referring_positions(self, node)

    def touched_sets(self, changes: Iterable[Change]) -> dict[Change, frozenset[str]]:
        """The units and posts each of ``changes`` touched, by change.

        What a change touches is known only by applying it (a merge hands the reporters
        of the units it ends to another), so those not yet known are applied again in one
        fold from the checkpoint before the first of them. What is found is kept, and
        handed to the timelines made from this one for the changes they share before the
        first place they differ.
        """
        known = self._touched
        wanted = list(changes)
        missing = {c for c in wanted if c not in known}
        if missing:
            order = change_order(self)
            places = sorted(order[c] for c in missing if c in order)
            if places:
                start, s, _ = self.start_at(places[0])
                with paused():
                    for change in self.changes[start : places[-1] + 1]:
                        if change not in missing:
                            step(change, s)
                            continue
                        touched: set[str] = set()
                        if not step(change, s, touched):
                            known[change] = frozenset(touched)
        return {c: known[c] for c in wanted if c in known}

    def between(self, start: dt.date, end: dt.date) -> list[Change]:
        """Changes effective after ``start`` and on or before ``end``."""
        if end <= start:
            return []
        return self.changes[self.position(start) : self.position(end)]

    def touching(self, node: str) -> list[Change]:
        """Changes whose subjects include ``node``."""
        return list(touching_index(self).get(node, ()))

    def history(self, node: str) -> History:
        """Every version of ``node`` with the dates it held, and its lineage."""
        return self.histories([node])[node]

    def histories(self, nodes: Iterable[str] | None = None) -> dict[str, History]:
        """:meth:`history` of each of ``nodes`` (None: of every node ever), in one fold."""
        return fold_histories(self.changes, self.empty(), nodes)

    def lineage(self, node: str) -> tuple[list[LineageLink], list[LineageLink]]:
        """Predecessors and successors of ``node``, transitively, nearest first."""
        s, _ = self.fold()
        return lineage_closure(s.lineage, node)


def _start_of(change: Change) -> dt.date:
    return change.date.start
