"""The Cost pages: the structure's cost at a date, a plan's cost by year, the budgets,
and the cost tables and exchange rates, which editors keep."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.costing import CostingError
from ...core.errors import NotFound
from ...formats.registers import BY_SECTION
from ...queries import cost as q
from ...registry.permissions import can
from ...registry.store import State
from .common import as_of, dated_context, registry_page, requires
from .downloads import sheet_links

#: Grouping -> the words of its tab.
GROUP_WORDS = {"unit": "By unit", "grade": "By grade", "part": "By budget part"}


def _choices(state: State) -> dict[str, Any]:
    """The tables and currencies a reader may pick."""
    record = state.record
    tables = list(record.register("cost_tables").values())
    currencies = sorted(
        {t.currency for t in tables}
        | {c for r in record.register("exchange_rates").values() for c in (r.base, r.quote)}
    )
    return {"tables": tables, "currencies": currencies}


def _query(**params: str) -> str:
    """``?k=v&…`` of the non-empty params, for links that keep the reader's choices."""
    kept = "&".join(f"{k}={v}" for k, v in params.items() if v)
    return f"?{kept}" if kept else ""


def cost_asked(
    request: HttpRequest, state: State
) -> tuple[str, str, str, dict[str, Any] | None, str]:
    """The grouping, currency and table asked for, and the cost as of ``?at=`` (None,
    with the reason, when it cannot be costed): what the page shows and its spreadsheet
    holds."""
    by = request.GET.get("by", "unit")
    if by not in q.GROUPINGS:
        by = "unit"
    currency = request.GET.get("currency", "").strip()
    table = request.GET.get("table", "").strip()
    try:
        data = q.cost_at(
            state.record,
            as_of(request).date,
            by=by,
            currency=currency or None,
            table=table or None,
            people=can(request.user, "people.view"),
        )
    except (CostingError, NotFound) as exc:
        return by, currency, table, None, str(exc)
    return by, currency, table, data, ""


@registry_page
@requires("cost.view")
def cost(request: HttpRequest, state: State) -> HttpResponse:
    """The annual cost of the structure as of a date, by unit, grade or budget part."""
    when = as_of(request)
    by, currency, table, data, error = cost_asked(request, state)
    keep = {"at": when.raw if not when.error else "", "currency": currency, "table": table}
    tabs = [
        {"by": b, "words": w, "query": _query(**keep, by=b), "current": b == by}
        for b, w in GROUP_WORDS.items()
    ]
    return render(
        request,
        "site/cost.html",
        dated_context(
            request,
            when,
            cost=data,
            error=error,
            by=by,
            tabs=tabs,
            currency=currency,
            table=table,
            budgets=q.budgets_data(state.record),
            rates=list(state.record.register("exchange_rates").values()),
            plans=list(state.record.plans.values()),
            sheets=sheet_links(request, "site:cost_sheet"),
            may_edit=can(request.user, BY_SECTION["cost_tables"].edit_action),
            **_choices(state),
        ),
    )


def plan_cost_context(
    state: State, plan_id: str, currency: str = "", table: str = "", *, people: bool = False
) -> dict:
    """The plan's cost for a page, or the reason it cannot be costed; claims about a
    person only with ``people``."""
    try:
        data = q.plan_cost_data(
            state.record, plan_id, currency=currency or None, table=table or None, people=people
        )
    except NotFound as exc:
        raise Http404(str(exc)) from None
    except CostingError as exc:
        return {"plan_cost": None, "plan_cost_error": str(exc)}
    return {"plan_cost": data, "plan_cost_error": ""}


@registry_page
@requires("cost.view")
def plan_cost(request: HttpRequest, state: State, plan_id: str) -> HttpResponse:
    """What a plan's created, abolished, regraded and amended posts cost, year by year."""
    if not can(request.user, "plan.view"):
        raise Http404("no such plan")
    currency = request.GET.get("currency", "").strip()
    table = request.GET.get("table", "").strip()
    try:
        plan = state.record.plan(plan_id)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    people = can(request.user, "people.view")
    context = plan_cost_context(state, plan_id, currency, table, people=people)
    years = [str(y["year"]) for y in context["plan_cost"]["years"]] if context["plan_cost"] else []
    return render(
        request,
        "site/plan_cost.html",
        {
            "plan": plan,
            "currency": currency,
            "table": table,
            "years": years,
            **context,
            **_choices(state),
        },
    )
