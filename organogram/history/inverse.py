"""The inverse of a recorded change: the change(s) that put back what it altered.

Pure (no Django): given a timeline and one of its changes, it reads the structure just
before that change and builds the changes that restore it, using the same core change
classes as every other write. Whether the inverse applies at the date chosen for it is
not decided here: the registry checks it like any other change when it is recorded.
Merges, splits and replacements create lineage, which a later change cannot unmake;
they are not reversible this way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..core.changes import (
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
from ..core.dates import FuzzyDate
from ..core.errors import OrganogramError
from ..core.structure import Structure
from ..core.timeline import Timeline


class NotReversible(OrganogramError):
    """A change that has no inverse change (or is not in the timeline)."""


def structure_before(timeline: Timeline, change: Change) -> Structure:
    """The structure just before ``change`` applied (a copy, yours to keep)."""
    try:
        position = next(i for i, c in enumerate(timeline.changes) if c is change)
    except StopIteration:
        raise NotReversible(f"change {change.id!r} is not in the timeline") from None
    start, s, failures = timeline.start_at(position)
    timeline.advance(s, failures, start, position)
    return s


def _lines_back(s: Structure, node: str) -> list[Change]:
    """AddLine for every typed line ``node`` had in ``s`` (dropped when it ended)."""
    return [
        AddLine(date=FuzzyDate.parse("1900"), source=ln.source, kind=ln.kind, target=ln.target)
        for ln in sorted(s.lines_of(node), key=lambda ln: (ln.source, str(ln.kind), ln.target))
    ]


def _unit_back(c: Change, s: Structure) -> list[Change]:
    unit = s.units[c.unit]  # type: ignore[attr-defined]
    if isinstance(c, Rename):
        return [Rename(date=c.date, unit=unit.id, name=unit.name, abbreviation=unit.abbreviation)]
    if isinstance(c, Reclassify):
        return [
            Reclassify(
                date=c.date,
                unit=unit.id,
                kind=unit.kind,
                name=unit.name,
                abbreviation=unit.abbreviation,
            )
        ]
    if isinstance(c, Redescribe):
        return [
            Redescribe(date=c.date, unit=unit.id, mandate=unit.mandate, functions=unit.functions)
        ]
    if isinstance(c, Relocate):
        return [Relocate(date=c.date, unit=unit.id, location=unit.location)]
    if isinstance(c, SetHead):
        return [SetHead(date=c.date, unit=unit.id, head=unit.head)]
    if isinstance(c, Abolish):
        create = CreateUnit(date=c.date, unit=UnitSpec.of(unit), parent=s.oversight.get(unit.id))
        return [create, *_lines_back(s, unit.id)]
    raise NotReversible(f"no inverse for a {c.op!r} change")


def _post_back(c: Change, s: Structure) -> list[Change]:
    post = s.posts[c.post]  # type: ignore[attr-defined]
    if isinstance(c, RegradePost):
        return [
            RegradePost(
                date=c.date, post=post.id, grade=post.grade, title=post.title,
                category=post.category,
            )
        ]
    if isinstance(c, AmendPost):
        before = {name: getattr(post, name) for name in c.given()}
        return [AmendPost(date=c.date, post=post.id, **before)]  # type: ignore[arg-type]
    if isinstance(c, MovePost):
        return [
            MovePost(date=c.date, post=post.id, unit=post.unit, reports_to=s.oversight.get(post.id))
        ]
    if isinstance(c, AbolishPost):
        create = CreatePost.of(post, s.oversight.get(post.id), date=c.date)
        return [create, *_lines_back(s, post.id)]
    if isinstance(c, Assign):
        return [Vacate(date=c.date, post=post.id, person=c.person)]
    if isinstance(c, Vacate):
        held = next(a for a in s.holders.get(post.id, ()) if a.person == c.person)
        return [Assign(date=c.date, post=post.id, person=c.person, kind=held.kind)]
    raise NotReversible(f"no inverse for a {c.op!r} change")


_BY_OP: dict[str, Callable[[Change, Structure], list[Change]]] = {
    "rename": _unit_back,
    "reclassify": _unit_back,
    "redescribe": _unit_back,
    "relocate": _unit_back,
    "set-head": _unit_back,
    "abolish": _unit_back,
    "regrade-post": _post_back,
    "amend-post": _post_back,
    "move-post": _post_back,
    "abolish-post": _post_back,
    "assign": _post_back,
    "vacate": _post_back,
}


#: Ops whose inverse needs no structure: the change itself says what to undo.
_PLAIN = frozenset({"create", "create-post", "move", "add-line", "remove-line"})


def reversible(change: Change) -> bool:
    """Whether ``change``'s kind has an inverse change."""
    return change.op in _BY_OP or change.op in _PLAIN


def inverse(
    timeline: Timeline, change: Change, date: FuzzyDate | None = None, reason: str = ""
) -> list[Change]:
    """The changes that undo ``change``, dated ``date`` (default: the change's own date).

    They restore what the change altered as it stood just before it; each has no id
    yet, cites nothing (the original's sources do not support undoing it) and carries
    ``reason``. Raises
    :class:`NotReversible` for merges, splits and replacements.
    """
    if not reversible(change):
        raise NotReversible(
            f"a {change.op!r} change makes lineage that a later change cannot unmake; "
            "record the changes that restore the structure one by one"
        )
    s = structure_before(timeline, change)
    if change.op == "create":
        back: list[Change] = [Abolish(date=change.date, unit=change.unit.id)]  # type: ignore[attr-defined]
    elif change.op == "create-post":
        back = [AbolishPost(date=change.date, post=change.post)]  # type: ignore[attr-defined]
    elif change.op == "move":
        node = change.node  # type: ignore[attr-defined]
        back = [Move(date=change.date, node=node, to=s.oversight.get(node))]
    elif change.op == "add-line":
        c = change
        back = [RemoveLine(date=c.date, source=c.source, kind=c.kind, target=c.target)]  # type: ignore[attr-defined]
    elif change.op == "remove-line":
        c = change
        back = [AddLine(date=c.date, source=c.source, kind=c.kind, target=c.target)]  # type: ignore[attr-defined]
    else:
        back = _BY_OP[change.op](change, s)
    when = date or change.date
    return [_stamp(c, when, change, reason) for c in back]


def _stamp(c: Change, date: FuzzyDate, original: Change, reason: str) -> Change:
    # The original's sources do not support undoing it: the reversal stands on its reason.
    return replace(c, date=date, cites=(), reason=reason)
