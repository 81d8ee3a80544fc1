"""The inverse of a recorded change: the change(s) that put back what it altered.

Pure (no Django): given a timeline and one of its changes, it reads the structure just
before that change and builds the changes that restore it, using the same core change
classes as every other write. Whether the inverse applies at the date chosen for it is
not decided here: the registry checks it like any other change when it is recorded.
Merges, splits and replacements create lineage, which a later change cannot unmake;
they are not reversible this way.

The structure comes back as it was (units, posts, lines, holders as
:func:`~organogram.core.diff.same_structure` compares them), history aside: holders
assigned again hold the post from the reversal's date, an id created then abolished is
kept among the retired ones, and an unnamed holding assigned to a post with no holder
recorded is undone by stating the post vacant. A vacancy stated for a post that had no
holder cannot be withdrawn by a change at all (:class:`NotReversible`).
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
from ..core.model import UNNAMED
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


def _holders_back(s: Structure, post: str) -> list[Change]:
    """Assign again everyone who held ``post`` in ``s``, named holders first.

    A named person taking up a post ends an unnamed holding of the same kind (see
    :class:`~organogram.core.changes.Assign`), so the unnamed holders come last or the
    named ones would put them out again.
    """
    held = sorted(s.holders.get(post, ()), key=lambda a: not a.named)  # stable
    return [
        Assign(date=FuzzyDate.parse("1900"), post=post, person=a.person, kind=a.kind)
        for a in held
    ]


def _unnamed_back(s: Structure, post: str, kind: object) -> list[Change]:
    """Assign again the unnamed holders of ``kind`` a named holder of that kind puts out."""
    return [
        Assign(date=FuzzyDate.parse("1900"), post=post, person=UNNAMED, kind=a.kind)
        for a in s.holders.get(post, ())
        if not a.named and a.kind == kind
    ]


def _vacancy_back(s: Structure, post: str) -> list[Change]:
    """A vacancy stated again, when a source said ``post`` was vacant in ``s``."""
    if post not in s.vacant:
        return []
    return [Vacate(date=FuzzyDate.parse("1900"), post=post, person=UNNAMED)]


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
        # placement, not the line alone: a unit no source placed comes back unplaced,
        # not at the top.
        create = CreateUnit(date=c.date, unit=UnitSpec.of(unit), parent=s.placement(unit.id))
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
            MovePost(date=c.date, post=post.id, unit=post.unit, reports_to=s.placement(post.id))
        ]
    if isinstance(c, AbolishPost):
        # The abolition ended the post's lines, its unnamed holders (named ones must be
        # vacated first) and a stated vacancy: all come back with it.
        create = CreatePost.of(post, s.placement(post.id), date=c.date)
        return [
            create,
            *_lines_back(s, post.id),
            *_holders_back(s, post.id),
            *_vacancy_back(s, post.id),
        ]
    if isinstance(c, Assign):
        return _assign_back(c, s)
    if isinstance(c, Vacate):
        return _vacate_back(c, s)
    raise NotReversible(f"no inverse for a {c.op!r} change")


def _assign_back(c: Assign, s: Structure) -> list[Change]:
    if c.post in s.vacant:
        # A stated vacancy (so no holder then): stating it again removes the holder too.
        return _vacancy_back(s, c.post)
    if c.person != UNNAMED:
        # The named holder leaves; an unnamed holder of the same kind it put out returns.
        leave = Vacate(date=c.date, post=c.post, person=c.person)
        return [leave, *_unnamed_back(s, c.post, c.kind)]
    # No change removes one unnamed holder alone: a vacancy removes every holder, and
    # those held before are assigned again. A post that had no holder recorded is left
    # stated vacant, the nearest the vocabulary comes to "no holder recorded".
    return [Vacate(date=c.date, post=c.post, person=UNNAMED), *_holders_back(s, c.post)]


def _vacate_back(c: Vacate, s: Structure) -> list[Change]:
    held = s.holders.get(c.post, ())
    if c.person != UNNAMED:
        kind = next(a.kind for a in held if a.person == c.person)
        # Taking up the post again puts out an unnamed holder of the same kind that
        # stayed when the person left: it is assigned again after.
        return [
            Assign(date=c.date, post=c.post, person=c.person, kind=kind),
            *_unnamed_back(s, c.post, kind),
        ]
    if not held:
        raise NotReversible(
            f"post {c.post!r} had no holder before this change: there is no one to assign "
            "again, and no change withdraws a statement that a post is vacant; "
            "correct the change instead"
        )
    return _holders_back(s, c.post)


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

#: Every op that has an inverse: what the interface offers to reverse.
REVERSIBLE: frozenset[str] = frozenset(_BY_OP) | _PLAIN


def reversible(change: Change) -> bool:
    """Whether ``change``'s kind has an inverse change."""
    return change.op in REVERSIBLE


def inverse(
    timeline: Timeline, change: Change, date: FuzzyDate | None = None, reason: str = ""
) -> list[Change]:
    """The changes that undo ``change``, dated ``date`` (default: the change's own date).

    They restore what the change altered as it stood just before it; each has no id
    yet, cites nothing (the original's sources do not support undoing it) and carries
    ``reason``. Raises
    :class:`NotReversible` for merges, splits and replacements, and for a vacancy
    stated for a post that had no holder.
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
        back = [Move(date=change.date, node=node, to=s.placement(node))]
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
