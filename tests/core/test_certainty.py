"""What a snapshot says is only possibly so, and why."""

from __future__ import annotations

from organogram.core.certainty import CERTAIN, EXISTENCE, NOT_IN_FORCE, PLACEMENT, POSSIBLE
from organogram.core.changes import CreateUnit, Merge, Rename, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.model import Citation
from organogram.core.timeline import Timeline


def unit(uid: str, parent: str | None, date: str) -> CreateUnit:
    return CreateUnit(
        date=FuzzyDate.parse(date),
        unit=UnitSpec(id=uid, name=f"Unit {uid}", kind="unit"),
        parent=parent,
        cites=(Citation("memo", "3"),),
    )


def test_what_a_merge_dated_to_a_span_hands_over_is_placed_only_possibly():
    merge = Merge(date=FuzzyDate.parse("2020/2022"), units=("a", "b"), into="b")
    timeline = Timeline(
        [unit("a", None, "2009"), unit("b", None, "2009"), unit("kid", "a", "2010"), merge]
    )
    snap = timeline.snapshot("2021")
    s, certainty = snap.structure, snap.certainty
    assert s.parent("kid") == "b"
    assert PLACEMENT in certainty.aspects("kid")  # touched by the merge, not its subject
    assert certainty.status(s, "a") == POSSIBLE  # possibly still in force
    assert certainty.status(s, "kid") == CERTAIN and not certainty.placement_certain("kid")
    assert certainty.status(s, "nothing") == NOT_IN_FORCE


def test_a_creation_is_certain_once_a_change_that_needs_it_certainly_is():
    timeline = Timeline([unit("dept", None, "../2021"), unit("div", "dept", "2016")])
    assert (
        timeline.snapshot("2015").certainty.status(timeline.snapshot("2015").structure, "dept")
        == POSSIBLE
    )
    later = timeline.snapshot("2016")
    assert later.uncertain == [] and later.certainty.reasons("dept") == []


def test_a_reason_names_the_change_its_span_and_its_citation():
    timeline = Timeline([unit("dept", None, "../2021-06")])
    (reason,) = timeline.snapshot("2019").certainty.reasons("dept")
    assert reason.aspect == EXISTENCE
    assert reason.describe() == "possibly not yet in force: by June 2021 (memo:3)"


def test_what_a_change_touched_is_found_once_and_kept_for_timelines_made_from_it():
    first = unit("a", None, "../2021")
    timeline = Timeline([first, unit("b", None, "2009")])
    assert timeline.touched_sets([first]) == {first: frozenset({"a"})}
    rename = Rename(date=FuzzyDate.parse("2020/2022"), unit="a", name="A")
    grown = timeline.with_changes([rename])
    # The creation comes before the place the two differ: what it touched is known.
    assert first in grown._touched
    assert grown.touched_sets([first, rename]) == {
        first: frozenset({"a"}),
        rename: frozenset({"a"}),
    }
