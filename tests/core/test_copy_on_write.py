"""Copies of a structure share its containers until one side writes, and never leak.

:meth:`Structure.copy` hands the copy the original's dicts, set and list; whichever
side first writes to one of them duplicates it then. Each test here writes through one
path (a mutation method, a change that used to write a container directly, or a write
after :meth:`Structure.own`) to one side and checks that the other side, and a
timeline's checkpoints, saw nothing, and that the side written to reads as a structure
built without any copy would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from organogram.core.changes import (
    AbolishPost,
    AddLine,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Replace,
    Split,
    UnitSpec,
    Vacate,
)
from organogram.core.dates import FuzzyDate
from organogram.core.model import (
    Assignment,
    Line,
    LineageLink,
    LineKind,
    Person,
    Post,
    PostStatus,
    Unit,
)
from organogram.core.plans import Plan, PlanStatus, preview
from organogram.core.structure import SHARED, Structure
from organogram.core.timeline import Timeline

EARLY = FuzzyDate.parse("2016-01-01")
LATER = FuzzyDate.parse("2020-06-01")
DATE = FuzzyDate.parse("2021-10-01")
PEOPLE = {"amy": Person("amy", "Amy Pope"), "ugo": Person("ugo", "Ugochi Daniels")}
SIDE = LineKind.FUNCTIONAL


def unit(uid: str, parent: str | None, date: FuzzyDate = EARLY) -> CreateUnit:
    return CreateUnit(
        date=date, unit=UnitSpec(id=uid, name=f"Unit {uid}", kind="unit"), parent=parent
    )


def history() -> list[Change]:
    """Changes that leave something in every container of the structure."""
    return [
        CreatePost(date=EARLY, post="dg", title="Director General", senior=True),
        CreatePost(date=EARLY, post="ddg", title="Deputy", senior=True, reports_to="dg"),
        unit("doe", "dg"),
        unit("prd", "doe"),
        unit("dtm", "prd"),
        unit("old", "doe"),
        unit("lost", "unknown"),
        CreatePost(date=EARLY, post="head", title="Head", grade="P-5", unit="prd"),
        CreatePost(date=EARLY, post="clerk", title="Clerk", grade="G-5", unit="dtm"),
        CreatePost(date=EARLY, post="gone", title="Gone", grade="P-2", unit="dtm"),
        CreatePost(date=EARLY, post="empty", title="Empty", grade="P-2", unit="dtm"),
        CreatePost(
            date=EARLY, post="aide", title="Aide", grade="P-3", unit="doe", reports_to="ddg"
        ),
        AddLine(date=LATER, source="dtm", kind=SIDE, target="ddg"),
        Assign(date=LATER, post="head", person="amy"),
        AbolishPost(date=LATER, post="gone"),
        Vacate(date=LATER, post="empty"),
        Merge(id="m0", date=LATER, units=("old", "dtm"), into="dtm"),
    ]


def rich() -> Structure:
    """A structure with something in every container, built without any copy."""
    s = Structure(people=dict(PEOPLE))
    for change in history():
        change.apply(s)
    assert all(getattr(s, name) for name in SHARED), "every container holds something"
    return s


def state(s: Structure) -> dict[str, object]:
    """Everything a reader can see of ``s``: its containers in order, and its indexes."""
    out: dict[str, object] = {
        name: list(c.items()) if isinstance(c, dict) else c.copy()
        for name in SHARED
        for c in [getattr(s, name)]
    }
    nodes = [*s.units, *s.posts, ""]
    out["roots"] = s.roots()
    out["children"] = {n: s.children(n) for n in nodes}
    out["reporting"] = {n: s.reporting_to(n) for n in nodes}
    out["posts_in"] = {u: s.posts_in(u) for u in s.units}
    out["grades"] = {u: dict(s.grade_counts(u)) for u in s.units}
    out["nodes"] = (s.node_count(), list(s.nodes()))
    return out


def _write_into(s: Structure, name: str) -> None:
    """Write straight into one container, after taking ownership as outside code must."""
    s.own(name)
    container = getattr(s, name)
    if name == "lines":
        container.add(Line("prd", SIDE, "dg"))
    elif name == "lineage":
        container.append(LineageLink("prd", "doe", "merge", DATE, "x"))
    elif name == "oversight":
        container["clerk"] = "head"
    elif name == "holders":
        container["clerk"] = (Assignment("clerk", "ugo"),)
    elif isinstance(container, set):
        container.discard(next(iter(container)))
    else:
        del container[next(iter(container))]


Mutation = Callable[[Structure], None]

MUTATIONS: dict[str, Mutation] = {
    "put_unit new": lambda s: s.put_unit(Unit("new", "New", "unit")),
    "put_unit replace": lambda s: s.put_unit(s.units["prd"].but(name="Renamed")),
    "put_unit back from retired": lambda s: s.put_unit(s.retired_units["old"]),
    "retire_unit": lambda s: s.retire_unit("dtm"),
    "set_oversight": lambda s: s.set_oversight("dtm", "doe"),
    "set_oversight to the top": lambda s: s.set_oversight("prd", None),
    "set_oversight to an unknown place": lambda s: s.set_oversight("prd", "unknown"),
    "set_oversight of an unplaced node": lambda s: s.set_oversight("lost", "doe"),
    "set_holders declared vacant": lambda s: s.set_holders("head", (), vacant=True),
    "put_post new senior": lambda s: s.put_post(Post("new", "New", senior=True)),
    "put_post regrade": lambda s: s.put_post(s.posts["clerk"].but(grade="G-6")),
    "put_post to another unit": lambda s: s.put_post(s.posts["clerk"].but(unit="doe")),
    "put_post senior": lambda s: s.put_post(s.posts["aide"].but(senior=True)),
    "put_post back from retired": lambda s: s.put_post(s.retired_posts["gone"]),
    "retire_post": lambda s: s.retire_post("ddg"),
    "retire_post held, kept version": lambda s: s.retire_post(
        "head", s.posts["head"].but(status=PostStatus.ABOLISHED)
    ),
    "set_holders": lambda s: s.set_holders("clerk", (Assignment("clerk", "ugo"),)),
    "set_holders vacant": lambda s: s.set_holders("head", ()),
    "add_line": lambda s: s.add_line(Line("prd", SIDE, "dg")),
    "remove_line": lambda s: s.remove_line(Line("dtm", SIDE, "ddg")),
    "add_lineage": lambda s: s.add_lineage(LineageLink("prd", "doe", "merge", DATE, "x")),
    # The changes that used to write into a container directly.
    "AbolishPost": lambda s: AbolishPost(date=DATE, post="clerk").apply(s),
    "Merge": lambda s: Merge(date=DATE, units=("dtm", "prd"), into="prd").apply(s),
    "Split": lambda s: Split(
        date=DATE, unit="dtm", into=(UnitSpec(id="fmu", name="Flow", kind="unit"),)
    ).apply(s),
    "Replace": lambda s: Replace(date=DATE, unit="dtm", by="prd").apply(s),
    "Vacate": lambda s: Vacate(date=DATE, post="head", person="amy").apply(s),
    **{f"own {name} and write": (lambda s, n=name: _write_into(s, n)) for name in SHARED},
}


def expected(mutation: Mutation) -> dict[str, object]:
    """What a structure built with no copy looks like after ``mutation``."""
    s = rich()
    mutation(s)
    return state(s)


def test_a_copy_shares_every_container_until_one_side_writes_to_it():
    s = rich()
    c = s.copy()
    assert all(getattr(c, name) is getattr(s, name) for name in SHARED)
    c.put_unit(s.units["prd"].but(name="Renamed"))
    assert c.units is not s.units and s.units["prd"].name == "Unit prd"
    assert all(getattr(c, name) is getattr(s, name) for name in SHARED if name != "units")
    s.add_line(Line("prd", SIDE, "dg"))  # the original duplicates what it writes too
    assert s.lines is not c.lines and Line("prd", SIDE, "dg") not in c.lines
    units = c.units
    c.put_unit(Unit("new", "New", "unit"))
    assert c.units is units, "a container once owned is written in place"


@pytest.mark.parametrize("indexed", [False, True], ids=["no indexes", "indexes built"])
@pytest.mark.parametrize("name", list(MUTATIONS))
def test_writes_to_a_copy_never_show_in_the_original(name, indexed):
    s = rich()
    before = state(s) if indexed else state(rich())
    c = s.copy()
    MUTATIONS[name](c)
    assert state(s) == before
    assert state(c) == expected(MUTATIONS[name]) != before


@pytest.mark.parametrize("indexed", [False, True], ids=["no indexes", "indexes built"])
@pytest.mark.parametrize("name", list(MUTATIONS))
def test_writes_to_the_original_never_show_in_a_copy(name, indexed):
    s = rich()
    if indexed:
        state(s)
    c = s.copy()
    before = state(c)
    MUTATIONS[name](s)
    assert state(c) == before
    assert state(s) == expected(MUTATIONS[name])


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_copies_of_copies_stay_apart(name):
    s = rich()
    state(s)
    c1 = s.copy()
    c2 = c1.copy()
    before = state(s)
    MUTATIONS[name](c1)
    assert state(s) == before and state(c2) == before
    MUTATIONS[name](c2)
    assert state(s) == before and state(c1) == state(c2) == expected(MUTATIONS[name])


def test_owning_a_container_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="'people'"):
        rich().copy().own("people")


# ------------------------------------------------------------------ timelines


def scramble(s: Structure) -> None:
    """Write to every container of ``s`` through every mutation method."""
    for post in list(s.posts):
        s.retire_post(post)
    for u in list(s.units):
        s.retire_unit(u)
    s.put_unit(Unit("x", "X", "unit"))
    s.put_post(Post("y", "Y", unit="x", senior=True))
    s.set_oversight("x", "y")
    s.set_holders("y", (Assignment("y", "amy"),))
    s.add_line(Line("x", SIDE, "y"))
    s.add_lineage(LineageLink("x", "y", "merge", DATE, "z"))
    s.own("retired_units", "retired_posts")
    s.retired_units.clear()
    s.retired_posts.clear()


def timeline_changes() -> list[Change]:
    """The history, then later changes through every path that writes a container."""
    return [
        *history(),
        unit("ppd", "doe", DATE),
        CreatePost(date=DATE, post="new", title="New", unit="ppd"),
        Assign(date=DATE, post="clerk", person="ugo"),
        AbolishPost(date=FuzzyDate.parse("2022-01-01"), post="aide"),
        Merge(id="m1", date=FuzzyDate.parse("2022-02-01"), units=("dtm", "ppd"), into="ppd"),
        Replace(id="r1", date=FuzzyDate.parse("2023-03-01"), unit="prd", by="ppd"),
    ]


def reference(day: dt.date | None) -> dict[str, object]:
    """The state as of ``day`` from a timeline that keeps no checkpoint."""
    tl = Timeline(timeline_changes(), PEOPLE)
    tl.CHECKPOINTS = 0
    s, failures = tl.fold(day)
    assert not failures
    return state(s)


PRESENT = dt.date(2030, 1, 1)
DAYS = [dt.date(2019, 1, 1), dt.date(2021, 12, 31), dt.date(2022, 6, 1), None]


def test_changing_snapshots_leaves_the_checkpoints_and_later_snapshots_right():
    tl = Timeline(timeline_changes(), PEOPLE)
    tl.CHECKPOINT_SPACING, tl.CHECKPOINTS = 1, 10**9  # a checkpoint after every change
    tl.fold()
    kept = {k: state(s) for k, (s, _) in tl._checkpoints.items()}
    assert len(kept) == len(timeline_changes())
    for _ in range(2):
        for day in DAYS:
            snap = tl.fold(day)[0]
            assert state(snap) == reference(day)
            scramble(snap)
    assert {k: state(s) for k, (s, _) in tl._checkpoints.items()} == kept


def test_a_snapshot_handed_out_is_not_changed_by_later_folds_and_previews():
    tl = Timeline(timeline_changes(), PEOPLE)
    tl.CHECKPOINT_SPACING, tl.CHECKPOINTS = 3, 10**9
    held = [(day, tl.snapshot(day).structure) for day in (dt.date(2021, 12, 31), PRESENT)]
    plan = Plan(
        id="p",
        title="Plan",
        effective=FuzzyDate.parse("2024-01-01"),
        status=PlanStatus.DRAFT,
        changes=[
            Split(
                date=FuzzyDate.parse("2024-01-01"),
                unit="ppd",
                into=(UnitSpec(id="fmu", name="Flow", kind="unit"),),
                keep=True,
            ),
            AbolishPost(date=FuzzyDate.parse("2024-01-01"), post="new"),
        ],
    )
    view = preview(tl, plan)
    assert view.ok and "fmu" in view.structure.units and "new" in view.structure.retired_posts
    for day in DAYS:
        tl.fold(day)
    scramble(view.structure)
    for day, s in held:
        assert state(s) == reference(day)
    assert state(preview(tl, plan).base) == reference(dt.date(2024, 1, 1))
