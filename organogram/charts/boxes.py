"""The geometry a layout works in and gives back: spacing, boxes, the whole layout."""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]


@dataclass(frozen=True)
class Spacing:
    """Distances of the layout, in points, and when leaves are stacked."""

    h_gap: float = 9.0
    v_gap: float = 22.0
    stack_min: int = 1
    max_rows: int = 6
    indent: float = 7.0
    stack_gap: float = 5.0
    root_gap: float = 36.0


@dataclass
class Box:
    """Where a node is drawn: its top-left corner and size; ``stacked`` in a column."""

    id: str
    x: float
    y: float
    w: float
    h: float
    stacked: bool = False

    @property
    def cx(self) -> float:
        """The horizontal centre."""
        return self.x + self.w / 2


@dataclass
class Layout:
    """Boxes by id, the connectors as polylines, and the size of the whole."""

    boxes: dict[str, Box]
    edges: list[tuple[Point, ...]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    #: where the units no source places start, drawn apart below the tree under a
    #: heading (None: there are none).
    apart_top: float | None = None
