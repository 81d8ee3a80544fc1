"""The structure of an organization at one moment, with fast indexes.

A :class:`Structure` is what folding the timeline up to a date produces: the units
and posts that exist, one line of oversight per node, the other typed lines, who
holds which post, and the lineage accumulated so far. Changes mutate it through
the small set of methods below. The indexes (children, reporters, posts of a unit;
see :mod:`.indexes`) are built when first asked for and then kept up to date by those
methods, so a long fold pays for them once.

Mutate a structure only through its methods once it has been queried: a value written
straight into one of its dicts is not seen by indexes built before. (Building a
structure by filling its dicts, as tests do, is fine before the first query.)
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from .indexes import POSTS_AFTER, Figures, Groups, Numbering, tally
from .model import Assignment, Line, LineageLink, LineKind, Person, Post, Unit

_NO_COUNTS: Mapping[str, int] = MappingProxyType({})


class _Indexes:
    """The incremental indexes of one structure (see :mod:`.indexes`)."""

    __slots__ = (
        "children",
        "figures",
        "over_no",
        "posts_by_unit",
        "posts_no",
        "reporters",
        "seniors",
        "units_no",
    )

    def __init__(self, s: Structure | None = None) -> None:
        self.units_no = Numbering(s.units if s is not None else ())
        self.posts_no = Numbering(s.posts if s is not None else ())
        self.over_no = Numbering(s.oversight if s is not None else ())
        #: target ("" for the top) -> units and senior posts whose line points at it.
        self.children = Groups()
        #: target -> every node (ordinary posts too) whose line points at it.
        self.reporters = Groups()
        #: unit (None: no unit) -> posts sitting in it -> their grade.
        self.posts_by_unit = Groups()
        #: unit -> its posts and their cost, priced when a rollup asks (see Figures).
        self.figures = Figures(self.posts_by_unit)
        #: how many senior posts there are (the nodes are the units and these).
        self.seniors = 0
        if s is None:
            return
        for node in s.nodes():
            self.children.add(s.oversight.get(node) or "", node)
        for node, target in s.oversight.items():
            self.reporters.add(target, node)
        for post_id, post in s.posts.items():
            self.posts_by_unit.add(post.unit, post_id, post.grade)
            self.seniors += post.senior

    def node_number(self, node: str) -> int:
        """Position among a node's siblings: units first, then senior posts, each as added."""
        number = self.units_no.number.get(node)
        return number if number is not None else POSTS_AFTER + self.posts_no.number[node]

    def copy(self) -> _Indexes:
        out = _Indexes()
        out.units_no = self.units_no.copy()
        out.posts_no = self.posts_no.copy()
        out.over_no = self.over_no.copy()
        out.children = self.children.copy()
        out.reporters = self.reporters.copy()
        out.posts_by_unit = self.posts_by_unit.copy()
        # Figures are not copied: copies are kept as checkpoints, and few are priced.
        out.figures = Figures(out.posts_by_unit)
        out.seniors = self.seniors
        return out


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
    _ix: _Indexes | None = field(default=None, repr=False, compare=False)

    # ----------------------------------------------------------------- queries
    def copy(self, *, indexes: bool = True) -> Structure:
        """An independent copy; values are immutable so a shallow copy suffices.

        Indexes already built are copied too (cheaper than building them again), unless
        ``indexes`` is false: then the copy builds its own when first asked.
        """
        out = Structure(
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
        if indexes and self._ix is not None:
            out._ix = self._ix.copy()
        return out

    def _index(self) -> _Indexes:
        """The indexes, built on first use."""
        if self._ix is None:
            self._ix = _Indexes(self)
        return self._ix

    def drop_indexes(self) -> None:
        """Forget the indexes (they are built again when next needed), to save memory."""
        self._ix = None

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

    def node_count(self) -> int:
        """How many units and senior posts there are (what :meth:`nodes` yields)."""
        return len(self.units) + self._index().seniors

    def parent(self, node: str) -> str | None:
        """The node that ``node`` reports to on its line of oversight, or None at the top."""
        return self.oversight.get(node)

    def child_count(self, node: str | None) -> int:
        """How many nodes :meth:`children` gives, without putting them in order."""
        return self._index().children.size(node if node is not None else "")

    def children(self, node: str | None) -> list[str]:
        """Nodes whose line of oversight points at ``node`` (``None``: the top nodes)."""
        ix = self._index()
        return ix.children.ordered(node if node is not None else "", ix.node_number)

    def reporting_to(self, node: str) -> list[str]:
        """Units and posts (senior or not) whose line of oversight points at ``node``.

        Unlike :meth:`children`, this includes ordinary posts that report to ``node``;
        ending ``node`` must deal with them too, or their line would point at nothing.
        """
        ix = self._index()
        return ix.reporters.ordered(node, ix.over_no.number.__getitem__)

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
        ix = self._index()
        groups = ix.children
        parents, ordered, number = groups.members, groups.ordered, ix.node_number
        out = [node]
        stack = list(reversed(ordered(node, number)))
        # Every node has one line of oversight, so it is reached at most once from
        # above; only ``node`` itself can come round again, when it sits in a loop.
        while stack:
            n = stack.pop()
            if n == node:
                continue
            out.append(n)
            if n in parents:
                stack.extend(reversed(ordered(n, number)))
        return out

    def top_down(self) -> list[str]:
        """Every node reached from the top, breadth first: each child after its parent.

        Walked backwards, it adds every node into its parent before the parent is read,
        which is how sums over subtrees (rollups, costing) are made in one pass.
        """
        ix = self._index()
        ordered, number = ix.children.ordered, ix.node_number
        parents = ix.children.members
        order = list(ordered("", number))
        extend = order.extend
        for n in order:  # grows as it goes: each node's children join the end
            if n in parents:
                extend(ordered(n, number))
        return order

    def posts_in(self, unit: str) -> list[str]:
        """Posts that sit in ``unit``."""
        ix = self._index()
        return list(ix.posts_by_unit.ordered(unit, ix.posts_no.number.__getitem__))

    def post_ids(self, unit: str | None) -> Collection[str]:
        """Posts that sit in ``unit``, in no particular order: cheaper than :meth:`posts_in`."""
        return self._index().posts_by_unit.members.get(unit, {}).keys()

    def grade_counts(self, unit: str | None) -> Mapping[str, int]:
        """How many posts sitting in ``unit`` have each grade (grades as first met)."""
        group = self._index().posts_by_unit.members.get(unit)
        return MappingProxyType(tally(group)) if group else _NO_COUNTS

    def unit_figures(
        self, costs: Mapping[str, float], among: Collection[str] | None = None
    ) -> Mapping[str | None, tuple[int, float]]:
        """unit -> (posts sitting in it, the sum of their grades' ``costs``).

        Units without posts are left out. Each unit's sum is made once and kept until
        posts come, go or change grade there, or the costs differ. With ``among``, only
        those units' figures are sure to be current (read-only).
        """
        return self._index().figures.sums(costs, among)

    def chain(self, node: str) -> list[str]:
        """The chain of oversight above a unit or post, nearest first.

        A post without a line of oversight of its own answers through the unit it sits
        in: its chain is that unit, then the unit's chain.
        """
        if node not in self.oversight:
            post = self.posts.get(node)
            if post is not None and post.unit is not None:
                return [post.unit, *self.ancestors(post.unit)]
        return self.ancestors(node)

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

    # --------------------------------------------------------------- mutations
    # Changes call these; each keeps the indexes up to date when they are built.
    def put_unit(self, unit: Unit) -> None:
        """Add a unit or replace its current version."""
        new = unit.id not in self.units
        self.units[unit.id] = unit
        self.retired_units.pop(unit.id, None)
        self.touched.add(unit.id)
        ix = self._ix
        if ix is not None and new:
            ix.units_no.enter(unit.id)
            ix.children.add(self.oversight.get(unit.id) or "", unit.id)

    def retire_unit(self, unit_id: str) -> None:
        """Remove a unit from force, dropping its lines; its last version is kept."""
        self.retired_units[unit_id] = self.units.pop(unit_id)
        had = unit_id in self.oversight
        target = self.oversight.pop(unit_id, None)
        self.lines = {ln for ln in self.lines if unit_id not in (ln.source, ln.target)}
        self.touched.add(unit_id)
        ix = self._ix
        if ix is not None:
            ix.units_no.leave(unit_id)
            ix.children.discard(target or "", unit_id)
            if had:
                ix.reporters.discard(target, unit_id)
                ix.over_no.leave(unit_id)

    def set_oversight(self, node: str, target: str | None) -> None:
        """Point the line of oversight of ``node`` at ``target`` (None: the top)."""
        had = node in self.oversight
        old = self.oversight.get(node)
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
        self.posts[pid] = post
        if before is None:  # a post in force is never among the retired ones
            self.retired_posts.pop(pid, None)
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

    def retire_post(self, post_id: str) -> None:
        """Remove a post from force, dropping its lines and holders."""
        post = self.retired_posts[post_id] = self.posts.pop(post_id)
        had = post_id in self.oversight
        target = self.oversight.pop(post_id, None)
        self.holders.pop(post_id, None)
        self.lines = {ln for ln in self.lines if post_id not in (ln.source, ln.target)}
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
