"""networkx: the structure as of a day as a directed graph of units (parent -> child).

networkx has no notion of time, so the structure as of a day is made by reading the
effective-dated rows in Python and building the graph; posts stay in a dict (post ->
unit) with each unit's own headcount and cost as node attributes, since a million
post nodes would only slow every traversal down. Questions are then answered with
networkx's own traversals (descendants, depth-first orders, shortest path lengths).
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from ..generate import Organization
from ..rows import Rows
from ..sizes import GRADE_COST, GRADES


@dataclass
class Day:
    """A day's graph of units and where each post sits."""

    graph: nx.DiGraph
    post_unit: dict[int, int]


def _valid(rows: Rows, day: int):
    for entity, value, extra, alive, start, end in zip(
        rows.entity, rows.value, rows.extra, rows.alive, rows.valid_from, rows.valid_to, strict=True
    ):
        if alive and start <= day < end:
            yield entity, value, extra


class Graph:
    """The networkx peer over one generated organization."""

    name = "networkx"

    def __init__(self, org: Organization):
        self.org = org
        costs = [GRADE_COST[g] for g in GRADES]
        self.post_cost = [costs[g] for g in org.post_grade]

    def as_of(self, day: int) -> Day:
        g = nx.DiGraph()
        edges = []
        for unit, parent, namev in _valid(self.org.unit_rows, day):
            g.add_node(unit, namev=namev)
            if parent >= 0:
                edges.append((parent, unit))
        g.add_edges_from(edges)
        post_unit = {post: unit for post, unit, _ in _valid(self.org.post_rows, day)}
        return Day(g, post_unit)

    def prepare(self, day: Day) -> Day:
        """Each unit's posts as a node attribute (the sums are made when asked)."""
        g = day.graph
        nx.set_node_attributes(g, None, "posts")
        nodes = g.nodes
        for post, unit in day.post_unit.items():
            attrs = nodes[unit]
            if attrs["posts"] is None:
                attrs["posts"] = []
            attrs["posts"].append(post)
        return day

    @staticmethod
    def root(day: Day) -> int:
        return next(n for n, d in day.graph.in_degree() if d == 0)

    def _own(self, attrs: dict) -> tuple[int, float]:
        posts = attrs.get("posts") or ()
        cost = self.post_cost
        return len(posts), sum(cost[p] for p in posts)

    def rollup(self, day: Day, unit: int) -> tuple[int, float]:
        nodes = day.graph.nodes
        headcount, cost = 0, 0.0
        for n in nx.descendants(day.graph, unit) | {unit}:
            h, c = self._own(nodes[n])
            headcount += h
            cost += c
        return headcount, cost

    def rollups(self, day: Day) -> dict[int, tuple[int, float]]:
        g = day.graph
        nodes = g.nodes
        out: dict[int, tuple[int, float]] = {}
        for n in nx.dfs_postorder_nodes(g, self.root(day)):
            headcount, cost = self._own(nodes[n])
            for child in g.successors(n):
                h, c = out[child]
                headcount += h
                cost += c
            out[n] = (headcount, cost)
        return out

    @staticmethod
    def chains(day: Day, posts: list[int]) -> list[tuple[int, ...]]:
        up = day.graph.reverse(copy=False)
        return [tuple(nx.dfs_preorder_nodes(up, day.post_unit[p])) for p in posts]

    def diff(self, d0: int, d1: int) -> tuple[Day, Day]:
        return self.as_of(d0), self.as_of(d1)

    def series(self, unit: int, days: list[int]) -> list[tuple[int, int, float]]:
        out = []
        for d in days:
            day = self.prepare(self.as_of(d))
            headcount, cost = self.rollup(day, unit) if unit in day.graph else (0, 0.0)
            out.append((d, headcount, cost))
        return out

    @staticmethod
    def preview(base: Day, org: Organization) -> Day:
        """The base day's graph with the plan's versions applied to a copy."""
        rows = org.plan_rows
        g = base.graph.copy()
        post_unit = dict(base.post_unit)
        for unit, parent, namev, alive, _, _ in rows.units.as_tuples():
            if unit in g:
                g.remove_edges_from(list(g.in_edges(unit)))
            if not alive:
                g.remove_node(unit)
                continue
            g.add_node(unit, namev=namev)
            if parent >= 0:
                g.add_edge(parent, unit)
        for post, unit, *_ in rows.posts.as_tuples():
            post_unit[post] = unit
        return Day(g, post_unit)

    def validate(self, day: Day, span: int, depth: int) -> tuple[list[int], list[int]]:
        g = day.graph
        wide = [n for n, d in g.out_degree() if d > span]
        levels = nx.single_source_shortest_path_length(g, self.root(day), cutoff=depth)
        return wide, [n for n, level in levels.items() if level == depth]
