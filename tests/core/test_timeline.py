"""Examples of the timeline: snapshots on imprecise dates, histories, lineage, failures."""

from __future__ import annotations

import datetime as dt

from organogram.core.changes import (
    Abolish,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    Redescribe,
    Relocate,
    Rename,
    Replace,
    Split,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.timeline import Timeline

DAY = dt.date


def on(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def create(uid: str, date: str, parent: str | None = None, name: str | None = None) -> CreateUnit:
    spec = UnitSpec(id=uid, name=name or uid.upper(), kind="division")
    return CreateUnit(id=f"create-{uid}", date=on(date), unit=spec, parent=parent)


def spec(uid: str, name: str | None = None) -> UnitSpec:
    return UnitSpec(id=uid, name=name or uid.upper(), kind="department")


# ------------------------------------------------------------------ snapshots
def test_a_change_dated_to_a_quarter_is_in_force_from_its_first_day_and_uncertain_inside_it():
    rename = Rename(id="r", date=on("2021-Q4"), unit="a", name="New name")
    tl = Timeline([create("a", "2010"), rename])

    assert tl.snapshot("2021-09-30").structure.units["a"].name == "A"
    first = tl.snapshot("2021-10-01")
    assert first.structure.units["a"].name == "New name"
    assert first.uncertain == [rename]

    inside = tl.snapshot("2021-11-15")
    assert inside.structure.units["a"].name == "New name"
    assert inside.uncertain == [rename]

    after = tl.snapshot("2022-01-01")
    assert after.structure.units["a"].name == "New name"
    assert after.uncertain == []


def test_a_query_date_that_is_a_period_reads_as_its_last_day():
    tl = Timeline([create("a", "2016-12-31"), create("b", "2017-01-01")])
    snap = tl.snapshot("2016")
    assert snap.day == DAY(2016, 12, 31)
    assert set(snap.structure.units) == {"a"}
    assert tl.snapshot("2016-Q4").day == DAY(2016, 12, 31)
    assert set(tl.snapshot(DAY(2017, 1, 1)).structure.units) == {"a", "b"}


def test_a_change_known_to_a_year_applies_before_one_known_to_the_day_on_its_first_day():
    # Recorded in the other order: the timeline sorts coarser dates first on one day.
    rename = Rename(id="r", date=on("2021-01-01"), unit="a", name="Renamed")
    tl = Timeline([rename, create("a", "2021")])
    snap = tl.snapshot("2021-01-01")
    assert snap.failures == []
    assert snap.structure.units["a"].name == "Renamed"
    assert [c.id for c in tl] == ["create-a", "r"]


def test_a_change_whose_preconditions_fail_is_skipped_and_reported():
    bad = Move(id="bad", date=on("2015"), node="a", to="ghost")
    later = Rename(id="later", date=on("2016"), unit="a", name="Still applied")
    tl = Timeline([create("a", "2010"), bad, later])

    s, failures = tl.fold()
    assert [f.change.id for f in failures] == ["bad"]
    assert "ghost" in failures[0].problems[0]
    assert s.units["a"].name == "Still applied" and "a" not in s.oversight

    snap = tl.snapshot("2015")
    assert [f.change.id for f in snap.failures] == ["bad"]
    assert snap.uncertain == []  # the failed change did not apply, so nothing is uncertain
    assert tl.snapshot("2014").failures == []
    assert [c.id for c in tl.history("a").changes] == ["create-a", "later"]


def test_between_takes_changes_after_the_start_up_to_the_end():
    tl = Timeline([create("a", "2010-01-01"), create("b", "2011-01-01"), create("c", "2012")])
    assert [c.id for c in tl.between(DAY(2010, 1, 1), DAY(2012, 1, 1))] == [
        "create-b",
        "create-c",
    ]
    assert tl.between(DAY(2012, 1, 1), DAY(2013, 1, 1)) == []


# -------------------------------------------------------------------- history
def test_history_lists_each_version_with_its_dates():
    tl = Timeline(
        [
            create("top", "2010"),
            create("a", "2010", name="Old"),
            Rename(id="r", date=on("2015-06"), unit="a", name="New"),
            Move(id="m", date=on("2018-03-01"), node="a", to="top"),
            Abolish(id="x", date=on("2020"), unit="a"),
        ]
    )
    h = tl.history("a")
    assert [(str(v.since), str(v.until) if v.until else None) for v in h.versions] == [
        ("2010", "2015-06"),
        ("2015-06", "2018-03-01"),
        ("2018-03-01", "2020"),
        ("2020", None),
    ]
    assert [v.record.name if v.record else None for v in h.versions] == [
        "Old",
        "New",
        "New",
        None,
    ]
    assert [v.parent for v in h.versions] == [None, None, "top", None]
    assert [v.change.id for v in h.versions] == ["create-a", "r", "m", "x"]
    assert [c.id for c in h.changes] == ["create-a", "r", "m", "x"]


def test_several_changes_on_one_date_make_one_version():
    tl = Timeline(
        [
            create("a", "2010"),
            Rename(id="r", date=on("2021-10-01"), unit="a", name="New"),
            Relocate(id="l", date=on("2021-10-01"), unit="a", location="Geneva"),
            Redescribe(id="d", date=on("2021-10-01"), unit="a", mandate="Plans."),
        ]
    )
    versions = tl.history("a").versions
    assert len(versions) == 2
    last = versions[-1]
    assert str(last.since) == "2021-10-01" and last.until is None
    assert (last.record.name, last.record.location, last.record.mandate) == (
        "New",
        "Geneva",
        "Plans.",
    )
    assert last.change.id == "d"


def test_a_change_that_leaves_a_unit_as_it_was_makes_no_new_version():
    tl = Timeline(
        [
            create("a", "2010"),
            Redescribe(id="same", date=on("2012"), unit="a", mandate=""),
        ]
    )
    h = tl.history("a")
    assert len(h.versions) == 1
    assert [c.id for c in h.changes] == ["create-a", "same"]


def test_children_get_a_version_when_a_merge_hands_them_over():
    tl = Timeline(
        [
            create("a", "2010"),
            create("b", "2010"),
            create("team", "2010", parent="a"),
            Merge(id="m", date=on("2021-Q4"), units=("a", "b"), into="b"),
        ]
    )
    assert [v.parent for v in tl.history("team").versions] == ["a", "b"]


# -------------------------------------------------------------------- lineage
def test_lineage_is_followed_across_merge_split_and_replace():
    tl = Timeline(
        [
            create("pd", "2010"),
            create("dpr", "2010"),
            CreatePost(id="p", date=on("2010"), post="p", title="Officer", unit="pd"),
            Merge(
                id="m",
                date=on("2021-Q4"),
                units=("pd", "dpr"),
                into="dpp",
                new=spec("dpp", "Department of Policy and Protection"),
            ),
            Split(id="s", date=on("2022-06"), unit="dpp", into=(spec("pol"), spec("prot"))),
            Replace(id="r", date=on("2023"), unit="prot", by="prd", new=spec("prd")),
        ]
    )
    back, forward = tl.lineage("pd")
    assert back == []
    assert [(ln.predecessor, ln.successor, ln.kind) for ln in forward] == [
        ("pd", "dpp", "merge"),
        ("dpp", "pol", "split"),
        ("dpp", "prot", "split"),
        ("prot", "prd", "replace"),
    ]
    back, forward = tl.lineage("prd")
    assert forward == []
    assert {ln.predecessor for ln in back} == {"prot", "dpp", "pd", "dpr"}
    assert [ln.change for ln in back][:1] == ["r"]

    h = tl.history("dpp")
    assert [ln.predecessor for ln in h.predecessors] == ["pd", "dpr"]
    assert [ln.successor for ln in h.successors] == ["pol", "prot"]
    # The post followed its unit through the merge and the split.
    assert tl.snapshot("2024").structure.posts["p"].unit == "pol"


def test_with_changes_adds_after_those_recorded():
    tl = Timeline([create("a", "2010")])
    more = tl.with_changes([Rename(id="r", date=on("2010"), unit="a", name="B")])
    assert len(tl) == 1 and len(more) == 2
    assert more.get("r") is not None and tl.get("r") is None
    assert more.snapshot("2010").structure.units["a"].name == "B"
    assert [c.id for c in more.touching("a")] == ["create-a", "r"]
