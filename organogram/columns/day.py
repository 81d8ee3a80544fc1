"""The structure on one day, read from the columns by a vectorized mask.

A :class:`Day` holds dense arrays indexed by node number: where each unit or post
reports (:data:`~.schema.ABSENT` when not in force), a unit's name, a post's unit and
grade. The children of each node of the tree (units and senior posts, as the core's
``Structure.children``) are made on first use as a compressed list (CSR). Nothing is
kept per version, and nothing per node but numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .schema import ABSENT, NONE, TOP, UNPLACED
from .versions import Versions, day_number


def in_force(since: np.ndarray, until: np.ndarray, day: int) -> np.ndarray:
    """Rows whose version holds on ``day``: ``since <= day < until``."""
    return (since <= day) & (day < until)


@dataclass
class Day:
    """Units and posts in force on one day, as arrays over node numbers."""

    day: dt.date
    versions: Versions
    #: node -> where it reports: a node, TOP, UNPLACED, or ABSENT (not in force).
    parent: np.ndarray
    #: node -> True for a unit in force (posts and absent nodes: False).
    unit: np.ndarray
    #: node -> its name (units; -1 otherwise).
    name: np.ndarray
    #: node -> the unit it sits in (posts in force; NONE for none, ABSENT otherwise).
    post_unit: np.ndarray
    #: node -> grade number (posts in force; 0 otherwise) and whether it is senior.
    grade: np.ndarray
    senior: np.ndarray
    #: cost table -> each unit's own (headcount, cost): see :func:`.rollups.own_figures`.
    figures: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, versions: Versions, at: dt.date) -> Day:
        """The structure as of ``at`` (a day), from one mask over each table."""
        d = day_number(at)
        n = len(versions.nodes)
        parent = np.full(n, ABSENT, dtype=np.int32)
        unit = np.zeros(n, dtype=bool)
        name = np.full(n, -1, dtype=np.int32)
        post_unit = np.full(n, ABSENT, dtype=np.int32)
        grade = np.zeros(n, dtype=np.int32)
        senior = np.zeros(n, dtype=bool)
        u = versions.units
        m = in_force(u.col("since"), u.col("until"), d)
        nodes = u.col("node")[m]
        parent[nodes] = u.col("parent")[m]
        unit[nodes] = True
        name[nodes] = u.col("name")[m]
        p = versions.posts
        m = in_force(p.col("since"), p.col("until"), d)
        nodes = p.col("node")[m]
        parent[nodes] = p.col("parent")[m]
        post_unit[nodes] = p.col("unit")[m]
        grade[nodes] = p.col("grade")[m]
        senior[nodes] = p.col("senior")[m].astype(bool)
        return cls(at, versions, parent, unit, name, post_unit, grade, senior)

    # --------------------------------------------------------------- the tree
    @cached_property
    def tree(self) -> np.ndarray:
        """node -> True for the nodes of the tree of oversight: units and senior posts."""
        return self.unit | self.senior

    @cached_property
    def tree_parent(self) -> np.ndarray:
        """node -> its parent in the tree, or TOP when it has none there.

        A node whose line points at the top, at an unknown place, or at something not
        in the tree (an ordinary post) heads a tree of its own, as the core's
        ``Structure.children`` lists it nowhere below another node.
        """
        p = np.where(self.tree & (self.parent >= 0), self.parent, TOP)
        up = p >= 0
        p[up] = np.where(self.tree[p[up]], p[up], TOP)
        return p

    @cached_property
    def children(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(order, offsets, counts): the children of node ``i`` are
        ``order[offsets[i]:offsets[i] + counts[i]]``."""
        p = self.tree_parent
        kids = np.nonzero(p >= 0)[0]
        order = kids[np.argsort(p[kids], kind="stable")]
        counts = np.bincount(p[kids], minlength=len(p))
        offsets = np.concatenate([[0], np.cumsum(counts)])
        return order, offsets, counts

    def below(self, nodes: np.ndarray) -> np.ndarray:
        """The children of every node in ``nodes``, concatenated (one CSR gather)."""
        order, offsets, counts = self.children
        lens = counts[nodes]
        total = int(lens.sum())
        if total == 0:
            return order[:0]
        shift = np.repeat(offsets[nodes] - np.cumsum(lens) + lens, lens)
        return order[shift + np.arange(total)]

    def subtree(self, node: int) -> np.ndarray:
        """``node`` and every tree node below it (empty when it is not in the tree)."""
        if node < 0 or not self.tree[node]:
            return np.zeros(0, dtype=np.int64)
        levels = [np.array([node], dtype=np.int64)]
        while True:
            nxt = self.below(levels[-1])
            if not len(nxt):
                return np.concatenate(levels)
            levels.append(nxt)

    def levels(self) -> list[np.ndarray]:
        """Tree nodes by depth: the tops first, then each level below (made once and
        kept with the day: do not change them)."""
        return self._levels

    @cached_property
    def _levels(self) -> list[np.ndarray]:
        out = [np.nonzero(self.tree & (self.tree_parent == TOP))[0]]
        while True:
            nxt = self.below(out[-1])
            if not len(nxt):
                return out
            out.append(nxt)

    # ---------------------------------------------------------------- answers
    def node_ids(self, nodes: np.ndarray) -> list[str]:
        """The ids of node numbers."""
        text = self.versions.nodes.text
        return [text[i] for i in nodes.tolist()]

    def units_in_force(self) -> np.ndarray:
        """Node numbers of the units in force."""
        return np.nonzero(self.unit)[0]

    def posts_in_force(self) -> np.ndarray:
        """Node numbers of the posts in force."""
        return np.nonzero(self.post_unit != ABSENT)[0]

    def placement(self, node: int) -> str | None:
        """Where ``node`` reports, as the core's ``Structure.placement`` says it."""
        from ..core.model import UNKNOWN_PLACE

        p = int(self.parent[node])
        if p in (TOP, ABSENT):
            return None
        if p == UNPLACED:
            return UNKNOWN_PLACE
        return self.versions.nodes[p]

    def sits_in(self, node: int) -> str | None:
        """The unit a post sits in (None: none)."""
        u = int(self.post_unit[node])
        return None if u in (NONE, ABSENT) else self.versions.nodes[u]
