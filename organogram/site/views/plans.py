"""The Plans pages: every plan, one plan in full, and drafting a new one.

A plan's page gathers what the plan queries say about it (narrative and changes,
preview, validation, the diff against the present, conflicts, readiness to enact) and
the status history; the forms on it post to :mod:`.plan_actions`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ...core.errors import NotFound
from ...core.plans import EDITABLE, MOVE_OF, PlanStatus, approval_problem
from ...queries.diff_groups import group_changes, summary_counts
from ...queries.plans import (
    plan_conflicts,
    plan_detail,
    plan_list,
    plan_preview,
    plan_readiness,
    plan_review,
    plan_validation,
)
from ...queries.timeline import op_label
from ...registry.actions import AddPlanChange, DraftPlan, Refused, allowed_moves, run
from ...registry.permissions import can
from ...registry.store import State
from ..conflict_rows import conflict_rows
from .common import actor, may, may_see_people, registry_page, requires
from .compare import asked_kind
from .cost import plan_cost_context
from .downloads import download_links
from .tree_levels import build_tree


def _nodes_in_record(state: State) -> frozenset[str]:
    return state.memo.once(
        "plans.nodes", lambda: frozenset(n for c in state.record.timeline for n in c.subjects())
    )


def plan_facts(state: State, plan_id: str, people: bool) -> dict[str, Any]:
    """Everything the plan's page shows that comes from the record: once per revision for
    the plans asked last."""
    return state.memo.kept(
        "plans.facts", (plan_id, people), lambda: _plan_facts(state, plan_id, people), keep=64
    )


def _plan_facts(state: State, plan_id: str, people: bool) -> dict[str, Any]:
    """:func:`plan_facts` made anew."""
    record = state.record
    detail = plan_detail(record, plan_id, people=people)
    # Numbered across phases, as the narrative numbers them, so "change 7" is one change.
    n = 0
    for section in detail["sections"]:
        for row in section["changes"]:
            n += 1
            row["n"] = n
            row["label"] = op_label(row["op"])
    enacted = detail["status"] == PlanStatus.ENACTED
    numbered = {row["id"]: row for section in detail["sections"] for row in section["changes"]}
    preview = plan_preview(record, plan_id, people=people)
    for section in detail["sections"]:
        for row in section["changes"]:
            row["department"] = preview["departments"].get(row["id"])
    known = _nodes_in_record(state)
    touched = set(preview["touched"])
    for node in preview["nodes"]:
        node["touched"] = node["id"] in touched
        node["nolink"] = node["id"] not in known
    # Units the plan creates have no page yet: named as the preview names them, unlinked.
    names = {node["id"]: node["name"] for node in preview["nodes"]}
    for section in detail["sections"]:
        for row in section["changes"]:
            for ref in row["units"]:
                ref["link"] = ref["id"] in known
                if not ref["link"]:
                    ref["name"] = names.get(ref["id"], ref["name"])
    for row in preview["diff"]:
        for ref in row["units"]:
            ref["link"] = ref["id"] in known
    # A long plan's page opens only the top level ("Expand all" opens the rest).
    nested = build_tree(preview["nodes"], open_depth=1 if detail["count"] > OPEN_ALL_UP_TO else 2)
    validation = plan_validation(record, plan_id)
    findings = validation["findings"]
    for f in findings:
        f["link"] = f["subject"] in known
        f["subject_name"] = names.get(f["subject"], f["subject"])
    facts = {
        "plan": detail,
        "preview": preview,
        # Units no source places are shown apart from the tree.
        "tree": [t for t in nested if t["placement"] != "unknown"],
        "unplaced_tree": [t for t in nested if t["placement"] == "unknown"],
        "validation": validation,
        "new_findings": [f for f in findings if f["new"]],
        "old_findings": [f for f in findings if not f["new"]],
        # An enacted plan's changes are the record's: nothing can conflict with them.
        "conflicts": None if enacted else plan_conflicts(record, plan_id, people=people),
        "readiness": plan_readiness(record, plan_id)
        if detail["status"] == PlanStatus.APPROVED
        else None,
        # What holds up proposing a draft or approving a proposal (the core's rule).
        "review": plan_review(record, plan_id),
    }
    if facts["conflicts"] is not None:
        facts["conflict_rows"] = conflict_rows(record, facts["conflicts"]["conflicts"], numbered)
    for key in ("review", "readiness"):
        if facts[key] is not None:
            facts[key] = {**facts[key], "problems": by_number(facts[key]["problems"], numbered)}
    facts["numbered"] = numbered
    return facts


#: A change of a plan as the core's reasons name it: "change ID", "change 'ID'".
_CHANGE_ID = re.compile(r"\bchange '?([A-Za-z0-9](?:[A-Za-z0-9._:-]*[A-Za-z0-9])?)'?")


def by_number(reasons: list[str], numbered: dict[str, dict[str, Any]]) -> list[str]:
    """The reasons with each of the plan's changes named as its page numbers it
    ("change 3 (rename)") rather than by its id, which the page does not show."""

    def words(m: re.Match[str]) -> str:
        row = numbered.get(m.group(1))
        return f"change {row['n']} ({row['label'].lower()})" if row else m.group(0)

    return [_CHANGE_ID.sub(words, r) for r in reasons]


#: A plan of at most this many changes shows every group of its lists open.
OPEN_ALL_UP_TO = 12


def plan_page(
    request: HttpRequest, state: State, plan_id: str, status: int = 200, **extra: Any
) -> HttpResponse:
    """The plan's page, with ``extra`` context (a refusal to show, say)."""
    try:
        facts = plan_facts(state, plan_id, may_see_people(request))
    except NotFound as exc:
        raise Http404(str(exc)) from None
    here = PlanStatus(facts["plan"]["status"])
    user = request.user

    def may(permission: str) -> bool:
        return can(user, permission)

    review = facts["review"]
    held = None if review["ok"] else review["to"]
    allowed = allowed_moves(here, may)
    # A plan is approved by a second person: its proposer is not offered the button.
    own_proposal = (
        settings.ORGANOGRAM_SEPARATE_APPROVAL
        and PlanStatus.APPROVED in allowed
        and approval_problem(state.record.plans[plan_id], user.get_username()) is not None
    )
    if own_proposal:
        allowed = [to for to in allowed if to is not PlanStatus.APPROVED]
    # A move the plan's review holds up is not offered; withdrawing is asked again on a
    # page of its own (plan_confirm), so it is a link rather than a button of this form.
    moves = [
        {"to": str(to), "words": MOVE_OF[(here, to)].label, "forward": str(to) == review["to"]}
        for to in allowed
        if str(to) != held and to is not PlanStatus.WITHDRAWN
    ]
    enacting = MOVE_OF.get((here, PlanStatus.ENACTED))
    may_enact = enacting is not None and any(map(may, enacting.permissions))
    readiness = facts["readiness"]
    kind = asked_kind(request)
    diff_grouped = group_changes(facts["preview"]["diff"], kind)
    context = {
        **facts,
        "moves": moves,
        "may_withdraw": PlanStatus.WITHDRAWN in allowed,
        "own_proposal": own_proposal,
        "may_enact": may_enact,
        # Enacting is offered only when the plan could be enacted now.
        "offer_enact": may_enact and readiness is not None and readiness["ok"],
        "may_edit": here in EDITABLE and any(map(may, AddPlanChange.permissions)),
        "preview_query": f"?at={facts['preview']['date']}",
        "drafted": _moment(facts["plan"]["drafted_at"]),
        "preview_day": dt.date.fromisoformat(facts["preview"]["date"]),
        # The difference from the present by department and kind (``?kind=…``: one kind).
        "diff_grouped": diff_grouped,
        "diff_summary": summary_counts(facts["preview"]["summary"], diff_grouped),
        # What it does, phase by phase, grouped the same way (and filtered by the same kind).
        "sections_grouped": [
            {"heading": sec["heading"], "grouped": group_changes(sec["changes"], kind)}
            for sec in facts["plan"]["sections"]
        ],
        # A short plan is read whole; a long one opens group by group.
        "open_all": facts["plan"]["count"] <= OPEN_ALL_UP_TO,
        "downloads": download_links(request, "site:plan_download", plan_id),
        "other_plans": len(state.record.plans) > 1,
        **(
            plan_cost_context(state, plan_id, people=can(user, "people.view"))
            if can(user, "cost.view")
            else {}
        ),
        **extra,
    }
    refusal = extra.get("refusal")
    if refusal:
        context["refusal"] = {
            **refusal,
            "reasons": by_number(list(refusal.get("reasons") or ()), facts["numbered"]),
        }
    return render(request, "site/plan.html", context, status=status)


def _moment(text: str) -> dt.datetime | None:
    """A record time to show; a naive one (from a file) is read as UTC."""
    if not text:
        return None
    moment = dt.datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@registry_page
def plans(request: HttpRequest, state: State) -> HttpResponse:
    """Every plan with its status, effective date, number of changes and latest move."""
    rows = plan_list(state.record)
    order = {str(s): i for i, s in enumerate(PlanStatus)}
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in order}
    return render(
        request,
        "site/plans.html",
        {
            "plans": rows,
            "counts": [(s, n) for s, n in counts.items() if n],
            "may_draft": may(request.user, DraftPlan),
        },
    )


@registry_page
def plan(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """One plan: narrative and changes, preview, checks, diff, conflicts, history, actions."""
    return plan_page(request, state, plan_id)


@requires(DraftPlan.permissions)
@registry_page
def plan_new(request: HttpRequest, state: State) -> HttpResponse:
    """Draft a new plan (title, effective date, description, optional id)."""
    values = dict.fromkeys(("title", "effective", "description", "id"), "")
    errors: dict[str, list[str]] = {}
    general = ""
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in values}
        try:
            row = run(
                DraftPlan(
                    values["title"], values["effective"], values["description"], values["id"]
                ),
                actor(request),
            )
        except Refused as exc:
            errors = exc.fields
            general = "" if exc.fields else str(exc)
        else:
            messages.success(request, f"Plan “{row.title}” drafted. Now add its changes.")
            return redirect("site:plan", plan_id=row.id)
    return render(
        request,
        "site/plan_new.html",
        {"values": values, "errors": errors, "general": general},
        status=400 if errors or general else 200,
    )
