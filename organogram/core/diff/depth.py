"""Depth on the lines of oversight, worked out only for the nodes a diff asks about.

The diff orders what it creates and moves by depth in the target, and what it abolishes
by depth in the source. Between two dates ten years apart that is most posts but few
units, so rather than walk every node of both structures up front, :class:`Depths`
walks up from a node when first asked and remembers every node on the way: a post
below a unit already asked about costs one look-up.
"""

from __future__ import annotations

from collections.abc import Mapping


class Depths:
    """Depth of nodes under ``oversight`` (0: reports to no one), computed on demand.

    A node reached on the way up that is not in force (a dangling line) counts like
    any other; a chain that loops (never made by checked changes) is cut where it
    repeats, so every node still gets a depth.
    """

    __slots__ = ("known", "oversight")

    def __init__(self, oversight: Mapping[str, str]) -> None:
        self.oversight = oversight
        self.known: dict[str, int] = {}

    def __getitem__(self, node: str) -> int:
        depth = self.known.get(node)
        if depth is not None:
            return depth
        up = self.oversight.get(node)
        if up is None:
            depth = self.known[node] = 0
            return depth
        above = self.known.get(up)
        if above is not None:  # the usual case: a post whose unit was asked about
            depth = self.known[node] = above + 1
            return depth
        return self._walk(node)

    def _walk(self, start: str) -> int:
        """Walk up from ``start`` to a node of known depth (or the top), then number down."""
        chain: list[str] = []
        seen: set[str] = set()
        node: str | None = start
        while node is not None and node not in self.known and node not in seen:
            seen.add(node)
            chain.append(node)
            node = self.oversight.get(node)
        base = self.known[node] if node is not None and node in self.known else -1
        for n in reversed(chain):
            base += 1
            self.known[n] = base
        return self.known[start]
