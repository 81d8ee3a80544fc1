"""The two steps of a plan that cannot be taken back lightly, asked twice: enacting it
and withdrawing it.

A GET shows what will happen (for enacting: how many changes join the timeline and on
which dates, and that only new changes can undo them; for withdrawing: that the plan
stops) with a button that confirms and a link back; the POST makes the move through
the registry's action. When the step cannot be taken now, the page says why and
offers no button. These pages need no script.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ...core.errors import NotFound
from ...core.plans import MOVE_OF, PlanStatus, check_transition
from ...registry.actions import EnactPlan, MovePlan, Refused, run
from ...registry.permissions import can
from ...registry.store import State
from .common import actor, may_see_people, registry_page, requires
from .plans import plan_facts

#: Who may withdraw a plan: the workflow's table says it, the same from every status.
WITHDRAW_PERMISSIONS = MOVE_OF[(PlanStatus.DRAFT, PlanStatus.WITHDRAWN)].permissions


def _dates(plan: Any) -> list[dict[str, Any]]:
    """How many of the plan's changes take effect on each of its dates, in date order."""
    counts = Counter(c.date for c in plan.changes)
    return [
        {"date": str(d), "count": n} for d, n in sorted(counts.items(), key=lambda x: x[0].start)
    ]


def _confirm(
    request: HttpRequest, state: State, plan_id: str, step: str, status: int = 200, **extra: Any
) -> HttpResponse:
    """The confirmation page of ``step`` (``enact`` or ``withdraw``)."""
    plan = state.record.plans.get(plan_id)
    if plan is None:
        raise Http404(f"no plan {plan_id!r}")
    if step == "enact":
        try:
            readiness = plan_facts(state, plan_id, may_see_people(request))["readiness"]
        except NotFound as exc:
            raise Http404(str(exc)) from None
        problems = (
            readiness["problems"]
            if readiness is not None
            else [check_transition(plan, PlanStatus.ENACTED) or "it is not approved"]
        )
    else:
        why = check_transition(plan, PlanStatus.WITHDRAWN)
        problems = [why] if why else []
    context = {
        "plan": plan,
        "step": step,
        "problems": problems,
        "dates": _dates(plan),
        "count": len(plan.changes),
        "note": request.POST.get("note", ""),
        # the status the person saw, carried from a form that asked for the move directly
        "expected": request.POST.get("expected", ""),
        **extra,
    }
    return render(request, "site/plan_confirm.html", context, status=status)


#: The confirmation pages, by the status they move a plan to, with who may see them.
STEPS = {
    PlanStatus.ENACTED: ("enact", EnactPlan.permissions),
    PlanStatus.WITHDRAWN: ("withdraw", WITHDRAW_PERMISSIONS),
}


def confirm_page(request: HttpRequest, state: State, plan_id: str, to: str) -> HttpResponse:
    """The page that asks to confirm moving the plan to ``to`` (enacted or withdrawn),
    written nothing: what a form asking for that move directly is shown instead."""
    step, permissions = STEPS[PlanStatus(to)]
    if not any(can(request.user, p) for p in permissions):
        return render(request, "site/denied.html", {"action": permissions[0]}, status=403)
    return _confirm(request, state, plan_id, step)


@requires(EnactPlan.permissions)
@registry_page
def plan_enact(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """Enact the plan, once confirmed (GET: what enacting it will do)."""
    if request.method != "POST":
        return _confirm(request, state, plan_id, "enact")
    note = request.POST.get("note", "")
    expected = request.POST.get("expected") or None
    try:
        done = run(EnactPlan(plan_id, note, expected), actor(request))
    except Refused as exc:
        return _refused(request, state, plan_id, "enact", exc)
    messages.success(
        request,
        "Plan enacted: its change is now in the timeline."
        if len(done) == 1
        else f"Plan enacted: its {len(done)} changes are now in the timeline.",
    )
    return redirect("site:plan", plan_id=plan_id)


@requires(WITHDRAW_PERMISSIONS)
@registry_page
def plan_withdraw(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """Withdraw the plan, once confirmed (GET: what withdrawing it means)."""
    if request.method != "POST":
        return _confirm(request, state, plan_id, "withdraw")
    note = request.POST.get("note", "")
    expected = request.POST.get("expected") or None
    try:
        run(MovePlan(plan_id, PlanStatus.WITHDRAWN, note, expected), actor(request))
    except Refused as exc:
        return _refused(request, state, plan_id, "withdraw", exc)
    messages.success(request, "Plan withdrawn.")
    return redirect("site:plan", plan_id=plan_id)


def _refused(
    request: HttpRequest, state: State, plan_id: str, step: str, exc: Refused
) -> HttpResponse:
    """The confirmation page again, with why the step was refused (nothing written)."""
    refusal = {"message": exc.message, "reasons": exc.reasons}
    status = 403 if exc.kind == "forbidden" else 409
    return _confirm(request, state, plan_id, step, status, refusal=refusal)
