"""A node's attributes as plain values, so three versions of it can be compared.

Conflict detection and plan merging both need to say "this attribute of this node"
and compare its values. A view maps attribute names (``existence``, ``name``,
``parent``, ``grade``, one key per typed line…) to values; a node that is not in
force has only ``existence``, so its other attributes read as :data:`GONE`.
"""

from __future__ import annotations

from typing import Final

from ..changes import Change
from ..structure import Structure

#: existence states.
IN_FORCE: Final = "in force"
ABOLISHED: Final = "abolished"
ABSENT: Final = "absent"


class _Gone:
    """The value of an attribute of a node that is not in force."""

    _instance: _Gone | None = None

    def __new__(cls) -> _Gone:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "GONE"

    def __str__(self) -> str:
        return "(not in force)"


GONE: Final = _Gone()

#: unit and post attributes, in the order they are reported.
UNIT_FIELDS = ("name", "abbreviation", "kind", "mandate", "functions", "location", "head")
POST_FIELDS = (
    "title", "grade", "category", "unit", "duty_station", "senior", "status", "funding", "fte",
)


def line_key(kind: str, target: str) -> str:
    """The attribute name of a typed line from a node (present or absent)."""
    return f"{kind} line to {target}"


def view(s: Structure, node: str) -> dict[str, object]:
    """The attributes of ``node`` in ``s``: existence first, then the rest when in force."""
    unit = s.units.get(node)
    post = s.posts.get(node)
    if unit is None and post is None:
        gone = node in s.retired_units or node in s.retired_posts
        return {"existence": ABOLISHED if gone else ABSENT}
    out: dict[str, object] = {"existence": IN_FORCE}
    if unit is not None:
        for name in UNIT_FIELDS:
            out[name] = getattr(unit, name)
    else:
        assert post is not None
        for name in POST_FIELDS:
            out[name] = getattr(post, name)
        out["holders"] = tuple(sorted(a.person for a in s.holders.get(node, ())))
    out["parent"] = s.oversight.get(node)
    for line in s.lines_of(node):
        if line.source == node:
            out[line_key(str(line.kind), line.target)] = True
    return out


def value(v: dict[str, object], attribute: str) -> object:
    """An attribute's value in a view; a line absent from an in-force node is False."""
    if attribute in v:
        return v[attribute]
    if v.get("existence") == IN_FORCE and " line to " in attribute:
        return False
    return GONE


def attributes(*views: dict[str, object]) -> list[str]:
    """Every attribute named in any of ``views``, in first-seen order."""
    seen: dict[str, None] = {}
    for v in views:
        for k in v:
            seen.setdefault(k, None)
    return list(seen)


def show(v: object, attribute: str = "") -> str:
    """A value as a reader would write it: quoted text, "none", "yes"/"no", lists."""
    if v is GONE or attribute == "existence":
        return str(v)
    if v is None or v == ():
        return "none"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, tuple):
        return ", ".join(show(x) for x in v)
    return repr(v) if isinstance(v, str) else str(v)


def ref(change: Change | None, *, who: bool = True) -> str:
    """A change as a reader finds it: id, operation, file and line, who recorded it."""
    if change is None:
        return "?"
    details = [change.op]
    if change.origin:
        details.append(f"{change.origin[0]}:{change.origin[1]}")
    if who and change.recorded_by:
        details.append(f"recorded by {change.recorded_by}")
    return f"{change.id or change.op} ({', '.join(details)})"
