"""Changes to posts and to who holds them."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import UNNAMED, Assignment, AssignmentKind, Funding, Post, PostStatus
from ..structure import Structure
from .base import Change, need_new_id, need_post, need_target, need_unit, node_ids, register


@register
@dataclass(kw_only=True, frozen=True)
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
    status: PostStatus = PostStatus.ESTABLISHED
    funding: Funding = Funding.UNKNOWN
    fte: float = 1.0
    reports_to: str | None = None

    @classmethod
    def of(cls, post: Post, reports_to: str | None, **common: object) -> CreatePost:
        """The change that creates ``post`` as it is (to undo its abolition, in a diff…)."""
        values = {name: getattr(post, name) for name in POST_ATTRIBUTES}
        return cls(post=post.id, reports_to=reports_to, **values, **common)  # type: ignore[arg-type]

    def build(self) -> Post:
        """The post's first version."""
        values = {name: getattr(self, name) for name in POST_ATTRIBUTES}
        values.update(status=PostStatus(self.status), funding=Funding(self.funding))
        return Post(id=self.post, **{**values, "fte": float(self.fte)})  # type: ignore[arg-type]

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        need_new_id(s, self.post, problems)
        if not self.title.strip():
            problems.append(f"post {s.named(self.post)} needs a title")
        # None means "not given" to an amendment; a new post has a value for each (its
        # defaults), and its build reads them.
        for name in ("status", "funding", "fte"):
            if getattr(self, name) is None:
                problems.append(f"post {s.named(self.post)} needs a {name} (or leave it out)")
        problems += post_values_problems(self.post, self.status, self.funding, self.fte)
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


#: Attributes of a post other than its id, as a create-post gives them.
POST_ATTRIBUTES = (
    "title",
    "grade",
    "category",
    "unit",
    "duty_station",
    "senior",
    "status",
    "funding",
    "fte",
)

#: What an amend-post can change (the grade is regrade-post's, the unit move-post's).
AMENDABLE = ("title", "category", "duty_station", "senior", "status", "funding", "fte")


def post_values_problems(
    post: str, status: object = None, funding: object = None, fte: object = None
) -> list[str]:
    """What is wrong with a post's status, funding and full-time equivalent (None: not given)."""
    problems: list[str] = []
    if status is not None and status not in PostStatus._value2member_map_:
        problems.append(f"unknown post status {status!r}: use one of {', '.join(PostStatus)}")
    if funding is not None and funding not in Funding._value2member_map_:
        words = ", ".join(f for f in Funding if f)
        problems.append(f"unknown funding {funding!r}: use one of {words} (or leave it out)")
    if fte is not None and (
        isinstance(fte, bool) or not isinstance(fte, int | float) or not 0 <= fte < float("inf")
    ):
        problems.append(f"post {post!r}: fte must be a number, 0 or more, not {fte!r}")
    return problems


@register
@dataclass(kw_only=True, frozen=True)
class AmendPost(Change):
    """Some of a post's attributes change: title, category, duty station, seniority,
    status, funding, full-time equivalent. Only the attributes given change."""

    op = "amend-post"
    label = "Amend post"

    post: str
    title: str | None = None
    category: str | None = None
    duty_station: str | None = None
    senior: bool | None = None
    status: PostStatus | None = None
    funding: Funding | None = None
    fte: float | None = None

    def given(self) -> dict[str, object]:
        """The attributes this change sets, by name."""
        return {n: getattr(self, n) for n in AMENDABLE if getattr(self, n) is not None}

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        given = self.given()
        if not given:
            problems.append(
                f"amending post {s.named(self.post)} needs at least one of " + ", ".join(AMENDABLE)
            )
        if self.title is not None and not self.title.strip():
            problems.append(f"post {s.named(self.post)} needs a title")
        problems += post_values_problems(self.post, self.status, self.funding, self.fte)
        if need_post(s, self.post, problems) and given:
            current = s.posts[self.post]
            if all(getattr(current, n) == v for n, v in given.items()):
                problems.append(f"post {s.named(self.post)} already has these values")
        return problems

    def _apply(self, s: Structure) -> None:
        given = self.given()
        for name, enum in (("status", PostStatus), ("funding", Funding)):
            if name in given:
                given[name] = enum(given[name])
        if "fte" in given:
            given["fte"] = float(given["fte"])  # type: ignore[arg-type]
        s.put_post(s.posts[self.post].but(**given))

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})


@register
@dataclass(kw_only=True, frozen=True)
class AbolishPost(Change):
    """A post ceases to exist. No named person may hold it and no node may report to it.

    A holder the sources do not name leaves with the post: the record cannot name whom
    to vacate, and the post's end says that the holding ended.
    """

    op = "abolish-post"
    label = "Abolish post"

    post: str

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if need_post(s, self.post, problems):
            named = [a.person for a in s.holders.get(self.post, ()) if a.named]
            if named:
                names = ", ".join(named)
                problems.append(f"post {s.named(self.post)} is held by {names}: vacate it first")
            # Ordinary posts reporting to it count too, not only units and senior posts.
            below = s.reporting_to(self.post)
            if below:
                problems.append(
                    f"{', '.join(map(s.named, below))} still report to "
                    f"{s.named(self.post)}: move them first"
                )
        return problems

    def _apply(self, s: Structure) -> None:
        # The version kept for the record says how it ended.
        s.retire_post(self.post, s.posts[self.post].but(status=PostStatus.ABOLISHED))

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})


@register
@dataclass(kw_only=True, frozen=True)
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
            problems.append(f"post {s.named(self.post)} needs a title")
        if need_post(s, self.post, problems):
            current = s.posts[self.post]
            # None keeps the attribute (as in _apply); "" clears it and is a change.
            if (current.grade, current.title, current.category) == (
                self.grade,
                current.title if self.title is None else self.title,
                current.category if self.category is None else self.category,
            ):
                problems.append(f"post {s.named(self.post)} is already {self.grade}")
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
@dataclass(kw_only=True, frozen=True)
class MovePost(Change):
    """A post moves to another unit or reports to someone else (or both)."""

    op = "move-post"
    label = "Move post"

    post: str
    unit: str | None = _KEEP
    reports_to: str | None = _KEEP

    def check(self, s: Structure) -> list[str]:
        unit = self.unit
        if self.reports_to == _KEEP and unit != _KEEP and unit in s.units:
            # The common move, to another unit in force: nothing else to check.
            current = s.posts.get(self.post)
            if current is not None and current.unit != unit:
                return []
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
            self.reports_to in (_KEEP, s.placement(self.post))
        ):
            problems.append(f"post {s.named(self.post)} is already there")
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
@dataclass(kw_only=True, frozen=True)
class Assign(Change):
    """A person takes up a post: regularly, ad interim, acting or as officer-in-charge.

    ``person`` :data:`~..model.UNNAMED`: the sources show the post held without naming
    the holder. A named person taking up a post held by an unnamed holder of the same
    kind takes that holder's place: the unnamed entry only said that someone held it.
    """

    op = "assign"
    label = "Assign"

    post: str
    person: str = UNNAMED
    kind: AssignmentKind = AssignmentKind.REGULAR

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if self.person != UNNAMED and self.person not in s.people:
            problems.append(f"person {self.person!r} is not in the record")
        try:
            AssignmentKind(self.kind)
        except ValueError:
            kinds = ", ".join(k.value for k in AssignmentKind)
            problems.append(f"unknown assignment kind {self.kind!r}: use one of {kinds}")
        if need_post(s, self.post, problems) and any(
            a.person == self.person and (a.named or a.kind == self.kind)
            for a in s.holders.get(self.post, ())
        ):
            who = repr(self.person) if self.person else "a holder not named"
            problems.append(f"{who} already holds {s.named(self.post)}")
        return problems

    def _apply(self, s: Structure) -> None:
        kind = AssignmentKind(self.kind)
        a = Assignment(self.post, self.person, kind, self.date)
        kept = s.holders.get(self.post, ())
        if self.person != UNNAMED:
            kept = tuple(h for h in kept if h.named or h.kind != kind)
        s.set_holders(self.post, (*kept, a))

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})


@register
@dataclass(kw_only=True, frozen=True)
class Vacate(Change):
    """A person leaves a post; without a person, a source says the post is vacant."""

    op = "vacate"
    label = "Vacate"

    post: str
    person: str = UNNAMED

    def check(self, s: Structure) -> list[str]:
        problems: list[str] = []
        if not need_post(s, self.post, problems) or self.person == UNNAMED:
            return problems
        if not any(a.person == self.person for a in s.holders.get(self.post, ())):
            problems.append(f"{self.person!r} does not hold {s.named(self.post)} at this date")
        return problems

    def _apply(self, s: Structure) -> None:
        if self.person == UNNAMED:
            s.set_holders(self.post, (), vacant=True)
            return
        s.set_holders(self.post, tuple(a for a in s.holders[self.post] if a.person != self.person))

    def subjects(self) -> frozenset[str]:
        return frozenset({self.post})
