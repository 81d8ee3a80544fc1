"""Headcount and cost rolled up the tree of oversight.

A unit's *rollup* counts the posts sitting in it and in every unit below it on the
lines of oversight, and sums their standard cost (a cost per grade, given by the
caller: the core holds no salary scales). A senior post heading part of the tree rolls
up the units below it; the post itself counts in the unit it sits in, like any post.
Each unit's own headcount and cost are read from the structure (``unit_figures``: its
tally of grades per unit, priced once per cost table and again only where posts moved),
so a rollup costs a look-up and two additions per unit, not a look-up per post.

* :func:`rollup` — one node, walking its subtree: time linear in the subtree;
* :func:`rollups` — every node at once, in time linear in the structure (what a chart
  showing a figure on every box needs);
* :func:`series` — one node's rollup at many dates, from a single fold of the timeline.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Mapping
from itertools import repeat
from typing import NamedTuple

from .collector import paused
from .dates import FuzzyDate
from .structure import Structure
from .timeline import Timeline


class Rollup(NamedTuple):
    """Posts in a subtree and the sum of their standard cost."""

    headcount: int
    cost: float


NONE = Rollup(0, 0.0)


def rollup(s: Structure, node: str, costs: Mapping[str, float] | None = None) -> Rollup:
    """Headcount and cost of the posts in ``node``'s units and every unit below it.

    ``costs`` maps a grade to its standard cost; posts of other grades cost nothing.
    A node not in force rolls up nothing.
    """
    if not s.is_node(node):
        return NONE
    below = s.subtree(node)
    figures = s.unit_figures(costs or {}, below)
    units = s.units
    headcount, cost = 0, 0.0
    for n in below:
        direct = figures.get(n)
        if direct is not None and n in units:
            headcount += direct[0]
            cost += direct[1]
    return Rollup(headcount, cost)


def rollups(s: Structure, costs: Mapping[str, float] | None = None) -> dict[str, Rollup]:
    """The rollup of every unit and senior post, in one pass over the structure.

    Each unit's own figures are read once and each node added to its parent once,
    children before parents. Nodes outside the tree from the top (under a unit no
    longer in force, or caught in a loop, which checked changes never make) are rolled
    up one by one.
    """
    with paused():
        return _rollups(s, costs or {})


def _rollups(s: Structure, table: Mapping[str, float]) -> dict[str, Rollup]:
    figures = s.unit_figures(table)
    units = s.units
    order, above = s.top_down_with_parents()
    # Positions, not names: each node is added into its parent's list item, children
    # before parents (the order walked backwards), without a dictionary look-up.
    nothing = (0, 0.0)
    own = [
        figures.get(n, nothing) if n in units else nothing for n in order
    ]
    # Machine numbers: adding into them makes no lasting objects scattered in memory.
    headcount = array("q", [pair[0] for pair in own])
    cost = array("d", [pair[1] for pair in own])
    for i in range(len(order) - 1, -1, -1):
        parent = above[i]
        if parent >= 0:
            headcount[parent] += headcount[i]
            cost[parent] += cost[i]
    # Rollups made in C (tuple.__new__ is what Rollup(...) calls): a tenth of the time.
    pairs = zip(headcount, cost, strict=True)
    out = dict(zip(order, map(tuple.__new__, repeat(Rollup), pairs), strict=True))
    if len(out) < s.node_count():
        for node in s.nodes():
            if node not in out:
                out[node] = rollup(s, node, table)
    return out


def top_down(s: Structure) -> list[str]:
    """Every node reached from the top, breadth first (see :meth:`Structure.top_down`)."""
    return s.top_down()


def series(
    timeline: Timeline,
    node: str,
    dates: Iterable[str | dt.date | FuzzyDate],
    costs: Mapping[str, float] | None = None,
) -> list[tuple[dt.date, Rollup]]:
    """The rollup of ``node`` as of each of ``dates`` (earliest first), from one fold."""
    with paused():  # the fold and the rollups make many objects, none in a cycle
        snaps = timeline.snapshots(dates)
        return [(snap.day, rollup(snap.structure, node, costs)) for snap in snaps]
