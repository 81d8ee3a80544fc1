"""What a chart shows: its nodes with their text and marks, its lines, its portfolios.

A :class:`Chart` is plain data built from a structure (see :mod:`.build`) or from two
(see :mod:`.compare`); the layout engine and the renderers read nothing else, so
they never touch the core's objects and a chart can be made by hand in tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Mark(StrEnum):
    """What a comparison says about a node."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    RECLASSIFIED = "reclassified"
    MOVED = "moved"
    MERGED = "merged"
    REPLACED = "replaced"
    SPLIT = "split"


@dataclass
class ChartNode:
    """One box: a unit or senior post, with the lines of text it carries."""

    id: str
    parent: str | None
    name: str
    kind: str
    abbreviation: str = ""
    senior: bool = False
    #: the head post's title (and grade), when the unit names one.
    head: str = ""
    #: who holds the post (or the head post): only filled when people may be shown.
    holder: str = ""
    #: posts sitting in the unit itself, and in it and every unit below (None: unknown).
    posts: int | None = None
    posts_below: int | None = None
    #: index into :attr:`Chart.portfolios`, or None outside every portfolio.
    portfolio: int | None = None
    #: comparison marks, and the sentences that go with them ("formerly …").
    marks: tuple[Mark, ...] = ()
    notes: tuple[str, ...] = ()
    #: a unit that no longer exists on the later side of an overlaid comparison.
    ghost: bool = False
    #: only possibly in force at the chart's date (a change dated to a span that goes
    #: past it made it), and why, in words ("possibly not yet in force: by June 2021").
    possible: bool = False
    possible_why: str = ""
    #: no source gives its line of oversight: drawn apart, under "Placement not recorded".
    unplaced: bool = False
    children: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The name, with the abbreviation in brackets unless the name carries it."""
        if self.abbreviation and self.abbreviation not in self.name:
            return f"{self.name} ({self.abbreviation})"
        return self.name


@dataclass(frozen=True)
class SideLine:
    """A typed line other than oversight, between two nodes of the chart."""

    source: str
    kind: str
    target: str


@dataclass(frozen=True)
class Portfolio:
    """A leadership portfolio: a senior post at the top and every node under it."""

    node: str
    label: str


@dataclass
class Chart:
    """Nodes by id (each knowing its children, in order), the roots, lines, portfolios."""

    nodes: dict[str, ChartNode]
    roots: list[str]
    lines: list[SideLine] = field(default_factory=list)
    portfolios: list[Portfolio] = field(default_factory=list)
    #: a heading drawn above the chart when charts are set side by side.
    heading: str = ""

    def subtree_sizes(self) -> dict[str, int]:
        """For every node, how many nodes its subtree holds (itself included)."""
        sizes: dict[str, int] = {}
        for node in reversed(self.order()):
            sizes[node] = 1 + sum(sizes[c] for c in self.nodes[node].children)
        return sizes

    def order(self) -> list[str]:
        """Every node reachable from the roots, parents before children (breadth first)."""
        out = list(self.roots)
        i = 0
        while i < len(out):
            out.extend(self.nodes[out[i]].children)
            i += 1
        return out

    def depths(self) -> dict[str, int]:
        """Depth of every node from its root (0 for a root)."""
        depth = dict.fromkeys(self.roots, 0)
        for node in self.order():
            for child in self.nodes[node].children:
                depth[child] = depth[node] + 1
        return depth
