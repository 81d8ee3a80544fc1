"""The diff's bookkeeping for large structures gives what the plain definitions give.

The diff works out depths only for the nodes it asks about, sorts many nodes at once
by depth in the target, and finds the posts that change in one pass; each is checked
here against the slow, obvious definition on random structures.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.core.changes.posts import AMENDABLE
from organogram.core.dates import FuzzyDate
from organogram.core.diff.depth import Depths
from organogram.core.diff.plain import _changed_posts, _Differ
from organogram.core.model import Post, Unit
from organogram.core.structure import Structure

from .strategies import structures

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WHEN = FuzzyDate.parse("2030-01-01")


def depth_by_walking(oversight: dict[str, str], node: str) -> int:
    """How many lines lead up from ``node`` to the top (no loops here)."""
    depth = 0
    while node in oversight:
        node = oversight[node]
        depth += 1
    return depth


@PROPERTY
@given(structures(), st.randoms(use_true_random=False))
def test_depths_asked_in_any_order_are_the_number_of_lines_to_the_top(s, rnd):
    nodes = [*s.units, *s.posts]
    rnd.shuffle(nodes)
    depths = Depths(s.oversight)
    assert {n: depths[n] for n in nodes} == {n: depth_by_walking(s.oversight, n) for n in nodes}


def test_a_dangling_line_counts_and_a_loop_is_cut_where_it_repeats():
    depths = Depths({"p": "gone", "a": "b", "b": "c", "c": "a"})
    assert depths["p"] == 1 and depths["gone"] == 0
    # Asked from "a": the walk goes a, b, c and stops at a again; "c" is taken as the top.
    assert (depths["a"], depths["b"], depths["c"]) == (2, 1, 0)


@PROPERTY
@given(structures(), structures(), st.randoms(use_true_random=False))
def test_many_nodes_sorted_at_once_come_in_the_order_of_one_node_at_a_time(a, b, rnd):
    differ = _Differ(a, b, WHEN)
    nodes = {n for n in [*b.units, *b.posts] if rnd.random() < 0.7}
    assert differ.by_depth_b(nodes) == sorted(nodes, key=differ.order_b)


@PROPERTY
@given(structures(), structures())
def test_the_posts_found_changing_in_one_pass_are_those_that_differ(a, b):
    kept = sorted(a.posts.keys() & b.posts.keys())
    resited, misfiled, edited = _changed_posts(a, b)
    moved = [p for p in kept if a.posts[p].unit != b.posts[p].unit]
    assert sorted(resited) == moved
    assert sorted(misfiled) == [p for p in moved if b.posts[p].unit not in (None, *b.units)]
    fields = ("grade", *AMENDABLE)
    assert sorted(edited) == [
        p for p in kept if any(getattr(a.posts[p], f) != getattr(b.posts[p], f) for f in fields)
    ]


def test_a_post_no_change_touched_is_passed_over_and_a_changed_one_is_found():
    a = Structure(
        units={"u": Unit("u", "U", "division"), "v": Unit("v", "V", "division")},
        posts={"same": Post("same", "Clerk", unit="u"), "moved": Post("moved", "Clerk", unit="u")},
    )
    b = a.copy()
    b.put_post(b.posts["moved"].but(unit="v", grade="P-3"))
    b.put_post(b.posts["same"].but())  # a new version, equal in every attribute
    assert _changed_posts(a, b) == (["moved"], [], ["moved"])
