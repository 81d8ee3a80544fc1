"""Headcount and cost rolled up the tree of oversight, from a :class:`~.day.Day`.

The same figures as :mod:`organogram.core.rollups`: a node's rollup counts the posts
sitting in the units of its subtree and sums their grades' costs. Each unit's own
figures are one ``bincount`` over the posts in force; a subtree is gathered level by
level; every node's rollup adds each level into the one above, deepest first.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .day import Day


def grade_costs(day: Day, costs: Mapping[str, float] | None) -> np.ndarray:
    """grade number -> its cost in ``costs`` (grades not in it cost nothing)."""
    table = costs or {}
    return np.array([float(table.get(g, 0.0)) for g in day.versions.grades.text])


def own_figures(day: Day, costs: Mapping[str, float] | None) -> tuple[np.ndarray, np.ndarray]:
    """node -> (posts sitting in it, their cost): nonzero for units only.

    Kept on the day for each cost table, as the core keeps each unit's figures on its
    structure: a rollup of one subtree then reads no more than its nodes.
    """
    key = tuple(sorted((costs or {}).items()))
    kept = day.figures.get(key)
    if kept is None:
        kept = day.figures[key] = _own_figures(day, costs)
    return kept


def _own_figures(day: Day, costs: Mapping[str, float] | None) -> tuple[np.ndarray, np.ndarray]:
    n = len(day.parent)
    placed = np.nonzero(day.post_unit >= 0)[0]
    homes = day.post_unit[placed]
    keep = day.unit[homes]  # a post counts in a unit in force (the core's ``n in units``)
    homes, placed = homes[keep], placed[keep]
    headcount = np.bincount(homes, minlength=n).astype(np.int64)
    weights = grade_costs(day, costs)[day.grade[placed]]
    # float64 even with no posts (bincount of nothing gives integers).
    cost = np.bincount(homes, weights=weights, minlength=n).astype(np.float64)
    return headcount, cost


def rollup(day: Day, node: str, costs: Mapping[str, float] | None = None) -> tuple[int, float]:
    """Headcount and cost of ``node``'s subtree; (0, 0.0) for a node not in the tree."""
    nid = day.versions.nodes.find(node)
    below = day.subtree(nid)
    if not len(below):
        return 0, 0.0
    headcount, cost = own_figures(day, costs)
    return int(headcount[below].sum()), float(cost[below].sum())


def rollups(
    day: Day, costs: Mapping[str, float] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every tree node (unit or senior post) with its subtree's headcount and cost."""
    headcount, cost = (a.copy() for a in own_figures(day, costs))
    n = len(day.parent)
    levels = day.levels()
    up = day.tree_parent
    for level in reversed(levels[1:]):
        headcount += np.bincount(up[level], weights=headcount[level], minlength=n).astype(np.int64)
        cost += np.bincount(up[level], weights=cost[level], minlength=n)
    nodes = np.concatenate(levels)
    return nodes, headcount[nodes], cost[nodes]
