"""Regression tests for bugs in the change vocabulary and the timeline found by the
property tests: lines of oversight left dangling or made cyclic by changes whose
check passed, a regrade that could not clear a category, failed changes marked as
uncertain in a snapshot."""

from __future__ import annotations

import pytest

from organogram.core.changes import (
    Abolish,
    AbolishPost,
    AmendPost,
    CreatePost,
    CreateUnit,
    Merge,
    RegradePost,
    Rename,
    Replace,
    Split,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

D = FuzzyDate.parse("2020-01-01")


def unit(uid: str, parent: str | None = None) -> CreateUnit:
    return CreateUnit(
        date=D, unit=UnitSpec(id=uid, name=uid.upper(), kind="division"), parent=parent
    )


def spec(uid: str) -> UnitSpec:
    return UnitSpec(id=uid, name=uid.upper(), kind="department")


def build(*changes) -> Structure:
    s = Structure()
    for change in changes:
        change.apply(s)
    return s


def acyclic(s: Structure) -> bool:
    for node in s.oversight:
        seen = {node}
        current = s.oversight.get(node)
        while current is not None:
            if current in seen:
                return False
            seen.add(current)
            current = s.oversight.get(current)
    return True


def test_a_unit_with_an_ordinary_post_reporting_to_it_cannot_be_abolished():
    s = build(unit("a"), CreatePost(date=D, post="p", title="Adviser", reports_to="a"))
    problems = Abolish(date=D, unit="a").check(s)
    assert problems and "Adviser (p)" in problems[0]


def test_a_post_with_an_ordinary_post_reporting_to_it_cannot_be_abolished():
    s = build(
        CreatePost(date=D, post="dg", title="Director General", senior=True),
        CreatePost(date=D, post="cro", title="Chief Risk Officer", reports_to="dg"),
    )
    problems = AbolishPost(date=D, post="dg").check(s)
    assert any("Chief Risk Officer (cro)" in p for p in problems)


def test_merge_into_a_grandchild_makes_no_cycle():
    s = build(unit("top"), unit("a", "top"), unit("x", "a"), unit("n", "x"))
    Merge(date=D, units=("a", "n"), into="n").apply(s)
    assert acyclic(s)
    assert s.oversight == {"n": "top", "x": "n"}


def test_replace_by_a_descendant_makes_no_cycle():
    s = build(unit("a"), unit("x", "a"), unit("n", "x"))
    Replace(date=D, unit="a", by="n").apply(s)
    assert acyclic(s)
    assert s.oversight == {"x": "n"}


def test_a_merge_hands_ordinary_reporters_to_the_successor():
    s = build(unit("a"), unit("b"), CreatePost(date=D, post="p", title="Adviser", reports_to="a"))
    Merge(date=D, units=("a", "b"), into="b").apply(s)
    assert s.oversight["p"] == "b"


def test_a_new_merged_unit_cannot_report_below_a_unit_merged_into_it():
    s = build(unit("a"), unit("x", "a"), unit("b"))
    change = Merge(date=D, units=("a", "b"), into="n", new=spec("n"), parent="x")
    assert any("cycle" in p for p in change.check(s))


def test_a_new_replacing_unit_cannot_report_below_the_unit_it_replaces():
    s = build(unit("a"), unit("x", "a"))
    change = Replace(date=D, unit="a", by="n", new=spec("n"), parent="x")
    assert any("cycle" in p for p in change.check(s))


def test_a_merge_naming_a_unit_twice_is_refused_not_a_crash():
    s = build(unit("a"), unit("c"))
    assert Merge(date=D, units=("a", "a"), into="c").check(s)


def test_a_split_sends_ordinary_reporters_of_the_ended_unit_to_its_first_successor():
    s = build(unit("a"), CreatePost(date=D, post="p", title="Adviser", reports_to="a"))
    Split(date=D, unit="a", into=(spec("n1"), spec("n2"))).apply(s)
    assert s.oversight["p"] == "n1"


def test_a_split_cannot_send_an_ordinary_reporter_under_a_unit_below_it():
    # x was a senior post when u was placed under it; an ordinary post now, it still
    # reports to a. Ending a sends x to n1, which the split puts under u: x, n1, u, x.
    s = build(
        unit("a"),
        CreatePost(date=D, post="x", title="Adviser", senior=True, reports_to="a"),
        unit("u", "x"),
        AmendPost(date=D, post="x", senior=False),
    )
    split = Split(date=D, unit="a", into=(spec("n1"),), parents={"n1": "u"})
    assert any("cycle" in p for p in split.check(s))
    assert acyclic(s)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        # x moves under n1, n1 under x: a cycle.
        ({"keep": True, "parents": {"n1": "x"}, "moves": {"x": "n1"}}, "cycle"),
        ({"parents": {"n1": "ghost"}, "moves": {"x": "n1"}}, "does not exist"),
        ({"parents": {"n1": "a"}, "moves": {"x": "n1"}}, "which ends"),
        ({"moves": {"x": "a"}}, "which ends"),
        ({"moves": {"x": "n1", "ghost": "n1"}}, "does not exist"),
        ({"moves": {"x": "n1", "p": "x2"}}, "not a unit"),
    ],
)
def test_a_split_that_would_leave_a_dangling_or_cyclic_line_is_refused(kwargs, expected):
    s = build(
        unit("a"),
        unit("x", "a"),
        CreatePost(date=D, post="p", title="Officer", unit="a"),
        CreatePost(date=D, post="x2", title="Head", senior=True),
    )
    problems = Split(date=D, unit="a", into=(spec("n1"),), **kwargs).check(s)
    assert any(expected in p for p in problems), problems


def test_a_split_into_two_units_with_one_id_is_refused():
    s = build(unit("a"))
    assert Split(date=D, unit="a", into=(spec("n"), spec("n")), keep=True).check(s)


def test_a_regrade_can_clear_a_category_but_not_a_title():
    s = build(CreatePost(date=D, post="p", title="Officer", grade="P-3", category="professional"))
    change = RegradePost(date=D, post="p", grade="P-3", category="")
    assert change.check(s) == []
    change.apply(s)
    assert s.posts["p"].category == ""
    assert RegradePost(date=D, post="p", grade="P-4", title=" ").check(s)


def test_a_failed_change_is_not_marked_uncertain_in_a_snapshot():
    bad = Abolish(id="bad", date=FuzzyDate.parse("2021-Q4"), unit="ghost")
    tl = Timeline([unit("a"), bad])
    snap = tl.snapshot("2021-11-15")
    assert [f.change.id for f in snap.failures] == ["bad"]
    assert snap.uncertain == []


def test_changes_on_one_date_that_undo_each_other_make_no_version():
    day = FuzzyDate.parse("2021-10-01")
    tl = Timeline(
        [
            unit("a"),
            Rename(id="there", date=day, unit="a", name="Other"),
            Rename(id="back", date=day, unit="a", name="A"),
        ]
    )
    versions = tl.history("a").versions
    assert len(versions) == 1
    assert versions[0].until is None and versions[0].record.name == "A"
