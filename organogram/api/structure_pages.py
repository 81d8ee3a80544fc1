"""Parts of ``GET /api/structure``: levels below the roots, and pages of nodes.

A large organization's whole structure is megabytes of JSON (17 MB for 100,000 units);
a client asks for the top levels (``depth``), one subtree (``unit``) or a page of nodes
at a time (``limit``, ``offset``), and for everything in one answer only by saying so
(``all=true``).
"""

from __future__ import annotations

from typing import Any

#: Nodes in one answer unless asked otherwise: every node of most organizations.
DEFAULT_LIMIT = 2000
#: The most nodes one page may hold (``all=true`` sends every node instead).
MAX_LIMIT = 10000


def levels(nodes: list[dict[str, Any]]) -> list[int]:
    """Each node's level below the root of its tree in the answer (0 for a root): the
    nodes come in tree order, so a node's parent, when in the answer, comes before it."""
    level: dict[str, int] = {}
    out = []
    for node in nodes:
        n = level[node["parent"]] + 1 if node.get("parent") in level else 0
        level[node["id"]] = n
        out.append(n)
    return out


def part(data: dict[str, Any], depth: int | None, offset: int, limit: int | None) -> dict[str, Any]:
    """``data`` (a structure as :func:`~organogram.queries.structure.structure_at` gives
    it) with the nodes down to ``depth`` levels below the roots, ``limit`` of them from
    ``offset`` (None: all), and ``count`` (how many there are in all), ``offset``,
    ``limit`` and ``next`` (the offset of the next page, or None)."""
    nodes = data["nodes"]
    if depth is not None:
        nodes = [n for n, lv in zip(nodes, levels(nodes), strict=True) if lv <= depth]
    count = len(nodes)
    end = count if limit is None else offset + limit
    return {
        **data,
        "nodes": nodes[offset:end],
        "count": count,
        "offset": offset,
        "limit": limit,
        "next": end if end < count else None,
    }
