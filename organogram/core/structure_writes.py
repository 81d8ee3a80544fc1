"""The writes a :class:`~organogram.core.structure.Structure` allows, copy on write.

Changes call these methods; each takes ownership of the containers it writes (see
:meth:`Structure.own`: ``if self._shared`` first, so a structure that was never copied
pays one test) and keeps the indexes up to date when they are built. They live apart
from the structure's queries so that each file reads in one sitting.

A read-only structure (:meth:`Structure.freeze`) keeps :data:`READ_ONLY` among its
shared names: every write method then calls :meth:`Structure.own` before writing, and
``own`` refuses. So the check costs a write nothing beyond the test it already makes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import UNKNOWN_PLACE, Assignment, Line, LineageLink, LineKind, Post, Unit

if TYPE_CHECKING:
    from .indexes import StructureIndexes

#: The containers a copy shares with its original until one of them writes to it.
SHARED = (
    "units",
    "posts",
    "oversight",
    "lines",
    "holders",
    "retired_units",
    "retired_posts",
    "lineage",
    "unplaced",
    "vacant",
)

#: Kept in ``_shared`` while a structure is read-only; not the name of a container.
READ_ONLY = "(read-only)"


class StructureWrites:
    """The mutation methods of a structure (mixed into :class:`Structure`)."""

    units: dict[str, Unit]
    posts: dict[str, Post]
    oversight: dict[str, str]
    lines: set[Line]
    holders: dict[str, tuple[Assignment, ...]]
    retired_units: dict[str, Unit]
    retired_posts: dict[str, Post]
    lineage: list[LineageLink]
    unplaced: set[str]
    vacant: set[str]
    touched: set[str]
    _ix: StructureIndexes | None
    _shared: set[str]

    def own(self, *names: str) -> None:  # defined by Structure
        raise NotImplementedError

    def is_node(self, node: str) -> bool:  # defined by Structure
        raise NotImplementedError

    # Changes call these; each takes ownership of what it writes (``if self._shared``
    # first: a structure that was never copied pays one test) and keeps the indexes up
    # to date when they are built.
    def put_unit(self, unit: Unit) -> None:
        """Add a unit or replace its current version."""
        uid = unit.id
        new = uid not in self.units
        if self._shared:
            self.own("units")
        self.units[uid] = unit
        if uid in self.retired_units:
            if self._shared:
                self.own("retired_units")
            del self.retired_units[uid]
        self.touched.add(uid)
        ix = self._ix
        if ix is not None and new:
            ix.units_no.enter(uid)
            ix.children.add(self.oversight.get(uid) or "", uid)

    def retire_unit(self, unit_id: str) -> None:
        """Remove a unit from force, dropping its lines; its last version is kept."""
        if self._shared:
            self.own("units", "retired_units")
        self.retired_units[unit_id] = self.units.pop(unit_id)
        self._forget_place(unit_id)
        had = unit_id in self.oversight
        target = None
        if had:
            if self._shared:
                self.own("oversight")
            target = self.oversight.pop(unit_id)
        self._drop_lines(unit_id)
        self.touched.add(unit_id)
        ix = self._ix
        if ix is not None:
            ix.units_no.leave(unit_id)
            ix.children.discard(target or "", unit_id)
            if had:
                ix.reporters.discard(target, unit_id)
                ix.over_no.leave(unit_id)

    def _drop_lines(self, node: str) -> None:
        """Remove every typed line from or to ``node``."""
        kept = {ln for ln in self.lines if node not in (ln.source, ln.target)}
        if len(kept) != len(self.lines):
            self.lines = kept  # a new set, this structure's own
            self._shared.discard("lines")

    def _forget_place(self, node: str) -> None:
        """``node`` is no longer unplaced (it was placed, or it ended)."""
        if node in self.unplaced:
            if self._shared:
                self.own("unplaced")
            self.unplaced.discard(node)

    def set_oversight(self, node: str, target: str | None) -> None:
        """Point the line of oversight of ``node`` at ``target`` (None: the top).

        ``target`` :data:`~.model.UNKNOWN_PLACE`: no source says where ``node`` is; it
        has no line (it counts among the top nodes of the indexes) and is unplaced.
        """
        if target == UNKNOWN_PLACE:
            if node not in self.unplaced:
                if self._shared:
                    self.own("unplaced")
                self.unplaced.add(node)
            target = None
        else:
            self._forget_place(node)
        had = node in self.oversight
        old = self.oversight.get(node)
        if self._shared:
            self.own("oversight")
        if target is None:
            self.oversight.pop(node, None)
        else:
            self.oversight[node] = target
        self.touched.add(node)
        ix = self._ix
        if ix is None:
            return
        if had:
            ix.reporters.discard(old, node)
        if target is None:
            ix.over_no.leave(node)
        else:
            ix.over_no.enter(node)
            ix.reporters.add(target, node)
        if self.is_node(node):
            ix.children.discard(old or "", node)
            ix.children.add(target or "", node)

    def put_post(self, post: Post) -> None:
        """Add a post or replace its current version."""
        pid = post.id
        before = self.posts.get(pid)
        if self._shared:
            self.own("posts")
        self.posts[pid] = post
        # A post in force is never among the retired ones.
        if before is None and pid in self.retired_posts:
            if self._shared:
                self.own("retired_posts")
            del self.retired_posts[pid]
        self.touched.add(pid)
        ix = self._ix
        if ix is None:
            return
        if before is None:
            ix.posts_no.enter(pid)
            ix.posts_by_unit.add(post.unit, pid, post.grade)
            if post.senior:
                ix.seniors += 1
                ix.children.add(self.oversight.get(pid) or "", pid)
            return
        if before.unit != post.unit:
            ix.posts_by_unit.move(pid, before.unit, post.unit, post.grade)
        elif before.grade != post.grade:
            ix.posts_by_unit.add(post.unit, pid, post.grade)
        if before.senior != post.senior:
            if post.senior:
                ix.seniors += 1
                ix.children.add(self.oversight.get(post.id) or "", post.id)
            else:
                ix.seniors -= 1
                ix.children.discard(self.oversight.get(post.id) or "", post.id)

    def retire_post(self, post_id: str, kept: Post | None = None) -> None:
        """Remove a post from force, dropping its lines and holders.

        ``kept``: the version to keep among the retired posts (by default the last one
        in force), such as that version marked abolished.
        """
        if self._shared:
            self.own("posts", "retired_posts")
        post = self.posts.pop(post_id)
        self.retired_posts[post_id] = kept if kept is not None else post
        self._forget_place(post_id)
        if post_id in self.vacant:
            self.own("vacant")
            self.vacant.discard(post_id)
        had = post_id in self.oversight
        target = None
        if had:
            if self._shared:
                self.own("oversight")
            target = self.oversight.pop(post_id)
        if post_id in self.holders:
            if self._shared:
                self.own("holders")
            del self.holders[post_id]
        self._drop_lines(post_id)
        self.touched.add(post_id)
        ix = self._ix
        if ix is not None:
            ix.posts_no.leave(post_id)
            ix.posts_by_unit.discard(post.unit, post_id)
            if post.senior:
                ix.seniors -= 1
                ix.children.discard(target or "", post_id)
            if had:
                ix.reporters.discard(target, post_id)
                ix.over_no.leave(post_id)

    def set_holders(
        self, post_id: str, holders: tuple[Assignment, ...], *, vacant: bool = False
    ) -> None:
        """Set who holds a post (empty: no holder recorded).

        ``vacant``: a source says the post is vacant (with no holders). Holders taking
        it up end that.
        """
        if self._shared:
            # First, even when nothing changes: a read-only structure refuses any write.
            self.own("holders")
        if vacant != (post_id in self.vacant):
            if self._shared:
                self.own("vacant")
            if vacant:
                self.vacant.add(post_id)
            else:
                self.vacant.discard(post_id)
        if holders:
            self.holders[post_id] = holders
        elif post_id in self.holders:
            del self.holders[post_id]
        self.touched.add(post_id)

    def add_line(self, line: Line) -> None:
        """Add a typed line other than oversight."""
        assert line.kind is not LineKind.OVERSIGHT
        if self._shared:
            self.own("lines")
        self.lines.add(line)
        self.touched.update((line.source, line.target))

    def remove_line(self, line: Line) -> None:
        """Remove a typed line other than oversight."""
        if self._shared:
            self.own("lines")
        self.lines.discard(line)
        self.touched.update((line.source, line.target))

    def add_lineage(self, link: LineageLink) -> None:
        """Record a link of lineage (a merge, split or replacement), after those before."""
        if self._shared:
            self.own("lineage")
        self.lineage.append(link)
