"""Reversals the property test found wrong, and what a reversal leaves in the history.

Each case is one the inverse once got wrong: a node no source placed came back at the
top, a vacancy's reversal failed with StopIteration, an unnamed holder put out by an
assignment or ended with its post did not come back.
"""

from __future__ import annotations

import pytest

from organogram.core.changes import (
    Abolish,
    AbolishPost,
    Assign,
    CreatePost,
    CreateUnit,
    Move,
    UnitSpec,
    Vacate,
)
from organogram.core.dates import FuzzyDate
from organogram.core.model import UNKNOWN_PLACE, UNNAMED, AssignmentKind, Person
from organogram.core.timeline import Timeline
from organogram.history.inverse import NotReversible, inverse

D = FuzzyDate.parse("2020")
LATER = FuzzyDate.parse("2022")
REVERSED = FuzzyDate.parse("2023")
PEOPLE = {"ana": Person("ana", "Ana")}


def reversed_timeline(*changes, when=None) -> tuple[Timeline, list]:
    """The timeline of ``changes`` with the inverse of the last one added, and that inverse."""
    tl = Timeline(changes, PEOPLE)
    back = inverse(tl, changes[-1], when)
    return tl.with_changes(back), back


def unit(uid: str, parent: str | None = None) -> CreateUnit:
    return CreateUnit(id=f"c-{uid}", date=D, unit=UnitSpec(id=uid, name=uid, kind="unit"),
                      parent=parent)


def post(pid: str) -> CreatePost:
    return CreatePost(id=f"c-{pid}", date=D, post=pid, title="Officer")


def test_an_unplaced_unit_abolished_comes_back_unplaced_not_at_the_top():
    tl, _ = reversed_timeline(
        unit("u", UNKNOWN_PLACE), Abolish(id="x", date=LATER, unit="u"), when=REVERSED
    )
    s = tl.snapshot("2024").structure
    assert "u" in s.units and s.placement("u") == UNKNOWN_PLACE


def test_a_move_from_no_known_place_is_undone_to_no_known_place():
    tl, (back,) = reversed_timeline(
        unit("top"), unit("u", UNKNOWN_PLACE), Move(id="m", date=LATER, node="u", to="top")
    )
    assert back.to == UNKNOWN_PLACE
    assert tl.snapshot("2024").structure.placement("u") == UNKNOWN_PLACE


def test_an_assignment_undone_brings_back_the_unnamed_holder_it_put_out():
    tl, back = reversed_timeline(
        post("p"),
        Assign(id="a0", date=D, post="p"),
        Assign(id="a1", date=LATER, post="p", person="ana"),
    )
    assert [(c.op, c.person) for c in back] == [("vacate", "ana"), ("assign", UNNAMED)]
    assert [a.person for a in tl.snapshot("2024").structure.holders["p"]] == [UNNAMED]


def test_an_unnamed_assignment_undone_leaves_the_named_holder_and_no_one_else():
    tl, back = reversed_timeline(
        post("p"),
        Assign(id="a0", date=D, post="p", person="ana", kind=AssignmentKind.ACTING),
        Assign(id="a1", date=LATER, post="p"),
    )
    # No change removes one unnamed holder: every holder goes, the others come back.
    assert [(c.op, c.person) for c in back] == [("vacate", UNNAMED), ("assign", "ana")]
    (held,) = tl.snapshot("2024").structure.holders["p"]
    assert (held.person, held.kind, held.since) == ("ana", AssignmentKind.ACTING, LATER)


def test_a_vacancy_undone_assigns_every_holder_again_named_first():
    tl, back = reversed_timeline(
        post("p"),
        Assign(id="a0", date=D, post="p"),
        Assign(id="a1", date=D, post="p", person="ana", kind=AssignmentKind.ACTING),
        Vacate(id="v", date=LATER, post="p"),
    )
    assert [c.person for c in back] == ["ana", UNNAMED]
    s = tl.snapshot("2024").structure
    assert {(a.person, a.kind) for a in s.holders["p"]} == {
        ("ana", AssignmentKind.ACTING),
        (UNNAMED, AssignmentKind.REGULAR),
    }
    assert "p" not in s.vacant


def test_a_vacancy_stated_for_a_post_with_no_holder_is_not_reversible():
    tl = Timeline([post("p"), Vacate(id="v", date=LATER, post="p")], PEOPLE)
    with pytest.raises(NotReversible, match="had no holder"):
        inverse(tl, tl.get("v"))


def test_a_post_abolished_comes_back_with_its_unnamed_holder_or_its_vacancy():
    tl, _ = reversed_timeline(
        post("p"), Assign(id="a", date=D, post="p"), AbolishPost(id="x", date=LATER, post="p")
    )
    assert [a.person for a in tl.snapshot("2024").structure.holders["p"]] == [UNNAMED]
    tl, _ = reversed_timeline(
        post("p"), Vacate(id="v", date=D, post="p"), AbolishPost(id="x", date=LATER, post="p")
    )
    assert "p" in tl.snapshot("2024").structure.vacant


def test_an_abolition_reversed_later_leaves_a_gap_in_the_unit_history():
    # The structure comes back; the history keeps what happened: the unit ended on the
    # abolition's date and began again on the reversal's.
    tl, _ = reversed_timeline(unit("u"), Abolish(id="x", date=LATER, unit="u"), when=REVERSED)
    versions = tl.history("u").versions
    assert [(v.since, v.until, v.record is None) for v in versions] == [
        (D, LATER, False),
        (LATER, REVERSED, True),
        (REVERSED, None, False),
    ]
    assert versions[0].record == versions[2].record


def test_an_abolition_reversed_on_its_own_date_leaves_no_gap():
    tl, _ = reversed_timeline(unit("u"), Abolish(id="x", date=LATER, unit="u"))
    assert [(v.since, v.until) for v in tl.history("u").versions] == [(D, None)]
