"""Costing: budgets as decided, standard cost tables, exchange rates, and what a
structure or a plan costs with them. Pure Python, money in Decimal (docs/cost.md)."""

from .model import (
    ANY_STATION,
    KNOWN_PARTS,
    Budget,
    BudgetStage,
    CostRow,
    CostTable,
    ExchangeRate,
    check_currency,
)
from .plan_cost import PlanCost, PlanPost, PlanYear, plan_cost, plan_years
from .pricing import DEFAULT_PARTS, Terms
from .rates import Conversion, CostingError, MissingRate, conversion, table_for
from .structure_cost import CostedPost, StructureCost, structure_cost

__all__ = [
    "ANY_STATION",
    "DEFAULT_PARTS",
    "KNOWN_PARTS",
    "Budget",
    "BudgetStage",
    "Conversion",
    "CostRow",
    "CostTable",
    "CostedPost",
    "CostingError",
    "ExchangeRate",
    "MissingRate",
    "PlanCost",
    "PlanPost",
    "PlanYear",
    "StructureCost",
    "Terms",
    "check_currency",
    "conversion",
    "plan_cost",
    "plan_years",
    "structure_cost",
    "table_for",
]
