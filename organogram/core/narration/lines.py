"""Narrators of the lines other than oversight: added and removed."""

from __future__ import annotations

from ..changes import (
    AddLine,
    RemoveLine,
)
from ..model import LineKind
from .telling import _Telling, narrates


def _ends(c: AddLine | RemoveLine, t: _Telling) -> tuple[str, str]:
    """(the node that reports, the node it reports to) on a typed line.

    A line runs from the node that reports to the node it reports to; a direct
    supervision line written from a senior post to a unit is read the other way round.
    """
    source, target = c.source, c.target
    post = t.s.posts.get(source)
    if (
        LineKind(c.kind) is LineKind.DIRECT_SUPERVISION
        and post is not None
        and post.senior
        and not (target in t.s.posts and t.s.posts[target].senior)
    ):
        source, target = target, source
    return t.node(source), t.node(target)


_ADDED = {
    LineKind.DIRECT_SUPERVISION: "{s} comes under the direct supervision of {t}",
    LineKind.ADMINISTRATIVE_SUPPORT: "{s} receives administrative support from {t}",
    LineKind.FUNCTIONAL: "{s} gains a functional line to {t}",
}
_REMOVED = {
    LineKind.DIRECT_SUPERVISION: "{s} is no longer under the direct supervision of {t}",
    LineKind.ADMINISTRATIVE_SUPPORT: "{s} no longer receives administrative support from {t}",
    LineKind.FUNCTIONAL: "the functional line from {s} to {t} ends",
}


def _line(c: AddLine | RemoveLine, t: _Telling, wording: dict[LineKind, str], verb: str) -> str:
    try:
        kind = LineKind(c.kind)
    except ValueError:
        kind = None
    if kind not in wording:
        return f"a {c.kind} line from {t.node(c.source)} to {t.node(c.target)} {verb}"
    source, target = _ends(c, t)
    return wording[kind].format(s=source, t=target)


@narrates(AddLine)
def _add_line(c: AddLine, t: _Telling) -> str:
    return _line(c, t, _ADDED, "is drawn")


@narrates(RemoveLine)
def _remove_line(c: RemoveLine, t: _Telling) -> str:
    return _line(c, t, _REMOVED, "ends")
