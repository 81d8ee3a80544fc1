"""Changes to one unit: create, rename, reclassify, redescribe, relocate, head, move, abolish."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Unit
from ..structure import Structure
from .base import Change, need_new_id, need_target, need_unit, node_ids, register


@dataclass(kw_only=True, frozen=True)
class UnitSpec:
    """The attributes of a unit to be created, alone or by a merge, split or replacement."""

    id: str
    name: str
    kind: str
    abbreviation: str = ""
    mandate: str = ""
    functions: tuple[str, ...] = ()
    location: str = ""
    head: str | None = None

    def build(self) -> Unit:
        """The unit's first version."""
        return Unit(
            id=self.id,
            name=self.name,
            kind=self.kind,
            abbreviation=self.abbreviation,
            mandate=self.mandate,
            functions=tuple(self.functions),
            location=self.location,
            head=self.head,
        )

    @classmethod
    def of(cls, unit: Unit) -> UnitSpec:
        """The spec that would create ``unit`` as it is."""
        return cls(
            id=unit.id,
            name=unit.name,
            kind=unit.kind,
            abbreviation=unit.abbreviation,
            mandate=unit.mandate,
            functions=unit.functions,
            location=unit.location,
            head=unit.head,
        )


def check_spec(s: Structure, spec: UnitSpec, problems: list[str]) -> None:
    """Problems with creating a unit from ``spec``."""
    need_new_id(s, spec.id, problems)
    if not spec.name.strip():
        problems.append(f"unit {spec.id!r} needs a name")
    if not spec.kind.strip():
        problems.append(f"unit {spec.id!r} needs a kind")


@register
@dataclass(kw_only=True, frozen=True)
class CreateUnit(Change):
    """A new unit comes into being, under a line of oversight (or at the top)."""

    op = "create"
    label = "Create unit"

    unit: UnitSpec
    parent: str | None = None

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        check_spec(s, self.unit, problems)
        need_target(s, self.unit.id, self.parent, problems)
        return problems

    def _apply(self, s: Structure) -> None:
        s.put_unit(self.unit.build())
        s.set_oversight(self.unit.id, self.parent)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.unit.id})

    def creates(self) -> frozenset[str]:
        return frozenset({self.unit.id})

    def needs(self) -> frozenset[str]:
        return node_ids(self.parent)


@dataclass(kw_only=True, frozen=True)
class _UnitEdit(Change):
    """A change to one attribute group of an existing unit."""

    unit: str

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if need_unit(s, self.unit, problems):
            self._check_more(s, s.units[self.unit], problems)
        return problems

    def _check_more(self, s: Structure, current: Unit, problems: list[str]) -> None:
        """Further checks once the unit is known to exist."""

    def _apply(self, s: Structure) -> None:
        s.put_unit(self._edited(s.units[self.unit]))

    def _edited(self, current: Unit) -> Unit:
        raise NotImplementedError

    def subjects(self) -> frozenset[str]:
        return frozenset({self.unit})


@register
@dataclass(kw_only=True, frozen=True)
class Rename(_UnitEdit):
    """The unit keeps its identity under a new name (and abbreviation)."""

    op = "rename"
    label = "Rename"

    name: str
    abbreviation: str | None = None

    def _check_more(self, s: Structure, current: Unit, problems: list[str]) -> None:
        if not self.name.strip():
            problems.append("a rename needs a new name")
        elif self.name == current.name and self.abbreviation in (None, current.abbreviation):
            problems.append(f"{s.named(self.unit)} is already named {self.name!r}")

    def _edited(self, current: Unit) -> Unit:
        abbr = current.abbreviation if self.abbreviation is None else self.abbreviation
        return current.but(name=self.name, abbreviation=abbr)


@register
@dataclass(kw_only=True, frozen=True)
class Reclassify(_UnitEdit):
    """The unit changes kind (e.g. a division becomes a department), maybe its name too."""

    op = "reclassify"
    label = "Reclassify"

    kind: str
    name: str | None = None
    abbreviation: str | None = None

    def _check_more(self, s: Structure, current: Unit, problems: list[str]) -> None:
        if not self.kind.strip():
            problems.append("a reclassification needs a kind")
        elif self.kind == current.kind and self.name in (None, current.name):
            problems.append(f"{s.named(self.unit)} is already a {self.kind}")

    def _edited(self, current: Unit) -> Unit:
        return current.but(
            kind=self.kind,
            name=current.name if self.name is None else self.name,
            abbreviation=current.abbreviation if self.abbreviation is None else self.abbreviation,
        )


@register
@dataclass(kw_only=True, frozen=True)
class Redescribe(_UnitEdit):
    """The unit's mandate or functions are restated."""

    op = "redescribe"
    label = "Redescribe"

    mandate: str | None = None
    functions: tuple[str, ...] | None = None

    def _check_more(self, s: Structure, current: Unit, problems: list[str]) -> None:
        if self.mandate is None and self.functions is None:
            problems.append("a redescription needs a mandate or functions")

    def _edited(self, current: Unit) -> Unit:
        return current.but(
            mandate=current.mandate if self.mandate is None else self.mandate,
            functions=current.functions if self.functions is None else tuple(self.functions),
        )


@register
@dataclass(kw_only=True, frozen=True)
class Relocate(_UnitEdit):
    """The unit moves to another duty station or place."""

    op = "relocate"
    label = "Relocate"

    location: str

    def _check_more(self, s: Structure, current: Unit, problems: list[str]) -> None:
        if self.location == current.location:
            problems.append(f"{s.named(self.unit)} is already in {self.location!r}")

    def _edited(self, current: Unit) -> Unit:
        return current.but(location=self.location)


@register
@dataclass(kw_only=True, frozen=True)
class SetHead(_UnitEdit):
    """The post that heads the unit changes (None: no head post)."""

    op = "set-head"
    label = "Set head post"

    head: str | None

    def _check_more(self, s: Structure, current: Unit, problems: list[str]) -> None:
        if self.head is not None and self.head not in s.posts:
            problems.append(f"head post {s.named(self.head)} does not exist at this date")
        if self.head == current.head:
            problems.append(f"{s.named(self.unit)} is already headed by {s.named(self.head)}")

    def _edited(self, current: Unit) -> Unit:
        return current.but(head=self.head)

    def needs(self) -> frozenset[str]:
        return node_ids(self.unit, self.head)


@register
@dataclass(kw_only=True, frozen=True)
class Move(Change):
    """A unit or senior post gets a new line of oversight (None: it reports to no one)."""

    op = "move"
    label = "Move"

    node: str
    to: str | None

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if not s.exists(self.node):
            problems.append(f"{s.named(self.node)} does not exist at this date")
            return problems
        if s.placement(self.node) == self.to:
            where = s.named(self.to) if self.to else "the top"
            problems.append(f"{s.named(self.node)} is already under {where}")
        need_target(s, self.node, self.to, problems)
        return problems

    def _apply(self, s: Structure) -> None:
        s.set_oversight(self.node, self.to)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.node})

    def needs(self) -> frozenset[str]:
        return node_ids(self.node, self.to)


@register
@dataclass(kw_only=True, frozen=True)
class Abolish(Change):
    """The unit ceases to exist. Nothing may still report to it on a line of oversight."""

    op = "abolish"
    label = "Abolish"

    unit: str

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if need_unit(s, self.unit, problems):
            # Ordinary posts reporting to the unit count too: they would be left
            # reporting to a unit that no longer exists.
            below = s.reporting_to(self.unit)
            if below:
                problems.append(
                    f"{s.named(self.unit)} still oversees "
                    f"{', '.join(map(s.named, below))}: move them first"
                )
        return problems

    def _apply(self, s: Structure) -> None:
        s.retire_unit(self.unit)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.unit})
