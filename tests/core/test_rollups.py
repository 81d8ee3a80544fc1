"""Headcount and cost rollups, one node at a time, all at once and over time."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings

from organogram.core.changes import CreatePost, CreateUnit, MovePost, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.rollups import Rollup, rollup, rollups, series
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from .strategies import GRADES, days_of, histories, structures

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
COSTS = {grade: 1000.0 * (i + 1) for i, grade in enumerate(GRADES)}
D1, D2 = FuzzyDate.parse("2020-01-01"), FuzzyDate.parse("2021-01-01")


def unit(uid: str, parent: str | None = None) -> CreateUnit:
    return CreateUnit(date=D1, unit=UnitSpec(id=uid, name=uid.upper(), kind="unit"), parent=parent)


def post(pid: str, unit_id: str | None, grade: str = "P-4", **more) -> CreatePost:
    return CreatePost(date=D1, post=pid, title=pid, grade=grade, unit=unit_id, **more)


def timeline() -> Timeline:
    return Timeline(
        [
            post("dg", None, "USG", senior=True),
            unit("ops", "dg"),
            unit("field", "ops"),
            unit("desk", "field"),
            unit("admin"),
            post("p1", "ops", "D-1"),
            post("p2", "field"),
            post("p3", "desk", "G-6"),
            post("p4", "desk"),
            post("p5", "admin"),
            post("p6", "admin", "XX"),  # a grade without a standard cost
            MovePost(date=D2, post="p5", unit="desk"),
        ]
    )


def brute(s: Structure, node: str) -> Rollup:
    """The rollup by definition: posts whose unit is in the node's subtree."""
    below = {n for n in s.subtree(node) if n in s.units} if s.is_node(node) else set()
    posts = [p for p in s.posts.values() if p.unit in below]
    return Rollup(len(posts), float(sum(COSTS.get(p.grade, 0.0) for p in posts)))


def test_rollup_of_a_unit_counts_the_posts_below_it():
    s, _ = timeline().fold(D1.end)
    costs = {"D-1": 10.0, "P-4": 5.0, "G-6": 2.0, "USG": 100.0}
    assert rollup(s, "desk", costs) == Rollup(2, 7.0)
    assert rollup(s, "ops", costs) == Rollup(4, 22.0)
    # The DG's post sits in no unit: it rolls up the units under it, not itself.
    assert rollup(s, "dg", costs) == Rollup(4, 22.0)
    assert rollup(s, "admin", costs) == Rollup(2, 5.0)  # "XX" costs nothing
    assert rollup(s, "admin") == Rollup(2, 0.0)  # no costs given: headcount only
    assert rollup(s, "p2") == Rollup(0, 0.0) and rollup(s, "gone") == Rollup(0, 0.0)
    every = rollups(s, costs)
    assert every["dg"] == Rollup(4, 22.0) and every["admin"] == Rollup(2, 5.0)
    assert set(every) == set(s.nodes())


def test_series_follows_the_moves():
    got = series(timeline(), "desk", ["2021", "2020-06-30", "2019"], {"P-4": 5.0})
    assert got == [
        (dt.date(2019, 12, 31), Rollup(0, 0.0)),
        (dt.date(2020, 6, 30), Rollup(2, 5.0)),
        (dt.date(2021, 12, 31), Rollup(3, 10.0)),
    ]


def test_chain_of_a_post_goes_through_its_unit_unless_it_has_a_line():
    s, _ = timeline().fold()
    assert s.chain("p3") == ["desk", "field", "ops", "dg"]
    assert s.chain("desk") == ["field", "ops", "dg"]
    assert s.chain("dg") == [] and s.chain("p6") == ["admin"]
    s.set_oversight("p3", "dg")
    assert s.chain("p3") == ["dg"]


@PROPERTY
@given(structures())
def test_one_pass_gives_every_rollup_by_definition(s):
    every = rollups(s, COSTS)
    assert set(every) == set(s.nodes())
    for node, value in every.items():
        assert value == rollup(s, node, COSTS) == brute(s, node)


@PROPERTY
@given(histories())
def test_series_is_the_rollup_of_each_snapshot(history):
    tl = history.timeline
    days = days_of(history)
    for node in {*(n for c in tl for n in c.subjects())}:
        got = series(tl, node, days, COSTS)
        assert got == [(d, rollup(tl.snapshot(d).structure, node, COSTS)) for d in days]


@PROPERTY
@given(structures())
def test_the_tree_order_gives_each_node_the_position_of_its_line_of_oversight(s):
    order, above = s.top_down_with_parents()
    assert order == s.top_down() and len(above) == len(order)
    for node, parent in zip(order, above, strict=True):
        if parent < 0:
            assert not s.oversight.get(node)
        else:
            assert order[parent] == s.oversight[node]
            assert parent < order.index(node)  # parents come first: sums run backwards
