"""Saving a document's accepted proposals into a draft plan: a new one
(:class:`~organogram.registry.actions.DraftPlanWithChanges`) or an existing one
(:class:`~organogram.registry.actions.ImportPlanChanges`, as a spreadsheet's rows are
imported). All of them or none: a proposal the record refuses is told with its reason on
the draft's page, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ...importers.plan_changes import PlanRow
from ...registry.actions import DraftPlan, DraftPlanWithChanges, ImportPlanChanges, Refused, run
from ...registry.store import State
from .. import draft_session
from .common import actor, registry_page, requires
from .drafts import DRAFTERS, draft_page, paragraph_of


@require_POST
@requires(DRAFTERS)
@registry_page
def plan_draft_save(request: HttpRequest, state: State, key: str) -> HttpResponse:
    """Save the accepted and edited proposals, in the paper's order, into the plan chosen."""
    draft = draft_session.kept(request, key)
    posted = {k: request.POST.get(k, "") for k in ("target", "title", "effective", "description")}
    plan_id = request.POST.get("plan", "").strip() if posted["target"] != "new" else ""
    source = draft["source"]
    rows = [
        # Each refusal names the proposal as the page numbers it.
        PlanRow(f"proposal {n} (paragraph {paragraph_of(p['cite'], source)})", dict(change))
        for n, p, change in draft_session.chosen(draft)
    ]
    shown = {**posted, "target": plan_id or "new"}
    if not rows:
        refusal = {"message": "accept or edit at least one proposal to save", "reasons": []}
        return draft_page(request, state, key, 400, refusal=refusal, save=shown)
    changes = ImportPlanChanges(plan_id, draft["name"], rows=rows, what="the accepted proposals")
    if plan_id:
        action = changes
    else:
        plan = DraftPlan(posted["title"], posted["effective"], posted["description"])
        action = DraftPlanWithChanges(plan, changes)
    try:
        result = run(action, actor(request))
    except Refused as exc:
        refusal = {"message": exc.message, "reasons": exc.reasons}
        status = 403 if exc.kind == "forbidden" else 422 if exc.kind == "invalid" else 409
        return draft_page(
            request, state, key, status, refusal=refusal, errors=exc.fields, save=shown
        )
    added = result if plan_id else result[1]
    target = plan_id or result[0].id
    draft_session.drop(request, key)
    n = len(added)
    messages.success(
        request, f"{n} change{'s' if n != 1 else ''} from {draft['name']} saved into the plan."
    )
    return redirect("site:plan", plan_id=target)
