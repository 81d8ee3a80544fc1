"""Lineage across merges, splits and replacements: who came from whom, transitively."""

from __future__ import annotations

from .model import LineageLink

LineageIndex = tuple[dict[str, list[LineageLink]], dict[str, list[LineageLink]]]


def lineage_index(links: list[LineageLink]) -> LineageIndex:
    """Links by successor and by predecessor, for :func:`lineage_closure`."""
    back: dict[str, list[LineageLink]] = {}
    fwd: dict[str, list[LineageLink]] = {}
    for link in links:
        back.setdefault(link.successor, []).append(link)
        fwd.setdefault(link.predecessor, []).append(link)
    return back, fwd


def lineage_closure(
    links: list[LineageLink], node: str, index: LineageIndex | None = None
) -> tuple[list[LineageLink], list[LineageLink]]:
    """Follow lineage links back and forward from ``node`` (breadth first).

    ``index``: :func:`lineage_index` of ``links``, when the caller keeps one (a record
    with many merges and splits has tens of thousands of links to index each time).
    """
    back, fwd = index if index is not None else lineage_index(links)

    def walk(index: dict[str, list[LineageLink]], start: str, forward: bool) -> list[LineageLink]:
        out: list[LineageLink] = []
        seen = {start}
        frontier = [start]
        while frontier:
            nxt: list[str] = []
            for n in frontier:
                for link in index.get(n, []):
                    other = link.successor if forward else link.predecessor
                    out.append(link)
                    if other not in seen:
                        seen.add(other)
                        nxt.append(other)
            frontier = nxt
        return out

    return walk(back, node, False), walk(fwd, node, True)
