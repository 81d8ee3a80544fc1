"""Which levels of a tree of oversight are sent at once.

A small organization's tree is sent whole. A large one's whole tree is megabytes of HTML
on every request, so only its top levels are sent, as many as fit within
:func:`tree_units` units; a node whose children are not sent is *lazy*: it says how many
units are under it, and its children are fetched when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

#: Levels of the tree shown open at first; deeper ones open on demand.
OPEN_DEPTH = 2


def tree_units() -> int:
    """The most units one tree (or one fetched branch) sends at once: above it, only the
    top levels are sent (setting ``ORGANOGRAM_TREE_UNITS``)."""
    return int(settings.ORGANOGRAM_TREE_UNITS)


@dataclass(frozen=True)
class TreeIndex:
    """A structure's nodes by id, each node's children in tree order, and how many units
    are under each (made once per structure: every lazy branch asks it)."""

    nodes: dict[str, dict[str, Any]]
    children: dict[str, list[str]]
    roots: list[str]
    under: dict[str, int]


def index_tree(nodes: list[dict[str, Any]]) -> TreeIndex:
    """Index ``nodes`` (in tree order, each with ``parent``); a node whose parent is not
    among them is a root."""
    by_id = {n["id"]: n for n in nodes}
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for n in nodes:
        parent = n["parent"] if n["parent"] in by_id else None
        (children.setdefault(parent, []) if parent else roots).append(n["id"])
    # Top down from the roots, then counted bottom up; nodes caught in a cycle are not
    # reached from a root, and are not shown (as in the whole tree).
    order: list[str] = []
    stack = list(reversed(roots))
    while stack:
        nid = stack.pop()
        order.append(nid)
        stack.extend(reversed(children.get(nid, [])))
    under: dict[str, int] = {}
    for nid in reversed(order):
        under[nid] = sum(1 + under[c] for c in children.get(nid, []))
    return TreeIndex(by_id, children, roots, under)


def levels_that_fit(index: TreeIndex, tops: list[str], limit: int, least: int) -> int:
    """The deepest level below ``tops`` (level 0) such that the levels down to it hold at
    most ``limit`` nodes, but at least ``least``; every level when all fit."""
    level, total, depth = tops, len(tops), 0
    while True:
        below = [c for nid in level for c in index.children.get(nid, [])]
        if not below:
            return depth
        if total + len(below) > limit and depth >= least:
            return depth
        level, total, depth = below, total + len(below), depth + 1


def shape(
    index: TreeIndex, tops: list[str], *, limit: int, least: int, open_depth: int
) -> list[dict[str, Any]]:
    """The nodes ``tops`` and their descendants down to the levels that fit ``limit`` (at
    least ``least`` levels below them), nested for the templates.

    Each node gets ``children``, ``depth`` and ``open`` (its depth under ``open_depth``);
    one whose children are not sent gets ``lazy``, ``child_count`` and ``under``.
    """
    last = levels_that_fit(index, tops, limit, least)

    def node(nid: str, depth: int) -> dict[str, Any]:
        kids = index.children.get(nid, [])
        made = {**index.nodes[nid], "depth": depth, "open": depth < open_depth}
        if kids and depth >= last:
            made.update(
                children=[], lazy=True, open=False, child_count=len(kids), under=index.under[nid]
            )
        else:
            made["children"] = [node(c, depth + 1) for c in kids]
        return made

    return [node(t, 0) for t in tops]


def top_levels(
    index: TreeIndex, limit: int, open_depth: int = OPEN_DEPTH
) -> list[dict[str, Any]]:
    """The tree's roots, nested: the whole tree when it holds at most ``limit`` units,
    else its top levels (at least the roots and their children); the first
    ``open_depth`` levels open."""
    return shape(index, index.roots, limit=limit, least=1, open_depth=open_depth)


def build_tree(
    nodes: list[dict[str, Any]], limit: int | None = None, open_depth: int = OPEN_DEPTH
) -> list[dict[str, Any]]:
    """Nest nodes (in tree order, each with ``parent``) under their parents, as
    :func:`top_levels` (the whole tree when ``limit`` is None). Returns the roots."""
    return top_levels(index_tree(nodes), len(nodes) if limit is None else limit, open_depth)


def branch(index: TreeIndex, nid: str, limit: int) -> list[dict[str, Any]]:
    """The children of ``nid``, with as many levels under them as fit ``limit`` (all
    closed: the reader opened one node, not its descendants)."""
    return shape(index, index.children.get(nid, []), limit=limit, least=0, open_depth=0)
