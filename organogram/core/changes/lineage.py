"""Changes that end units and pass them on: merge, split, replace.

Each records lineage links (predecessor -> successor) so that a unit's history can
be followed across them. What reported to an ended unit, and the posts in it, go to
its successor unless the change says where else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import LineageLink
from ..structure import Structure
from .base import Change, need_target, need_unit, node_ids, register
from .units import UnitSpec, check_spec


def _hand_over(s: Structure, old: str, new: str, moves: dict[str, str]) -> None:
    """Give what reported to ``old`` and the posts in it to ``new`` (or as ``moves`` says)."""
    if old in s.ancestors(new):
        # The successor was under its predecessor (at any depth): it takes the
        # predecessor's place, or handing over old's children would make a cycle.
        s.set_oversight(new, s.placement(old))
    # Every reporter, not only units and senior posts: an ordinary post left
    # reporting to ``old`` would report to a unit that no longer exists.
    for child in list(s.reporting_to(old)):
        if child != new:
            s.set_oversight(child, moves.get(child, new))
    for post_id in s.posts_in(old):
        s.put_post(s.posts[post_id].but(unit=moves.get(post_id, new)))
    if s.units.get(new) is not None and s.units[new].head is None and s.units[old].head:
        # A successor without a head post inherits the predecessor's.
        s.put_unit(s.units[new].but(head=s.units[old].head))


def _need_outside(s: Structure, parent: str, ending: tuple[str, ...], problems: list[str]) -> None:
    """A new successor cannot report to a node below a unit that ends into it.

    The ended unit's children are handed to the successor, so the successor would
    end up below itself.
    """
    for u in ending:
        if u in s.ancestors(parent):
            problems.append(
                f"the new unit cannot report to {s.named(parent)}, which is under {s.named(u)}: "
                "that would make a cycle once its children are handed over"
            )


@register
@dataclass(kw_only=True, frozen=True)
class Merge(Change):
    """Several units become one: an existing unit among them or a new one."""

    op = "merge"
    label = "Merge"

    units: tuple[str, ...]
    into: str
    new: UnitSpec | None = None
    parent: str | None = None  # line of oversight of a new unit

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if len(set(self.units)) < len(self.units):
            problems.append("a merge names the same unit twice")
        if len(self.units) < 1 or (self.new is None and len(self.units) < 2):
            problems.append("a merge needs at least two units, or one unit and a new one")
        for u in self.units:
            need_unit(s, u, problems)
        if self.new is not None:
            if self.new.id != self.into:
                problems.append(f"the new unit's id {self.new.id!r} must be {self.into!r}")
            check_spec(s, self.new, problems)
            need_target(s, self.into, self.parent, problems)
            if self.parent in self.units:
                problems.append(f"the merged unit cannot report to {self.parent!r}, merged away")
            elif self.parent is not None and s.exists(self.parent):
                _need_outside(s, self.parent, self.units, problems)
        elif self.into not in s.units:
            problems.append(
                f"{self.into!r} does not exist at this date: give the new unit's name and kind"
            )
        return problems

    def _apply(self, s: Structure) -> None:
        if self.new is not None:
            s.put_unit(self.new.build())
            s.set_oversight(self.into, self.parent)
        for u in self.units:
            if u == self.into:
                continue
            s.add_lineage(LineageLink(u, self.into, "merge", self.date, self.id))
            _hand_over(s, u, self.into, {})
            s.retire_unit(u)

    def subjects(self) -> frozenset[str]:
        return frozenset({*self.units, self.into})

    def creates(self) -> frozenset[str]:
        return frozenset({self.into}) if self.new is not None else frozenset()

    def needs(self) -> frozenset[str]:
        return (frozenset(self.units) | node_ids(self.into, self.parent)) - self.creates()


@register
@dataclass(kw_only=True, frozen=True)
class Split(Change):
    """A unit's work is divided among new units; the unit may go on or end."""

    op = "split"
    label = "Split"

    unit: str
    into: tuple[UnitSpec, ...]
    keep: bool = False
    parents: dict[str, str | None] = field(default_factory=dict)  # new unit -> oversight
    moves: dict[str, str] = field(default_factory=dict)  # child/post -> new home

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if not self.into:
            problems.append("a split needs at least one new unit")
        if not need_unit(s, self.unit, problems):
            return problems
        new_ids = {spec.id for spec in self.into}
        for spec in self.into:
            check_spec(s, spec, problems)
        if not self.keep:
            for child in s.children(self.unit):
                if child not in self.moves:
                    problems.append(
                        f"{s.named(child)} reports to {s.named(self.unit)}, "
                        "which ends: say where it goes"
                    )
        if len(new_ids) < len(self.into):
            problems.append("the new units of a split need different ids")
        for what, home in self.moves.items():
            if not s.exists(what):
                problems.append(f"{s.named(what)} is to move, but does not exist at this date")
            elif (
                what in s.posts
                and not s.is_node(what)
                and home not in new_ids
                and home not in s.units
            ):
                problems.append(
                    f"post {s.named(what)} is moved to {s.named(home)}, which is not a unit"
                )
            if home not in new_ids and home not in s.units and home not in s.posts:
                problems.append(
                    f"{s.named(what)} is moved to {s.named(home)}, which does not exist"
                )
            elif home == self.unit and not self.keep:
                problems.append(f"{s.named(what)} is moved to {s.named(home)}, which ends")
        for new_id, parent in self.parents.items():
            if parent is not None and parent not in new_ids and not s.exists(parent):
                problems.append(
                    f"{new_id!r} is to report to {s.named(parent)}, which does not exist"
                )
            elif parent == self.unit and not self.keep:
                problems.append(f"{new_id!r} is to report to {s.named(parent)}, which ends")
        if not problems:
            problems.extend(self._cycles(s, new_ids))
        return problems

    def _cycles(self, s: Structure, new_ids: set[str]) -> list[str]:
        """Cycles the new lines of oversight would make (the split sets them unchecked)."""
        after: dict[str, str | None] = {}
        default_parent = s.placement(self.unit)
        for spec in self.into:
            after[spec.id] = self.parents.get(spec.id, default_parent)
        for what, home in self.moves.items():
            if not (what in s.posts and not s.is_node(what)):
                after[what] = home
        if not self.keep and self.into:
            # What still reports to the unit that ends goes to the first new unit: an
            # ordinary post among them may have a unit under it (it was senior once).
            for reporter in s.reporter_ids(self.unit):
                after.setdefault(reporter, self.into[0].id)
        for start in after:
            seen = {start}
            current = after[start]
            while current is not None:
                if current in seen:
                    return [f"the split would put {s.named(start)} under itself (a cycle)"]
                seen.add(current)
                current = after[current] if current in after else s.oversight.get(current)
        return []

    def _apply(self, s: Structure) -> None:
        default_parent = s.placement(self.unit)
        for spec in self.into:
            s.put_unit(spec.build())
            s.set_oversight(spec.id, self.parents.get(spec.id, default_parent))
            s.add_lineage(LineageLink(self.unit, spec.id, "split", self.date, self.id))
        for what, home in self.moves.items():
            if what in s.posts and not s.is_node(what):
                s.put_post(s.posts[what].but(unit=home))
            else:
                s.set_oversight(what, home)
        if not self.keep:
            first = self.into[0].id
            for post_id in s.posts_in(self.unit):
                s.put_post(s.posts[post_id].but(unit=first))
            # Ordinary posts still reporting to the ended unit go with its posts.
            for reporter in list(s.reporting_to(self.unit)):
                s.set_oversight(reporter, first)
            s.retire_unit(self.unit)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.unit, *(spec.id for spec in self.into), *self.moves})

    def creates(self) -> frozenset[str]:
        return frozenset(spec.id for spec in self.into)

    def needs(self) -> frozenset[str]:
        referred = {self.unit, *self.moves, *self.moves.values(), *self.parents.values()}
        return node_ids(*referred) - self.creates()


@register
@dataclass(kw_only=True, frozen=True)
class Replace(Change):
    """A unit ends and another (new or existing) takes its place."""

    op = "replace"
    label = "Replace"

    unit: str
    by: str
    new: UnitSpec | None = None
    parent: str | None = None  # oversight of a new unit; default: the old unit's

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        need_unit(s, self.unit, problems)
        if self.by == self.unit:
            problems.append("a unit cannot replace itself")
        if self.new is not None:
            if self.new.id != self.by:
                problems.append(f"the new unit's id {self.new.id!r} must be {self.by!r}")
            check_spec(s, self.new, problems)
            need_target(s, self.by, self.parent, problems)
            if self.parent is not None and s.exists(self.parent):
                _need_outside(s, self.parent, (self.unit,), problems)
        elif self.by not in s.units:
            problems.append(
                f"{self.by!r} does not exist at this date: give the new unit's name and kind"
            )
        return problems

    def _apply(self, s: Structure) -> None:
        if self.new is not None:
            s.put_unit(self.new.build())
            parent = self.parent if self.parent is not None else s.placement(self.unit)
            s.set_oversight(self.by, parent)
        s.add_lineage(LineageLink(self.unit, self.by, "replace", self.date, self.id))
        _hand_over(s, self.unit, self.by, {})
        s.retire_unit(self.unit)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.unit, self.by})

    def creates(self) -> frozenset[str]:
        return frozenset({self.by}) if self.new is not None else frozenset()

    def needs(self) -> frozenset[str]:
        return node_ids(self.unit, self.by, self.parent) - self.creates()
