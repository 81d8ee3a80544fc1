"""The changes that turn one structure into another, in an order that applies cleanly.

The diff is computed in phases; each phase only needs what earlier ones left in place:

1. vacate holders who leave, and remove typed lines that end (before their posts go);
2. detach what is kept but reports to a node that goes: straight to its new line of
   oversight when that node is already there and no cycle results, else to the top;
3. abolish what goes, deepest first (ordinary posts before the nodes they sit in), so
   nothing still reports to a node when it ends;
4. create what is new, parents before children (a topological order by depth in the
   target); a post whose unit can only be created after it is created without a unit
   and moved in phase 5;
5. move what is kept to its new line of oversight, by depth in the target: every node
   shallower than the one being moved already has its final parent, so the chain above
   the new parent is final too and cannot contain the node being moved (no transient
   cycle);
6. edit kept units (reclassify or rename, redescribe, relocate, set head) and kept
   posts (regrade, amend);
7. add typed lines and assign holders who arrive.

A post's other attributes (title, category, duty station, seniority, status, funding,
full-time equivalent) change by an amend-post, its grade by a regrade-post; an id that
is a unit on one side and a post on the other is abolished and created again. The
result is exact whenever the target is *closed* (every post's unit, head post, line end
and oversight target is in force in it), or where a dangling reference is the same on
both sides.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import replace
from operator import attrgetter

from ..changes import (
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Move,
    MovePost,
    Reclassify,
    Redescribe,
    RegradePost,
    Relocate,
    RemoveLine,
    Rename,
    SetHead,
    UnitSpec,
    Vacate,
)
from ..changes.posts import AMENDABLE
from ..dates import FuzzyDate
from ..model import UNKNOWN_PLACE, AssignmentKind, Line
from ..structure import Structure
from .depth import Depths
from .signature import holder_set


def line_key(line: Line) -> tuple[str, str, str]:
    """Sort key of a typed line."""
    return (line.source, str(line.kind), line.target)


class _Differ:
    """One run of the diff from ``a`` to ``b``; tracks what the emitted changes did."""

    def __init__(self, a: Structure, b: Structure, date: FuzzyDate):
        self.a, self.b, self.date = a, b, date
        # Set operations on key views run in C: with a hundred thousand posts, it shows.
        self.kept_units = a.units.keys() & b.units.keys()
        self.kept_posts = a.posts.keys() & b.posts.keys()
        self.kept = self.kept_units | self.kept_posts
        self.removed = (a.units.keys() | a.posts.keys()) - self.kept
        self.created = (b.units.keys() | b.posts.keys()) - self.kept
        self.depth_a = Depths(a.oversight)
        self.depth_b = Depths(b.oversight)
        self.resited, self.misfiled, self.edited = _changed_posts(a, b)
        # What the emitted changes have done so far, for the checks they will meet.
        self.parent: dict[str, str] = dict(a.oversight)
        #: the unit of each post an emitted change placed (the others are where ``a`` has
        #: them); a kept post is only ever placed in its unit in the target.
        self.placed: dict[str, str | None] = {}
        self.head_of: dict[str, str | None] = {u: unit.head for u, unit in a.units.items()}
        self.lines: set[Line] = set(a.lines)
        self.holding: dict[str, set[tuple[str, str]]] = {}
        self.out: list[Change] = []

    # ----------------------------------------------------------------- helpers
    def emit(self, change: Change) -> None:
        self.out.append(change)

    def unit_now(self, post: str) -> str | None:
        """The unit ``post`` sits in after the changes emitted so far."""
        if post in self.placed:
            return self.placed[post]
        old = self.a.posts.get(post)
        return old.unit if old is not None else None

    def ancestors_now(self, node: str) -> list[str]:
        chain: list[str] = []
        seen = {node}
        current = self.parent.get(node)
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self.parent.get(current)
        return chain

    def order_b(self, node: str) -> tuple[int, int, str]:
        """Order by depth in the target, units before posts, then by id."""
        return (self.depth_b[node], 0 if node in self.b.units else 1, node)

    def by_depth_b(self, nodes: set[str]) -> list[str]:
        """``nodes`` in the order of :meth:`order_b`, for many nodes at once.

        Nodes are put in ranks (depth and kind as one number), then each rank is sorted
        by id: sorting plain strings is several times faster than sorting tuples. Nodes
        with no line are at the top, so set operations rank them (most posts have no
        line); the others are one deeper than their parent, looked up once per parent.
        """
        up, units = self.b.oversight, self.b.units.keys()
        top = nodes - up.keys()
        ranks: dict[int, list[str]] = {0: [*(top & units)], 1: [*(top - units)]}
        by_parent: dict[str, list[str]] = {}
        for node in nodes & up.keys():
            by_parent.setdefault(up[node], []).append(node)
        for parent, children in by_parent.items():
            depth = self.depth_b[parent] + 1
            for node in children:
                ranks.setdefault(2 * depth + (node not in units), []).append(node)
        return [node for rank in sorted(ranks) for node in sorted(ranks[rank])]

    def relocate_node(self, node: str, to: str | None, unit_ok: set[str] | None) -> None:
        """Emit the move of a kept unit or post to ``to`` (and its post's unit if ready)."""
        if node in self.b.units:
            self.emit(Move(date=self.date, node=node, to=to))
            self._set_parent(node, to)
            return
        kwargs: dict[str, str | None] = {}
        if self.parent.get(node) != to:
            kwargs["reports_to"] = to
            self._set_parent(node, to)
        want = self.b.posts[node].unit
        if self.unit_now(node) != want and (want is None or unit_ok is None or want in unit_ok):
            kwargs["unit"] = want
            self.placed[node] = want
        if kwargs:
            self.emit(MovePost(date=self.date, post=node, **kwargs))  # type: ignore[arg-type]

    def _set_parent(self, node: str, to: str | None) -> None:
        if to is None:
            self.parent.pop(node, None)
        else:
            self.parent[node] = to

    # ------------------------------------------------------------------ phases
    def run(self) -> list[Change]:
        self._made: set[str] = set()
        self._deferred: set[str] = set()
        self.vacate()
        self.remove_lines()
        self.detach()
        self.abolish()
        self.create()
        self.move()
        self.edit_units()
        self.edit_posts()
        self.add_lines()
        self.assign()
        return self.out

    def vacate(self) -> None:
        for post in sorted(self.a.holders):  # only held posts: most are vacant
            held = self.a.holders[post]
            staying = holder_set(self.b, post) if post in self.kept_posts else frozenset()
            leaving: list[str] = []
            for asg in held:
                if (asg.person, str(asg.kind)) not in staying and asg.person not in leaving:
                    leaving.append(asg.person)
            for person in leaving:
                self.emit(Vacate(date=self.date, post=post, person=person))
            self.holding[post] = {
                (asg.person, str(asg.kind)) for asg in held if asg.person not in leaving
            }

    def remove_lines(self) -> None:
        for line in sorted(self.a.lines, key=line_key):
            ends_go = line.source in self.removed or line.target in self.removed
            if line not in self.b.lines or ends_go:
                self.emit(
                    RemoveLine(
                        date=self.date, source=line.source, kind=line.kind, target=line.target
                    )
                )
                self.lines.discard(line)

    def detach(self) -> None:
        orphans = sorted(
            (n for r in self.removed for n in self.a.reporting_to(r) if n in self.kept),
            key=lambda n: (self.depth_a[n], n),
        )
        for node in orphans:
            want = self.b.oversight.get(node)
            ready = want is not None and want in self.kept and want != node
            if ready and node not in self.ancestors_now(want):  # type: ignore[arg-type]
                self.relocate_node(node, want, unit_ok=self.kept_units)
            else:
                self.relocate_node(node, None, unit_ok=self.kept_units)
        # References that dangle in the target but point at something in force now must
        # be set before that thing is abolished; afterwards no change could set them.
        # Only a post whose unit differs between the two sides can need it, and none
        # has been placed yet but in a unit of the target.
        for post in sorted(self.misfiled):
            want = self.b.posts[post].unit
            if want in self.a.units and post not in self.placed:
                self.emit(MovePost(date=self.date, post=post, unit=want))
                self.placed[post] = want
        for unit in sorted(self.kept_units):
            want = self.b.units[unit].head
            if (
                want is not None
                and want not in self.b.posts
                and want in self.a.posts
                and self.head_of.get(unit) != want
            ):
                self.emit(SetHead(date=self.date, unit=unit, head=want))
                self.head_of[unit] = want

    def abolish(self) -> None:
        removed = self.removed

        def key(node: str) -> tuple[int, int, int, str]:
            # Leaves (nothing that goes still reports to them) can go at any time: first,
            # posts before units. The others deepest first, which empties each in turn.
            rank = 0 if node in self.a.posts else 1
            depth = -self.depth_a[node]
            if any(r in removed for r in self.a.reporting_to(node)):
                return (1, depth, rank, node)
            return (0, rank, depth, node)

        for node in sorted(removed, key=key):
            if node in self.a.posts:
                self.emit(AbolishPost(date=self.date, post=node))
            else:
                self.emit(Abolish(date=self.date, unit=node))
            self.parent.pop(node, None)

    def create(self) -> None:
        b, created = self.b, self.created
        hard: dict[str, str | None] = {}
        soft: dict[str, str | None] = {}
        for node in created:
            up = b.oversight.get(node)
            hard[node] = up if up in created else None
            unit = b.posts[node].unit if node in b.posts else None
            soft[node] = unit if unit in created and unit in b.units else None
        waiting: dict[str, list[str]] = {}
        for node in created:
            for dep in (hard[node], soft[node]):
                if dep is not None:
                    waiting.setdefault(dep, []).append(node)
        heap = [self.order_b(n) for n in created if hard[n] is None and soft[n] is None]
        heapq.heapify(heap)
        queued = {key[2] for key in heap}
        pending = set(created)
        deferred = self._deferred
        while pending:
            if not heap:
                # Only a post's unit can close a loop (oversight has none): create the
                # first such post without its unit; phase 5 moves it there.
                node = min(
                    (n for n in pending if n in b.posts and hard[n] is None),
                    key=self.order_b,
                )
                soft[node] = None
                deferred.add(node)
                heapq.heappush(heap, self.order_b(node))
                queued.add(node)
            node = heapq.heappop(heap)[2]
            pending.discard(node)
            self.make(node, without_unit=node in deferred)
            for other in waiting.get(node, ()):
                if hard[other] == node:
                    hard[other] = None
                if soft[other] == node:
                    soft[other] = None
                if hard[other] is None and soft[other] is None and other not in queued:
                    heapq.heappush(heap, self.order_b(other))
                    queued.add(other)

    def make(self, node: str, without_unit: bool) -> None:
        b = self.b
        up = b.oversight.get(node)
        if node in b.units:
            spec = UnitSpec.of(b.units[node])
            self.emit(CreateUnit(date=self.date, unit=spec, parent=up))
            self.head_of[node] = spec.head
        else:
            post = b.posts[node]
            unit = None if without_unit else post.unit
            self.emit(CreatePost.of(post.but(unit=unit), up, date=self.date))
            self.placed[node] = unit
        self._set_parent(node, up)
        self._made.add(node)
        self.holding[node] = set()

    def move(self) -> None:
        """Put every node on the target's line and every post in the target's unit.

        What each node needs is read off two sets (wrong line, wrong unit), and the moves
        go out by depth in the target, so each node's new line is final when it moves.
        Nothing reads ``parent`` or ``placed`` after this phase: they are not updated.
        """
        b, date, emit = self.b, self.date, self.out.append
        # Nodes whose line is not the target's yet: what was abolished left ``parent`` and
        # what was created was put in place, so only kept nodes can remain.
        wrong_line = {n for n, _ in self.parent.items() ^ b.oversight.items() if n in self.kept}
        # Posts in the wrong unit: kept ones whose unit differs between the two sides
        # (unless a change placed them already, which is always in the target's unit),
        # and those created without their unit.
        wrong_unit = set(self.resited).difference(self.placed) | self._deferred
        for node in self.by_depth_b(wrong_line | wrong_unit):
            to = b.oversight.get(node)
            if node in b.units:
                emit(Move(date=date, node=node, to=to))
            elif node not in wrong_unit:
                emit(MovePost(date=date, post=node, reports_to=to))
            elif node in wrong_line:
                emit(MovePost(date=date, post=node, unit=b.posts[node].unit, reports_to=to))
            else:
                emit(MovePost(date=date, post=node, unit=b.posts[node].unit))

    def edit_units(self) -> None:
        for unit in sorted(self.kept_units):
            old, new = self.a.units[unit], self.b.units[unit]
            name = new.name if new.name != old.name else None
            abbr = new.abbreviation if new.abbreviation != old.abbreviation else None
            d = self.date
            if new.kind != old.kind:
                self.emit(
                    Reclassify(date=d, unit=unit, kind=new.kind, name=name, abbreviation=abbr)
                )
            elif name is not None or abbr is not None:
                self.emit(Rename(date=d, unit=unit, name=new.name, abbreviation=abbr))
            mandate = new.mandate if new.mandate != old.mandate else None
            functions = new.functions if new.functions != old.functions else None
            if mandate is not None or functions is not None:
                self.emit(Redescribe(date=d, unit=unit, mandate=mandate, functions=functions))
            if new.location != old.location:
                self.emit(Relocate(date=d, unit=unit, location=new.location))
            if self.head_of.get(unit) != new.head:
                self.emit(SetHead(date=d, unit=unit, head=new.head))

    def edit_posts(self) -> None:
        """Regrade kept posts whose grade changes (with their title and category), then
        amend what else changes."""
        for post in sorted(self.edited):
            old, new = self.a.posts[post], self.b.posts[post]
            differ = {n: getattr(new, n) for n in AMENDABLE if getattr(new, n) != getattr(old, n)}
            if new.grade != old.grade:
                self.emit(
                    RegradePost(
                        date=self.date,
                        post=post,
                        grade=new.grade,
                        title=differ.pop("title", None),
                        category=differ.pop("category", None),
                    )
                )
            if differ:
                self.emit(AmendPost(date=self.date, post=post, **differ))  # type: ignore[arg-type]

    def add_lines(self) -> None:
        for line in sorted(self.b.lines - self.lines, key=line_key):
            self.emit(
                AddLine(date=self.date, source=line.source, kind=line.kind, target=line.target)
            )

    def assign(self) -> None:
        for post in sorted(self.b.holders):
            have = self.holding.setdefault(post, set())
            for asg in self.b.holders.get(post, ()):
                pair = (asg.person, str(asg.kind))
                if pair in have:
                    continue
                self.emit(
                    Assign(
                        date=self.date,
                        post=post,
                        person=asg.person,
                        kind=AssignmentKind(asg.kind),
                    )
                )
                have.add(pair)


#: What an amend or a regrade of a post changes: everything but its id and unit.
_EDITABLE = attrgetter("grade", *AMENDABLE)


def _changed_posts(a: Structure, b: Structure) -> tuple[list[str], list[str], list[str]]:
    """Kept posts that change unit, those of them whose unit is not in force in ``b``,
    and kept posts that need a regrade or an amend.

    One pass over the target's posts; a post that no change touched between the two
    sides is the very same version on both, and is passed over at once.
    """
    resited: list[str] = []
    misfiled: list[str] = []
    edited: list[str] = []
    before, units = a.posts, b.units
    for post_id, new in b.posts.items():
        old = before.get(post_id)
        if old is None or old is new:
            continue
        if old.unit != new.unit:
            resited.append(post_id)
            if new.unit is not None and new.unit not in units:
                misfiled.append(post_id)
        if _EDITABLE(old) != _EDITABLE(new):
            edited.append(post_id)
    return resited, misfiled, edited


def plain_diff(a: Structure, b: Structure, date: FuzzyDate) -> list[Change]:
    """The changes (without ids) that turn ``a`` into ``b``, each dated ``date``."""
    changes = _Differ(a, b, date).run()
    if a.unplaced or b.unplaced:
        changes = _unknown_places(a, b, date, changes)
    return changes


def _unknown_places(a: Structure, b: Structure, date: FuzzyDate, changes: list[Change]):
    """``changes`` with the placements no source gives: the differ reads them as the top.

    What ``b`` leaves unplaced is created or moved to the unknown place rather than to the
    top; a kept node going between the top and the unknown place (neither a line the
    differ sees) is moved too, at the end: nothing depends on it.
    """
    unknown = {n for n in b.unplaced if b.exists(n)}
    out: list[Change] = []
    for c in changes:
        if isinstance(c, CreateUnit) and c.unit.id in unknown and c.parent is None:
            c = replace(c, parent=UNKNOWN_PLACE)
        elif isinstance(c, CreatePost) and c.post in unknown and c.reports_to is None:
            c = replace(c, reports_to=UNKNOWN_PLACE)
        elif isinstance(c, Move) and c.node in unknown and c.to is None:
            c = replace(c, to=UNKNOWN_PLACE)
        elif isinstance(c, MovePost) and c.post in unknown and c.reports_to is None:
            c = replace(c, reports_to=UNKNOWN_PLACE)
        out.append(c)
    for node in sorted((a.unplaced | unknown) & (a.units.keys() | a.posts.keys())):
        if not b.exists(node) or node in a.oversight or node in b.oversight:
            continue
        to = b.placement(node)
        if a.placement(node) == to:
            continue
        if node in b.units:
            out.append(Move(date=date, node=node, to=to))
        else:
            out.append(MovePost(date=date, post=node, reports_to=to))
    return out


def number(changes: Iterable[Change], prefix: str = "diff") -> list[Change]:
    """Give changes ids ``PREFIX-1``, ``PREFIX-2``… in order; returns them as a list."""
    return [replace(change, id=f"{prefix}-{i}") for i, change in enumerate(changes, 1)]
