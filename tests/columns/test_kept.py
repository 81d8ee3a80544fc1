"""What the fast path keeps by node number (:mod:`organogram.columns.kept`), the stale
posts of a unit read from its lazy lists, and the creations' pre-check
(:func:`organogram.columns.runs.sure_to_create`).

The kept posts must agree with the core's fold (each post's unit now, and the
structure's copy where it is not stale); the lists of a unit, appended to as posts move
and cleaned only when read, must give exactly the stale posts now in the unit or there
for the structure, before and after they are rebuilt; a merge ending units whose posts
moved in and out in several runs must give the columns of every change through the
core's step; and a creation the pre-check is sure of must be one the core's check
passes, each failing case of that check leaving it unsure.
"""

from __future__ import annotations

import math
from dataclasses import replace
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.columns import Versions, batch
from organogram.columns.kept import ABSENT, FRESH
from organogram.columns.runs import sure_to_create
from organogram.columns.schema import OPEN
from organogram.core.changes import CreatePost, CreateUnit, Merge, MovePost, Rename, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from ..core.strategies import PEOPLE
from . import agreement
from .strategies import crowded_histories, run_histories


def _stale_of_units(bulk) -> dict[int, tuple[set[int], set[int]]]:
    """Unit number -> (stale posts now in it, stale posts in it for the structure),
    read from the kept arrays alone."""
    out: dict[int, tuple[set[int], set[int]]] = {}
    for nid in bulk.kept.values():
        was = bulk.stale[nid]
        if was == FRESH:
            continue
        out.setdefault(bulk.unit[nid], (set(), set()))[0].add(nid)
        if was >= 0:
            out.setdefault(was, (set(), set()))[1].add(nid)
    return out


def _read_every_unit(bulk, units: range) -> dict[int, tuple[set[int], set[int]]]:
    out = {}
    for u in units:
        now = set(bulk.of_unit(u, now=True, there=False))
        there = set(bulk.of_unit(u, now=False, there=True))
        both = set(bulk.of_unit(u, now=True, there=True))
        assert both == now | there
        if now or there:
            out[u] = (now, there)
    return out


def _check_kept(timeline: Timeline) -> None:
    fast, slow = Versions.build(timeline), Versions.build(timeline, bulk=False)
    bulk, names = fast._bulk, fast.nodes
    truth, copy = slow._state.posts, fast._state.posts
    assert bulk.n_stale == sum(1 for nid in bulk.kept.values() if bulk.stale[nid] != FRESH)
    for p, nid in bulk.kept.items():
        assert names.text[nid] == p
        post = truth[p]
        assert names.text[bulk.unit[nid]] == post.unit
        assert fast.grades.text[bulk.grade[nid]] == post.grade
        assert fast.text.text[bulk.title[nid]] == post.title
        was = bulk.stale[nid]
        if was == FRESH:
            assert copy[p] == post
        elif was == ABSENT:
            assert p not in copy
        else:
            assert names.text[was] == copy[p].unit
    expected = _stale_of_units(bulk)
    units = range(len(bulk.listed))
    assert _read_every_unit(bulk, units) == expected
    # Read again (the lists were cleaned by the first reading), then rebuilt.
    assert _read_every_unit(bulk, units) == expected
    bulk.appended = 10 * (bulk.n_stale + 4096)
    bulk.tidy()
    assert bulk.appended <= 2 * bulk.n_stale
    assert _read_every_unit(bulk, units) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=run_histories())
def test_the_kept_posts_and_the_lists_of_units_agree_with_the_core_after_runs(history):
    _check_kept(history.timeline)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=run_histories())
def test_stretches_of_moves_taken_at_once_give_the_columns_of_the_core_step(history):
    """The stretches of plain moves in these histories are short (taken a move at a
    time); here every one is taken with NumPy."""
    timeline = history.timeline
    with mock.patch.object(batch, "SHORT", 1):
        agreement.same_columns(Versions.build(timeline), Versions.build(timeline, bulk=False))
        _check_kept(timeline)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=crowded_histories())
def test_the_kept_posts_and_the_lists_of_units_agree_with_the_core_after_hand_overs(history):
    _check_kept(history.timeline)


def _day(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def _units(*ids: str) -> list:
    first = _day("2020-01-01")
    return [
        CreateUnit(date=first, unit=UnitSpec(id=u, name=u.upper(), kind="office"), parent=None)
        for u in ids
    ]


@pytest.mark.parametrize("short", [1, batch.SHORT])
def test_a_merge_ends_units_whose_posts_moved_in_and_out_in_several_runs(short, monkeypatch):
    monkeypatch.setattr(batch, "SHORT", short)
    d1, d2, d3, d4, d5 = (_day(f"2020-0{m}-01") for m in range(2, 7))
    posts = [
        CreatePost(date=_day("2020-01-01"), post=f"p{k}", title="Clerk", unit="a")
        for k in range(1, 6)
    ]

    def move(day, post, unit):
        return MovePost(date=day, post=post, unit=unit)

    history = [
        *_units("a", "b", "c", "d"),
        *posts,
        # A run: p1 through b to c, p2 out of b and back, p3 into b and out again.
        move(d1, "p1", "b"),
        move(d1, "p2", "b"),
        move(d1, "p1", "c"),
        move(d1, "p3", "b"),
        move(d1, "p3", "a"),
        move(d1, "p2", "d"),
        move(d1, "p2", "b"),
        Rename(date=d2, unit="d", name="D2"),
        # Another: p4 through b to c, p1 back to b, p5 to b and out to d.
        move(d2, "p4", "b"),
        move(d2, "p4", "c"),
        move(d2, "p1", "b"),
        move(d2, "p5", "b"),
        move(d2, "p5", "d"),
        # b and c end: p1 and p2 (in b) and p4 (in c) are handed to a in the columns.
        Merge(date=d3, units=("a", "b", "c"), into="a"),
        move(d4, "p1", "d"),
        move(d4, "p2", "d"),
        move(d5, "p1", "a"),
    ]
    timeline = Timeline(history, PEOPLE)
    fast = Versions.build(timeline)
    agreement.same_columns(fast, Versions.build(timeline, bulk=False))
    assert fast._bulk.handed == 3
    assert not any(fast.tables["changes"].col("failed").tolist())
    last = {r[0]: r[1] for r in fast.rows("posts") if r[8] == OPEN}
    assert last == {"p1": "a", "p2": "d", "p3": "a", "p4": "a", "p5": "d"}
    # The same, extended change by change from the merge on.
    cut = history.index(history[-4])
    v = Versions.build(Timeline(history[:cut], PEOPLE))
    for k in range(cut, len(history)):
        v.extend(Timeline(history[: k + 1], PEOPLE))
    agreement.same_columns(v, fast)


def test_creations_failing_for_each_reason_the_core_checks_in_a_run():
    day = _day("2020-02-01")
    good = CreatePost(date=day, post="new", title="Clerk", unit="a")
    failing = [
        replace(good, post="p1"),  # a post in force
        replace(good, post="b"),  # a unit in force
        replace(good, unit="gone"),  # a unit abolished
        replace(good, unit="nowhere"),  # never a unit
        replace(good, title="  "),
        replace(good, status="bogus"),
        replace(good, funding="bogus"),
        replace(good, fte=-1.0),
        replace(good, fte=math.inf),
        replace(good, fte=math.nan),
        replace(good, fte=True),
        replace(good, fte="1"),
    ]
    history = [
        *_units("a", "b", "gone"),
        Merge(date=_day("2020-01-15"), units=("b", "gone"), into="b"),
        CreatePost(date=_day("2020-01-20"), post="p1", title="Clerk", unit="a"),
        # Each failing creation followed by a move of p1 (to b, back to a, ...).
        *(
            change
            for k, f in enumerate(failing)
            for change in (f, MovePost(date=day, post="p1", unit="ba"[k % 2]))
        ),
        replace(good, post="new2", fte=2),  # an int: the pre-check is sure of it
        good,
    ]
    timeline = Timeline(history, PEOPLE)
    fast = Versions.build(timeline)
    agreement.same_columns(fast, Versions.build(timeline, bulk=False))
    failed = fast.tables["changes"].col("failed").tolist()
    at = {id(c): k for k, c in enumerate(timeline.changes)}
    assert [failed[at[id(f)]] for f in failing] == [1] * len(failing)
    assert [failed[at[id(c)]] for c in history[-2:]] == [0, 0]
    assert sum(failed) == len(failing)


def _structure() -> Structure:
    s = Structure(people=PEOPLE)
    for change in _units("a"):
        assert not change.check(s)
        change._apply(s)
    return s


@pytest.mark.parametrize(
    "values",
    [
        {"title": ""},
        {"title": " \t"},
        {"status": "bogus"},
        {"funding": "bogus"},
        {"fte": -0.5},
        {"fte": math.inf},
        {"fte": math.nan},
        {"fte": True},
        {"fte": "1"},
    ],
)
def test_the_creation_pre_check_is_unsure_wherever_the_core_check_fails(values):
    c = replace(CreatePost(date=_day("2020-01-01"), post="x", title="T", unit="a"), **values)
    assert c.check(_structure())
    assert not sure_to_create(c)


@settings(max_examples=300, deadline=None)
@given(
    title=st.sampled_from(["", " ", "Clerk", " Driver "]),
    status=st.sampled_from(["proposed", "established", "frozen", "abolished", "", "x"]),
    funding=st.sampled_from(["", "core", "projects", "x"]),
    fte=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(-3, 3),
        st.booleans(),
        st.just("1"),
    ),
)
def test_the_creation_pre_check_is_sure_only_of_creations_the_core_check_passes(
    title, status, funding, fte
):
    c = CreatePost(
        date=_day("2020-01-01"),
        post="x",
        title=title,
        unit="a",
        status=status,
        funding=funding,
        fte=fte,
    )
    problems = c.check(_structure())
    assert sure_to_create(c) == (not problems)
