"""What the forms of a plan's page post to: add or remove a change, move status, enact, rebase.

Each goes through the registry's plan services (one transaction, an audit entry) and,
when it succeeds, redirects to the plan's page with a message. A refused write writes
nothing and shows why: the change form comes back with the problems beside the fields;
a refused move or enactment shows the plan's page with every reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ...core.dates import DateError, FuzzyDate
from ...core.plans import check_editable
from ...queries.resolve import Names
from ...registry.actions import (
    AddPlanChange,
    EnactPlan,
    Forbidden,
    MovePlan,
    RebasePlan,
    Refused,
    RemovePlanChange,
    run,
)
from ...registry.reading.names import cached_names
from ...registry.store import State
from ..new_ids import taken_ids
from ..plan_change_form import (
    all_inputs,
    form_inputs,
    op_choices,
    place_errors,
    place_reasons,
    read_form,
)
from .common import actor, may_see_people, registry_page, requires
from .plan_confirm import STEPS, confirm_page
from .plans import plan_page


def _plan_or_404(state: State, plan_id: str) -> Any:
    plan = state.record.plans.get(plan_id)
    if plan is None:
        raise Http404(f"no plan {plan_id!r}")
    return plan


def _names_date(plan: Any, posted: Any) -> FuzzyDate:
    """The date names are read as of: the change's own if it reads, else its phase's, else
    the plan's (a unit is called then what the record and the plan's earlier changes say)."""
    try:
        return FuzzyDate.parse(posted.get("date", "").strip())
    except DateError:
        phase = plan.phase(posted.get("phase", "")) if posted.get("phase") else None
        return FuzzyDate.parse(phase.effective if phase else plan.effective)


@requires(AddPlanChange.permissions)
@registry_page
def plan_change_new(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """Choose a kind of change (``?op=``), then fill in its fields and add it to the plan."""
    plan = _plan_or_404(state, plan_id)
    op = request.GET.get("op") or request.POST.get("op") or ""
    context: dict[str, Any] = {"plan": plan, "ops": op_choices(), "op": op, "loose": []}
    closed = check_editable(plan)
    if closed is not None:
        context["closed"] = closed[:1].upper() + closed[1:] + "."
        return render(request, "site/plan_change.html", context, status=409)
    if not op:
        return render(request, "site/plan_change.html", context)
    labels = {o["op"]: o for o in context["ops"]}
    if op not in labels:
        context.update(op="", loose=[f"“{op}” is not a kind of change: choose one below"])
        return render(request, "site/plan_change.html", context, status=400)
    phases = [(ph.id, f"{ph.title} ({ph.effective})") for ph in plan.phases]
    inputs = form_inputs(op, phases)
    context.update(
        chosen=labels[op],
        inputs=inputs,
        lookup_at=str(_names_date(plan, request.GET)),
        people=may_see_people(request),
    )
    if request.method != "POST":
        return render(request, "site/plan_change.html", context)
    at = _names_date(plan, request.POST)
    people = may_see_people(request)

    def names(kind: str) -> Names:
        if kind == "person" and not people:
            # People are named only to those who may see them.
            return Names(kind, [])
        return cached_names(state, kind, at, plan_id)

    data, phase = read_form(op, inputs, request.POST, names, taken_ids(state.record, plan_id))
    context["lookup_at"] = str(at)
    if any(i.errors for i in all_inputs(inputs)):
        context["refusal"] = "a field could not be read"
        return render(request, "site/plan_change.html", context, status=400)
    try:
        change = run(AddPlanChange(plan_id, data, phase or None), actor(request))
    except Refused as exc:
        context["refusal"] = exc.message
        context["loose"] = place_errors(inputs, exc.fields) + place_reasons(inputs, exc.reasons)
        return render(request, "site/plan_change.html", context, status=400)
    messages.success(request, f"Change {change.id} ({change.op}, {change.date}) added to the plan.")
    return redirect("site:plan", plan_id=plan_id)


@require_POST
@requires(RemovePlanChange.permissions)
@registry_page
def plan_change_remove(
    request: HttpRequest, state: State, plan_id: str, change_id: str
) -> HttpResponse:
    """Take a change out of a draft plan."""
    _plan_or_404(state, plan_id)
    try:
        run(RemovePlanChange(plan_id, change_id), actor(request))
    except Refused as exc:
        return plan_page(request, state, plan_id, 409, refusal=_refusal(exc))
    messages.success(request, f"Change {change_id} removed from the plan.")
    return redirect("site:plan", plan_id=plan_id)


@require_POST
@requires(RebasePlan.permissions)
@registry_page
def plan_rebase(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """Accept what was recorded since the plan's base: its base becomes now."""
    _plan_or_404(state, plan_id)
    try:
        run(RebasePlan(plan_id), actor(request))
    except Refused as exc:
        return plan_page(request, state, plan_id, 409, refusal=_refusal(exc))
    messages.success(request, "The plan's base is now the record as it stands.")
    return redirect("site:plan", plan_id=plan_id)


@require_POST
@requires(MovePlan.permissions + EnactPlan.permissions)
@registry_page
def plan_move(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """Move the plan to ``to`` with ``note``; ``expected`` is the status the person saw.
    Who may make which move is the plan workflow's to say. Enacting and withdrawing
    are not made here but shown their confirmation page."""
    _plan_or_404(state, plan_id)
    to = request.POST.get("to", "")
    note = request.POST.get("note", "")
    expected = request.POST.get("expected") or None
    if to in STEPS:
        # Enacting and withdrawing are asked twice, whichever form sends them: the status
        # form hands them to their confirmation page, which writes nothing.
        return confirm_page(request, state, plan_id, to)
    try:
        moved = run(MovePlan(plan_id, to, note, expected), actor(request))
        text = f"Plan {moved}."
    except Forbidden as exc:
        return render(request, "site/denied.html", {"action": exc.permission}, status=403)
    except Refused as exc:
        status = 403 if exc.kind == "forbidden" else 409
        return plan_page(request, state, plan_id, status, refusal=_refusal(exc), note=note)
    messages.success(request, text)
    return redirect("site:plan", plan_id=plan_id)


def _refusal(exc: Refused) -> dict[str, Any]:
    return {"message": exc.message, "reasons": exc.reasons}
