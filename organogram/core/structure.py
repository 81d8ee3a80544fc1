"""The structure of an organization at one moment, with fast indexes.

A :class:`Structure` is what folding the timeline up to a date produces: the units
and posts that exist, one line of oversight per node, the other typed lines, who
holds which post, and the lineage accumulated so far. Changes mutate it through
the small set of methods below; indexes (children, depth) are rebuilt lazily after
a mutation, so a long fold pays for them once, when they are first asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Assignment, Line, LineageLink, LineKind, Person, Post, Unit


@dataclass
class Structure:
    """Units, posts and lines in force at one moment."""

    units: dict[str, Unit] = field(default_factory=dict)
    posts: dict[str, Post] = field(default_factory=dict)
    #: node (unit or post) -> node it reports to: the one line of oversight.
    oversight: dict[str, str] = field(default_factory=dict)
    #: typed lines other than oversight.
    lines: set[Line] = field(default_factory=set)
    #: post -> its current holders, in order of assignment.
    holders: dict[str, tuple[Assignment, ...]] = field(default_factory=dict)
    #: units and posts that existed once and were abolished, last version kept.
    retired_units: dict[str, Unit] = field(default_factory=dict)
    retired_posts: dict[str, Post] = field(default_factory=dict)
    lineage: list[LineageLink] = field(default_factory=list)
    #: reference data shared by every snapshot of one record (not dated).
    people: dict[str, Person] = field(default_factory=dict)
    #: ids mutated since the set was last cleared (history reads and clears it).
    touched: set[str] = field(default_factory=set, repr=False, compare=False)
    _children: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)
    _reporters: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    # ----------------------------------------------------------------- queries
    def copy(self) -> Structure:
        """An independent copy; values are immutable so a shallow copy suffices."""
        return Structure(
            units=dict(self.units),
            posts=dict(self.posts),
            oversight=dict(self.oversight),
            lines=set(self.lines),
            holders=dict(self.holders),
            retired_units=dict(self.retired_units),
            retired_posts=dict(self.retired_posts),
            lineage=list(self.lineage),
            people=self.people,
        )

    def exists(self, node: str) -> bool:
        """True when ``node`` is a unit or a post in force."""
        return node in self.units or node in self.posts

    def is_node(self, node: str) -> bool:
        """True for a unit or senior post: the things the tree of oversight is made of."""
        if node in self.units:
            return True
        post = self.posts.get(node)
        return post is not None and post.senior

    def nodes(self) -> Iterator[str]:
        """Every unit and senior post, units first, each in insertion order."""
        yield from self.units
        yield from (p for p, post in self.posts.items() if post.senior)

    def parent(self, node: str) -> str | None:
        """The node that ``node`` reports to on its line of oversight, or None at the top."""
        return self.oversight.get(node)

    def children(self, node: str | None) -> list[str]:
        """Nodes whose line of oversight points at ``node`` (``None``: the top nodes)."""
        if self._children is None:
            self._build_children()
        assert self._children is not None
        return self._children.get(node if node is not None else "", [])

    def reporting_to(self, node: str) -> list[str]:
        """Units and posts (senior or not) whose line of oversight points at ``node``.

        Unlike :meth:`children`, this includes ordinary posts that report to ``node``;
        ending ``node`` must deal with them too, or their line would point at nothing.
        """
        if self._reporters is None:
            reporters: dict[str, list[str]] = {}
            for n, target in self.oversight.items():
                reporters.setdefault(target, []).append(n)
            self._reporters = reporters
        return self._reporters.get(node, [])

    def roots(self) -> list[str]:
        """Nodes with no line of oversight."""
        return self.children(None)

    def ancestors(self, node: str) -> list[str]:
        """The chain of oversight above ``node``, nearest first; stops on a cycle."""
        chain: list[str] = []
        seen = {node}
        current = self.oversight.get(node)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.oversight.get(current)
        return chain

    def subtree(self, node: str) -> list[str]:
        """``node`` and every node below it, depth first."""
        out: list[str] = []
        stack = [node]
        seen: set[str] = set()
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            out.append(n)
            stack.extend(reversed(self.children(n)))
        return out

    def posts_in(self, unit: str) -> list[str]:
        """Posts that sit in ``unit``."""
        return [p for p, post in self.posts.items() if post.unit == unit]

    def lines_of(self, node: str) -> list[Line]:
        """Typed lines (other than oversight) from or to ``node``."""
        return sorted(
            (ln for ln in self.lines if node in (ln.source, ln.target)),
            key=lambda ln: (ln.source, ln.kind, ln.target),
        )

    def label(self, node: str) -> str:
        """A readable name for a unit or a post, in force or retired."""
        if node in self.units:
            return self.units[node].name
        if node in self.posts:
            return self.posts[node].title
        if node in self.retired_units:
            return self.retired_units[node].name
        if node in self.retired_posts:
            return self.retired_posts[node].title
        return node

    def _build_children(self) -> None:
        children: dict[str, list[str]] = {}
        for node in self.nodes():
            children.setdefault(self.oversight.get(node) or "", []).append(node)
        self._children = children

    # --------------------------------------------------------------- mutations
    # Changes call these; each keeps the indexes honest.
    def _touch(self) -> None:
        self._children = None
        self._reporters = None

    def put_unit(self, unit: Unit) -> None:
        """Add a unit or replace its current version."""
        self.units[unit.id] = unit
        self.retired_units.pop(unit.id, None)
        self.touched.add(unit.id)
        self._touch()

    def retire_unit(self, unit_id: str) -> None:
        """Remove a unit from force, dropping its lines; its last version is kept."""
        self.retired_units[unit_id] = self.units.pop(unit_id)
        self.oversight.pop(unit_id, None)
        self.lines = {ln for ln in self.lines if unit_id not in (ln.source, ln.target)}
        self.touched.add(unit_id)
        self._touch()

    def set_oversight(self, node: str, target: str | None) -> None:
        """Point the line of oversight of ``node`` at ``target`` (None: the top)."""
        if target is None:
            self.oversight.pop(node, None)
        else:
            self.oversight[node] = target
        self.touched.add(node)
        self._touch()

    def put_post(self, post: Post) -> None:
        """Add a post or replace its current version."""
        self.posts[post.id] = post
        self.retired_posts.pop(post.id, None)
        self.touched.add(post.id)
        self._touch()

    def retire_post(self, post_id: str) -> None:
        """Remove a post from force, dropping its lines and holders."""
        self.retired_posts[post_id] = self.posts.pop(post_id)
        self.oversight.pop(post_id, None)
        self.holders.pop(post_id, None)
        self.lines = {ln for ln in self.lines if post_id not in (ln.source, ln.target)}
        self.touched.add(post_id)
        self._touch()

    def set_holders(self, post_id: str, holders: tuple[Assignment, ...]) -> None:
        """Set who holds a post (empty: vacant)."""
        if holders:
            self.holders[post_id] = holders
        else:
            self.holders.pop(post_id, None)
        self.touched.add(post_id)

    def add_line(self, line: Line) -> None:
        """Add a typed line other than oversight."""
        assert line.kind is not LineKind.OVERSIGHT
        self.lines.add(line)
        self.touched.update((line.source, line.target))

    def remove_line(self, line: Line) -> None:
        """Remove a typed line other than oversight."""
        self.lines.discard(line)
        self.touched.update((line.source, line.target))
