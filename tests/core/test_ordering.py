"""Same-date changes apply after the creations they refer to, whatever order they are written in."""

from __future__ import annotations

from organogram.core.changes import (
    Abolish,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    Rename,
    Split,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.ordering import application_order
from organogram.core.timeline import Timeline

Y2009 = FuzzyDate.parse("2009")


def unit(uid: str, parent: str | None = None, date: FuzzyDate = Y2009) -> CreateUnit:
    return CreateUnit(
        id=f"create-{uid}", date=date, unit=UnitSpec(id=uid, name=uid.upper(), kind="unit"),
        parent=parent,
    )


def test_children_written_before_their_parent_are_created_after_it():
    changes = [unit("c", "b"), unit("b", "a"), unit("a")]
    assert [c.id for c in application_order(changes)] == ["create-a", "create-b", "create-c"]
    s, failures = Timeline(changes).fold()
    assert not failures
    assert s.ancestors("c") == ["b", "a"]


def test_units_under_a_post_created_later_the_same_year():
    dg = CreatePost(id="dg", date=Y2009, post="dg", title="Director General", senior=True)
    changes = [unit("ops", "dg"), Rename(id="r", date=Y2009, unit="ops", name="Operations"), dg]
    order = [c.id for c in application_order(changes)]
    assert order == ["dg", "create-ops", "r"]
    s, failures = Timeline(changes).fold()
    assert not failures and s.units["ops"].name == "Operations"


def test_independent_changes_keep_the_written_order():
    changes = [unit("x"), unit("y"), unit("a")]
    assert [c.id for c in application_order(changes)] == ["create-x", "create-y", "create-a"]


def test_dates_still_come_first():
    later = unit("a", date=FuzzyDate.parse("2010"))
    early_child = unit("b", "a", date=Y2009)  # refers to a unit created only in 2010
    order = [c.id for c in application_order([later, early_child])]
    assert order == ["create-b", "create-a"]
    _, failures = Timeline([later, early_child]).fold()
    assert [f.change.id for f in failures] == ["create-b"]


def test_an_id_ended_and_recreated_the_same_day_keeps_the_written_order():
    old = unit("u", date=FuzzyDate.parse("2000"))
    day = FuzzyDate.parse("2020-05-01")
    rename_old = Rename(id="rename-old", date=day, unit="u", name="Old name, last days")
    gone = Abolish(id="gone", date=day, unit="u")
    again = unit("u", date=day)
    move_new = Move(id="move-new", date=day, node="u", to=None)
    changes = [old, rename_old, gone, again, move_new]
    # Nothing moves: the rename refers to the old unit, as written.
    assert [c.id for c in application_order(changes)] == [c.id for c in changes]


def test_a_change_needing_two_units_of_one_split_is_placed_once():
    # The merge needs both units the split creates: it must wait for the split once,
    # not once per unit (it used to be released, and applied, twice).
    split = Split(
        id="split", date=Y2009, unit="a",
        into=(UnitSpec(id="b", name="B", kind="unit"), UnitSpec(id="c", name="C", kind="unit")),
    )
    merge = Merge(id="merge", date=Y2009, units=("b", "c"), into="b")
    order = [c.id for c in application_order([unit("a"), merge, split])]
    assert order == ["create-a", "split", "merge"]


def test_an_order_already_right_is_kept_and_ordering_twice_changes_nothing():
    changes = [unit("a"), unit("b", "a"), Move(id="m", date=Y2009, node="b", to=None)]
    once = application_order(changes)
    assert once == changes
    assert application_order(once) == once
