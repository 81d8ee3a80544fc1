"""What one change did, as versions: the rows it opens and the rows it closes.

The meaning of every change stays in the core: the recorder applies each change with
the core's own :func:`~organogram.core.changes.step`, which notes the units and posts the
change touched, and then reads those nodes back from the structure. A node whose record
(the unit or post object) or placement differs from its open version gets a new
version; one no longer in force has its version closed; its holders and typed lines are
compared with those open. So merges, splits and every other kind of change are never
re-implemented here.
"""

from __future__ import annotations

import numpy as np

from ..core.model import UNKNOWN_PLACE, Assignment, Line, Post, Unit
from ..core.structure import Structure
from .schema import NONE, OPEN, TOP, UNPLACED
from .strings import Strings
from .table import Table


class Recorder:
    """The open version of every node, and the tables new versions go into."""

    def __init__(self, tables: dict[str, Table], strings: dict[str, Strings]):
        self.tables = tables
        self.nodes = strings["nodes"]
        self.text = strings["text"]
        self.grades = strings["grades"]
        #: node number -> row of its open unit (or post) version, -1 for none.
        self.open_unit = np.full(0, NONE, dtype=np.int32)
        self.open_post = np.full(0, NONE, dtype=np.int32)
        #: node number -> the record object its open version was read from: an object
        #: the structure holds anyway, compared by identity (equal objects by value).
        self.unit_obj: list[Unit | None] = []
        self.post_obj: list[Post | None] = []
        #: post number -> {(person, kind, stated): row} of its open holdings.
        self.open_holders: dict[int, dict[tuple[int, int, int], int]] = {}
        #: (source, kind, target) -> row of an open typed line; node -> its open lines' keys.
        self.open_lines: dict[tuple[int, int, int], int] = {}
        self.lines_of: dict[int, set[tuple[int, int, int]]] = {}
        self.lineage_seen = 0

    def copy(self, tables: dict[str, Table], strings: dict[str, Strings]) -> Recorder:
        """This recorder's open versions over ``tables`` and ``strings``, copies of its own
        (the same rows and numbers): recording into one never changes the other."""
        out = Recorder(tables, strings)
        out.open_unit, out.open_post = self.open_unit.copy(), self.open_post.copy()
        # The objects are the structure's, never changed: the lists alone are copied.
        out.unit_obj, out.post_obj = list(self.unit_obj), list(self.post_obj)
        out.open_holders = {post: dict(held) for post, held in self.open_holders.items()}
        out.open_lines = dict(self.open_lines)
        out.lines_of = {node: set(keys) for node, keys in self.lines_of.items()}
        out.lineage_seen = self.lineage_seen
        return out

    # --------------------------------------------------------------- numbering
    def number(self, node: str) -> int:
        """The node's number, with room for it in the per-node arrays."""
        nid = self.nodes.number(node)
        if nid >= len(self.unit_obj):
            grow = max(nid + 1, 2 * len(self.unit_obj), 1024) - len(self.unit_obj)
            self.unit_obj.extend([None] * grow)
            self.post_obj.extend([None] * grow)
            more = np.full(grow, NONE, dtype=np.int32)
            self.open_unit = np.concatenate([self.open_unit, more])
            self.open_post = np.concatenate([self.open_post, more])
        return nid

    def place(self, s: Structure, node: str) -> int:
        """The number of where ``node`` reports (:data:`TOP`, :data:`UNPLACED`, or a node)."""
        target = s.placement(node)
        if target is None:
            return TOP
        if target == UNKNOWN_PLACE:
            return UNPLACED
        return self.number(target)

    # ----------------------------------------------------------------- a change
    def note(
        self,
        s: Structure,
        touched: set[str],
        at: int,
        start: int,
        end: int,
        handed: dict[str, str] | None = None,
        row=None,
    ) -> None:
        """Record what the change at position ``at`` (dated ``start``..``end``) did to the
        ``touched`` nodes of ``s``, the structure just after it.

        ``handed``: posts the change moved that ``s`` does not hold (see
        :meth:`.bulk.Bulk.hand_over`) -> their new unit, written by ``row(post, unit,
        at, start)`` in their place among the touched nodes."""
        # In a fixed order: the rows a change makes do not depend on how a set of
        # strings happens to iterate (a rebuild and an extension give the same rows).
        for node in sorted(touched | handed.keys()) if handed else sorted(touched):
            if handed and node in handed:
                row(node, handed[node], at, start)
                continue
            nid = self.number(node)
            self._unit(s, node, nid, at, start, end)
            self._post(s, node, nid, at, start, end)
            if node in s.holders or nid in self.open_holders:
                self._holders(s, node, nid, at, start, end)
            if s.lines or nid in self.lines_of:
                self._lines(s, node, nid, at, start, end)
        if len(s.lineage) > self.lineage_seen:
            lineage = self.tables["lineage"]
            for link in s.lineage[self.lineage_seen :]:
                lineage.append(
                    (
                        self.number(link.predecessor),
                        self.number(link.successor),
                        self.text.number(link.kind),
                        start,
                        at,
                    )
                )
            self.lineage_seen = len(s.lineage)

    def _close(self, table: Table, row: int, at: int, start: int, end: int) -> None:
        table.close(row, start, end, at)

    def _unit(self, s: Structure, node: str, nid: int, at: int, start: int, end: int) -> None:
        units = self.tables["units"]
        unit = s.units.get(node)
        row = int(self.open_unit[nid])
        if unit is None:
            if row >= 0:
                self._close(units, row, at, start, end)
                self.open_unit[nid] = NONE
                self.unit_obj[nid] = None
            return
        parent = self.place(s, node)
        if row >= 0:
            old = self.unit_obj[nid]
            if (unit is old or unit == old) and units.get("parent", row) == parent:
                return
            self._close(units, row, at, start, end)
        text = self.text
        self.open_unit[nid] = units.append(
            (
                nid,
                parent,
                text.number(unit.name),
                text.number(unit.kind),
                start,
                end,
                OPEN,
                OPEN,
                at,
                NONE,
            )
        )
        self.unit_obj[nid] = unit

    def _post(self, s: Structure, node: str, nid: int, at: int, start: int, end: int) -> None:
        posts = self.tables["posts"]
        post = s.posts.get(node)
        row = int(self.open_post[nid])
        if post is None:
            if row >= 0:
                self._close(posts, row, at, start, end)
                self.open_post[nid] = NONE
                self.post_obj[nid] = None
            return
        parent = self.place(s, node)
        if row >= 0:
            old = self.post_obj[nid]
            if (post is old or post == old) and posts.get("parent", row) == parent:
                return
            self._close(posts, row, at, start, end)
        unit = NONE if post.unit is None else self.number(post.unit)
        self.open_post[nid] = posts.append(
            (
                nid,
                unit,
                parent,
                self.grades.number(post.grade),
                post.senior,
                self.text.number(post.title),
                start,
                end,
                OPEN,
                OPEN,
                at,
                NONE,
            )
        )
        self.post_obj[nid] = post

    def _holding(self, a: Assignment) -> tuple[int, int, int]:
        text = self.text
        stated = "" if a.since is None else str(a.since)
        return (text.number(a.person), text.number(str(a.kind)), text.number(stated))

    def _holders(self, s: Structure, node: str, nid: int, at: int, start: int, end: int) -> None:
        table = self.tables["holders"]
        now = {self._holding(a) for a in s.holders.get(node, ())}
        open_ = self.open_holders.get(nid, {})
        for key in [k for k in open_ if k not in now]:
            self._close(table, open_.pop(key), at, start, end)
        for key in sorted(now - open_.keys()):
            open_[key] = table.append((nid, *key, start, end, OPEN, OPEN, at, NONE))
        if open_:
            self.open_holders[nid] = open_
        else:
            self.open_holders.pop(nid, None)

    def _line_key(self, line: Line) -> tuple[int, int, int]:
        return (
            self.number(line.source),
            self.text.number(str(line.kind)),
            self.number(line.target),
        )

    def _lines(self, s: Structure, node: str, nid: int, at: int, start: int, end: int) -> None:
        # A scan of the typed lines per touched node: they are few beside the units and
        # posts (none in the generated organizations, a dozen in the IOM's record).
        table = self.tables["lines"]
        now = {self._line_key(ln) for ln in s.lines if node in (ln.source, ln.target)}
        mine = self.lines_of.get(nid, set())
        for key in [k for k in mine if k not in now]:
            self._close(table, self.open_lines.pop(key), at, start, end)
            for end_node in (key[0], key[2]):
                self._forget_line(end_node, key)
        for key in sorted(now - mine):
            if key in self.open_lines:
                continue
            self.open_lines[key] = table.append((*key, start, end, OPEN, OPEN, at, NONE))
            for end_node in (key[0], key[2]):
                self.lines_of.setdefault(end_node, set()).add(key)

    def _forget_line(self, nid: int, key: tuple[int, int, int]) -> None:
        keys = self.lines_of.get(nid)
        if keys is not None:
            keys.discard(key)
            if not keys:
                del self.lines_of[nid]

    # ------------------------------------------------------------ starting over
    def reopen(self, s: Structure, at: int) -> None:
        """Forget every version made at position ``at`` or later and reopen those closed
        there, so that recording can go on from ``at`` with ``s``, the structure then."""
        for name in ("units", "posts", "lines", "holders"):
            table = self.tables[name]
            keep = int(np.searchsorted(table.col("made"), at, side="left"))
            table.cut(keep)
            again = table.col("ended") >= at
            table.col("until")[again] = OPEN
            table.col("until_hi")[again] = OPEN
            table.col("ended")[again] = NONE
        for name in ("lineage", "doubts", "link_doubts"):
            table = self.tables[name]
            table.cut(int(np.searchsorted(table.col("made"), at, side="left")))
        self.lineage_seen = len(s.lineage)
        nodes = self.nodes.text
        for name, open_, objs, records in (
            ("units", self.open_unit, self.unit_obj, s.units),
            ("posts", self.open_post, self.post_obj, s.posts),
        ):
            table = self.tables[name]
            open_[:] = NONE
            for i in range(len(objs)):
                objs[i] = None
            rows = np.nonzero(table.col("ended") == NONE)[0]
            owners = table.col("node")[rows]
            open_[owners] = rows
            for nid in owners.tolist():
                objs[nid] = records[nodes[nid]]
        holders = self.tables["holders"]
        self.open_holders = {}
        for row in np.nonzero(holders.col("ended") == NONE)[0].tolist():
            key = tuple(holders.get(c, row) for c in ("person", "kind", "stated"))
            self.open_holders.setdefault(holders.get("post", row), {})[key] = row
        lines = self.tables["lines"]
        self.open_lines, self.lines_of = {}, {}
        for row in np.nonzero(lines.col("ended") == NONE)[0].tolist():
            key = tuple(lines.get(c, row) for c in ("source", "kind", "target"))
            self.open_lines[key] = row
            for end_node in (key[0], key[2]):
                self.lines_of.setdefault(end_node, set()).add(key)
