"""What a change sets, read from the change alone: (node, attribute) -> value.

Merging two plans must find where they disagree before either is applied, so the
effects are read from the changes' parameters rather than from a structure. Keys use
the attribute names of :mod:`~organogram.core.plans.views` (``existence``, ``name``,
``parent``, one key per typed line…), so the two modules speak of the same things.
"""

from __future__ import annotations

from ..changes import (
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Reclassify,
    Redescribe,
    RegradePost,
    Relocate,
    RemoveLine,
    Rename,
    Replace,
    SetHead,
    Split,
    UnitSpec,
    Vacate,
)
from .views import ABOLISHED, IN_FORCE, POST_FIELDS, UNIT_FIELDS, line_key

Effects = dict[tuple[str, str], object]

_KEEP = "="  # MovePost's "leave as it is"


def effects(change: Change) -> Effects:
    """The attributes ``change`` sets and the values it gives them.

    A change that edits a node also needs it in force: that is one of its effects, so
    that a plan abolishing a unit and another renaming it are seen to disagree.
    """
    out: Effects = {}
    set_ = out.__setitem__
    match change:
        case CreateUnit():
            _spec(out, change.unit, change.parent)
        case Rename():
            set_((change.unit, "name"), change.name)
            if change.abbreviation is not None:
                set_((change.unit, "abbreviation"), change.abbreviation)
        case Reclassify():
            set_((change.unit, "kind"), change.kind)
            for name in ("name", "abbreviation"):
                if getattr(change, name) is not None:
                    set_((change.unit, name), getattr(change, name))
        case Redescribe():
            if change.mandate is not None:
                set_((change.unit, "mandate"), change.mandate)
            if change.functions is not None:
                set_((change.unit, "functions"), tuple(change.functions))
        case Relocate():
            set_((change.unit, "location"), change.location)
        case SetHead():
            set_((change.unit, "head"), change.head)
        case Move():
            set_((change.node, "parent"), change.to)
        case Abolish():
            set_((change.unit, "existence"), ABOLISHED)
        case Merge():
            for u in change.units:
                if u != change.into:
                    set_((u, "existence"), ABOLISHED)
            if change.new is not None:
                _spec(out, change.new, change.parent)
        case Split():
            if not change.keep:
                set_((change.unit, "existence"), ABOLISHED)
            for spec in change.into:
                _spec(out, spec, change.parents.get(spec.id, _KEEP))
            for what, home in change.moves.items():
                set_((what, "parent or unit"), home)
        case Replace():
            set_((change.unit, "existence"), ABOLISHED)
            if change.new is not None:
                _spec(out, change.new, change.parent if change.parent is not None else _KEEP)
        case AddLine() | RemoveLine():
            set_(
                (change.source, line_key(str(change.kind), change.target)),
                isinstance(change, AddLine),
            )
        case CreatePost():
            set_((change.post, "existence"), IN_FORCE)
            for name in POST_FIELDS:
                set_((change.post, name), getattr(change, name))
            set_((change.post, "parent"), change.reports_to)
        case AbolishPost():
            set_((change.post, "existence"), ABOLISHED)
        case RegradePost():
            set_((change.post, "grade"), change.grade)
            for name in ("title", "category"):
                if getattr(change, name) is not None:
                    set_((change.post, name), getattr(change, name))
        case AmendPost():
            for name, v in change.given().items():
                set_((change.post, name), v)
        case MovePost():
            if change.unit != _KEEP:
                set_((change.post, "unit"), change.unit)
            if change.reports_to != _KEEP:
                set_((change.post, "parent"), change.reports_to)
        case Assign():
            set_((change.post, f"holder {change.person}"), str(change.kind))
        case Vacate():
            set_((change.post, f"holder {change.person}"), False)
        case _:
            # A change class this module does not know: it sets "its operation" on each
            # subject, so two different such changes to one node are reported, not lost.
            for node in change.subjects():
                set_((node, change.op), repr(sorted(change.params().items())))
    if isinstance(change, _EDITS):
        for node in change.subjects():
            out.setdefault((node, "existence"), IN_FORCE)
    return out


#: Changes that edit a node in force (rather than create or end it).
_EDITS = (
    Rename,
    Reclassify,
    Redescribe,
    Relocate,
    SetHead,
    Move,
    RegradePost,
    AmendPost,
    MovePost,
    Assign,
    Vacate,
)


def _spec(out: Effects, spec: UnitSpec, parent: object) -> None:
    """Effects of creating a unit from ``spec`` (``parent`` _KEEP: not stated)."""
    out[(spec.id, "existence")] = IN_FORCE
    for name in UNIT_FIELDS:
        out[(spec.id, name)] = getattr(spec, name)
    if parent != _KEEP:
        out[(spec.id, "parent")] = parent
