"""The Chart page's figures read from the record's columns are those of the object path.

The registry hands :func:`chart_view` the structure of each date read from its columns
(the posts under each box: :func:`posts_below`); a dataset read from files, a plan's
branch and a structure too small for the columns to pay roll them up from the
structure. Both must give the same charts, on the IOM record at every date around its
changes and on every day inside an uncertain span, and on a generated organization with
its plan (both small: the columns are read here from any size).
"""

from __future__ import annotations

import datetime as dt

import pytest

from bench.dataset import record_of
from bench.generate import generate
from organogram.charts import ChartRequest, chart_view, views
from organogram.charts.build import COLUMNS_FROM, posts_below
from organogram.columns import Day, Versions
from organogram.core.timeline import Timeline
from tests.columns.test_agreement import days_around, every_uncertain_day


@pytest.fixture(autouse=True)
def columns_at_any_size(monkeypatch):
    monkeypatch.setattr(views, "COLUMNS_FROM", 0)


@pytest.fixture(scope="module")
def iom_columns(iom):
    return Versions.build(iom.timeline)


@pytest.fixture(scope="module")
def generated():
    org = generate("small", seed=3)
    record = record_of(org, Timeline(org.changes), without_post_moves=False)
    return org, record, Versions.build(record.timeline)


def both(record, versions, req: ChartRequest) -> tuple[list, list, list[dt.date]]:
    """The charts' nodes of ``req`` from the structures alone and with the columns, and
    the days the columns were asked for."""
    asked: list[dt.date] = []

    def days(day: dt.date) -> Day:
        asked.append(day)
        return Day.of(versions, day)

    plain = chart_view(record, req)
    with_columns = chart_view(record, req, days=days)
    return (
        [c.nodes for c in plain.charts],
        [c.nodes for c in with_columns.charts],
        asked,
    )


def test_every_uncertain_day_of_the_iom_counts_the_same_posts_below(iom, iom_columns):
    days = every_uncertain_day(iom.timeline)
    counted = 0
    for snapshot in iom.timeline.snapshots(days):
        day = Day.of(iom_columns, snapshot.day)
        core = posts_below(snapshot.structure)
        assert posts_below(snapshot.structure, day) == core, snapshot.day
        counted += any(core.values())
    assert counted == len(days), "every day has posts under some unit"


def test_iom_charts_with_the_columns_are_the_charts_of_the_structures(iom, iom_columns):
    uncertain = every_uncertain_day(iom.timeline)
    days = sorted({*days_around(iom.timeline), *uncertain[::40]})
    for day in days:
        plain, cols, asked = both(iom, iom_columns, ChartRequest(at=day.isoformat()))
        assert plain == cols, day
        assert asked == [day]
    plain, cols, asked = both(iom, iom_columns, ChartRequest(at="2022", compare="2021-06"))
    assert plain == cols and asked == [dt.date(2021, 6, 30), dt.date(2022, 12, 31)]
    assert any(n.posts_below for n in cols[0].values())


def test_generated_charts_with_the_columns_and_a_plan_on_the_structures(generated):
    org, record, versions = generated
    for day in org.days[::30]:
        plain, cols, asked = both(record, versions, ChartRequest(at=day.isoformat()))
        assert plain == cols and asked == [day]
        assert sum(n.posts_below or 0 for n in cols[0].values()) > 0
    # The plan's branch is not in the columns: only the record's side reads them.
    plan = org.plan.id
    at = org.days[-1] + dt.timedelta(days=400)
    plain, cols, asked = both(record, versions, ChartRequest(at=at.isoformat(), plan=plan))
    assert plain == cols and asked == []
    req = ChartRequest(at=at.isoformat(), plan=plan, compare=org.days[-1].isoformat())
    plain, cols, asked = both(record, versions, req)
    assert plain == cols and asked == [org.days[-1]]


def test_a_structure_too_small_for_the_columns_to_pay_is_rolled_up(iom, iom_columns, monkeypatch):
    monkeypatch.setattr(views, "COLUMNS_FROM", COLUMNS_FROM)
    units = len(iom.timeline.snapshot("2022").structure.units)
    assert units < COLUMNS_FROM
    _, _, asked = both(iom, iom_columns, ChartRequest(at="2022"))
    assert asked == []
    monkeypatch.setattr(views, "COLUMNS_FROM", units)
    _, _, asked = both(iom, iom_columns, ChartRequest(at="2022"))
    assert asked == [dt.date(2022, 12, 31)]
