"""Two plans as data: how they differ (structures, changes, cost) and what merging one
into the other would have to settle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.changes import Change
from ..core.costing import CostingError
from ..core.diff import diff
from ..core.plans import (
    MergeConflict,
    Plan,
    conflict_ids,
    merge_conflicts,
    preview_pair,
    same_change,
)
from ..core.plans.views import show
from ..core.record import Record
from ..core.structure import Structure
from .changes import changes_data, node_refs
from .cost import plan_cost_data
from .plans import plan_detail

#: Attributes whose values are units or posts: shown by name, not by id.
_NODE_VALUED = {"parent", "unit", "head"}

#: An attribute as a reader says it.
ATTRIBUTE_WORDS = {
    "existence": "whether it exists",
    "parent": "where it sits",
    "unit": "its unit",
    "head": "its head",
    "kind": "its kind",
    "name": "its name",
    "abbreviation": "its abbreviation",
    "title": "its title",
}


def _summary(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "status": str(plan.status),
        "effective": str(plan.effective),
        "count": len(plan.changes),
    }


def compare_two_plans(
    record: Record, a_id: str, b_id: str, *, people: bool = True, cost: bool = True
) -> dict[str, Any]:
    """Plans ``a_id`` and ``b_id`` side by side, as of the later of their dates.

    ``only_a`` tells, in sentences, what plan A's structure has that B's has not (the
    changes turning B's structure into A's), ``only_b`` the other way round; ``changes``
    each plan's own changes told, those the other plan also makes marked ``shared``;
    ``cost`` each plan's cost by year (or why it cannot be costed), only with ``cost``.
    """
    a, b = record.plan(a_id), record.plan(b_id)
    left, right = preview_pair(record.timeline, a, b)
    final, _ = record.timeline.fold()
    structures = (final, left.structure, right.structure)
    out: dict[str, Any] = {
        "a": _summary(a),
        "b": _summary(b),
        "date": left.day.isoformat(),
        "only_a": _told(diff(right.structure, left.structure, date=left.at), right.structure,
                        record, people, structures),
        "only_b": _told(diff(left.structure, right.structure, date=left.at), left.structure,
                        record, people, structures),
        "changes": {
            "a": _own_changes(record, a, b, people),
            "b": _own_changes(record, b, a, people),
        },
        "cost": None,
    }
    if cost:
        out["cost"] = _costs(record, a, b, people)
    return out


def _told(
    changes: list[Change], start: Structure, record: Record, people: bool,
    structures: tuple[Structure, ...],
) -> list[dict[str, Any]]:
    rows = changes_data(changes, start, record.sources, show_people=people)
    for row, c in zip(rows, changes, strict=True):
        row["units"] = node_refs(c, *structures)
    return rows


def _own_changes(record: Record, plan: Plan, other: Plan, people: bool) -> list[dict[str, Any]]:
    """The plan's changes as its page tells them, ``shared`` when the other makes it too."""
    shared = {c.id for c in plan.changes if any(same_change(c, o) for o in other.changes)}
    detail = plan_detail(record, plan.id, people=people)
    rows = [row for sec in detail["sections"] for row in sec["changes"]]
    for row in rows:
        row["shared"] = row["id"] in shared
    return rows


def _costs(record: Record, a: Plan, b: Plan, people: bool) -> dict[str, Any]:
    """Each plan's total and yearly cost, years lined up; a plan that cannot be costed
    says why."""
    sides: dict[str, Any] = {}
    for key, plan in (("a", a), ("b", b)):
        try:
            data = plan_cost_data(record, plan.id, people=people)
        except CostingError as exc:
            sides[key] = {"error": str(exc), "currency": "", "total": None, "years": {}}
            continue
        sides[key] = {
            "error": "",
            "currency": data["currency"],
            "total": data["total"],
            "illustrative": data["illustrative"],
            "years": {y["year"]: y["total"] for y in data["years"]},
        }
    years = sorted(set(sides["a"]["years"]) | set(sides["b"]["years"]))
    return {
        "a": {k: v for k, v in sides["a"].items() if k != "years"},
        "b": {k: v for k, v in sides["b"].items() if k != "years"},
        "warning": any(s.get("illustrative") for s in sides.values()),
        "years": [
            {"year": y, "a": sides["a"]["years"].get(y), "b": sides["b"]["years"].get(y)}
            for y in years
        ],
    }


def merge_preview(
    record: Record, target_id: str, source_id: str, *, people: bool = True
) -> dict[str, Any]:
    """What merging plan ``source_id`` into ``target_id`` would have to settle.

    Each conflict has the ``id`` a choice names, the unit or post by name, the attribute
    in words, and each side: the plan, its change told in a sentence and the value it
    sets. ``added`` counts the source's changes the target would gain.
    """
    target, source = record.plan(target_id), record.plan(source_id)
    found = merge_conflicts(target, source)
    final, _ = record.timeline.fold()
    left, right = preview_pair(record.timeline, target, source)
    name = _namer(final, left.structure, right.structure)
    told = {
        row["id"]: row["text"]
        for plan in (target, source)
        for sec in plan_detail(record, plan.id, people=people)["sections"]
        for row in sec["changes"]
    }
    conflicts = [
        _conflict_data(ident, c, target, source, told, name, people)
        for ident, c in zip(conflict_ids(found), found, strict=True)
    ]
    return {
        "target": _summary(target),
        "source": _summary(source),
        "conflicts": conflicts,
        "added": sum(
            1 for c in source.changes if not any(same_change(c, t) for t in target.changes)
        ),
    }


def conflict_data(
    ident: str, c: MergeConflict, target: Plan, source: Plan, record: Record, *,
    people: bool = True,
) -> dict[str, Any]:
    """One conflict as :func:`merge_preview` gives it, for a refusal to list."""
    final, _ = record.timeline.fold()
    return _conflict_data(ident, c, target, source, {}, _namer(final), people)


def _namer(*structures: Structure) -> Callable[[str], str]:
    def name(node: str) -> str:
        for s in structures:
            label = s.label(node)
            if label != node:
                return label
        return node

    return name


def _conflict_data(
    ident: str,
    c: MergeConflict,
    target: Plan,
    source: Plan,
    told: dict[str, str],
    name: Callable[[str], str],
    people: bool,
) -> dict[str, Any]:
    hidden = not people and c.attribute == "holders"

    def value(v: object) -> str:
        if hidden:
            return "(not shown)"
        if c.attribute in _NODE_VALUED and isinstance(v, str):
            return name(v)
        return show(v, c.attribute)

    def side(plan: Plan, change: Change, v: object) -> dict[str, Any]:
        return {
            "plan": plan.id,
            "title": plan.title,
            "change": change.id,
            "sentence": told.get(change.id, ""),
            "value": value(v),
        }

    label = name(c.node)
    return {
        "id": ident,
        "node": c.node,
        "label": label,
        "attribute": c.attribute,
        "words": ATTRIBUTE_WORDS.get(c.attribute, c.attribute),
        "target": side(target, c.ours, c.our_value),
        "source": side(source, c.theirs, c.their_value),
        "message": (
            f"{label}: {ATTRIBUTE_WORDS.get(c.attribute, c.attribute)} is "
            f"{value(c.our_value)} in “{target.title}” but {value(c.their_value)} "
            f"in “{source.title}”"
        ),
    }
