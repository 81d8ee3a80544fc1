"""The columns answer as the object path does, on the IOM record and a generated one.

At many dates, including days inside the span of uncertain dates (a change dated
``2021-Q4`` applies from its first day, and the days up to its last are only possibly
after it): the structure, every rollup, chains, typed lines and holdings, the series of
a unit, and the set part of the diff between two dates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.generate import generate
from bench.sizes import GRADE_COST
from organogram import columns
from organogram.columns import Versions
from organogram.core.timeline import Timeline
from organogram.formats import load_dataset

from . import agreement

IOM = Path(__file__).resolve().parents[2] / "data" / "iom"
#: Illustrative costs for the IOM's grades (the record holds no salary scales).
IOM_COSTS = {
    "USG": 300_000.0,
    "ASG": 280_000.0,
    "D-2": 250_000.0,
    "D-1": 230_000.0,
    "P-5": 200_000.0,
    "P-4": 170_000.0,
}


def days_around(timeline: Timeline) -> list[dt.date]:
    """Each change's first and last day, the day before each and a day inside its span."""
    days: set[dt.date] = set()
    lo, hi = dt.date(1990, 1, 1), dt.date(2040, 1, 1)
    for c in timeline.changes:
        start, end = c.date.start, c.date.end
        days.update({start, end, start - dt.timedelta(1) if start > lo else lo})
        if end != dt.date.max and start != dt.date.min:
            days.add(start + (end - start) / 2)
    return sorted(d for d in days if lo <= d <= hi)


@pytest.fixture(scope="module")
def iom():
    timeline = load_dataset(IOM).timeline
    return timeline, Versions.build(timeline)


@pytest.fixture(scope="module")
def generated():
    org = generate("small", seed=3)
    timeline = Timeline(org.changes)
    return org, timeline, Versions.build(timeline)


def test_iom_every_read_agrees_at_every_date(iom):
    timeline, v = iom
    days = days_around(timeline)
    inside = [d for d in days for c in timeline.changes if c.date.start < d < c.date.end]
    assert inside, "some dates are inside an uncertain span"
    for day in days:
        agreement.check_day(timeline, v, day, IOM_COSTS)


def test_iom_series_and_diff_agree(iom):
    timeline, v = iom
    days = days_around(timeline)
    units = sorted({u for c in timeline.changes for u in c.subjects() if u in v.nodes._number})
    for node in units:
        core, cols = agreement.series(timeline, v, node, days, IOM_COSTS)
        assert core == cols, node
    for a, b in zip(days, days[len(days) // 3 :], strict=False):
        core, cols = agreement.diff_sets(timeline, v, a, b)
        assert core == cols, (a, b)


def test_generated_every_read_agrees(generated):
    org, timeline, v = generated
    # Month days and days between them, every 7th month (folding each costs a little).
    days = [d + dt.timedelta(days=k) for d in org.days[::7] for k in (0, 12)]
    for day in days:
        agreement.check_day(timeline, v, day, GRADE_COST)


def test_generated_series_and_diff_agree(generated):
    org, timeline, v = generated
    days = org.days[1:]
    for dept in org.departments[:3]:
        core, cols = agreement.series(timeline, v, f"u{dept}", days, GRADE_COST)
        assert core == cols
        assert any(h for _, h, _ in cols), "the department has posts"
    for a, b in ((org.days[60], org.days[180]), (org.days[0], org.days[-1])):
        core, cols = agreement.diff_sets(timeline, v, a, b)
        assert core == cols
        assert cols["units_moved"] and cols["posts_moved"], "the diff is not empty"


def every_uncertain_day(timeline: Timeline) -> list[dt.date]:
    """Every day inside every uncertain span of the record, and the days around each.

    A span with an open start (``../2021-09``) is walked over the year before its last
    day: before that the same changes are open every day.
    """
    one = dt.timedelta(days=1)
    days: set[dt.date] = set()
    for c in timeline.changes:
        start, end = c.date.start, c.date.end
        if c.date.exact or end == dt.date.max:
            continue
        first = start if start != dt.date.min else end - dt.timedelta(days=366)
        days.update(first + k * one for k in range(-2, (end - first).days + 3))
    return sorted(days)


def test_iom_certainty_agrees_on_every_uncertain_day(iom):
    timeline, v = iom
    days = every_uncertain_day(timeline)
    possible = 0
    for snapshot in timeline.snapshots(days):
        d = columns.Day.of(v, snapshot.day)
        core, cols = agreement.certainty(snapshot, v, d)
        assert core == cols, snapshot.day
        possible += core[0] and any(a == "possibly in force" for a in core[0].values())
    assert possible > len(days) // 2, "most of these days have something possibly in force"


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_generated_posts_written_straight_are_the_core_steps_columns(seed):
    org = generate("small", seed=seed)
    timeline = Timeline(org.changes)
    v, slow = Versions.build(timeline), Versions.build(timeline, bulk=False)
    for name in ("units", "posts", "lines", "holders", "lineage", "changes"):
        assert v.rows(name) == slow.rows(name), name
    # Most of the generated changes are post creations and moves: the fast path took them.
    assert len(v._bulk.kept) > len(org.changes) // 100
    # Merges and splits gave posts kept by the fast path to their successors in the columns.
    assert v._bulk.handed > 100
