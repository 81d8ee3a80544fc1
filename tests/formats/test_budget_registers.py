"""The budget and cost registers: read, checked field by field, written back as written."""

from __future__ import annotations

from decimal import Decimal

import pytest

from organogram.core.costing import CostRow
from organogram.formats import dump_dataset, load_dataset
from organogram.formats.register import EntryDataError, entry_from_dict, entry_to_dict
from organogram.formats.registers import BY_SECTION

from .conftest import FIXTURES, problems, record_parts, where


def test_money_is_read_as_decimal_never_float():
    record = load_dataset(FIXTURES / "costing")
    t = record.entry("cost_tables", "t2020")
    assert t.rows[4] == CostRow(
        "P-3", Decimal("100000"), salary=Decimal("70000"), common_staff_costs=Decimal("30000")
    )
    rate = record.entry("exchange_rates", "usd-chf-2020").rate
    assert type(rate) is Decimal and rate == Decimal("0.9")
    assert record.entry("cost_tables", "t2022").assumed_grades == {"ungraded": "P-3"}


def test_costing_registers_are_written_and_read_back(tmp_path):
    record = load_dataset(FIXTURES / "costing")
    out = tmp_path / "out"
    dump_dataset(record, out)
    assert record_parts(load_dataset(out)) == record_parts(record)
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.yaml"))
    assert "rate: 0.9\n" in text and "cost: 120000\n" in text
    assert "duty_station: '*'" not in text  # the default station is not written


def test_bad_budget_fields_are_each_named(write):
    root = write(
        {
            "budget.yaml": """
            budgets:
              - id: admin
                year: 2019
                part: administrative
                currency: chf
                amount: -5
              - id: ops
                year: '19'
                part: operational
                currency: USD
                amount: 1,000
            """
        }
    )
    found = {where(p, root)[2]: p.message for p in problems(root)}
    assert "not a currency code" in found["budgets[0].currency"]
    assert "-5 is not allowed: the value must be 0 or more" in found["budgets[0].amount"]
    assert "expected a year" in found["budgets[1].year"]
    assert "expected a number" in found["budgets[1].amount"]


def test_duplicate_rows_and_inconsistent_parts_of_a_cost_are_refused(write):
    root = write(
        {
            "cost.yaml": """
            cost_tables:
              - id: t
                year: 2020
                currency: USD
                rows:
                  - grade: P-3
                    cost: 100
                  - grade: P-4
                    cost: 100
                  - grade: P-3
                    duty_station: '*'
                    cost: 120
              - id: u
                year: 2020
                currency: USD
                rows:
                  - grade: P-3
                    cost: 100
                    salary: 60
                    common_staff_costs: 30
            """
        }
    )
    found = {where(p, root)[2]: p.message for p in problems(root)}
    assert found["cost_tables[0]"] == (
        "rows[2]: duplicate row for grade P-3 at duty station '*' (first at rows[0])"
    )
    assert "salary + common_staff_costs make 90" in found["cost_tables[1]"]


def test_a_rate_must_be_positive_and_between_two_currencies(write):
    root = write(
        {
            "rates.yaml": """
            exchange_rates:
              - id: zero
                valid: 2020
                base: USD
                quote: CHF
                rate: 0
              - id: same
                valid: 2020
                base: USD
                quote: USD
                rate: 1
            """
        }
    )
    found = {where(p, root)[2]: p.message for p in problems(root)}
    assert "must be more than 0" in found["exchange_rates[0].rate"]
    assert "a rate from USD to itself" in found["exchange_rates[1]"]


def test_assumed_grades_must_name_posts(write):
    root = write(
        {
            "cost.yaml": """
            cost_tables:
              - id: t
                year: 2020
                currency: USD
                rows: []
                assumed_grades:
                  nobody: P-3
            """
        }
    )
    [p] = problems(root)
    assert "'nobody' is not a post" in p.message


def test_entries_as_data_keep_exact_figures():
    register = BY_SECTION["cost_tables"]
    record = load_dataset(FIXTURES / "costing")
    data = entry_to_dict(register, record.entry("cost_tables", "t2020"))
    assert data["rows"][3] == {"grade": "P-4", "duty_station": "Nairobi", "cost": "120000"}
    again, _refs = entry_from_dict(register, data)
    assert again == record.entry("cost_tables", "t2020")
    # A JSON number is read from its text, as in a file.
    data["rows"][0]["cost"] = 300000.5
    assert entry_from_dict(register, data)[0].rows[0].cost == Decimal("300000.5")
    with pytest.raises(EntryDataError) as info:
        entry_from_dict(register, {**data, "currency": "US$"})
    assert "not a currency code" in info.value.by_field()["currency"][0]
