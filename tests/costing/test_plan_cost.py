"""The cost of a plan by year, against figures added up by hand (see the fixture).

The plan ``expand`` creates a P-3 post from 2021-Q4, abolishes a P-3 post on
2021-12-01 and regrades a P-4 post in Nairobi to P-5 from 2022.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from organogram.core.costing import MissingRate, plan_cost, plan_years


def cost(record, **kw):
    return plan_cost(
        record.timeline,
        record.plan("expand"),
        record.register("cost_tables").values(),
        record.register("exchange_rates").values(),
        **kw,
    )


def test_years_run_to_the_first_full_year_after_the_last_change(record):
    assert plan_years(record.plan("expand")) == [2021, 2022, 2023]


def test_a_plan_without_phases_or_changes_costs_nothing(record):
    from organogram.core.dates import FuzzyDate
    from organogram.core.plans import Plan

    empty = Plan("empty", "Nothing yet", FuzzyDate.parse("2021-03"))
    assert plan_years(empty) == [2021, 2022]
    c = plan_cost(
        record.timeline,
        empty,
        record.register("cost_tables").values(),
        record.register("exchange_rates").values(),
    )
    assert c.posts == [] and [y.total for y in c.years] == [D(0), D(0)]


def test_each_post_is_pro_rated_by_the_months_it_is_in_force(record):
    c = cost(record)
    assert c.currency == "USD"
    rows = {p.post: (p.effect, p.years) for p in c.posts}
    assert rows == {
        # 3 months of 100,000 in 2021 (2020 table), then a year at the 2022 table.
        "new-p3": ("created", {2021: D("25000.00"), 2022: D("110000.00"), 2023: D("110000.00")}),
        # Not in force on 1 December 2021: one month saved in 2021.
        "p3-fin": (
            "abolished",
            {2021: D("-8333.33"), 2022: D("-110000.00"), 2023: D("-110000.00")},
        ),
        # P-4 at Nairobi's row (125,000) to P-5 at the default row (180,000) from 2022.
        "p4-ops": ("regraded", {2021: D("0"), 2022: D("55000.00"), 2023: D("55000.00")}),
    }
    assert [p.post for p in c.posts] == ["new-p3", "p4-ops", "p3-fin"]
    assert [(y.year, y.table.id, y.total) for y in c.years] == [
        (2021, "t2020", D("16666.67")),
        (2022, "t2022", D("55000.00")),
        (2023, "t2022", D("55000.00")),
    ]
    assert c.total == D("126666.67")
    assert c.illustrative  # the 2022 table is


def test_a_plan_is_converted_year_by_year(record):
    c = cost(record, currency="CHF", years=[2021, 2022])
    assert [(y.year, y.total) for y in c.years] == [(2021, D("13333.34")), (2022, D("44000.00"))]
    assert {p.post: p.years[2021] for p in c.posts}["p3-fin"] == D("-6666.66")
    # Before conversion, in the tables' currency.
    assert {p.post: p.native[2021] for p in c.posts}["p3-fin"] == D("-8333.33")
    assert [y.native_total for y in c.years] == [D("16666.67"), D("55000.00")]


def test_a_year_without_a_rate_is_refused_naming_it(record):
    with pytest.raises(MissingRate, match="from USD to CHF for 2023"):
        cost(record, currency="CHF")


def test_the_2021_review_costs_its_five_new_posts():
    from organogram.formats import load_dataset

    from .conftest import COSTING

    iom = load_dataset(COSTING.parents[3] / "data" / "iom")
    c = plan_cost(
        iom.timeline,
        iom.plan("hq-review-2021"),
        iom.register("cost_tables").values(),
        iom.register("exchange_rates").values(),
    )
    created = sorted(p.post for p in c.posts if p.effect == "created")
    assert created == [
        "dpdc-director",
        "dspop-director",
        "gdi-director",
        "unnm-gcm-1",
        "unnm-gcm-2",
    ]
    # Assumed grades of the illustrative 2021 table: 2 x D-2, D-1, 2 x P-4; a quarter in 2021.
    by_year = {y.year: y.total for y in c.years}
    assert by_year[2021] == (2 * D(340000) + D(310000) + 2 * D(240000)) / 4
    assert by_year[2022] == 2 * D(340000) + D(310000) + 2 * D(240000)
    assert c.illustrative
