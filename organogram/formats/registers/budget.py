"""Registers of budget and cost: budgets as decided, standard cost tables, exchange rates."""

from __future__ import annotations

from typing import Any

from ...core.costing import Budget, BudgetStage, CostRow, CostTable, ExchangeRate
from ..compound import ListOf, MapOf, RecordOf
from ..entries import Field, FieldSet
from ..fields import DATE, ID, POST, TEXT
from ..kinds import Bool, Choice, Cite
from ..numbers import Amount, Currency, Year
from ..register import Register
from ..values import entry_values

AMOUNT = Amount()
CURRENCY = Currency()
YEAR = Year()

BUDGET_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("year", YEAR, True),
        Field(
            "part",
            ID,
            True,
            doc="administrative, operational, operational-support-income, or another part",
        ),
        Field("currency", CURRENCY, True, doc="ISO 4217 code: CHF, USD…"),
        Field("amount", AMOUNT, True, doc="as decided, in the currency given"),
        Field(
            "stage",
            Choice("budget stage", [s.value for s in BudgetStage], BudgetStage),
            doc="proposed, approved (default) or revised",
        ),
        Field("decided_by", Cite(), doc="the decision adopting the amount"),
        Field("cite", Cite(), doc="where the amount is stated"),
        Field("note", TEXT),
    ]
)

ROW_FIELDS = FieldSet(
    [
        Field("grade", TEXT, True),
        Field("duty_station", TEXT, doc='"*" (default): any station without a row of its own'),
        Field("cost", AMOUNT, True, doc="annual standard cost of one full-time post"),
        Field("salary", AMOUNT),
        Field("common_staff_costs", AMOUNT),
    ]
)

COST_TABLE_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("year", YEAR, True),
        Field("currency", CURRENCY, True),
        Field(
            "illustrative",
            Bool(),
            doc="an example, not real costs: every figure computed with it says so",
        ),
        Field("title", TEXT),
        Field("rows", ListOf(RecordOf(ROW_FIELDS)), True),
        Field(
            "assumed_grades",
            MapOf(POST, TEXT),
            doc="post -> grade to cost it at while the record gives it none",
        ),
        Field("cite", Cite()),
        Field("note", TEXT),
    ]
)

RATE_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("valid", DATE, True, doc="a year, or the month or day the rate applies from"),
        Field("base", CURRENCY, True, doc="one unit of this currency…"),
        Field("quote", CURRENCY, True, doc="…is worth `rate` units of this one"),
        Field("rate", Amount(positive=True), True),
        Field("illustrative", Bool()),
        Field("source", TEXT, doc="where the rate comes from, in words"),
        Field("cite", Cite()),
        Field("note", TEXT),
    ]
)


def _build_table(values: dict[str, Any]) -> CostTable:
    rows = tuple(CostRow(**row) for row in values.pop("rows"))
    return CostTable(rows=rows, **values)


def _table_values(table: CostTable) -> dict[str, Any]:
    values = entry_values(table, COST_TABLE_FIELDS)
    values["rows"] = [entry_values(row, ROW_FIELDS) for row in table.rows]
    return values


BUDGETS = Register(
    section="budgets",
    noun="budget",
    cls=Budget,
    fields=BUDGET_FIELDS,
    doc="Programme and Budget parts by year, with their amounts as decided",
    view_action="cost.view",
    edit_action="cost.edit",
)

COST_TABLES = Register(
    section="cost_tables",
    noun="cost table",
    cls=CostTable,
    fields=COST_TABLE_FIELDS,
    doc="standard costs by grade and duty station for a year",
    view_action="cost.view",
    edit_action="cost.edit",
    build=_build_table,
    values=_table_values,
)

EXCHANGE_RATES = Register(
    section="exchange_rates",
    noun="exchange rate",
    cls=ExchangeRate,
    fields=RATE_FIELDS,
    doc="exchange rates between currencies, by year or date",
    view_action="cost.view",
    edit_action="cost.edit",
)
