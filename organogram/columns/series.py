"""One node's headcount and cost at many dates (the monthly series of a department).

The first date is a :class:`~.day.Day` (a mask over every version); each later date
applies only the versions that ended or began since the one before it, found by
binary search in the versions sorted by their first and their last day. Each unit's
own headcount and cost are kept up to date by the same steps, and the node's subtree
on each date is found by climbing from every unit in force to the top at once.
Costs are added and taken away as posts come and go: exact for costs in whole units
of money (as cost tables are), within rounding otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import numpy as np

from .day import Day
from .rollups import grade_costs, own_figures
from .schema import ABSENT
from .versions import Versions, day_number


def series(
    versions: Versions,
    node: str,
    days: Iterable[dt.date],
    costs: Mapping[str, float] | None = None,
) -> list[tuple[dt.date, int, float]]:
    """(day, headcount, cost) of ``node``'s subtree on each of ``days``, earliest first."""
    wanted = sorted(set(days))
    nid = versions.nodes.find(node)
    if not wanted:
        return []
    if nid < 0:
        return [(d, 0, 0.0) for d in wanted]
    day = Day.of(versions, wanted[0])
    head, cost = (a.copy() for a in own_figures(day, costs))
    price = grade_costs(day, costs)
    out = [(wanted[0], *_sums(day, nid, head, cost))]
    previous = day_number(wanted[0])
    for d in wanted[1:]:
        now = day_number(d)
        _advance(versions, day, head, cost, price, previous, now)
        out.append((d, *_sums(day, nid, head, cost)))
        previous = now
    return out


def _window(versions: Versions, table: str, column: str, after: int, upto: int) -> np.ndarray:
    """Rows of ``table`` whose ``column`` is in ``(after, upto]``."""
    rows = versions.order(table, column)
    values = versions.tables[table].col(column)[rows]
    lo, hi = np.searchsorted(values, [after, upto], side="right")
    return rows[lo:hi]


def _advance(versions, day: Day, head, cost, price, after: int, upto: int) -> None:
    """Move ``day`` (and the units' own figures) from day ``after`` to day ``upto``."""
    u, p = versions.units, versions.posts
    # Versions in force on ``after`` that ended: the node is out until one begins again
    # (those that began after ``after`` were never applied).
    gone = _window(versions, "units", "until", after, upto)
    gone = gone[u.col("since")[gone] <= after]
    nodes = u.col("node")[gone]
    day.unit[nodes] = False
    day.parent[nodes] = ABSENT
    gone = _window(versions, "posts", "until", after, upto)
    gone = gone[p.col("since")[gone] <= after]
    nodes = p.col("node")[gone]
    _count(head, cost, day.post_unit[nodes], price[day.grade[nodes]], -1)
    day.post_unit[nodes] = ABSENT
    day.parent[nodes] = ABSENT
    day.senior[nodes] = False
    # Versions that began and still hold on ``upto``.
    new = _window(versions, "units", "since", after, upto)
    new = new[u.col("until")[new] > upto]
    nodes = u.col("node")[new]
    day.unit[nodes] = True
    day.parent[nodes] = u.col("parent")[new]
    new = _window(versions, "posts", "since", after, upto)
    new = new[p.col("until")[new] > upto]
    nodes = p.col("node")[new]
    day.post_unit[nodes] = p.col("unit")[new]
    day.parent[nodes] = p.col("parent")[new]
    day.grade[nodes] = p.col("grade")[new]
    day.senior[nodes] = p.col("senior")[new].astype(bool)
    _count(head, cost, day.post_unit[nodes], price[day.grade[nodes]], 1)


def _count(head, cost, homes: np.ndarray, prices: np.ndarray, sign: int) -> None:
    """Add (or take away) posts sitting in ``homes`` to their units' own figures."""
    placed = homes >= 0
    np.add.at(head, homes[placed], sign)
    np.add.at(cost, homes[placed], sign * prices[placed])


def _sums(day: Day, nid: int, head: np.ndarray, cost: np.ndarray) -> tuple[int, float]:
    """``nid``'s rollup on ``day``: the units in force whose climb to the top meets it."""
    tree = day.unit | day.senior
    if not tree[nid]:
        return 0, 0.0
    units = np.nonzero(day.unit)[0]
    inside = units == nid
    climbing = np.nonzero(~inside)[0]  # positions in ``units`` still on their way up
    current = units[climbing]
    while len(climbing):
        up = day.parent[current]
        # Only through the tree (units and senior posts), as the core's children go.
        ok = up >= 0
        ok[ok] = tree[up[ok]]
        climbing, up = climbing[ok], up[ok]
        hit = up == nid
        inside[climbing[hit]] = True
        climbing, current = climbing[~hit], up[~hit]
    chosen = units[inside]
    return int(head[chosen].sum()), float(cost[chosen].sum())
