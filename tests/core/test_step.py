"""The one step that applies a change: check, then apply, noting what it touched."""

from __future__ import annotations

from organogram.core.changes import (
    Abolish,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    Rename,
    UnitSpec,
    step,
    steps,
)
from organogram.core.dates import FuzzyDate
from organogram.core.structure import Structure

EARLY = FuzzyDate.parse("2016")
DATE = FuzzyDate.parse("2021-Q4")


def unit(uid: str, parent: str | None = None) -> CreateUnit:
    return CreateUnit(
        date=EARLY, unit=UnitSpec(id=uid, name=f"Unit {uid}", kind="unit"), parent=parent
    )


def base() -> Structure:
    """Two departments under a head office, a division under the first, a post in it."""
    s = Structure()
    for change in [
        unit("hq"),
        unit("a", "hq"),
        unit("b", "hq"),
        unit("div", "a"),
        CreatePost(date=EARLY, post="clerk", title="Clerk", unit="div"),
    ]:
        assert step(change, s) == []
    return s


def test_a_change_that_applies_returns_no_problems_and_is_applied():
    s = base()
    assert step(Rename(date=DATE, unit="a", name="Renamed"), s) == []
    assert s.units["a"].name == "Renamed"


def test_a_change_that_does_not_apply_returns_its_problems_and_leaves_the_structure_as_it_was():
    s = base()
    before = s.copy()
    problems = step(Move(date=DATE, node="a", to="div"), s)  # under its own division
    assert problems and "cycle" in problems[0]
    assert s == before
    assert s.parent("a") == "hq"


def test_touched_collects_what_the_change_touched_beyond_its_subjects():
    s = base()
    touched: set[str] = set()
    merge = Merge(
        date=DATE,
        units=("a", "b"),
        into="ab",
        new=UnitSpec(id="ab", name="AB", kind="unit"),
        parent="hq",
    )
    assert step(merge, s, touched) == []
    # The division under ``a`` is handed to the new unit: touched, though not a subject.
    assert {"a", "b", "ab", "div"} <= touched
    assert "div" not in merge.subjects()


def test_touched_receives_nothing_when_the_change_does_not_apply():
    s = base()
    touched: set[str] = set()
    assert step(Abolish(date=DATE, unit="nowhere"), s, touched)
    assert touched == set()


def test_touched_goes_to_the_callers_set_and_the_structure_keeps_its_own():
    s = base()
    own = s.touched
    touched: set[str] = set()
    step(Rename(date=DATE, unit="b", name="B"), s, touched)
    assert touched == {"b"}
    assert s.touched is own


def test_before_reads_the_structure_as_the_change_finds_it_only_when_it_applies():
    s = base()
    seen: list[str] = []

    def before(change, found: Structure) -> None:
        seen.append(found.units["a"].name)

    assert step(Rename(date=DATE, unit="a", name="New"), s, before=before) == []
    assert step(Rename(date=DATE, unit="gone", name="X"), s, before=before)
    assert seen == ["Unit a"]


def test_steps_applies_in_turn_and_returns_those_that_did_not_apply_with_why():
    s = base()
    bad = Move(date=DATE, node="a", to="div")
    rename, abolish = Rename(date=DATE, unit="a", name="First"), Abolish(date=DATE, unit="b")
    failed = steps([rename, bad, abolish], s)
    assert [(c, "cycle" in p[0]) for c, p in failed] == [(bad, True)]
    assert s.units["a"].name == "First" and "b" not in s.units and s.parent("a") == "hq"
