"""Statuses, funding and fte in costing (tests/fixtures/datasets/costing-status)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from organogram.core.costing import plan_cost, structure_cost
from organogram.core.dates import as_of
from organogram.formats import load_dataset

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "costing-status"


@pytest.fixture
def record():
    return load_dataset(FIXTURE)


def cost(record, at, **kw):
    day = as_of(at)
    s, _ = record.timeline.fold(day)
    return structure_cost(s, day, record.register("cost_tables").values(), **kw)


def test_frozen_apart_proposed_left_out_fte_applied(record):
    c = cost(record, "2020")
    assert {p.post: p.amount for p in c.counted} == {
        "a": D("100000.00"),
        "b": D("40000.00"),  # half time
        "e": D("50000.00"),
    }
    assert [(p.post, p.amount) for p in c.frozen] == [("c", D("80000.00"))]
    assert c.left_out == {"proposed": 1}
    assert c.total == D("190000.00")


def test_funding_maps_to_budget_parts_and_the_map_can_be_replaced(record):
    c = cost(record, "2020")
    assert c.by_part() == {
        "": D("50000.00"),
        "administrative": D("100000.00"),
        "operational": D("40000.00"),
    }
    mine = cost(record, "2020", parts={"core": "admin-part"})
    assert mine.by_part() == {"": D("90000.00"), "admin-part": D("100000.00")}


def test_a_plan_establishing_a_post_and_raising_an_fte_costs_from_its_month(record):
    c = plan_cost(
        record.timeline, record.plan("approve"), record.register("cost_tables").values()
    )
    rows = {p.post: (p.effect, p.before.status, p.after.status, p.years) for p in c.posts}
    assert rows == {
        "b": ("changed", "established", "established", {2021: D("20000.00"), 2022: D("40000.00")}),
        "d": ("changed", "proposed", "established", {2021: D("25000.00"), 2022: D("50000.00")}),
    }
    assert [(y.year, y.total, y.by_part) for y in c.years] == [
        (2021, D("45000.00"), {"": D("25000.00"), "operational": D("20000.00")}),
        (2022, D("90000.00"), {"": D("50000.00"), "operational": D("40000.00")}),
    ]
