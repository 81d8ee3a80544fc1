"""Rules on what units, posts, lines and assignments refer to, and on their attributes."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import AssignmentKind, PostStatus
from ..structure import Structure
from .config import RuleConfig
from .findings import Hit, Severity
from .naming import gone, named
from .registry import rule


@rule(
    "post-in-abolished-unit",
    Severity.ERROR,
    "A post in force sits in a unit that is not in force.",
)
def post_in_abolished_unit(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Posts whose unit was abolished or never existed."""
    for post in s.posts.values():
        if post.unit is not None and post.unit not in s.units:
            yield Hit(
                post.id,
                f"post {named(s, post.id)} sits in {gone(s, post.unit)}: move or abolish the post",
                causes=(post.id, post.unit),
            )


@rule(
    "dangling-line",
    Severity.ERROR,
    "A typed line (or a recorded line of oversight) starts or ends at a node not in force.",
)
def dangling_line(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Typed lines with an end not in force, and lines of oversight of nodes not in force."""
    for line in sorted(s.lines, key=lambda ln: (ln.source, ln.kind, ln.target)):
        for role, node in (("from", line.source), ("to", line.target)):
            if not s.exists(node):
                yield Hit(
                    node,
                    f"a {line.kind} line {role} {gone(s, node)} ({line.source} → {line.target})",
                    key=(line, role),
                    causes=(line.source, line.target),
                )
    for node, target in s.oversight.items():
        if not s.exists(node):
            yield Hit(
                node,
                f"a line of oversight from {gone(s, node)} to {named(s, target)} is still recorded",
                causes=(node, target),
            )


@rule(
    "head-not-in-unit",
    Severity.WARNING,
    "A unit's head post does not exist or sits in another unit.",
)
def head_not_in_unit(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units whose head post is missing or placed elsewhere."""
    for unit in s.units.values():
        if unit.head is None:
            continue
        post = s.posts.get(unit.head)
        if post is None:
            yield Hit(
                unit.id,
                f"{named(s, unit.id)} is headed by {gone(s, unit.head)}",
                causes=(unit.id, unit.head),
            )
        elif post.unit is not None and post.unit != unit.id:
            yield Hit(
                unit.id,
                f"{named(s, unit.id)} is headed by {named(s, post.id)}, "
                f"a post in {named(s, post.unit)}",
                causes=(unit.id, unit.head),
            )


@rule(
    "holder-unknown",
    Severity.ERROR,
    "A post is assigned to a person who is not in the record.",
)
def holder_unknown(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Assignments naming a person the record does not hold."""
    for post_id, holders in s.holders.items():
        for a in holders:
            if a.person not in s.people:
                yield Hit(
                    post_id,
                    f"{named(s, post_id)} is held by {a.person!r}, who is not in the record",
                    key=a.person,
                )


@rule(
    "multiple-holders",
    Severity.WARNING,
    "A post has more than one regular holder at the same time.",
)
def multiple_holders(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Posts held regularly by several people at once (ad interim or acting cover is fine)."""
    for post_id, holders in s.holders.items():
        regular = [a.person for a in holders if a.kind == AssignmentKind.REGULAR]
        if len(regular) > 1:
            yield Hit(
                post_id,
                f"{named(s, post_id)} has {len(regular)} regular holders at once: "
                + ", ".join(regular),
                key=frozenset(regular),
            )


@rule(
    "held-post-not-established",
    Severity.WARNING,
    "Someone holds a post that is proposed, frozen or marked abolished.",
)
def held_post_not_established(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Posts with holders whose status says they are not to be filled."""
    for post_id, holders in s.holders.items():
        post = s.posts.get(post_id)
        if post is not None and holders and post.status is not PostStatus.ESTABLISHED:
            yield Hit(
                post_id,
                f"{named(s, post_id)} is {post.status} but held by "
                + ", ".join(a.person for a in holders)
                + ": establish the post (amend-post) or vacate it",
            )


@rule("empty-unit-kind", Severity.ERROR, "A unit has no kind (department, division, unit…).")
def empty_unit_kind(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units whose kind is blank."""
    for unit in s.units.values():
        if not unit.kind.strip():
            yield Hit(unit.id, f"{named(s, unit.id)} has no kind")


@rule("unnamed", Severity.ERROR, "A unit has no name or a post has no title.")
def unnamed(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units with a blank name and posts with a blank title."""
    for unit in s.units.values():
        if not unit.name.strip():
            yield Hit(unit.id, f"unit {unit.id!r} has no name")
    for post in s.posts.values():
        if not post.title.strip():
            yield Hit(post.id, f"post {post.id!r} has no title")


def _same(s: Structure, attribute: str, what: str) -> Iterator[Hit]:
    """Units in force that share a name or abbreviation, compared case-insensitively."""
    first: dict[str, str] = {}
    for unit in s.units.values():
        value = " ".join(getattr(unit, attribute).split()).casefold()
        if not value:
            continue
        if value in first:
            other = first[value]
            yield Hit(
                unit.id,
                f"{named(s, unit.id)} has the same {what} as {named(s, other)}",
                key=frozenset((unit.id, other)),
                causes=(unit.id, other),
            )
        else:
            first[value] = unit.id


@rule(
    "duplicate-name",
    Severity.WARNING,
    "Two units in force have the same name, which makes charts and documents ambiguous.",
)
def duplicate_name(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units in force sharing a name."""
    yield from _same(s, "name", "name")


@rule(
    "duplicate-abbreviation",
    Severity.WARNING,
    "Two units in force have the same abbreviation.",
)
def duplicate_abbreviation(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units in force sharing an abbreviation."""
    yield from _same(s, "abbreviation", "abbreviation")
