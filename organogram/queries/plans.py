"""Plans as data: list, preview, validation, narrative, conflicts."""

from __future__ import annotations

from typing import Any

from ..core.dates import FuzzyDate
from ..core.plans import conflicts, narrate_plan, plan_diff, preview, validate_plan
from ..core.plans.views import show
from ..core.record import Record
from .changes import changes_data
from .findings import finding_data
from .structure import node_data, tree_order


def plan_list(record: Record) -> list[dict[str, Any]]:
    """Every plan with its status, effective date and number of changes."""
    return [
        {
            "id": p.id,
            "title": p.title,
            "status": str(p.status),
            "effective": str(p.effective),
            "changes": len(p.changes),
        }
        for p in record.plans.values()
    ]


def plan_preview(record: Record, plan_id: str, at: str | None = None) -> dict[str, Any]:
    """The structure the plan would produce, what would not apply, and the diff from now."""
    plan = record.plan(plan_id)
    pv = preview(record.timeline, plan, FuzzyDate.parse(at) if at else None)
    s = pv.structure
    return {
        "plan": plan.id,
        "title": plan.title,
        "status": str(plan.status),
        "date": pv.day.isoformat(),
        "ok": pv.ok,
        "problems": pv.problems(),
        "nodes": [node_data(s, n) for n in tree_order(s)],
        "diff": changes_data(plan_diff(record.timeline, plan), pv.base, record.sources),
    }


def plan_validation(record: Record, plan_id: str) -> dict[str, Any]:
    """Findings on the record with the plan; ``new`` marks those the plan brings."""
    plan = record.plan(plan_id)
    findings = [finding_data(f) for f in validate_plan(record.timeline, plan)]
    new_errors = sum(1 for f in findings if f["new"] and f["severity"] == "error")
    return {"plan": plan.id, "ok": new_errors == 0, "new_errors": new_errors, "findings": findings}


def plan_narrative(record: Record, plan_id: str) -> dict[str, Any]:
    """The plan told in plain language, by phase."""
    plan = record.plan(plan_id)
    story = narrate_plan(record.timeline, plan, record.sources)
    return {
        "plan": plan.id,
        "title": story.title,
        "description": story.description,
        "phases": story.phases,
        "sections": [
            {
                "title": sec.title,
                "date": str(sec.date),
                "heading": sec.heading(),
                "sentences": sec.sentences,
            }
            for sec in story.sections
        ],
        "text": story.text(),
    }


def plan_conflicts(record: Record, plan_id: str) -> dict[str, Any]:
    """Conflicts between the plan and what was recorded since its base."""
    plan = record.plan(plan_id)
    found = conflicts(record.timeline, plan)
    return {
        "plan": plan.id,
        "ok": not found,
        "conflicts": [
            {
                "kind": c.kind,
                "node": c.node,
                "attribute": c.attribute,
                "base": _plain(c.base),
                "want": _plain(c.want),
                "now": _plain(c.now),
                "since": [x.id for x in c.since],
                "plan_change": c.plan_change.id if c.plan_change else None,
                "message": c.message(),
            }
            for c in found
        ],
    }


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else show(value)
