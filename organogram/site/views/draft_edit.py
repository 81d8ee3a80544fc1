"""Editing a drafted proposal: the plan change form (:mod:`..plan_change_form`, with its
name pickers) filled in from the proposal, read back into a change mapping that the draft
keeps as the person's edit. Nothing is written: the edit is saved with the other
accepted proposals (:mod:`.draft_save`), checked then where it falls in the plan.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ...registry.actions import Refused
from ...registry.actions.changes import read_change
from ...registry.store import State
from .. import draft_session
from ..draft_form import prefill
from ..draft_names import draft_date, draft_names, structure_before
from ..draft_proposals import EDITED, with_date
from ..plan_change_form import all_inputs, form_inputs, op_choices, place_errors, read_form
from .common import may_see_people, registry_page, requires
from .drafts import DRAFTERS


@requires(DRAFTERS)
@registry_page
def plan_draft_edit(request: HttpRequest, state: State, key: str, n: int) -> HttpResponse:
    """GET: the change form filled in from proposal ``n`` (``?op=``: another kind of
    change); POST: keep what the form describes as the edited proposal."""
    draft = draft_session.kept(request, key)
    p = draft_session.proposal(draft, n)
    current = p["edited"] or p["change"]
    op = request.GET.get("op") or request.POST.get("op") or current["op"]
    labels = {o["op"]: o for o in op_choices()}
    back = reverse("site:plan_draft", kwargs={"key": key}) + f"#p-{n}"
    date = draft_date(draft)
    structure = structure_before(state, draft, n)
    people = may_see_people(request)
    names = draft_names(state, draft, n, people=people)

    context: dict[str, Any] = {
        "key": key,
        "n": n,
        "proposal": p,
        "ops": list(labels.values()),
        "op": op,
        "loose": [],
        "cancel": back,
        "submit": "Keep this edit",
        "refused": "Not kept",
        "dated": "Undated, it takes the plan's effective date.",
        "lookup_at": draft["at"],
        "lookup_draft": {"key": key, "n": n},
        "people": people,
    }
    if op not in labels:
        context.update(op="", loose=[f"“{op}” is not a kind of change: choose one below"])
        return render(request, "site/plan_draft_edit.html", context, status=400)
    inputs = form_inputs(op)
    context.update(chosen=labels[op], inputs=inputs)
    if request.method != "POST":
        # Another kind of change keeps only where it comes from: its citation and notes.
        kept = (
            current
            if op == current["op"]
            else {k: v for k, v in current.items() if k in ("cite", "note", "basis", "date")}
        )
        prefill(inputs, kept, names)
        return render(request, "site/plan_draft_edit.html", context)
    taken = set(structure.units) | set(structure.posts) | set(structure.retired_units)
    data, _ = read_form(op, inputs, request.POST, names, taken)
    if any(i.errors for i in all_inputs(inputs)):
        context["refusal"] = "a field could not be read"
        return render(request, "site/plan_draft_edit.html", context, status=400)
    try:
        # Read as a change now, so that a field at fault is told beside it; where it
        # falls in the plan is checked when the accepted proposals are saved.
        read_change(with_date(data, date))
    except Refused as exc:
        context["refusal"] = exc.message
        context["loose"] = place_errors(inputs, exc.fields)
        return render(request, "site/plan_draft_edit.html", context, status=400)
    draft_session.decide(request, key, n, EDITED, data)
    return redirect(back)
