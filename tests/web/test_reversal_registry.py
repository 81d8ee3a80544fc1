"""Reversal end to end: a change recorded in the registry, then reversed, gives back
the structure (tests/history/test_inverse_properties.py checks every kind in the core).

Each change is one the inverse once got wrong on the IOM dataset's own data: an
unplaced office, a post held by someone not named, a vacancy of a post with two
holders.
"""

from __future__ import annotations

import pytest

from organogram.core.changes import Assign, Move, Rename, Vacate
from organogram.core.dates import FuzzyDate
from organogram.core.diff import differences, same_structure
from organogram.core.model import UNNAMED
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import record_change, reverse_change

pytestmark = pytest.mark.django_db

EDITOR = Actor("editor", "web")
WHEN = FuzzyDate.parse("2023")

CHANGES = {
    "rename": Rename(date=WHEN, unit="ethics", name="Office of Ethics"),
    # oig is in the dataset without a known place: it must go back to none, not the top.
    "move from no known place": Move(date=WHEN, node="oig", to="dg"),
    # dg is held by someone not named, whom a named regular holder puts out.
    "assign over an unnamed holder": Assign(date=WHEN, post="dg", person="swing"),
    # ddg-mr has an unnamed and a named holder; the vacancy ends both.
    "vacancy of a held post": Vacate(date=WHEN, post="ddg-mr", person=UNNAMED),
}


def structure_now():
    return store.current().record.timeline.fold()[0]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_recorded_change_reversed_gives_back_the_structure(name):
    before = structure_now()
    done = record_change(CHANGES[name], EDITOR)
    changed = structure_now()
    assert not (same_structure(changed, before) and changed.vacant == before.vacant)

    recorded = reverse_change(done.change.id, EDITOR, reason="recorded in error")

    after = structure_now()
    assert same_structure(after, before), differences(after, before)
    assert after.vacant == before.vacant
    assert recorded and all(r.change.reason == "recorded in error" for r in recorded)
    assert all(r.change.date == WHEN for r in recorded)
