"""Plans as data: list, detail, preview, validation, narrative, conflicts, readiness."""

from __future__ import annotations

from typing import Any

from ..core.dates import FuzzyDate
from ..core.diff.between import summarize
from ..core.plans import (
    Plan,
    conflicts,
    decision_problems,
    enact_problems,
    narrate_plan,
    needs_review,
    plan_diff,
    preview,
    validate_plan,
)
from ..core.plans.model import MOVE_OF, PlanStatus
from ..core.plans.views import show
from ..core.record import Record
from ..core.timeline import Timeline
from .certain import preview_certainty
from .changes import change_data, changes_data, node_refs
from .diff_groups import departments
from .findings import finding_data
from .structure import node_data, tree_order


def plan_list(record: Record) -> list[dict[str, Any]]:
    """Every plan with its status, effective date, number of changes and latest move."""
    return [
        {
            "id": p.id,
            "title": p.title,
            "status": str(p.status),
            "effective": str(p.effective),
            "changes": len(p.changes),
            "last_event": _event(p.events[-1]) if p.events else None,
        }
        for p in record.plans.values()
    ]


def _event(e: Any) -> dict[str, str]:
    return {"status": str(e.status), "at": str(e.at), "by": e.by, "note": e.note}


def plan_detail(record: Record, plan_id: str, *, people: bool = True) -> dict[str, Any]:
    """A plan: what it is, its phases, documents, status history, and its changes by phase.

    Changes come in the order they apply, grouped by phase as the narrative tells
    them, each with its sentence and the units it touches.
    """
    plan = record.plan(plan_id)
    story = narrate_plan(record.timeline, plan, record.sources, show_people=people)
    groups: dict[str, list[Any]] = {}
    for c in _in_order(plan):
        phase = plan.phase_for(c) if plan.phases else None
        groups.setdefault(phase.id if phase is not None else "", []).append(c)
    final, _ = record.timeline.fold()
    sections = []
    for sec in story.sections:
        changes = groups[sec.phase.id if sec.phase is not None else ""]
        rows = []
        for c, sentence in zip(changes, sec.sentences, strict=True):
            row = change_data(c, record.sources, sentence, people=people)
            row["phase"] = plan.phase_of.get(c.id, "")
            row["units"] = node_refs(c, final)
            rows.append(row)
        sections.append({"heading": sec.heading(), "title": sec.title, "changes": rows})
    return {
        "id": plan.id,
        "title": plan.title,
        "status": str(plan.status),
        "effective": str(plan.effective),
        "effective_words": plan.effective.describe(),
        "description": plan.description,
        "drafted_at": plan.drafted_at.isoformat() if plan.drafted_at else "",
        "documents": [
            {
                "id": d,
                "title": (record.sources[d].symbol or record.sources[d].title)
                if d in record.sources
                else d,
                "known": d in record.sources,
            }
            for d in plan.documents
        ],
        "phases": [
            {"id": ph.id, "title": ph.title, "effective": str(ph.effective)} for ph in plan.phases
        ],
        "events": [_event(e) for e in plan.events],
        "headline": story.title,
        "sections": sections,
        "count": len(plan.changes),
    }


def _in_order(plan: Plan) -> list[Any]:
    """The plan's changes in the order they apply (as the narrative tells them)."""
    return Timeline(plan.changes).changes


def plan_preview(
    record: Record, plan_id: str, at: str | None = None, *, people: bool = True
) -> dict[str, Any]:
    """The structure the plan would produce, what would not apply, and the diff from now.

    Each row of ``diff`` names the department it falls under (``department``), and
    ``summary`` counts what differs (as a comparison of two dates does), and
    ``departments`` gives the one each of the plan's own changes falls under (by change
    id, None above the departments), placed as they apply to the record without it.
    ``touched`` lists the units and posts the plan's changes touch; with ``people``
    false, nodes carry no holders and sentences name no one.
    """
    plan = record.plan(plan_id)
    pv = preview(record.timeline, plan, FuzzyDate.parse(at) if at else None)
    s = pv.structure
    diff = plan_diff(record.timeline, plan)
    rows = changes_data(diff, pv.base, record.sources, show_people=people)
    for row, c, place in zip(rows, diff, departments(diff, pv.base), strict=True):
        row["units"] = node_refs(c, s, pv.base)
        row["department"] = place
    own = _in_order(plan)
    placed = dict(zip((c.id for c in own), departments(own, pv.base), strict=True))
    certainty = preview_certainty(pv)
    return {
        "plan": plan.id,
        "title": plan.title,
        "status": str(plan.status),
        "date": pv.day.isoformat(),
        "ok": pv.ok,
        "problems": pv.problems(),
        "nodes": [
            node_data(
                s,
                n,
                people=people,
                certainty=certainty,
                vacancy_known=record.organization.vacancy_known(pv.day),
            )
            for n in tree_order(s)
        ],
        "unplaced": s.unplaced_nodes(),
        "touched": sorted({n for c in plan.changes for n in c.subjects()}),
        "diff": rows,
        "summary": summarize(pv.base, s, diff),
        "departments": placed,
    }


def plan_readiness(record: Record, plan_id: str) -> dict[str, Any]:
    """Whether the plan could be enacted now, and every reason it could not."""
    plan = record.plan(plan_id)
    problems = enact_problems(record.timeline, plan)
    return {"plan": plan.id, "ok": not problems, "problems": problems}


def plan_review(record: Record, plan_id: str) -> dict[str, Any]:
    """Whether the plan's next step forward (proposing a draft, approving a proposal)
    could be taken now, and every reason it could not; ``to`` is None for a plan in
    any other status, which no such rule holds up."""
    plan = record.plan(plan_id)
    to = next((s for s in PlanStatus if needs_review(plan, s)), None)
    problems = decision_problems(record.timeline, plan) if to is not None else []
    return {
        "plan": plan.id,
        "to": str(to) if to is not None else None,
        "move": MOVE_OF[(plan.status, to)].verb if to is not None else None,
        "ok": not problems,
        "problems": problems,
    }


def plan_validation(record: Record, plan_id: str) -> dict[str, Any]:
    """Findings on the record with the plan; ``new`` marks those the plan brings."""
    plan = record.plan(plan_id)
    findings = [finding_data(f) for f in validate_plan(record.timeline, plan)]
    new_errors = sum(1 for f in findings if f["new"] and f["severity"] == "error")
    return {"plan": plan.id, "ok": new_errors == 0, "new_errors": new_errors, "findings": findings}


def plan_narrative(record: Record, plan_id: str, *, people: bool = True) -> dict[str, Any]:
    """The plan told in plain language, by phase (naming post holders only with ``people``)."""
    plan = record.plan(plan_id)
    story = narrate_plan(record.timeline, plan, record.sources, show_people=people)
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


def plan_conflicts(record: Record, plan_id: str, *, people: bool = True) -> dict[str, Any]:
    """Conflicts between the plan and what was recorded since its base.

    With ``people`` false, a conflict over who holds a post says so without the values.
    """
    plan = record.plan(plan_id)
    found = conflicts(record.timeline, plan)
    out = []
    for c in found:
        hidden = not people and c.attribute == "holders"
        out.append(
            {
                "kind": c.kind,
                "node": c.node,
                "label": c.label,
                "attribute": c.attribute,
                "base": None if hidden else _plain(c.base),
                "want": None if hidden else _plain(c.want),
                "now": None if hidden else _plain(c.now),
                "since": [x.id for x in c.since],
                "plan_change": c.plan_change.id if c.plan_change else None,
                "message": (
                    f"{c.label} ({c.node}): who holds it differs between the plan's base, "
                    "the plan and the record now"
                    if hidden
                    else c.message()
                ),
            }
        )
    return {"plan": plan.id, "ok": not found, "drafted_at": _moment(plan), "conflicts": out}


def _moment(plan: Plan) -> str:
    return plan.drafted_at.isoformat() if plan.drafted_at else ""


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else show(value)
