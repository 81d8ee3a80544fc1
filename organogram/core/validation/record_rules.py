"""Rules on what units, posts, lines and assignments refer to, and on their attributes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..model import Assignment, AssignmentKind, Post, PostStatus, Unit
from ..structure import Structure
from .config import RuleConfig
from .findings import Hit, Severity
from .incremental import (
    ByNode,
    Grouped,
    Heads,
    Order,
    Region,
    Since,
    in_order,
    touched,
    touched_posts_and_their_units,
)
from .naming import gone, named
from .registry import rule

#: a post and its holders, as ``Structure.holders`` gives them.
Held = tuple[str, tuple[Assignment, ...]]


def _units_in(s: Structure, region: Region) -> Iterator[Unit]:
    return (s.units[n] for n in region if n in s.units)


def _posts_in(s: Structure, region: Region) -> Iterator[Post]:
    return (s.posts[n] for n in region if n in s.posts)


def _held_in(s: Structure, region: Region) -> Iterator[Held]:
    return ((n, s.holders[n]) for n in region if n in s.holders)


def _holders_order(s: Structure) -> Order:
    # ``holders`` has no numbering: its order is read when several new findings need it.
    where = {post_id: i for i, post_id in enumerate(s.holders)}
    return lambda hit: where[hit.subject]  # type: ignore[index]


def _on_region(
    check: Callable[[Structure, Iterable[object]], Iterator[Hit]],
    among: Callable[[Structure, Region], Iterable[object]],
) -> Callable[[Structure, RuleConfig, Region], Iterator[Hit]]:
    """The hits of ``check`` on what ``among`` picks from a region."""
    return lambda s, config, region: check(s, among(s, region))


def _on_holders(check: Callable[[Structure, Iterable[object]], Iterator[Hit]]) -> ByNode:
    """The incremental form of a rule on the holders of posts: touched posts re-checked."""
    return ByNode(touched, _on_region(check, _held_in), _holders_order)


def _in_abolished(s: Structure, posts: Iterable[Post]) -> Iterator[Hit]:
    for post in posts:
        if post.unit is not None and post.unit not in s.units:
            yield Hit(
                post.id,
                f"post {named(s, post.id)} sits in {gone(s, post.unit)}: move or abolish the post",
                causes=(post.id, post.unit),
            )


@rule(
    "post-in-abolished-unit",
    Severity.ERROR,
    "A post in force sits in a unit that is not in force.",
    incremental=ByNode(
        touched_posts_and_their_units, _on_region(_in_abolished, _posts_in), in_order("posts")
    ),
)
def post_in_abolished_unit(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Posts whose unit was abolished or never existed."""
    return _in_abolished(s, s.posts.values())


def _dangling(s: Structure, config: RuleConfig, among: Iterable[str]) -> Iterator[Hit]:
    # Typed lines are few: they are all looked at, and ``among`` picks lines of oversight.
    for line in sorted(s.lines, key=lambda ln: (ln.source, ln.kind, ln.target)):
        for role, node in (("from", line.source), ("to", line.target)):
            if not s.exists(node):
                yield Hit(
                    node,
                    f"a {line.kind} line {role} {gone(s, node)} ({line.source} → {line.target})",
                    key=(line, role),
                    causes=(line.source, line.target),
                )
    for node in among:
        target = s.oversight.get(node)
        if target is not None and not s.exists(node):
            yield Hit(
                node,
                f"a line of oversight from {gone(s, node)} to {named(s, target)} is still recorded",
                causes=(node, target),
            )


def _line_ends(since: Since, s: Structure) -> Region:
    region = set(since.with_reporters(s))  # shared with other rules: not to be changed
    for line in s.lines:
        region.update((line.source, line.target))
    return region


def _dangling_order(s: Structure) -> Order:
    def key(hit: Hit) -> object:
        if isinstance(hit.key, tuple):  # (line, "from" | "to")
            line, role = hit.key
            return (0, line.source, line.kind, line.target, role)
        return (1, s.position("oversight", hit.subject))  # type: ignore[arg-type]

    return key


@rule(
    "dangling-line",
    Severity.ERROR,
    "A typed line (or a recorded line of oversight) starts or ends at a node not in force.",
    incremental=ByNode(_line_ends, _dangling, _dangling_order),
)
def dangling_line(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Typed lines with an end not in force, and lines of oversight of nodes not in force."""
    return _dangling(s, config, s.oversight)


def _heads_elsewhere(s: Structure, config: RuleConfig, region: Region) -> Iterator[Hit]:
    for unit in _units_in(s, region):
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
    "head-not-in-unit",
    Severity.WARNING,
    "A unit's head post does not exist or sits in another unit.",
    incremental=Heads(_heads_elsewhere),
)
def head_not_in_unit(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units whose head post is missing or placed elsewhere."""
    return _heads_elsewhere(s, config, s.units)  # type: ignore[arg-type]


def _unknown_holders(s: Structure, held: Iterable[Held]) -> Iterator[Hit]:
    for post_id, holders in held:
        for a in holders:
            # A holder the sources do not name is not a person missing from the record.
            if a.named and a.person not in s.people:
                yield Hit(
                    post_id,
                    f"{named(s, post_id)} is held by {a.person!r}, who is not in the record",
                    key=a.person,
                )


# People are reference data, the same at every date: a post's holders only change
# with the post, which the change touches.
@rule(
    "holder-unknown",
    Severity.ERROR,
    "A post is assigned to a person who is not in the record.",
    incremental=_on_holders(_unknown_holders),
)
def holder_unknown(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Assignments naming a person the record does not hold."""
    return _unknown_holders(s, s.holders.items())


def _several_regular(s: Structure, held: Iterable[Held]) -> Iterator[Hit]:
    for post_id, holders in held:
        regular = [a.person for a in holders if a.kind == AssignmentKind.REGULAR]
        if len(regular) > 1:
            yield Hit(
                post_id,
                f"{named(s, post_id)} has {len(regular)} regular holders at once: "
                + ", ".join(regular),
                key=frozenset(regular),
            )


@rule(
    "multiple-holders",
    Severity.WARNING,
    "A post has more than one regular holder at the same time.",
    incremental=_on_holders(_several_regular),
)
def multiple_holders(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Posts held regularly by several people at once (ad interim or acting cover is fine)."""
    return _several_regular(s, s.holders.items())


def _held_not_established(s: Structure, held: Iterable[Held]) -> Iterator[Hit]:
    for post_id, holders in held:
        post = s.posts.get(post_id)
        if post is not None and holders and post.status is not PostStatus.ESTABLISHED:
            yield Hit(
                post_id,
                f"{named(s, post_id)} is {post.status} but held by "
                + ", ".join(a.person for a in holders)
                + ": establish the post (amend-post) or vacate it",
            )


@rule(
    "held-post-not-established",
    Severity.WARNING,
    "Someone holds a post that is proposed, frozen or marked abolished.",
    incremental=_on_holders(_held_not_established),
)
def held_post_not_established(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Posts with holders whose status says they are not to be filled."""
    return _held_not_established(s, s.holders.items())


def _kindless(s: Structure, units: Iterable[Unit]) -> Iterator[Hit]:
    for unit in units:
        if not unit.kind.strip():
            yield Hit(unit.id, f"{named(s, unit.id)} has no kind")


@rule(
    "empty-unit-kind",
    Severity.ERROR,
    "A unit has no kind (department, division, unit…).",
    incremental=ByNode(touched, _on_region(_kindless, _units_in), in_order("units")),
)
def empty_unit_kind(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units whose kind is blank."""
    return _kindless(s, s.units.values())


def _nameless(s: Structure, units: Iterable[Unit], posts: Iterable[Post]) -> Iterator[Hit]:
    for unit in units:
        if not unit.name.strip():
            yield Hit(unit.id, f"unit {unit.id!r} has no name")
    for post in posts:
        if not post.title.strip():
            yield Hit(post.id, f"post {post.id!r} has no title")


def _nameless_order(s: Structure) -> Order:
    # Units first, then posts; a unit and a post may share an id, the message tells which.
    def key(hit: Hit) -> object:
        if hit.message.startswith("unit "):
            return (0, s.position("units", hit.subject))  # type: ignore[arg-type]
        return (1, s.position("posts", hit.subject))  # type: ignore[arg-type]

    return key


@rule(
    "unnamed",
    Severity.ERROR,
    "A unit has no name or a post has no title.",
    incremental=ByNode(
        touched,
        lambda s, config, region: _nameless(s, _units_in(s, region), _posts_in(s, region)),
        _nameless_order,
    ),
)
def unnamed(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units with a blank name and posts with a blank title."""
    return _nameless(s, s.units.values(), s.posts.values())


def _value(attribute: str) -> Callable[[Unit], str]:
    """How units are compared on ``attribute``: case and spacing ignored."""
    return lambda unit: " ".join(getattr(unit, attribute).split()).casefold()


def _same_hit(s: Structure, unit_id: str, other: str, what: str) -> Hit:
    return Hit(
        unit_id,
        f"{named(s, unit_id)} has the same {what} as {named(s, other)}",
        key=frozenset((unit_id, other)),
        causes=(unit_id, other),
    )


def _same(s: Structure, attribute: str, what: str) -> Iterator[Hit]:
    """Units in force that share a name or abbreviation, compared case-insensitively."""
    first: dict[str, str] = {}
    value_of = _value(attribute)
    for unit in s.units.values():
        value = value_of(unit)
        if not value:
            continue
        if value in first:
            yield _same_hit(s, unit.id, first[value], what)
        else:
            first[value] = unit.id


def _same_among(attribute: str, what: str) -> Grouped:
    """The incremental form of :func:`_same`: a unit's old and new groups are re-checked."""
    value_of = _value(attribute)

    def hits(s: Structure, config: RuleConfig, region: Region, first) -> Iterator[Hit]:
        for unit in _units_in(s, region):
            value = value_of(unit)
            if value and (other := first(value)) != unit.id:
                yield _same_hit(s, unit.id, other, what)

    return Grouped(value_of, hits)


@rule(
    "duplicate-name",
    Severity.WARNING,
    "Two units in force have the same name, which makes charts and documents ambiguous.",
    incremental=_same_among("name", "name"),
)
def duplicate_name(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units in force sharing a name."""
    yield from _same(s, "name", "name")


@rule(
    "duplicate-abbreviation",
    Severity.WARNING,
    "Two units in force have the same abbreviation.",
    incremental=_same_among("abbreviation", "abbreviation"),
)
def duplicate_abbreviation(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units in force sharing an abbreviation."""
    yield from _same(s, "abbreviation", "abbreviation")
