"""Headcount and cost rolled up the tree of oversight.

A unit's *rollup* counts the posts sitting in it and in every unit below it on the
lines of oversight, and sums their standard cost (a cost per grade, given by the
caller: the core holds no salary scales). A senior post heading part of the tree rolls
up the units below it; the post itself counts in the unit it sits in, like any post.
Each unit's own posts are read from the structure's tally of grades per unit, kept up to
date as posts move, so a rollup costs a few additions per unit, not a look-up per post.

* :func:`rollup` — one node, walking its subtree: time linear in the subtree;
* :func:`rollups` — every node at once, in time linear in the structure (what a chart
  showing a figure on every box needs);
* :func:`series` — one node's rollup at many dates, from a single fold of the timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
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


def _direct(s: Structure, unit: str, costs: Mapping[str, float]) -> Rollup:
    """Posts sitting in ``unit`` itself (not below it), from the structure's grade tallies."""
    if unit not in s.units:
        return NONE
    headcount, cost = 0, 0.0
    get = costs.get
    for grade, count in s.grade_counts(unit).items():
        headcount += count
        cost += count * get(grade, 0.0)
    return Rollup(headcount, cost)


def rollup(s: Structure, node: str, costs: Mapping[str, float] | None = None) -> Rollup:
    """Headcount and cost of the posts in ``node``'s units and every unit below it.

    ``costs`` maps a grade to its standard cost; posts of other grades cost nothing.
    A node not in force rolls up nothing.
    """
    if not s.is_node(node):
        return NONE
    table = costs or {}
    headcount, cost = 0, 0.0
    for n in s.subtree(node):
        direct = _direct(s, n, table)
        headcount += direct.headcount
        cost += direct.cost
    return Rollup(headcount, cost)


def rollups(s: Structure, costs: Mapping[str, float] | None = None) -> dict[str, Rollup]:
    """The rollup of every unit and senior post, in one pass over the structure.

    Each post is read once and each node added to its parent once, children before
    parents. Nodes outside the tree from the top (under a unit no longer in force, or
    caught in a loop, which checked changes never make) are rolled up one by one.
    """
    with paused():
        return _rollups(s, costs or {})


def _rollups(s: Structure, table: Mapping[str, float]) -> dict[str, Rollup]:
    headcount: dict[str, int] = dict.fromkeys(s.nodes(), 0)
    cost: dict[str, float] = dict.fromkeys(headcount, 0.0)
    for unit in s.units:
        direct = _direct(s, unit, table)
        headcount[unit], cost[unit] = direct
    order = top_down(s)
    reached = set(order)
    for node in reversed(order):
        parent = s.oversight.get(node)
        if parent is not None and parent in reached:
            headcount[parent] += headcount[node]
            cost[parent] += cost[node]
    out = {n: Rollup(headcount[n], cost[n]) for n in order}
    for node in headcount:
        if node not in reached:
            out[node] = rollup(s, node, table)
    return out


def top_down(s: Structure) -> list[str]:
    """Every node reached from the top, breadth first: each child after its parent.

    Walked backwards, it adds every node into its parent before the parent is read,
    which is how sums over subtrees (here and in costing) are made in one pass.
    """
    order = list(s.roots())
    i = 0
    while i < len(order):
        order.extend(s.children(order[i]))
        i += 1
    return order


def series(
    timeline: Timeline,
    node: str,
    dates: Iterable[str | dt.date | FuzzyDate],
    costs: Mapping[str, float] | None = None,
) -> list[tuple[dt.date, Rollup]]:
    """The rollup of ``node`` as of each of ``dates`` (earliest first), from one fold."""
    return [(snap.day, rollup(snap.structure, node, costs)) for snap in timeline.snapshots(dates)]
