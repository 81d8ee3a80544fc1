"""Changes to posts and to who holds them."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Assignment, AssignmentKind, Post
from ..structure import Structure
from .base import Change, need_new_id, need_post, need_target, need_unit, node_ids, register


@register
@dataclass(kw_only=True)
class CreatePost(Change):
    """A post is established in a unit; a senior post is a node of the tree of oversight."""

    op = "create-post"
    label = "Create post"

    post: str
    title: str
    grade: str = ""
    category: str = ""
    unit: str | None = None
    duty_station: str = ""
    senior: bool = False
    reports_to: str | None = None

    def build(self) -> Post:
        """The post's first version."""
        return Post(
            id=self.post,
            title=self.title,
            grade=self.grade,
            category=self.category,
            unit=self.unit,
            duty_station=self.duty_station,
            senior=self.senior,
        )

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        need_new_id(s, self.post, problems)
        if not self.title.strip():
            problems.append(f"post {self.post!r} needs a title")
        if self.unit is not None:
            need_unit(s, self.unit, problems, "unit of the post")
        need_target(s, self.post, self.reports_to, problems)
        return problems

    def _apply(self, s: Structure) -> None:
        s.put_post(self.build())
        s.set_oversight(self.post, self.reports_to)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})

    def creates(self) -> frozenset[str]:
        return frozenset({self.post})

    def needs(self) -> frozenset[str]:
        return node_ids(self.unit, self.reports_to)


@register
@dataclass(kw_only=True)
class AbolishPost(Change):
    """A post ceases to exist. It must be vacant and no node may report to it."""

    op = "abolish-post"
    label = "Abolish post"

    post: str

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if need_post(s, self.post, problems):
            if s.holders.get(self.post):
                names = ", ".join(a.person for a in s.holders[self.post])
                problems.append(f"post {self.post!r} is held by {names}: vacate it first")
            # Ordinary posts reporting to it count too, not only units and senior posts.
            below = s.reporting_to(self.post)
            if below:
                problems.append(
                    f"{', '.join(map(repr, below))} still report to {self.post!r}: move them first"
                )
        return problems

    def _apply(self, s: Structure) -> None:
        s.retire_post(self.post)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})


@register
@dataclass(kw_only=True)
class RegradePost(Change):
    """A post's grade (and maybe its title or category) changes."""

    op = "regrade-post"
    label = "Regrade post"

    post: str
    grade: str
    title: str | None = None
    category: str | None = None

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if self.title is not None and not self.title.strip():
            problems.append(f"post {self.post!r} needs a title")
        if need_post(s, self.post, problems):
            current = s.posts[self.post]
            # None keeps the attribute (as in _apply); "" clears it and is a change.
            if (current.grade, current.title, current.category) == (
                self.grade,
                current.title if self.title is None else self.title,
                current.category if self.category is None else self.category,
            ):
                problems.append(f"post {self.post!r} is already {self.grade}")
        return problems

    def _apply(self, s: Structure) -> None:
        current = s.posts[self.post]
        s.put_post(
            current.but(
                grade=self.grade,
                title=current.title if self.title is None else self.title,
                category=current.category if self.category is None else self.category,
            )
        )

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})


_KEEP = "="  # in MovePost: leave this attribute as it is


@register
@dataclass(kw_only=True)
class MovePost(Change):
    """A post moves to another unit or reports to someone else (or both)."""

    op = "move-post"
    label = "Move post"

    post: str
    unit: str | None = _KEEP
    reports_to: str | None = _KEEP

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if not need_post(s, self.post, problems):
            return problems
        if self.unit == _KEEP and self.reports_to == _KEEP:
            problems.append("a post move needs a unit or a reports_to")
        if self.unit not in (_KEEP, None):
            need_unit(s, self.unit, problems, "new unit")
        if self.reports_to != _KEEP:
            need_target(s, self.post, self.reports_to, problems)
        current = s.posts[self.post]
        if (self.unit in (_KEEP, current.unit)) and (
            self.reports_to in (_KEEP, s.oversight.get(self.post))
        ):
            problems.append(f"post {self.post!r} is already there")
        return problems

    def _apply(self, s: Structure) -> None:
        if self.unit != _KEEP:
            s.put_post(s.posts[self.post].but(unit=self.unit))
        if self.reports_to != _KEEP:
            s.set_oversight(self.post, self.reports_to)

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})

    def needs(self) -> frozenset[str]:
        return node_ids(self.post, *(x for x in (self.unit, self.reports_to) if x != _KEEP))


@register
@dataclass(kw_only=True)
class Assign(Change):
    """A person takes up a post: regularly, ad interim, acting or as officer-in-charge."""

    op = "assign"
    label = "Assign"

    post: str
    person: str
    kind: AssignmentKind = AssignmentKind.REGULAR

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if self.person not in s.people:
            problems.append(f"person {self.person!r} is not in the record")
        try:
            AssignmentKind(self.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in AssignmentKind)
            problems.append(f"unknown assignment kind {self.kind!r}: use one of {kinds}")
        if need_post(s, self.post, problems) and any(
            a.person == self.person for a in s.holders.get(self.post, ())
        ):
            problems.append(f"{self.person!r} already holds {self.post!r}")
        return problems

    def _apply(self, s: Structure) -> None:
        a = Assignment(self.post, self.person, AssignmentKind(self.kind), self.date)
        s.set_holders(self.post, (*s.holders.get(self.post, ()), a))

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})


@register
@dataclass(kw_only=True)
class Vacate(Change):
    """A person leaves a post."""

    op = "vacate"
    label = "Vacate"

    post: str
    person: str

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if need_post(s, self.post, problems) and not any(
            a.person == self.person for a in s.holders.get(self.post, ())
        ):
            problems.append(f"{self.person!r} does not hold {self.post!r} at this date")
        return problems

    def _apply(self, s: Structure) -> None:
        s.set_holders(self.post, tuple(a for a in s.holders[self.post] if a.person != self.person))

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})
