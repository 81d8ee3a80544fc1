"""How charts look: fonts, sizes, colours, line styles, and what the legend says.

Colours are chosen to print well and to stay apart in greyscale: the portfolios are
dark and of different lightness, the comparison marks are saturated, and the side
lines differ by dash pattern as well as colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Mark

#: The fonts the SVG asks for; the layout measures text with DejaVu Sans (see metrics).
FONT_FAMILY = "'DejaVu Sans', Verdana, Geneva, sans-serif"


@dataclass(frozen=True)
class BoxStyle:
    """Sizes of a box's text and padding, in points."""

    name: float = 7.6
    kind: float = 5.6
    detail: float = 6.0
    line: float = 1.22  # line height, in font sizes
    pad_x: float = 5.0
    pad_y: float = 4.0
    band: float = 3.2  # the portfolio's colour band along the top
    min_width: float = 72.0
    max_width: float = 102.0
    senior_max_width: float = 120.0
    name_lines: int = 6


#: Portfolio colours, in the order portfolios are found (the Director General's first).
PORTFOLIO_COLOURS = ("#1f3f6e", "#1c7a6c", "#b35c1e", "#6b4c9a", "#8c2d3a", "#4d6b2a")
#: Light tints of the same, for the legend's and boxes' backgrounds.
PORTFOLIO_TINTS = ("#e8eef7", "#e4f2ef", "#f8ece2", "#efeaf6", "#f5e6e8", "#eef2e6")
NO_PORTFOLIO = "#5b6675"

INK = "#1d2430"
MUTED = "#5b6675"
BOX_FILL = "#ffffff"
BOX_STROKE = "#a7b0bd"
EDGE = "#6f7a89"

#: A node only possibly in force at the chart's date: a dashed outline, a lighter fill.
POSSIBLE_STROKE = "#5b6675"
POSSIBLE_DASH = (2.6, 1.8)
POSSIBLE_FILL = "#f7f8fa"
POSSIBLE_MEANING = "possibly in force on this date (dated to a span that includes it)"

#: The heading over the units no source places, drawn apart below the tree.
APART_HEADING = (
    "Placement not recorded",
    "No source says where these units are; they are not top-level units.",
)

#: Comparison marks: colour and the word on the box's tag.
MARKS: dict[Mark, tuple[str, str]] = {
    Mark.ADDED: ("#1e7b34", "NEW"),
    Mark.REMOVED: ("#b3261e", "ABOLISHED"),
    Mark.RENAMED: ("#7b1fa2", "RENAMED"),
    Mark.RECLASSIFIED: ("#7b1fa2", "RECLASSIFIED"),
    Mark.MOVED: ("#1565c0", "MOVED"),
    Mark.MERGED: ("#c15c00", "MERGED"),
    Mark.REPLACED: ("#c15c00", "REPLACED"),
    Mark.SPLIT: ("#c15c00", "SPLIT"),
}

#: What each mark means, for the legend.
MARK_MEANINGS: dict[Mark, str] = {
    Mark.ADDED: "new unit",
    Mark.REMOVED: "abolished (shown where it was)",
    Mark.RENAMED: "renamed",
    Mark.RECLASSIFIED: "reclassified (e.g. division to department)",
    Mark.MOVED: "moved to another line of oversight",
    Mark.MERGED: "formed by or absorbed in a merger",
    Mark.REPLACED: "replaced by or replacing another unit",
    Mark.SPLIT: "split",
}


@dataclass(frozen=True)
class LineStyle:
    """How a side line is drawn and named."""

    colour: str
    dash: tuple[float, ...]
    label: str


#: Side lines by kind (other than oversight, which is the tree's own connectors).
SIDE_LINES: dict[str, LineStyle] = {
    "direct-supervision": LineStyle("#8c1d40", (), "direct supervision"),
    "administrative-support": LineStyle("#0f6e8c", (4.0, 2.0), "administrative support"),
    "functional": LineStyle("#6b4c9a", (1.2, 1.8), "functional line"),
}


def portfolio_colour(index: int | None) -> str:
    """The colour of portfolio ``index`` (a neutral grey outside every portfolio)."""
    if index is None:
        return NO_PORTFOLIO
    return PORTFOLIO_COLOURS[index % len(PORTFOLIO_COLOURS)]


def portfolio_tint(index: int | None) -> str:
    """The light tint of portfolio ``index``."""
    if index is None:
        return "#f1f3f6"
    return PORTFOLIO_TINTS[index % len(PORTFOLIO_TINTS)]
