"""Drawing primitives: what the SVG writer and the PDF/PNG renderer both draw.

A scene is a tree of groups holding rectangles, polylines, cubic curves and text,
in points, y growing downwards. Each renderer walks it the same way, so the three
formats show the same picture. Groups carry what only the interactive SVG uses (an
id, classes, data attributes, a link); other renderers ignore those.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    """A rectangle; ``stroke`` None draws no outline."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Poly:
    """A polyline (or a polygon when ``closed``, filled when ``fill``)."""

    points: tuple[Point, ...]
    stroke: str | None = None
    width: float = 0.0
    dash: tuple[float, ...] = ()
    fill: str | None = None
    closed: bool = False


@dataclass(frozen=True)
class Lines:
    """Many polylines in one stroke style: drawn as one path (one element in an SVG)."""

    polylines: tuple[tuple[Point, ...], ...]
    stroke: str
    width: float


@dataclass(frozen=True)
class Curve:
    """A cubic Bézier curve from ``p0`` to ``p1`` with control points ``c1`` and ``c2``."""

    p0: Point
    c1: Point
    c2: Point
    p1: Point
    stroke: str
    width: float
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Text:
    """One line of text; ``y`` is its baseline; ``anchor`` start, middle or end."""

    x: float
    y: float
    text: str
    size: float
    fill: str
    bold: bool = False
    italic: bool = False
    anchor: str = "start"


@dataclass
class Group:
    """Items drawn together, moved by ``dx, dy`` and scaled by ``scale`` (in that order:
    a point p is drawn at ``(dx, dy) + scale * p``)."""

    items: list[Item] = field(default_factory=list)
    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    id: str = ""
    cls: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    href: str = ""
    title: str = ""

    def add(self, *items: Item) -> Group:
        """Append items; returns the group."""
        self.items.extend(items)
        return self


Item = Rect | Poly | Lines | Curve | Text | Group


@dataclass
class Scene:
    """A page or a chart: its size in points and what is on it."""

    width: float
    height: float
    root: Group = field(default_factory=Group)
    background: str | None = "#ffffff"


def walk(
    group: Group, dx: float = 0.0, dy: float = 0.0, scale: float = 1.0
) -> Iterator[tuple[Item, float, float, float]]:
    """Every primitive under ``group`` with the offset and scale it is drawn at."""
    ox, oy, k = dx + scale * group.dx, dy + scale * group.dy, scale * group.scale
    for item in group.items:
        if isinstance(item, Group):
            yield from walk(item, ox, oy, k)
        else:
            yield item, ox, oy, k
