"""How a structure rule re-checks only what the changes since the last check could affect.

Along a timeline the structure rules run after every change date (see :mod:`.run`).
Most of the structure stays as it was from one date to the next, so a rule that says
how its findings depend on nodes need not look at all of it again. Such a rule
declares an :class:`Incremental` form: given what changed (:class:`Since`), it names
the *region*, the subjects whose findings may differ, and gives the hits the full
rule would give on those subjects. The findings of every other subject are kept.

The contract, which the tests check against the full run: ``recheck`` returns a region
holding the subject of every hit that may have appeared, gone or changed its key, and
exactly the hits of the full rule whose subject is in that region. ``order`` gives the
full rule's order of hits, used to list several new findings of one date as the full
run would. A rule without an incremental form runs in full at every date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from ..structure import Structure
from .config import RuleConfig
from .findings import Hit

Region = set[str]
Order = Callable[[Hit], object]


class Since:
    """What changed since the last check; regions several rules share are made once."""

    def __init__(self, touched: set[str], parent_before: Mapping[str, str]):
        #: nodes (units, posts, line ends) that changes touched since the last check.
        self.touched = touched
        #: node -> its line of oversight at the last check (absent: none).
        self.parent_before = parent_before
        self._made: dict[str, Region] = {}

    def _once(self, name: str, make: Callable[[], Region]) -> Region:
        region = self._made.get(name)
        if region is None:
            region = self._made[name] = make()
        return region

    def with_reporters(self, s: Structure) -> Region:
        """The touched nodes and whatever reports to them (their messages name them)."""

        def make() -> Region:
            region = set(self.touched)
            for node in self.touched:
                region.update(s.reporter_ids(node))
            return region

        return self._once("reporters", make)

    def with_parents(self, s: Structure) -> Region:
        """The touched nodes and their parents now and at the last check."""

        def make() -> Region:
            region = set(self.touched)
            for node in self.touched:
                for parent in (self.parent_before.get(node), s.oversight.get(node)):
                    if parent is not None:
                        region.add(parent)
            return region

        return self._once("parents", make)

    def with_subtrees(self, s: Structure) -> Region:
        """The touched nodes and every node below them now."""

        def make() -> Region:
            region: Region = set()
            for node in self.touched:
                # Most touched nodes are posts with nothing below them.
                if s.child_count(node) == 0:
                    region.add(node)
                elif node not in region:
                    region.update(s.subtree(node))
            return region

        return self._once("subtrees", make)

    def units(self, s: Structure) -> list[str]:
        """The touched nodes that are units, or were (abolished since)."""
        made = self._made.get("units")
        if made is None:
            made = self._made["units"] = {
                n for n in self.touched if n in s.units or n in s.retired_units
            }
        return list(made)


class Incremental:
    """A rule's incremental form; this base keeps no state between checks."""

    def fresh(self) -> Incremental:
        """The form for a new run (stateful forms return a new instance)."""
        return self

    def copy(self) -> Incremental:
        """The form for a copy of a run, at the same point."""
        return self

    def start(self, s: Structure, config: RuleConfig, hits: list[Hit]) -> None:
        """Note what later checks need, after the full check gave ``hits`` on ``s``."""

    def recheck(self, s: Structure, config: RuleConfig, since: Since) -> tuple[Region, list[Hit]]:
        """The region to re-examine (read, never changed, by the caller), and the full
        rule's hits on it."""
        raise NotImplementedError

    def order(self, s: Structure) -> Order:
        """Sort key of a hit: the position the full rule gives it."""
        raise NotImplementedError


class ByNode(Incremental):
    """A rule whose hits on a node depend on the nodes a ``region`` function names.

    ``hits(s, config, region)`` gives the full rule's hits on the subjects in
    ``region``; ``order(s)`` the sort key of a hit.
    """

    def __init__(
        self,
        region: Callable[[Since, Structure], Region],
        hits: Callable[[Structure, RuleConfig, Region], Iterable[Hit]],
        order: Callable[[Structure], Order],
    ):
        self._region, self._hits, self._order = region, hits, order

    def recheck(self, s: Structure, config: RuleConfig, since: Since) -> tuple[Region, list[Hit]]:
        region = self._region(since, s)
        return region, list(self._hits(s, config, region))

    def order(self, s: Structure) -> Order:
        return self._order(s)


def in_order(table: str) -> Callable[[Structure], Order]:
    """Order hits by where their subject stands in ``table`` (see Structure.position)."""

    def order(s: Structure) -> Order:
        return lambda hit: s.position(table, hit.subject)  # type: ignore[arg-type]

    return order


def touched(since: Since, s: Structure) -> Region:
    """The region of a rule whose hits on a node depend on that node alone."""
    return since.touched


def touched_posts_and_their_units(since: Since, s: Structure) -> Region:
    """The touched nodes and the posts sitting in touched units (messages name the unit)."""
    region = set(since.touched)
    for node in since.units(s):
        region.update(s.post_ids(node))
    return region


class Loops(Incremental):
    """The ``cycle`` rule: a loop can only appear or go through a node whose line changed."""

    def __init__(self) -> None:
        #: node on a loop -> the loop's subject.
        self.on_loop: dict[str, str] = {}

    def fresh(self) -> Loops:
        return Loops()

    def copy(self) -> Loops:
        out = Loops()
        out.on_loop = dict(self.on_loop)
        return out

    def start(self, s: Structure, config: RuleConfig, hits: list[Hit]) -> None:
        self.on_loop = {n: hit.subject for hit in hits for n in hit.causes or ()}  # type: ignore[misc]

    def recheck(self, s: Structure, config: RuleConfig, since: Since) -> tuple[Region, list[Hit]]:
        # Imported here: the rule's module declares this form.
        from .oversight_rules import loop_hit

        # Loops are disjoint, so a loop through no touched node neither came nor went,
        # and no other loop can share its subject (its smallest node).
        gone = {self.on_loop[n] for n in since.touched if n in self.on_loop}
        self.on_loop = {n: subject for n, subject in self.on_loop.items() if subject not in gone}
        region, hits = set(gone), []
        for start in sorted(since.touched):
            if start in self.on_loop:
                continue
            loop = _loop_through(s.oversight, start)
            if loop is not None:
                hit = loop_hit(s, loop)
                hits.append(hit)
                region.add(hit.subject)  # type: ignore[arg-type]
                self.on_loop.update((n, hit.subject) for n in loop)  # type: ignore[misc]
        return region, hits

    def order(self, s: Structure) -> Order:
        # The full rule walks up from each node of ``s.oversight`` in turn: a loop comes
        # with the first node there whose walk ends on it, the loop's or one below it.
        def key(hit: Hit) -> object:
            basin, stack = set(hit.causes or ()), list(hit.causes or ())
            while stack:
                for below in s.reporter_ids(stack.pop()):
                    if below not in basin:
                        basin.add(below)
                        stack.append(below)
            return min(s.position("oversight", n) for n in basin)

        return key


def _loop_through(oversight: Mapping[str, str], start: str) -> list[str] | None:
    """The loop ``start`` sits on, from its smallest node, or None."""
    path = [start]
    seen = {start}
    node = oversight.get(start)
    while node is not None and node not in seen:
        path.append(node)
        seen.add(node)
        node = oversight.get(node)
    if node != start:
        return None
    first = path.index(min(path))
    return path[first:] + path[:first]


class Grouped(Incremental):
    """Rules on units sharing a value: a change to one unit re-checks its old and new group.

    ``value(unit)`` gives the unit's value (empty: not compared); ``hits(s, config,
    region, first)`` gives the hits on ``region``, where ``first(value)`` is the unit
    that comes first in ``s.units`` among those with the value.
    """

    def __init__(self, value: Callable[..., str], hits: Callable[..., Iterable[Hit]]):
        self.value, self._hits = value, hits
        self.value_of: dict[str, str] = {}
        self.groups: dict[str, set[str]] = {}

    def fresh(self) -> Grouped:
        return Grouped(self.value, self._hits)

    def copy(self) -> Grouped:
        out = self.fresh()
        out.value_of = dict(self.value_of)
        out.groups = {v: set(units) for v, units in self.groups.items()}
        return out

    def start(self, s: Structure, config: RuleConfig, hits: list[Hit]) -> None:
        self.value_of, self.groups = {}, {}
        for unit in s.units.values():
            self._enter(unit.id, self.value(unit))

    def _enter(self, unit_id: str, value: str) -> None:
        if value:
            self.value_of[unit_id] = value
            self.groups.setdefault(value, set()).add(unit_id)

    def recheck(self, s: Structure, config: RuleConfig, since: Since) -> tuple[Region, list[Hit]]:
        region = set(since.touched)
        for node in since.units(s):
            old = self.value_of.pop(node, None)
            if old is not None:
                group = self.groups[old]
                group.discard(node)
                region.update(group)
                if not group:
                    del self.groups[old]
            unit = s.units.get(node)
            if unit is not None:
                self._enter(node, self.value(unit))
                region.update(self.groups.get(self.value(unit), ()))

        def first(value: str) -> str:
            return min(self.groups[value], key=lambda u: s.position("units", u))

        return region, list(self._hits(s, config, region, first))

    def order(self, s: Structure) -> Order:
        return in_order("units")(s)


class Heads(Incremental):
    """``head-not-in-unit``: a unit is re-checked when it, its head post or the unit that
    post sits in changed (the message names all three)."""

    def __init__(self, hits: Callable[..., Iterable[Hit]]):
        self._hits = hits
        self.head_of: dict[str, str] = {}
        #: post -> units it heads.
        self.heads: dict[str, set[str]] = {}

    def fresh(self) -> Heads:
        return Heads(self._hits)

    def copy(self) -> Heads:
        out = self.fresh()
        out.head_of = dict(self.head_of)
        out.heads = {p: set(units) for p, units in self.heads.items()}
        return out

    def start(self, s: Structure, config: RuleConfig, hits: list[Hit]) -> None:
        self.head_of, self.heads = {}, {}
        for unit in s.units.values():
            self._enter(unit.id, unit.head)

    def _enter(self, unit_id: str, head: str | None) -> None:
        if head is not None:
            self.head_of[unit_id] = head
            self.heads.setdefault(head, set()).add(unit_id)

    def recheck(self, s: Structure, config: RuleConfig, since: Since) -> tuple[Region, list[Hit]]:
        units = since.units(s)
        for node in units:
            old = self.head_of.pop(node, None)
            if old is not None:
                self.heads[old].discard(node)
            unit = s.units.get(node)
            if unit is not None:
                self._enter(node, unit.head)
        region = set(since.touched)
        heads = self.heads
        for node in since.touched:
            if node in heads:
                region.update(heads[node])
        for node in units:
            for post in s.post_ids(node):
                if post in heads:
                    region.update(heads[post])
        return region, list(self._hits(s, config, region))

    def order(self, s: Structure) -> Order:
        return in_order("units")(s)
