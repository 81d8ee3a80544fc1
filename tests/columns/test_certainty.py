"""Certainty read from the columns: the open changes of a day, the aspects they leave
open, and the rule that a later change certainly done shows a creation done."""

from __future__ import annotations

import datetime as dt

from organogram.columns import Certainty, Day, Versions
from organogram.core.certainty import CERTAIN, NOT_IN_FORCE, POSSIBLE
from organogram.core.changes import CreateUnit, Merge, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.timeline import Timeline

from . import agreement


def unit(uid: str, parent: str | None, date: str) -> CreateUnit:
    return CreateUnit(
        date=FuzzyDate.parse(date),
        unit=UnitSpec(id=uid, name=f"Unit {uid}", kind="unit"),
        parent=parent,
    )


def answers(timeline: Timeline, v: Versions, day: dt.date) -> Certainty:
    snapshot = timeline.snapshot(day)
    d = Day.of(v, day)
    core, cols = agreement.certainty(snapshot, v, d)
    assert core == cols, day
    return Certainty.of(d)


def test_a_creation_is_certain_once_a_later_change_that_needs_it_certainly_is():
    timeline = Timeline([unit("dept", None, "../2021"), unit("div", "dept", "2016-05-01")])
    v = Versions.build(timeline)
    assert answers(timeline, v, dt.date(2016, 4, 30)).status_of("dept") == POSSIBLE
    after = answers(timeline, v, dt.date(2016, 5, 1))
    assert after.status_of("dept") == CERTAIN and after.aspects_of("dept") == set()


def test_a_write_that_needs_a_created_unit_settles_it_earlier():
    timeline = Timeline([unit("dept", None, "../2021")])
    v = Versions.build(timeline)
    assert answers(timeline, v, dt.date(2018, 1, 1)).status_of("dept") == POSSIBLE
    # Written after the creation in the timeline's order, though dated before its end:
    # only the kept pass, made again after the write, sees it.
    timeline = timeline.with_changes([unit("div", "dept", "2017-03-01")])
    v.extend(timeline)
    assert answers(timeline, v, dt.date(2018, 1, 1)).status_of("dept") == CERTAIN
    assert answers(timeline, v, dt.date(2017, 2, 28)).status_of("dept") == POSSIBLE


def test_a_merge_over_a_span_leaves_placement_and_an_end_open():
    merge = Merge(date=FuzzyDate.parse("2020/2022"), units=("a", "b"), into="b")
    timeline = Timeline(
        [unit("a", None, "2009"), unit("b", None, "2009"), unit("kid", "a", "2010"), merge]
    )
    v = Versions.build(timeline)
    inside = answers(timeline, v, dt.date(2021, 6, 1))
    assert inside.status_of("a") == POSSIBLE  # possibly still in force
    assert {"placement", "details"} <= inside.aspects_of("kid")
    assert inside.status_of("nothing") == NOT_IN_FORCE
    done = answers(timeline, v, dt.date(2022, 12, 31))
    assert done.status_of("a") == NOT_IN_FORCE and done.aspects_of("kid") == set()
