"""The record's versions as columns: built from a timeline in one fold, then extended.

:class:`Versions` is the columnar form of a :class:`~organogram.core.timeline.Timeline`
(which stays the one source of truth): every version of every unit, post, typed line and
holding, with the strings they name numbered once. :meth:`Versions.build` folds the
timeline once, recording what each change did (:mod:`.recorder`); :meth:`Versions.extend`
takes a later timeline of the same record (one with changes added, as a write makes it)
and records only from the first change where the two differ: a change dated after every
other costs its own rows; one dated in the past refolds from the timeline's checkpoint
before it, as the core's own fold would.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..core.changes import step
from ..core.collector import paused
from ..core.structure import Structure
from ..core.timeline import Timeline
from . import doubts, runs, schema
from .bulk import READS_UNITS, Bulk
from .recorder import Recorder
from .strings import Strings
from .table import Table


def day_number(day: dt.date) -> int:
    """A date as the day number the columns hold."""
    return day.toordinal()


class Versions:
    """Every version of a record's units, posts, lines and holdings, as typed columns."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        self.tables: dict[str, Table] = {
            "units": Table(schema.UNITS),
            "posts": Table(schema.POSTS),
            "lines": Table(schema.LINES),
            "holders": Table(schema.HOLDERS),
            "lineage": Table(schema.LINEAGE),
            "doubts": Table(schema.DOUBTS),
            "link_doubts": Table(schema.LINK_DOUBTS),
            "changes": Table(schema.CHANGES),
        }
        #: nodes (units and posts share one numbering: a line of oversight may point at
        #: either), other text (names, kinds, titles, people…), and grades.
        self.strings = {"nodes": Strings(), "text": Strings(), "grades": Strings([""])}
        self._recorder = Recorder(self.tables, self.strings)
        #: the ordinary posts, whose creations and moves skip the core's step (unless
        #: ``bulk`` is False).
        self._bulk = Bulk(self._recorder)
        self.bulk = True
        #: the structure after the last change recorded (what the next write starts from).
        self._state: Structure = timeline.empty()
        #: grows with every write: what is derived from the columns is kept by it.
        self.revision = 0
        self._derived: dict[object, tuple[int, object]] = {}

    # ------------------------------------------------------------------ access
    @property
    def units(self) -> Table:
        """Versions of units."""
        return self.tables["units"]

    @property
    def posts(self) -> Table:
        """Versions of posts."""
        return self.tables["posts"]

    @property
    def nodes(self) -> Strings:
        """Unit and post ids and their numbers."""
        return self.strings["nodes"]

    @property
    def text(self) -> Strings:
        """Names, kinds, titles, people and the other strings the columns number."""
        return self.strings["text"]

    @property
    def grades(self) -> Strings:
        """Grades and their numbers ("" is 0: a post without a grade)."""
        return self.strings["grades"]

    def nbytes(self) -> int:
        """Bytes held by the columns (not the string tables)."""
        return sum(t.nbytes() for t in self.tables.values())

    # ----------------------------------------------------------------- writing
    @classmethod
    def build(cls, timeline: Timeline, bulk: bool = True) -> Versions:
        """The versions of ``timeline``, from one fold of its changes.

        ``bulk`` False: every change through the core's ``step``, post creations and
        moves too (:mod:`.bulk`; the tests check that both give the same columns).
        """
        out = cls(timeline)
        out.bulk = bulk
        out._record(timeline, 0, out._state)
        return out

    def extend(self, timeline: Timeline) -> None:
        """Take ``timeline`` (this one with changes added) as the record from now on.

        Only the changes from the first position where the two timelines differ are
        recorded again: the versions they made are cut and those they closed reopened.
        """
        at = self.timeline.common_prefix(timeline)
        if at == len(self.timeline.changes) and at <= len(timeline.changes):
            s = self._state
        else:
            start, s, failures = timeline.start_at(at)
            timeline.advance(s, failures, start, at)
            self._recorder.reopen(s, at)
            self._bulk = Bulk(self._recorder)
            self.tables["changes"].cut(at)
        self.timeline = timeline
        self._record(timeline, at, s)

    def extended(self, timeline: Timeline) -> Versions:
        """The versions of ``timeline`` (this one's with changes added), as
        :meth:`extend` makes them, in a copy: this one is left as it was, for whoever
        still reads it (the registry's readers of the revision before a write)."""
        out = self.copy()
        out.extend(timeline)
        return out

    def copy(self) -> Versions:
        """An independent copy: extending one never changes the other."""
        out = Versions.__new__(Versions)
        out.timeline = self.timeline
        out.tables = {name: table.copy() for name, table in self.tables.items()}
        with paused():  # tens of thousands of sets and dictionaries, none in a cycle
            out.strings = {name: strings.copy() for name, strings in self.strings.items()}
            out._recorder = self._recorder.copy(out.tables, out.strings)
            out._bulk = self._bulk.copy(out._recorder)
        out.bulk = self.bulk
        # Copy on write: the containers are duplicated only as the copy changes them.
        out._state = self._state.copy()
        out.revision = self.revision
        # What was derived holds for the copy until it is extended (values never change).
        out._derived = dict(self._derived)
        return out

    def _record(self, timeline: Timeline, at: int, s: Structure) -> None:
        changes = self.tables["changes"]
        note = self._recorder.note
        touched: set[str] = set()
        bulk = self._bulk
        ready, after = bulk.ready, bulk.after
        fast = self.bulk
        handed = None
        todo = timeline.changes
        fast_path = runs.Runs(bulk)
        i, n = at, len(todo)
        with paused():  # many objects made, none in a cycle
            while i < n:
                if fast:
                    # Post creations and moves, a run at a time, up to the next change
                    # that goes through the core's step.
                    i = fast_path.take(todo, i, s)
                    if i == n:
                        break
                change = todo[i]
                date = change.date
                start = date.start.toordinal()
                end = start if date.start == date.end else date.end.toordinal()
                # A merge, split or replacement dated to one day hands the posts kept
                # by the fast path over in the columns; dated to a span it puts them
                # back, as the doubts it leaves name every node it touched.
                units = fast and start == end and isinstance(change, READS_UNITS)
                if units:
                    bulk.ready_units(change, s)
                else:
                    ready(change, s)
                touched.clear()
                failed = bool(step(change, s, touched))
                changes.append((start, end, failed))
                if not failed:
                    if units:
                        handed = bulk.hand_over(change)
                    note(s, touched, i, start, end, handed, bulk.row)
                    handed = None
                    after(s, touched)
                    fast_path.after(s, touched)
                    if start != end:
                        doubts.record(self._recorder, change, touched, i)
                i += 1
        self._state = s
        self.revision += 1
        # Every row in the columns: from now on reading changes nothing (threads share
        # the columns of a revision in the registry).
        for table in self.tables.values():
            table.flush()

    def order(self, table: str, column: str):
        """Row numbers of ``table`` sorted by ``column`` (kept until the next write)."""
        key = (table, column)
        kept = self._derived.get(key)
        if kept is None or kept[0] != self.revision:
            rows = np.argsort(self.tables[table].col(column), kind="stable")
            kept = self._derived[key] = (self.revision, rows)
        return kept[1]

    def derived(self, key: object, make):
        """``make(self)``, kept until the next write (what is read from the columns and
        costs a pass over them, made when first asked after a write)."""
        kept = self._derived.get(key)
        if kept is None or kept[0] != self.revision:
            kept = self._derived[key] = (self.revision, make(self))
        return kept[1]

    # ----------------------------------------------------------------- reading
    def rows(self, name: str) -> list[tuple]:
        """Every row of table ``name`` with its numbers turned back into strings (for
        comparing two sets of columns whose strings were numbered in another order)."""
        table = self.tables[name]
        nodes, text, grades = self.nodes.text, self.text.text, self.grades.text

        def node(n: int) -> str | int:
            return nodes[n] if n >= 0 else n

        def string(n: int) -> str | int:
            return text[n] if n >= 0 else n

        decode = {
            "node": node,
            "parent": node,
            "unit": node,
            "post": node,
            "source": node,
            "target": node,
            "predecessor": node,
            "successor": node,
            "name": string,
            "kind": string,
            "title": string,
            "person": string,
            "stated": string,
            "grade": grades.__getitem__,
        }
        identity = int
        cols = [[decode.get(c, identity)(v) for v in table.col(c).tolist()] for c in table.dtypes]
        return list(zip(*cols, strict=True))
