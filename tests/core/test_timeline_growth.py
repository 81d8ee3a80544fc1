"""A timeline grown from another: its failures, and what it keeps of the one before.

A registry makes each revision's timeline from the last one's (``with_changes``); the
new one must not keep the old one alive, and asking a timeline for its failures must
give what its fold to the end gives.
"""

from __future__ import annotations

import gc
import weakref

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.core.changes import Abolish, CreateUnit, Rename, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.timeline import Timeline

from .strategies import histories

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def on(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def create(uid: str, date: str) -> CreateUnit:
    spec = UnitSpec(id=uid, name=uid.upper(), kind="department")
    return CreateUnit(id=f"create-{uid}", date=on(date), unit=spec)


def failed(failures) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.change.id, f.problems) for f in failures]


@PROPERTY
@given(histories(), st.data())
def test_failures_are_those_of_the_fold_to_the_end_folded_or_not(history, data):
    changes, people = list(history.timeline), history.timeline.people
    cut = data.draw(st.integers(0, len(changes)))
    extra = data.draw(st.permutations(changes[cut:]))
    base = Timeline(changes[:cut], people)
    if data.draw(st.booleans()):
        base.fold()  # the fold to the end kept
    grown = base.with_changes(extra)
    for tl in (base, grown):
        reference = Timeline(list(tl), people)
        reference.CHECKPOINTS = 0
        assert failed(tl.failures()) == failed(reference.fold()[1])
        assert failed(tl.failures()) == failed(tl.failures())  # a copy each time


def test_failures_name_the_changes_that_do_not_apply():
    tl = Timeline(
        [
            create("a", "2001"),
            Abolish(id="a1", date=on("2002"), unit="a"),
            Rename(id="r1", date=on("2003"), unit="a", name="B"),
        ]
    )
    tl.fold()
    assert [f.change.id for f in tl.failures()] == ["r1"]
    tl.failures().clear()
    assert [f.change.id for f in tl.failures()] == ["r1"]


def test_a_grown_timeline_does_not_keep_the_one_it_was_made_from():
    base = Timeline([create("a", "2001")])
    base.fold()
    grown = base.with_changes([Rename(id="r1", date=on("2002"), unit="a", name="B")])
    assert grown.common_prefix(base) == base.common_prefix(grown) == 1
    gone = weakref.ref(base)
    del base
    gc.collect()
    assert gone() is None
    s, failures = grown.fold()
    assert s.units["a"].name == "B" and not failures
    assert grown.common_prefix(grown.with_changes([])) == 2
