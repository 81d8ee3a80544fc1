"""The layout: no boxes overlap, children sit below parents, every node drawn once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from organogram.charts.build import chart_of
from organogram.charts.layout import Layout, Spacing, layout
from organogram.charts.render import draw, open_to_depth, visible


def check(lay: Layout, roots, children) -> None:
    """The layout's invariants, for any tree."""
    expected = set(roots)
    for kids in children.values():
        expected.update(kids)
    assert set(lay.boxes) == expected  # every visible node once, nothing else
    boxes = sorted(lay.boxes.values(), key=lambda b: (b.y, b.x))
    # No two boxes overlap (a sweep over their tops keeps this near-linear).
    active = []
    for box in boxes:
        active = [a for a in active if a.y + a.h > box.y + 1e-6]
        for other in active:
            apart = (
                other.x + other.w <= box.x + 1e-6
                or box.x + box.w <= other.x + 1e-6
                or other.y + other.h <= box.y + 1e-6
            )
            assert apart, f"{other} overlaps {box}"
        active.append(box)
    for parent, kids in children.items():
        p = lay.boxes[parent]
        for kid in kids:
            c = lay.boxes[kid]
            assert c.y >= p.y + p.h, f"{kid} is not below {parent}"
    for box in lay.boxes.values():
        assert box.x >= -1e-6 and box.x + box.w <= lay.width + 1e-6
        assert box.y >= -1e-6 and box.y + box.h <= lay.height + 1e-6
    for edge in lay.edges:
        for x, y in edge:
            assert -1e-6 <= x <= lay.width + 1e-6 and -1e-6 <= y <= lay.height + 1e-6


@st.composite
def trees(draw_):
    """A forest: a parent for each node (an earlier one, or none), sizes and spacing."""
    n = draw_(st.integers(1, 120))
    parents = [None]
    for i in range(1, n):
        parents.append(draw_(st.one_of(st.none(), st.integers(0, i - 1))) if i > 0 else None)
    # Mostly one root, as organizations have; forests too.
    if draw_(st.booleans()):
        parents = [None] + [p if p is not None else 0 for p in parents[1:]]
    children: dict[str, list[str]] = {}
    roots = []
    for i, p in enumerate(parents):
        if p is None:
            roots.append(f"n{i}")
        else:
            children.setdefault(f"n{p}", []).append(f"n{i}")
    sizes = {f"n{i}": (draw_(st.floats(20, 160)), draw_(st.floats(10, 80))) for i in range(n)}
    spacing = Spacing(
        stack_min=draw_(st.integers(1, 4)),
        max_rows=draw_(st.integers(1, 9)),
        h_gap=draw_(st.floats(0.5, 20)),
    )
    return roots, children, sizes, spacing


@settings(max_examples=150, deadline=None)
@given(trees())
def test_generated_trees_lay_out_without_overlaps(tree):
    roots, children, sizes, spacing = tree
    lay = layout(roots, children, sizes, spacing)
    check(lay, roots, children)


def test_a_long_chain_needs_no_recursion():
    n = 3000
    children = {f"n{i}": [f"n{i + 1}"] for i in range(n - 1)}
    lay = layout(["n0"], children, {f"n{i}": (50, 20) for i in range(n)})
    check(lay, ["n0"], children)


def test_a_wide_level_of_leaves_is_stacked_in_columns():
    children = {"top": [f"leaf{i}" for i in range(30)]}
    sizes = {"top": (80, 30), **{f"leaf{i}": (80, 30) for i in range(30)}}
    lay = layout(["top"], children, sizes, Spacing(max_rows=6))
    check(lay, ["top"], children)
    columns = {round(lay.boxes[f"leaf{i}"].x) for i in range(30)}
    assert len(columns) == 5
    assert lay.width < 30 * 80 / 4


def test_staff_leaves_flank_the_trunk_above_the_row_of_subtrees():
    children = {"dg": ["a", "b", "c", "d"], "c": ["c1"], "d": ["d1"]}
    sizes = dict.fromkeys(["dg", "a", "b", "c", "d", "c1", "d1"], (60.0, 20.0))
    lay = layout(["dg"], children, sizes)
    check(lay, ["dg"], children)
    dg, a, b, c = (lay.boxes[k] for k in ["dg", "a", "b", "c"])
    assert a.x + a.w <= dg.cx <= b.x  # one on each side of the trunk
    assert c.y > max(a.y + a.h, b.y + b.h)  # subtrees come below the staff
    assert lay.boxes["c"].y == lay.boxes["d"].y


@pytest.mark.parametrize("at", ["2016-11-30", "2021-06-30", "2022-12-31", "2024"])
def test_every_unit_of_the_iom_structure_is_drawn_once(iom, at):
    s = iom.timeline.snapshot(at).structure
    chart = chart_of(s)
    drawn = draw(chart)
    assert set(drawn.layout.boxes) == set(s.nodes())
    children, _ = visible(chart, None)
    check(drawn.layout, chart.roots, children)


def test_folded_nodes_count_what_is_under_them(iom):
    s = iom.timeline.snapshot("2022").structure
    chart = chart_of(s)
    drawn = draw(chart, open_nodes=open_to_depth(chart, 2))
    assert max(chart.depths()[n] for n in drawn.layout.boxes) == 2
    assert sum(drawn.hidden.values()) + len(drawn.layout.boxes) == len(chart.nodes)
