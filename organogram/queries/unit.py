"""One unit (or post) as of a date: what it is, where it sits, what sits under it.

Its history over time and its lineage are :func:`organogram.queries.history.unit_history`;
this is the cut through the structure on one day that a unit's page shows beside it.
"""

from __future__ import annotations

from typing import Any

from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.model import Post, Unit
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Snapshot
from .certain import holders, node_certainty
from .claims import PERSONAL_FIELDS, is_personal, node_claims
from .names import node_kind

__all__ = ["PERSONAL_FIELDS", "is_personal", "unit_at"]

_LINE_WORDS = {
    ("direct-supervision", "from"): "directly supervised by",
    ("direct-supervision", "to"): "directly supervises",
    ("administrative-support", "from"): "administratively supported by",
    ("administrative-support", "to"): "administratively supports",
    ("functional", "from"): "functional line to",
    ("functional", "to"): "functional line from",
}


def _ref(s: Structure, node: str) -> dict[str, str]:
    return {"id": node, "name": s.label(node), "kind": node_kind(s, node).replace("-", " ")}


def unit_at(
    record: Record,
    node: str,
    at: str | FuzzyDate,
    *,
    people: bool = True,
    snapshot: Snapshot | None = None,
) -> dict[str, Any]:
    """``node`` as of ``at``; ``people`` False leaves out who holds posts (personal data).

    A unit not in force on that day is still described (its last or first version)
    with ``in_force`` False and ``state`` "abolished" or "not-yet". ``snapshot``: the
    record's snapshot as of ``at``, when the caller keeps one (it is only read).
    """
    snap = snapshot if snapshot is not None else record.timeline.snapshot(at)
    s = snap.structure
    version: Unit | Post | None = s.units.get(node) or s.posts.get(node)
    state = "in-force"
    if version is None:
        version = s.retired_units.get(node) or s.retired_posts.get(node)
        state = "abolished"
    if version is None:
        final, _ = record.timeline.fold()
        version = (
            final.units.get(node)
            or final.posts.get(node)
            or final.retired_units.get(node)
            or final.retired_posts.get(node)
        )
        state = "not-yet"
    if version is None:
        raise NotFound(f"no unit or post {node!r} in the record")
    data: dict[str, Any] = {
        "id": node,
        "date": snap.day.isoformat(),
        "state": state,
        "in_force": state == "in-force",
        "is_unit": isinstance(version, Unit),
        "name": version.name if isinstance(version, Unit) else version.title,
        "chain": [],
        "children": [],
        "lines": [],
        "posts": [],
        # each: field, value, basis, note, sources; disputed and other_values where
        # sources differ (organogram.queries.claims)
        "claims": node_claims(record, node, people=people)["items"],
    }
    if isinstance(version, Unit):
        data.update(
            kind=version.kind,
            abbreviation=version.abbreviation,
            mandate=version.mandate,
            functions=list(version.functions),
            location=version.location,
            head=_ref(s, version.head) if version.head else None,
        )
    else:
        data.update(
            kind="senior post" if version.senior else "post",
            grade=version.grade,
            category=version.category,
            duty_station=version.duty_station,
            unit=_ref(s, version.unit) if version.unit else None,
            status=str(version.status),
            funding=str(version.funding),
            fte=version.fte,
        )
        if people and state == "in-force":
            data["holders"] = holders(snap, node)
    # certainty (in force, only possibly, or not, and why), placement, holding (a post)
    data.update(node_certainty(record, snap, node))
    if state != "in-force":
        return data
    data["chain"] = [_ref(s, n) for n in s.ancestors(node)]
    data["children"] = [_ref(s, n) for n in s.children(node)]
    for line in s.lines_of(node):
        direction = "from" if line.source == node else "to"
        other = line.target if direction == "from" else line.source
        data["lines"].append(
            {
                "kind": str(line.kind),
                "words": _LINE_WORDS.get((str(line.kind), direction), str(line.kind)),
                **{f"other_{k}": v for k, v in _ref(s, other).items()},
            }
        )
    for post_id in s.posts_in(node) if isinstance(version, Unit) else []:
        post = s.posts[post_id]
        entry: dict[str, Any] = {
            "id": post_id,
            "title": post.title,
            "grade": post.grade,
            "status": str(post.status),
            "senior": post.senior,
            "head": isinstance(version, Unit) and version.head == post_id,
        }
        entry.update(node_certainty(record, snap, post_id))
        if people:
            entry["holders"] = holders(snap, post_id)
        data["posts"].append(entry)
    return data
