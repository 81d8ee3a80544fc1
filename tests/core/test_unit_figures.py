"""The structure's kept figures per unit (posts and their cost), read by the rollups.

``Structure.unit_figures`` prices each unit's tally of grades once and keeps the sums;
a unit whose posts change is priced again when next asked. These tests ask after
every kind of change, on copies and on a plan's branch, and compare with the figures
counted from the posts themselves.
"""

from __future__ import annotations

from hypothesis import given

from organogram.core.changes import (
    Abolish,
    AbolishPost,
    AmendPost,
    CreatePost,
    Merge,
    Move,
    MovePost,
    RegradePost,
    Replace,
    Split,
    UnitSpec,
    step,
)
from organogram.core.model import Post
from organogram.core.plans import Plan, preview
from organogram.core.rollups import Rollup, rollup, rollups
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from .strategies import histories
from .test_rollups import COSTS, D1, D2, PROPERTY, post, unit


def counted(s: Structure, costs: dict[str, float]) -> dict[str | None, tuple[int, float]]:
    """The figures by definition: every post counted where it sits."""
    out: dict[str | None, tuple[int, float]] = {}
    for p in s.posts.values():
        count, total = out.get(p.unit, (0, 0.0))
        out[p.unit] = (count + 1, total + costs.get(p.grade, 0.0))
    return out


def brute(s: Structure, node: str, costs: dict[str, float]) -> Rollup:
    """A node's rollup by definition: the posts whose unit is in its subtree."""
    below = {n for n in s.subtree(node) if n in s.units}
    posts = [p for p in s.posts.values() if p.unit in below]
    return Rollup(len(posts), float(sum(costs.get(p.grade, 0.0) for p in posts)))


def assert_kept(s: Structure, costs: dict[str, float] = COSTS) -> None:
    """The kept figures, the node count and every rollup agree with the posts."""
    assert dict(s.unit_figures(costs)) == counted(s, costs)
    assert s.node_count() == len(list(s.nodes()))
    every = rollups(s, costs)
    assert set(every) == set(s.nodes())
    for node, value in every.items():
        assert value == rollup(s, node, costs) == brute(s, node, costs)


@PROPERTY
@given(histories())
def test_figures_kept_through_every_change_of_a_fold_match_the_posts(history):
    s = history.timeline.empty()
    assert_kept(s)  # priced from the start, so each change below makes units stale
    for change in history.timeline:
        if not step(change, s):
            assert_kept(s)
            assert_kept(s, {})  # another table: everything priced again…
            assert_kept(s)  # …and back


def record() -> list:
    return [
        post("dg", None, "D-2", senior=True),
        unit("ops", "dg"),
        unit("field", "ops"),
        unit("desk", "field"),
        unit("admin", "dg"),
        post("p1", "ops", "D-1"),
        post("p2", "field"),
        post("p3", "desk", "G-6"),
        post("p4", "desk"),
        post("p5", "admin"),
    ]


def test_figures_after_each_kind_of_change_that_moves_posts_or_units():
    """One change of each kind that moves, adds, removes or regrades posts or nodes."""
    s = Structure()
    for change in record():
        change.apply(s)
    assert_kept(s)
    kept = s.unit_figures(COSTS)
    assert s.unit_figures(dict(COSTS)) is kept  # the same table: nothing priced again
    assert kept["desk"] == (2, COSTS["G-6"] + COSTS["P-4"])
    steps = [
        MovePost(date=D2, post="p5", unit="desk"),
        RegradePost(date=D2, post="p3", grade="P-5"),
        CreatePost(date=D2, post="p6", title="p6", grade="G-5", unit="field"),
        AbolishPost(date=D2, post="p6"),
        AmendPost(date=D2, post="p1", senior=True),  # a node of the tree now
        Move(date=D2, node="desk", to="ops"),
        Merge(
            date=D2,
            units=("field", "desk"),
            into="fd",
            new=UnitSpec(id="fd", name="FD", kind="unit"),
            parent="ops",
        ),
        Split(
            date=D2,
            unit="fd",
            into=(UnitSpec(id="f", name="F", kind="unit"), UnitSpec(id="d", name="D", kind="team")),
            parents={"f": "ops", "d": "ops"},
            moves={"p2": "f", "p3": "d", "p4": "d", "p5": "f"},
        ),
        Replace(date=D2, unit="d", by="d2", new=UnitSpec(id="d2", name="D2", kind="unit")),
        MovePost(date=D2, post="p5", unit=None),
        AmendPost(date=D2, post="p1", senior=False),
        Abolish(date=D2, unit="admin"),
    ]
    for change in steps:
        change.apply(s)
        assert_kept(s)
    assert rollup(s, "dg", COSTS).headcount == 4  # p1 to p4; p5 sits in no unit
    # The DG's post and p5 sit in no unit: counted apart, under None.
    assert s.unit_figures(COSTS)[None] == (2, COSTS["D-2"] + COSTS["P-4"])


def test_a_copy_is_priced_on_its_own_and_leaves_the_original_alone():
    s = Structure()
    for change in record():
        change.apply(s)
    before = rollups(s, COSTS)
    twin = s.copy()
    MovePost(date=D2, post="p4", unit="admin").apply(twin)
    twin.put_post(Post("p7", "p7", "D-1", unit="ops"))
    assert_kept(twin)
    assert rollups(s, COSTS) == before
    assert rollup(twin, "admin", COSTS) == Rollup(2, 2 * COSTS["P-4"])
    assert rollup(s, "admin", COSTS) == Rollup(1, COSTS["P-4"])


def test_figures_on_a_plans_branch_and_on_the_record_it_leaves_alone():
    tl = Timeline(record())
    present = tl.snapshot(D1).structure
    assert_kept(present)
    plan = Plan(
        id="plan",
        title="Regroup",
        effective=D2,
        changes=[
            Merge(
                id="m",
                date=D2,
                units=("field", "desk"),
                into="fd",
                new=UnitSpec(id="fd", name="FD", kind="unit"),
                parent="ops",
            ),
            MovePost(id="mp", date=D2, post="p5", unit="fd"),
            RegradePost(id="rg", date=D2, post="p1", grade="D-2"),
        ],
    )
    view = preview(tl, plan)
    assert view.ok
    assert_kept(view.structure)
    assert rollup(view.structure, "fd", COSTS).headcount == 4
    assert rollups(tl.snapshot(D2).structure, COSTS) == rollups(present, COSTS)
    assert_kept(tl.snapshot(D2).structure)


def test_a_subtree_rollup_prices_its_own_units_and_leaves_the_rest_for_later():
    s = Structure()
    for change in record():
        change.apply(s)
    assert_kept(s)
    # Posts change in two branches; the rollup of one prices its own units only.
    MovePost(date=D2, post="p4", unit="field").apply(s)
    RegradePost(date=D2, post="p5", grade="D-1").apply(s)
    assert rollup(s, "field", COSTS) == brute(s, "field", COSTS)
    assert rollup(s, "admin", COSTS) == Rollup(1, COSTS["D-1"])
    MovePost(date=D2, post="p5", unit="desk").apply(s)
    assert rollup(s, "desk", COSTS) == brute(s, "desk", COSTS)
    assert_kept(s)  # every unit current again, admin (now empty) included
