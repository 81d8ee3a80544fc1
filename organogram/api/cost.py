"""Costs, read: the structure's cost at a date, a plan's cost by year, the budgets.

The cost tables, exchange rates and budgets themselves are register entries, read and
written through the registers' endpoints; these endpoints compute with them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from ..core.costing import CostingError
from ..core.errors import OrganogramError
from ..queries import cost as q
from ..registry import store
from ..registry.permissions import can
from .auth import need
from .common import when
from .schemas.cost import BudgetOut, PlanCostOut, StructureCostOut

router = Router(tags=["cost"])


@router.get(
    "/cost",
    response=StructureCostOut,
    summary="The annual cost of the structure as of a date",
)
def structure_cost(
    request: HttpRequest,
    at: str | None = None,
    by: str = "unit",
    currency: str | None = None,
    table: str | None = None,
    plan: str | None = None,
    parts: str | None = None,
) -> dict[str, Any]:
    """The cost of the posts in force, grouped by unit (with subtree totals), grade or
    budget part, as the Cost page shows; money as text with two decimals."""
    need(request, "cost.view")
    if plan is not None:
        need(request, "plan.view")
    record = store.current().record
    if by not in q.GROUPINGS:
        raise HttpError(400, f"by: {by!r} is not one of {', '.join(q.GROUPINGS)}")
    try:
        mapping = q.parse_parts(parts)
    except OrganogramError as exc:
        raise HttpError(400, str(exc)) from None
    try:
        return q.cost_at(
            record,
            when(at),
            by=by,
            currency=currency,
            table=table,
            plan=plan,
            parts=mapping,
            people=can(request.auth, "people.view"),
        )
    except CostingError as exc:
        raise HttpError(422, str(exc)) from None


@router.get(
    "/cost/plans/{plan_id}",
    response=PlanCostOut,
    summary="What a plan's posts cost, year by year",
)
def plan_cost(
    request: HttpRequest,
    plan_id: str,
    currency: str | None = None,
    table: str | None = None,
    years: str | None = None,
    parts: str | None = None,
) -> dict[str, Any]:
    """The posts the plan creates, abolishes, regrades or amends, each costed by year,
    with totals by year and budget part."""
    need(request, "cost.view")
    need(request, "plan.view")
    record = store.current().record
    try:
        wanted, mapping = q.parse_years(years), q.parse_parts(parts)
    except OrganogramError as exc:
        raise HttpError(400, str(exc)) from None
    try:
        return q.plan_cost_data(
            record,
            plan_id,
            currency=currency,
            table=table,
            years=wanted,
            parts=mapping,
            people=can(request.auth, "people.view"),
        )
    except CostingError as exc:
        raise HttpError(422, str(exc)) from None


@router.get(
    "/budgets",
    response=list[BudgetOut],
    summary="The Programme and Budget parts, by year and part",
)
def budgets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every budget entry, latest year first, amounts as text."""
    need(request, "cost.view")
    return q.budgets_data(store.current().record)
