"""What the chart page offers to edit the draft plan it draws: the panel's boxes and
kinds, the box chosen, the undo and redo counts, and the plan's cost in a line.

The gestures themselves post to :mod:`.chart_edit`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from ...charts.views import ChartView
from ...core.dates import FuzzyDate
from ...core.plans import PlanStatus
from ...queries.resolve import NotResolved
from ...registry.actions import AddPlanChange
from ...registry.permissions import can
from ...registry.reading.names import cached_names
from ...registry.store import State
from ..chart_history import ChartHistory
from .common import may, may_see_people
from .cost import plan_cost_context


def plan_cost_figure(request: HttpRequest, state: State, plan_id: str) -> str:
    """The plan's cost year by year, in a line for the chart page ("" without
    ``cost.view``)."""
    if not can(request.user, "cost.view"):
        return ""
    context = plan_cost_context(state, plan_id, people=may_see_people(request))
    return render_to_string("site/_chart_cost.html", {"plan_id": plan_id, **context})


def edit_context(request: HttpRequest, state: State, view: ChartView, at: str) -> dict[str, Any]:
    """What the chart page shows to edit the plan it draws: nothing without a plan; a
    word on why not for a plan that is not a draft or a person who may not edit; else
    the kinds in use, the box chosen (``?edit=`` its id or name, for the page without
    its script), the date its names are looked up at (``at``, the chart's) and how many
    gestures can be undone."""
    plan = state.record.plans.get(request.GET.get("plan", "").strip())
    if plan is None or len(view.charts) != 1:
        return {}
    out: dict[str, Any] = {"plan": plan, "cost": plan_cost_figure(request, state, plan.id)}
    if not may(request.user, AddPlanChange):
        return out
    if plan.status is not PlanStatus.DRAFT:
        out["closed"] = f"This plan is {plan.status}: send it back to draft to change it."
        return out
    chart = view.charts[0]
    boxes = [n for n in chart.nodes.values() if not n.ghost]
    asked = request.GET.get("edit", "").strip()
    chosen, problem = chart.nodes.get(asked), ""
    if asked and chosen is None:
        # Typed in the panel without the script: a name, former name or abbreviation.
        try:
            found = cached_names(state, "node", FuzzyDate.parse(at), plan.id).resolve(asked)
            chosen = chart.nodes.get(found.id)
            if chosen is None:
                problem = f"{found.name} is not on this chart"
        except NotResolved as exc:
            problem = exc.message
    keep = request.GET.copy()
    keep.pop("edit", None)
    out.update(
        editing=True,
        at=at,
        kinds=sorted({n.kind for n in boxes if not n.senior and n.kind}),
        chosen=chosen,
        asked=asked,
        pick_error=problem,
        keep=[(k, v) for k, values in keep.lists() for v in values],
        history=ChartHistory(request.session, plan.id).counts(),
    )
    return out
