"""The cost of a structure at a date, against figures added up by hand (see the fixture)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from organogram.core.costing import CostingError, MissingRate, structure_cost
from organogram.core.dates import as_of
from organogram.core.errors import NotFound


def cost(record, at, **kw):
    day = as_of(at)
    s, _ = record.timeline.fold(day)
    tables = record.register("cost_tables").values()
    rates = record.register("exchange_rates").values()
    return structure_cost(s, day, tables, rates, **kw)


def test_each_post_at_its_grade_and_station_with_the_default_row_as_fallback(record):
    c = cost(record, "2020-06")
    assert c.table.id == "t2020" and c.currency == "USD"
    got = {p.post: (p.amount, p.row_station) for p in c.counted}
    assert got == {
        "chief": (D("300000.00"), "*"),
        "dir-ops": (D("200000.00"), "*"),
        "p4-ops": (D("120000.00"), "Nairobi"),  # its own station's row, not P-4 at "*"
        "p3-fin": (D("100000.00"), "*"),
    }
    assert c.total == D("720000.00")


def test_posts_without_a_cost_are_listed_not_counted_as_zero(record):
    c = cost(record, "2020-06")
    reasons = {p.post: p.reason for p in c.not_costed}
    assert reasons == {"g5-fin": "no cost for grade G-5 in t2020", "ungraded": "no grade"}
    assert all(p.amount is None for p in c.not_costed)


def test_totals_by_unit_subtree_grade_and_part(record):
    c = cost(record, "2020-06")
    assert c.direct == {"hq": D("300000"), "ops": D("320000"), "fin": D("100000")}
    assert c.subtree == {"hq": D("720000"), "ops": D("320000"), "fin": D("100000")}
    # Grades in the order of the table's rows.
    assert list(c.by_grade().items()) == [
        ("ASG", D("300000")),
        ("D-1", D("200000")),
        ("P-4", D("120000")),
        ("P-3", D("100000")),
    ]
    assert c.by_part() == {"": D("720000")}  # no post says how it is funded


def test_conversion_uses_the_rate_of_the_year(record):
    c = cost(record, "2020-06", currency="CHF")
    assert c.total == D("648000.00")
    assert {p.post: p.amount for p in c.counted}["p4-ops"] == D("108000.00")
    assert {p.post: p.annual for p in c.counted}["p4-ops"] == D("120000.00")
    # 2021 has no table of its own: the 2020 table, at the 2021 rate.
    c21 = cost(record, "2021-06", currency="CHF")
    assert c21.table.id == "t2020" and c21.conversion.rate.id == "usd-chf-2021"
    assert c21.total == D("576000.00")


def test_an_inverse_rate_serves_and_assumed_grades_cost_ungraded_posts(record):
    c = cost(record, "2022-06", currency="CHF")
    assert c.table.id == "t2022" and c.table.illustrative
    assert c.conversion.inverted and c.conversion.factor == D("0.8")
    ungraded = next(p for p in c.counted if p.post == "ungraded")
    assert ungraded.grade == "P-3" and ungraded.grade_assumed
    assert ungraded.amount == D("88000.00")
    assert c.total == D("692000.00")


def test_a_missing_rate_names_the_pair_and_the_year(record):
    with pytest.raises(MissingRate, match="from USD to EUR for 2020"):
        cost(record, "2020-06", currency="EUR")


def test_no_table_for_the_year_or_before_is_an_error(record):
    with pytest.raises(CostingError, match="no cost table for 2019 or an earlier year"):
        cost(record, "2019-06")
    with pytest.raises(NotFound, match="no cost table 'nope'"):
        cost(record, "2020-06", table_id="nope")


def test_a_table_can_be_chosen(record):
    c = cost(record, "2020-06", table_id="t2022")
    assert c.table.id == "t2022" and c.total == D("865000.00")
