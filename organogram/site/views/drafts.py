"""Drafting a plan from a document: send the paper, see its proposals beside its
paragraphs, accept or reject each (editing is :mod:`.draft_edit`, saving
:mod:`.draft_save`).

The proposals come from the drafting package (:mod:`organogram.drafting`); the draft
and the person's decisions are kept in their session (:mod:`..draft_session`) and
nothing is written until they save the accepted changes into a plan.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...core.plans import EDITABLE, check_editable
from ...registry.actions import AddPlanChange, DraftPlan
from ...registry.papers import PAPER_TYPES, asked_paper
from ...registry.permissions import can
from ...registry.source_files import Upload, limit, size_text
from ...registry.store import State
from .. import draft_session
from ..draft_proposals import DECISIONS, EDITED, REJECTED, draft_document, told
from .common import registry_page, requires

#: Who may draft from a document: whoever may draft a plan or fill one in (saving asks
#: the actions again).
DRAFTERS = DraftPlan.permissions + AddPlanChange.permissions

#: The date names are read as of when none is given: the drafting's own default, as


def _target(state: State, plan_id: str) -> Any:
    """The draft plan the proposals are meant for (None: a new plan); 404 when no such
    plan, 409 (as a refusal) when it is no longer a draft."""
    if not plan_id:
        return None
    plan = state.record.plans.get(plan_id)
    if plan is None:
        raise Http404(f"no plan {plan_id!r}")
    return plan


@requires(DRAFTERS)
@registry_page
def plan_draft_new(request: HttpRequest, state: State) -> HttpResponse:
    """GET: the form (a file or pasted text, the date names are read as of, the source
    cited); POST: draft the document and show its proposals."""
    plan_id = (request.GET.get("plan") or request.POST.get("plan") or "").strip()
    plan = _target(state, plan_id)
    values = {k: request.POST.get(k, "") for k in ("text", "at", "source")}
    errors: dict[str, list[str]] = {}
    context = {
        "plan": plan,
        "values": values,
        "errors": errors,
        "types": ", ".join(PAPER_TYPES),
        "most": size_text(limit()),
        "closed": check_editable(plan) if plan is not None else None,
    }
    if request.method != "POST" or context["closed"]:
        return render(
            request, "site/plan_draft_new.html", context, status=409 if context["closed"] else 200
        )
    asked = asked_paper(
        state,
        upload=Upload.sent(request.FILES.get("paper")),
        pasted=values["text"],
        at=values["at"],
        source=values["source"],
        file_field="paper",
        text_field="paper",
    )
    errors.update(asked.errors)
    if errors:
        return render(request, "site/plan_draft_new.html", context, status=400)
    draft = draft_document(
        state.record, asked.text, name=asked.name, source=asked.source, at=asked.at
    )
    draft["plan"] = plan_id
    key = draft_session.keep(request, draft)
    return redirect("site:plan_draft", key=key)


@requires(DRAFTERS)
@registry_page
def plan_draft(request: HttpRequest, state: State, key: str) -> HttpResponse:
    """The document paragraph by paragraph, each beside its proposals and what was not
    resolved in it; every proposal with its decision, and the form saving them."""
    return draft_page(request, state, key)


def draft_page(
    request: HttpRequest, state: State, key: str, status: int = 200, **extra: Any
) -> HttpResponse:
    """The draft's page, with ``extra`` context (a refusal to save, say)."""
    draft = draft_session.kept(request, key)
    source = draft["source"]
    date = (draft.get("effective") or {}).get("date") or draft["at"]
    shown = [draft_session.standing(p) for p in draft["operations"]]
    words = told(state.record, draft["at"], shown, date)
    by_paragraph: dict[str, list[dict[str, Any]]] = {}
    for n, (p, said) in enumerate(zip(draft["operations"], words, strict=True), start=1):
        if p["decision"] == REJECTED:
            # Told as the paper reads it, though it changes nothing now.
            said = told(state.record, draft["at"], [p["change"]], date)[0]
        row = {**p, "n": n, **said, "percent": round(p["confidence"] * 100)}
        by_paragraph.setdefault(paragraph_of(p["cite"], source), []).append(row)
    unresolved = [{**u, "paragraph": paragraph_of(u["cite"], source)} for u in draft["unresolved"]]
    missing: dict[str, list[dict[str, Any]]] = {}
    for u in unresolved:
        missing.setdefault(u["paragraph"], []).append(u)
    # A section's heading is shown once, above its first paragraph.
    headings = [para["heading"] for para in draft["document"]]
    fresh = [h if h and h != (headings[i - 1] if i else "") else "" for i, h in enumerate(headings)]
    paragraphs = [
        {
            **para,
            "heading": heading,
            "proposals": by_paragraph.get(para["number"], []),
            "unresolved": missing.get(para["number"], []),
        }
        for para, heading in zip(draft["document"], fresh, strict=True)
    ]
    counts = {d: sum(1 for p in draft["operations"] if p["decision"] == d) for d in DECISIONS}
    plan_id = draft.get("plan") or ""
    user = request.user
    context = {
        "key": key,
        "draft": draft,
        "paragraphs": paragraphs,
        "counts": counts,
        "undecided": sum(1 for p in draft["operations"] if not p["decision"]),
        "plan": state.record.plans.get(plan_id) if plan_id else None,
        "drafts": [p for p in state.record.plans.values() if p.status in EDITABLE]
        if can(user, "plan.edit")
        else [],
        "may_draft": can(user, "plan.draft"),
        "source": state.record.sources.get(source) if source else None,
        "unresolved": unresolved,
        "effective": (draft.get("effective") or {}).get("date", ""),
        "effective_paragraph": paragraph_of((draft.get("effective") or {}).get("cite", ""), source),
        "save": {"title": "", "effective": "", "description": "", "target": plan_id or "new"},
        **extra,
    }
    return render(request, "site/plan_draft.html", context, status=status)


def paragraph_of(cite: str, source: str = "") -> str:
    """The paragraph number of a citation the drafting made (``source:number``, or the
    number alone when no source is cited)."""
    return cite.rsplit(":", 1)[-1]


@require_POST
@requires(DRAFTERS)
@registry_page
def plan_draft_decide(request: HttpRequest, state: State, key: str) -> HttpResponse:
    """Accept or reject proposal ``n`` (``decision`` empty: undecided again)."""
    try:
        n = int(request.POST.get("n", ""))
    except ValueError:
        raise Http404("no such proposal") from None
    decision = request.POST.get("decision", "")
    if decision not in ("", *DECISIONS) or decision == EDITED:
        return draft_page(
            request,
            state,
            key,
            400,
            refusal={"message": f"“{decision}” is not a decision", "reasons": []},
        )
    draft_session.decide(request, key, n, decision)
    return redirect(reverse("site:plan_draft", kwargs={"key": key}) + f"#p-{n}")
