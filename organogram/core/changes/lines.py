"""Typed lines other than oversight: direct supervision, administrative support, functional."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Line, LineKind
from ..structure import Structure
from .base import Change, register


@dataclass(kw_only=True, frozen=True)
class _LineChange(Change):
    source: str
    kind: LineKind
    target: str

    def line(self) -> Line:
        """The line this change adds or removes."""
        return Line(self.source, LineKind(self.kind), self.target)

    def _common(self, s: Structure) -> list[str]:
        problems: list[str] = []
        try:
            kind = LineKind(self.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in LineKind if k is not LineKind.OVERSIGHT)
            return [f"unknown line kind {self.kind!r}: use one of {kinds}"]
        if kind is LineKind.OVERSIGHT:
            problems.append("the line of oversight is changed with 'move', not as a typed line")
        for role, node in (("source", self.source), ("target", self.target)):
            if not s.exists(node):
                problems.append(f"line {role} {s.named(node)} does not exist at this date")
        if self.source == self.target:
            problems.append("a line needs two different ends")
        return problems

    def subjects(self) -> frozenset[str]:
        return frozenset({self.source, self.target})


@register
@dataclass(kw_only=True, frozen=True)
class AddLine(_LineChange):
    """A typed line starts between two nodes."""

    op = "add-line"
    label = "Add line"

    def check(self, s: Structure) -> list[str]:
        problems = self._common(s)
        if not problems and self.line() in s.lines:
            problems.append(
                f"{s.named(self.source)} already has this {self.kind} line "
                f"to {s.named(self.target)}"
            )
        return problems

    def _apply(self, s: Structure) -> None:
        s.add_line(self.line())


@register
@dataclass(kw_only=True, frozen=True)
class RemoveLine(_LineChange):
    """A typed line between two nodes ends."""

    op = "remove-line"
    label = "Remove line"

    def check(self, s: Structure) -> list[str]:
        problems = self._common(s)
        if not problems and self.line() not in s.lines:
            problems.append(
                f"{s.named(self.source)} has no {self.kind} line to {s.named(self.target)}"
            )
        return problems

    def _apply(self, s: Structure) -> None:
        s.remove_line(self.line())
