"""Importing a spreadsheet of changes into a draft plan, and the blank sheet to fill in.

The upload is read as the template's ``changes`` sheet (one change a row) and added by
the :class:`~organogram.registry.actions.ImportPlanChanges` action: every row's problems
are listed at once, with their rows, and nothing is written unless every row applies.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ...importers.layout import COLUMNS
from ...importers.plan_changes import MAX_BYTES, SHEET
from ...registry.actions import ImportPlanChanges, Refused, run
from ...registry.store import State
from .common import actor, registry_page, requires


@requires(ImportPlanChanges.permissions)
@registry_page
def plan_import(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """GET: the upload form; POST: import the spreadsheet's rows, or list every problem."""
    plan = state.record.plans.get(plan_id)
    if plan is None:
        raise Http404(f"no plan {plan_id!r}")
    context: dict = {"plan": plan, "problems": [], "refusal": "", "max_mb": MAX_BYTES // 2**20}
    if request.method != "POST":
        return render(request, "site/plan_import.html", context)
    upload = request.FILES.get("sheet")
    if upload is None:
        context["refusal"] = "choose a spreadsheet to import"
        return render(request, "site/plan_import.html", context, status=400)
    action = ImportPlanChanges(plan_id, upload.name, upload.chunks(), upload.size)
    try:
        added = run(action, actor(request))
    except Refused as exc:
        context["refusal"] = exc.message
        context["problems"] = exc.reasons or [
            f"{f}: {p}" for f, ps in exc.fields.items() for p in ps
        ]
        status = 422 if exc.kind == "invalid" else 409
        return render(request, "site/plan_import.html", context, status=status)
    n = len(added)
    messages.success(request, f"{n} change{'s' if n != 1 else ''} imported from {upload.name}.")
    return redirect("site:plan", plan_id=plan_id)


@registry_page
def plan_import_sheet(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """A blank changes sheet (CSV): the template's columns, to fill in a spreadsheet."""
    if plan_id not in state.record.plans:
        raise Http404(f"no plan {plan_id!r}")
    out = io.StringIO()
    csv.writer(out).writerow([c for c in COLUMNS[SHEET] if c not in _NOT_OFFERED])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{plan_id}-changes.csv"'
    return response


#: Columns of the template's changes sheet a plan's rows do not fill.
_NOT_OFFERED = frozenset({"plan", "recorded_by", "recorded_at"})
