"""Plans against plans: compare two side by side, merge one into a draft.

Both pages choose the other plan by its title. The merge page shows every conflict the
merge would have to settle, each side in words with a choice; the write is the
registry's :class:`~organogram.registry.actions.MergePlan`, which refuses, writing
nothing, while a conflict is left unsettled.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ...core.errors import NotFound
from ...core.plans import EDITABLE, PlanStatus
from ...queries.plan_pairs import compare_two_plans, merge_preview
from ...registry.actions import MergeConflicts, MergePlan, Refused, run
from ...registry.permissions import can
from ...registry.store import State
from .common import actor, may, may_see_people, registry_page, requires


def _choices(state: State, but: str = "", *, mergeable: bool = False) -> list[dict[str, str]]:
    """The plans a person may pick, by title (the enacted ones left out of a merge)."""
    return [
        {"id": p.id, "title": p.title, "status": str(p.status)}
        for p in state.record.plans.values()
        if p.id != but and not (mergeable and p.status is PlanStatus.ENACTED)
    ]


@registry_page
@requires("plan.view")
def plan_compare(request: HttpRequest, state: State) -> HttpResponse:
    """Two plans side by side: what each structure has that the other's has not, their
    changes, their cost (with cost.view). Without both plans, the chooser alone."""
    a = request.GET.get("a", "").strip()
    b = request.GET.get("b", "").strip()
    data: dict[str, Any] | None = None
    error = ""
    if a and b:
        if a == b:
            error = "Choose two different plans."
        else:
            try:
                data = compare_two_plans(
                    state.record, a, b, people=may_see_people(request),
                    cost=can(request.user, "cost.view"),
                )
            except NotFound as exc:
                raise Http404(str(exc)) from None
    context = {
        "a": a,
        "b": b,
        "choices": _choices(state),
        "comparison": data,
        "error": error,
        "may_merge": data is not None and may(request.user, MergePlan),
    }
    return render(request, "site/plan_compare.html", context, status=400 if error else 200)


@requires(MergePlan.permissions)
@registry_page
def plan_merge(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """Merge a chosen plan into this draft: its conflicts, a choice for each, confirm."""
    target = state.record.plans.get(plan_id)
    if target is None:
        raise Http404(f"there is no plan {plan_id!r}")
    data = request.POST if request.method == "POST" else request.GET
    source = data.get("from", "").strip()
    take = {k[5:]: v for k, v in data.items() if k.startswith("take:") and v}
    refusal: dict[str, Any] | None = None
    if request.method == "POST":
        try:
            done = run(MergePlan(plan_id, source, take), actor(request))
        except Refused as exc:
            refusal = {
                "message": exc.message,
                "reasons": [] if isinstance(exc, MergeConflicts) else exc.reasons,
                "fields": exc.fields,
                "unsettled": isinstance(exc, MergeConflicts),
            }
        else:
            messages.success(
                request,
                f"Merged: {len(done.added)} change{'s' if len(done.added) != 1 else ''} added"
                + (f", {len(done.dropped)} of its own left out" if done.dropped else "")
                + ".",
            )
            return redirect("site:plan", plan_id=plan_id)
    preview = None
    if source and source != plan_id and source in state.record.plans:
        preview = merge_preview(state.record, plan_id, source, people=may_see_people(request))
        for c in preview["conflicts"]:
            c["chosen"] = take.get(c["id"], "")
    context = {
        "plan": target,
        "editable": target.status in EDITABLE,
        "source": source,
        "choices": _choices(state, plan_id, mergeable=True),
        "merge": preview,
        "refusal": refusal,
    }
    return render(request, "site/plan_merge.html", context, status=409 if refusal else 200)

