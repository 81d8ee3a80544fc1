"""The structure's incremental indexes give what a fresh build from its dicts gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from organogram.core.changes import step
from organogram.core.indexes import Groups, Numbering
from organogram.core.model import Post, Unit
from organogram.core.structure import Structure

from .strategies import histories

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def answers(s: Structure) -> dict[str, object]:
    """Every index answer of ``s``, for every id it knows and the top."""
    ids = sorted(
        {*s.units, *s.posts, *s.retired_units, *s.retired_posts, *s.oversight.values()}
    )
    return {
        "roots": list(s.roots()),
        "children": {n: list(s.children(n)) for n in ids},
        "reporting": {n: list(s.reporting_to(n)) for n in ids},
        "posts_in": {n: s.posts_in(n) for n in [*ids, None]},  # type: ignore[list-item]
        "grades": {n: dict(s.grade_counts(n)) for n in [*ids, None]},  # type: ignore[list-item]
        "subtree": {n: s.subtree(n) for n in ids},
    }


def fresh(s: Structure) -> Structure:
    """A copy of ``s`` whose indexes will be built from its dicts."""
    out = s.copy()
    out.drop_indexes()
    return out


@PROPERTY
@given(histories())
def test_indexes_kept_through_a_fold_answer_like_indexes_built_afterwards(history):
    s = history.timeline.empty()
    s.roots()  # build the indexes first, so every change below keeps them up to date
    for change in history.timeline:
        if not step(change, s):
            assert answers(s) == answers(fresh(s))


@PROPERTY
@given(histories())
def test_a_nodes_child_count_is_how_many_children_it_has_through_a_fold(history):
    s = history.timeline.empty()
    s.roots()
    for change in history.timeline:
        if not step(change, s):
            for node in [*s.nodes(), None]:
                assert s.child_count(node) == len(s.children(node))


def test_answers_keep_the_order_of_the_dicts():
    s = Structure()
    s.roots()
    for uid in ("a", "b", "c"):
        s.put_unit(Unit(uid, uid.upper(), "unit"))
    s.set_oversight("c", "a")
    s.set_oversight("b", "a")
    # Units are listed as the units dict holds them, whatever order they were moved in.
    assert s.children("a") == ["b", "c"]
    s.put_post(Post("dg", "Director General", senior=True))
    s.set_oversight("dg", "a")
    s.put_post(Post("clerk", "Clerk", unit="a"))
    s.set_oversight("clerk", "a")
    assert s.children("a") == ["b", "c", "dg"]  # senior posts after units
    assert s.reporting_to("a") == ["c", "b", "dg", "clerk"]  # as the oversight dict holds them
    s.retire_unit("b")
    s.put_unit(Unit("b", "B again", "unit"))
    s.set_oversight("b", "a")
    assert s.children("a") == ["c", "b", "dg"]  # back, so last among units
    assert s.posts_in("a") == ["clerk"]
    s.put_post(s.posts["clerk"].but(unit="c"))
    assert s.posts_in("a") == [] and s.posts_in("c") == ["clerk"]
    assert answers(s) == answers(fresh(s))


def test_a_copy_has_its_own_indexes():
    s = Structure()
    s.put_unit(Unit("a", "A", "unit"))
    s.put_unit(Unit("b", "B", "unit"))
    s.roots()
    c = s.copy()
    c.set_oversight("b", "a")
    assert s.children("a") == [] and c.children("a") == ["b"]


def test_groups_and_numbering():
    n = Numbering(["x", "y"])
    n.enter("z")
    n.enter("x")  # already numbered: keeps its place
    n.leave("y")
    n.enter("y")  # back: comes last
    assert sorted(n.number, key=n.number.__getitem__) == ["x", "z", "y"]
    g = Groups()
    g.add("k", "y")
    g.add("k", "x")
    assert g.ordered("k", n.number.__getitem__) == ["x", "y"]
    assert g.size("k") == 2 and g.ordered("none", n.number.__getitem__) == []
    copy = g.copy()
    g.discard("k", "x")
    assert g.ordered("k", n.number.__getitem__) == ["y"]
    assert copy.ordered("k", n.number.__getitem__) == ["x", "y"]


def test_copies_share_groups_until_either_side_changes_them():
    s = Structure()
    for uid in ("a", "b", "c"):
        s.put_unit(Unit(uid, uid.upper(), "unit"))
    s.set_oversight("b", "a")
    s.put_post(Post("x", "X", unit="a"))
    s.roots()
    c = s.copy()
    # The original changes after the copy: the copy must not see it, and the other way.
    s.set_oversight("c", "a")
    s.put_post(Post("y", "Y", unit="a"))
    c.retire_unit("b")
    c.put_post(c.posts["x"].but(unit="c"))
    assert s.children("a") == ["b", "c"] and c.children("a") == []
    assert s.posts_in("a") == ["x", "y"] and c.posts_in("a") == [] and c.posts_in("c") == ["x"]
    assert answers(s) == answers(fresh(s)) and answers(c) == answers(fresh(c))
    n = Numbering(["p", "q"])
    m = n.copy()
    n.enter("r")
    m.leave("p")
    assert n.number == {"p": 0, "q": 1, "r": 2} and m.number == {"q": 1}
