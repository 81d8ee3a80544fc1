"""The structure as of a date, as a list of nodes or a tree."""

from __future__ import annotations

from typing import Any

from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.plans import plan_timeline
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Snapshot, Timeline
from .names import node_kind


def node_data(s: Structure, node: str, *, people: bool = True) -> dict[str, Any]:
    """One unit or senior post as data: what the tree and its JSON show."""
    data: dict[str, Any] = {
        "id": node,
        "name": s.label(node),
        "kind": node_kind(s, node),
        "parent": s.oversight.get(node),
        "lines": [
            {"kind": str(ln.kind), "to": ln.target, "to_name": s.label(ln.target)}
            for ln in s.lines_of(node)
            if ln.source == node
        ],
    }
    if node in s.units:
        unit = s.units[node]
        data["abbreviation"] = unit.abbreviation
        data["head"] = unit.head
        data["location"] = unit.location
        data["posts"] = len(s.posts_in(node))
    else:
        post = s.posts[node]
        data["grade"] = post.grade
        data["unit"] = post.unit
        data["status"] = str(post.status)
    if people:
        holders = s.holders.get(node) or (
            s.holders.get(s.units[node].head) if node in s.units and s.units[node].head else ()
        )
        data["holders"] = [
            {
                "person": a.person,
                "name": s.people[a.person].name if a.person in s.people else a.person,
                "kind": str(a.kind),
            }
            for a in holders or ()
        ]
    return data


def snapshot_for(record: Record, at: str | FuzzyDate, plan: str | None = None) -> Snapshot:
    """The snapshot of the record (or of a plan's preview) as of ``at``."""
    timeline: Timeline = record.timeline
    if plan is not None:
        timeline = plan_timeline(timeline, record.plan(plan))
    return timeline.snapshot(at)


def structure_at(
    record: Record,
    at: str | FuzzyDate,
    *,
    unit: str | None = None,
    plan: str | None = None,
    people: bool = True,
) -> dict[str, Any]:
    """``{"date", "nodes": [...]}``: every node in force, in tree order (or a subtree)."""
    snap = snapshot_for(record, at, plan)
    s = snap.structure
    if unit is not None:
        if not s.is_node(unit):
            raise NotFound(absent_reason(record, s, unit, snap.day.isoformat()))
        order = s.subtree(unit)
    else:
        order = [
            n for root in sorted(s.roots(), key=lambda r: _rank(s, r)) for n in s.subtree(root)
        ]
        # Nodes caught in a cycle have no root; show them anyway.
        seen = set(order)
        order += [n for n in s.nodes() if n not in seen]
    return {
        "date": snap.day.isoformat(),
        "plan": plan,
        "nodes": [node_data(s, n, people=people) for n in order],
        "uncertain": [{"change": c.id, "op": c.op, "date": str(c.date)} for c in snap.uncertain],
    }


def tree_order(s: Structure) -> list[str]:
    """Every node, depth first from the top; nodes caught in a cycle come last."""
    order = [n for root in sorted(s.roots(), key=lambda r: _rank(s, r)) for n in s.subtree(root)]
    seen = set(order)
    return order + [n for n in s.nodes() if n not in seen]


def _rank(s: Structure, node: str) -> tuple[int, str]:
    # Senior posts head the tree (the Director General first), then top-level units.
    return (0 if node in s.posts else 1, node)


def absent_reason(record: Record, s: Structure, node: str, day: str) -> str:
    """Why ``node`` is not in the structure ``s`` of ``day``: gone, not yet, or unknown."""
    if node in s.retired_units or node in s.retired_posts:
        return f"{node!r} no longer exists on {day} (it was abolished earlier)"
    if any(node in c.subjects() for c in record.timeline):
        return f"{node!r} does not exist yet on {day}"
    return f"no unit or senior post {node!r} in the record"
