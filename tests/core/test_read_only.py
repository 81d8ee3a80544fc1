"""Structures others share are read-only by construction: a write raises, a copy is free.

A timeline hands out snapshots and keeps checkpoints that later folds start from; a
write to one of them would show in every reader's answers. Each test writes to such a
structure through one path and checks the write is refused before anything changed,
and that a copy of it takes the same write.
"""

from __future__ import annotations

import datetime as dt

import pytest

from organogram.core.changes import (
    Assign,
    CreatePost,
    CreateUnit,
    Rename,
    UnitSpec,
    step,
)
from organogram.core.dates import FuzzyDate
from organogram.core.errors import SharedStructureError
from organogram.core.model import Line, LineKind, Person, Unit
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

EARLY = FuzzyDate.parse("2016-01-01")
LATER = FuzzyDate.parse("2020-06-01")
DAY = dt.date(2021, 1, 1)


def unit(uid: str, parent: str | None, date: FuzzyDate = EARLY) -> CreateUnit:
    return CreateUnit(
        date=date, unit=UnitSpec(id=uid, name=f"Unit {uid}", kind="unit"), parent=parent
    )


def timeline() -> Timeline:
    return Timeline(
        [
            unit("hq", None),
            unit("a", "hq"),
            unit("b", "hq", LATER),
            CreatePost(date=EARLY, post="clerk", title="Clerk", unit="a"),
        ],
        {"amy": Person("amy", "Amy Pope")},
    )


def refuses(s: Structure, write) -> None:
    """``write(s)`` raises the clear error and leaves ``s`` as it was."""
    before = s.copy()
    with pytest.raises(SharedStructureError, match=r"shared read-only.*copy it"):
        write(s)
    assert s == before


WRITES = {
    "put_unit": lambda s: s.put_unit(Unit("new", "New", "unit")),
    "retire_unit": lambda s: s.retire_unit("b"),
    "set_oversight": lambda s: s.set_oversight("b", "a"),
    "retire_post": lambda s: s.retire_post("clerk"),
    "set_holders (no change)": lambda s: s.set_holders("clerk", ()),
    "add_line": lambda s: s.add_line(Line("a", "b", LineKind.FUNCTIONAL)),
    "remove_line (absent)": lambda s: s.remove_line(Line("a", "b", LineKind.FUNCTIONAL)),
    "own": lambda s: s.own("units"),
    "a change": lambda s: step(Rename(date=LATER, unit="a", name="Renamed"), s),
}
#: Writes that leave a writable structure as it was (refused all the same when shared).
NO_OPS = {"set_holders (no change)", "remove_line (absent)", "own"}


@pytest.mark.parametrize("name", WRITES)
def test_a_snapshot_refuses_every_write_and_a_copy_of_it_takes_it(name):
    write = WRITES[name]
    tl = timeline()
    snap = tl.snapshot(DAY).structure
    assert snap.frozen
    refuses(snap, write)
    mine = snap.copy()
    assert not mine.frozen
    write(mine)
    assert (mine == snap) == (name in NO_OPS)
    # The snapshot is still read-only after its copy was made, and unchanged.
    assert snap.frozen and snap == tl.snapshot(DAY).structure


def test_a_change_that_does_not_apply_reports_its_problems_on_a_snapshot_too():
    snap = timeline().snapshot(DAY).structure
    problems = step(Rename(date=LATER, unit="gone", name="X"), snap)
    assert problems and "'gone' does not exist" in problems[0]


def test_the_fold_hands_out_a_structure_of_the_callers_own():
    s, _ = timeline().fold(DAY)
    assert not s.frozen
    assert step(Assign(date=LATER, post="clerk", person="amy"), s) == []


def test_checkpoints_are_read_only_and_folds_from_them_are_not():
    tl = timeline()
    tl.CHECKPOINT_SPACING, tl.CHECKPOINTS = 1, 10**9  # a checkpoint after every change
    tl.fold()
    kept = [s for s, _ in tl._checkpoints.values()]
    assert kept and all(s.frozen for s in kept)
    refuses(kept[-1], WRITES["put_unit"])
    s, _ = tl.fold()
    s.put_unit(Unit("new", "New", "unit"))
    assert "new" not in tl.snapshot(dt.date(2030, 1, 1)).structure.units


def test_snapshots_in_a_series_are_read_only_while_held_and_the_series_goes_on():
    tl = timeline()
    seen = []
    for snap in tl.snapshots([dt.date(2017, 1, 1), DAY]):
        refuses(snap.structure, WRITES["put_unit"])
        seen.append(sorted(snap.structure.units))
    assert seen == [["a", "hq"], ["a", "b", "hq"]]
    assert not snap.structure.frozen  # lent while the series ran; the series is done


def test_read_only_lends_a_structure_for_a_block_and_a_frozen_one_stays_frozen():
    s = Structure()
    with s.read_only():
        refuses(s, WRITES["put_unit"])
    s.put_unit(Unit("x", "X", "unit"))
    s.freeze()
    with s.read_only():
        pass
    assert s.frozen
