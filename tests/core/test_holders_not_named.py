"""Holders the sources do not name, vacancies a source states, and placements not recorded."""

from __future__ import annotations

from organogram.core.certainty import CERTAIN, POSSIBLE
from organogram.core.changes import (
    AbolishPost,
    Assign,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    UnitSpec,
    Vacate,
)
from organogram.core.dates import FuzzyDate
from organogram.core.model import UNKNOWN_PLACE, AssignmentKind, Person
from organogram.core.narration import narrate_changes
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

D = FuzzyDate.parse("2019")
PEOPLE = {"ada": Person("ada", "Ada")}


def post(s: Structure, pid: str = "ddg") -> None:
    CreatePost(date=D, post=pid, title="Deputy", senior=True).apply(s)


def test_a_holder_not_named_holds_the_post_and_a_named_one_takes_their_place():
    s = Structure(people=PEOPLE)
    post(s)
    Assign(date=D, post="ddg").apply(s)
    assert [a.named for a in s.holders["ddg"]] == [False]
    assert Assign(date=D, post="ddg").check(s) == ["a holder not named already holds Deputy (ddg)"]
    Assign(date=D, post="ddg", person="ada").apply(s)
    assert [a.person for a in s.holders["ddg"]] == ["ada"]


def test_an_unnamed_holder_of_another_kind_stays_beside_a_named_one():
    s = Structure(people=PEOPLE)
    post(s)
    Assign(date=D, post="ddg", kind=AssignmentKind.AD_INTERIM).apply(s)
    Assign(date=D, post="ddg", person="ada").apply(s)
    assert [(a.person, a.kind) for a in s.holders["ddg"]] == [
        ("", AssignmentKind.AD_INTERIM),
        ("ada", AssignmentKind.REGULAR),
    ]


def test_a_vacate_without_person_says_the_post_is_vacant_until_someone_takes_it():
    s = Structure(people=PEOPLE)
    post(s)
    Assign(date=D, post="ddg", person="ada").apply(s)
    Vacate(date=D, post="ddg").apply(s)
    assert "ddg" not in s.holders and "ddg" in s.vacant
    Assign(date=D, post="ddg").apply(s)
    assert "ddg" not in s.vacant
    # A named person leaving says nothing of a vacancy: no holder is recorded.
    Assign(date=D, post="ddg", person="ada").apply(s)
    Vacate(date=D, post="ddg", person="ada").apply(s)
    assert "ddg" not in s.holders and "ddg" not in s.vacant


def test_an_unnamed_holder_leaves_with_the_post_a_named_one_must_be_vacated_first():
    s = Structure(people=PEOPLE)
    post(s)
    Assign(date=D, post="ddg").apply(s)
    assert AbolishPost(date=D, post="ddg").check(s) == []
    Assign(date=D, post="ddg", person="ada").apply(s)
    assert AbolishPost(date=D, post="ddg").check(s) == [
        "post Deputy (ddg) is held by ada: vacate it first"
    ]


def test_narration_names_no_one_for_a_holder_not_named():
    s = Structure(people=PEOPLE)
    post(s)
    changes = [Assign(date=D, post="ddg"), Vacate(date=D, post="ddg")]
    assert narrate_changes(changes, s) == [
        "The post of Deputy is filled.",
        "The post of Deputy is vacant.",
    ]


def unit(uid: str, parent: str | None, date: FuzzyDate = D) -> CreateUnit:
    return CreateUnit(
        date=date, unit=UnitSpec(id=uid, name=f"Unit {uid}", kind="unit"), parent=parent
    )


def test_an_unplaced_unit_is_neither_at_the_top_nor_under_anything_until_placed():
    s = Structure()
    post(s, "dg")
    unit("ops", "dg").apply(s)
    unit("lost", UNKNOWN_PLACE).apply(s)
    unit("team", "lost").apply(s)
    assert s.roots() == ["dg"] and s.unplaced_nodes() == ["lost"]
    assert s.placement("lost") == UNKNOWN_PLACE and s.parent("lost") is None
    assert s.placement("team") == "lost"
    move = Move(date=D, node="lost", to="ops")
    assert narrate_changes([move], s) == [
        "The Unit lost is placed under the oversight of the Unit ops; its earlier place is "
        "not recorded."
    ]
    move.apply(s)
    assert s.unplaced_nodes() == [] and s.ancestors("team") == ["lost", "ops", "dg"]
    assert Move(date=D, node="lost", to=UNKNOWN_PLACE).check(s) == []


def test_a_merge_of_unplaced_units_leaves_the_successor_unplaced():
    s = Structure()
    unit("a", UNKNOWN_PLACE).apply(s)
    unit("b", UNKNOWN_PLACE).apply(s)
    Merge(date=D, units=("a", "b"), into="b").apply(s)
    assert s.unplaced_nodes() == ["b"] and "a" not in s.unplaced


def test_an_open_start_applies_from_the_start_of_the_record_possibly_until_its_end():
    created = unit("old", None, FuzzyDate.parse("../2021"))
    timeline = Timeline([unit("dept", None, FuzzyDate.parse("1990")), created])
    early = timeline.snapshot("1950")
    assert list(early.structure.units) == ["old"]
    assert early.certainty.status(early.structure, "old") == POSSIBLE
    late = timeline.snapshot("2021")
    assert late.certainty.status(late.structure, "old") == CERTAIN


def test_the_diff_carries_placements_no_source_gives():
    from organogram.core.diff import same_structure
    from organogram.core.diff.plain import plain_diff

    a = Structure()
    post(a, "dg")
    for change in (unit("x", UNKNOWN_PLACE), unit("y", None), unit("z", "dg")):
        change.apply(a)
    b = a.copy()
    Move(date=D, node="x", to="dg").apply(b)  # placed
    Move(date=D, node="y", to=UNKNOWN_PLACE).apply(b)  # from the top to no recorded place
    Move(date=D, node="z", to=UNKNOWN_PLACE).apply(b)  # from under dg
    unit("new", UNKNOWN_PLACE).apply(b)
    changes = plain_diff(a, b, D)
    told = {
        (c.op, getattr(c, "node", None) or c.unit.id, getattr(c, "to", None))
        for c in changes
        if c.op in ("move", "create")
    }
    assert told == {
        ("move", "x", "dg"),
        ("move", "y", UNKNOWN_PLACE),
        ("move", "z", UNKNOWN_PLACE),
        ("create", "new", None),
    }
    assert next(c for c in changes if c.op == "create").parent == UNKNOWN_PLACE
    reached = a.copy()
    for change in changes:
        change.apply(reached)
    assert same_structure(reached, b)
    back = plain_diff(b, a, D)
    undone = b.copy()
    for change in back:
        change.apply(undone)
    assert same_structure(undone, a) and undone.unplaced_nodes() == ["x"]
