"""Answers of the cost endpoints: the structure's cost at a date, a plan's by year, the
budgets. Money is text with two decimals (no rounding on the way through JSON)."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class BudgetOut(Schema):
    """One Programme and Budget entry: a part's amount for a year."""

    id: str
    year: int
    part: str
    currency: str
    amount: str
    stage: str
    decided_by: list[str]
    cite: list[str]
    note: str


class StructureCostOut(Schema):
    """The annual cost of the posts in force at ``date``, grouped ``by`` unit, grade or
    budget part; ``total`` is null when posts are in force but none could be costed."""

    date: str
    plan: str | None
    by: str
    currency: str
    #: the cost table used: id, year, currency…
    table: dict[str, Any]
    #: the exchange rate applied, if the table's currency is not the one asked
    conversion: dict[str, Any] | None
    illustrative: bool
    warning: str
    rules: list[str]
    total: str | None
    counted: int
    groups: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    not_costed: list[dict[str, Any]]
    frozen: list[dict[str, Any]]
    #: posts left out of the cost, by why
    left_out: dict[str, Any]
    budgets: list[BudgetOut]
    claims: dict[str, Any]


class PlanCostOut(Schema):
    """What a plan's posts cost, year by year, with totals by year and budget part."""

    #: id, title, status
    plan: dict[str, Any]
    currency: str
    illustrative: bool
    warning: str
    rule: str
    total: str
    years: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    claims: dict[str, Any]
