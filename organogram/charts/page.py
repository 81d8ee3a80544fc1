"""A printable page: title, date, the chart (or two side by side), legend and source line.

The page is A4 or A3 landscape; the chart is scaled to fit between the heading and
the legend, never above 125 %. The same page is written as SVG, PDF or PNG.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from .legend import legend
from .metrics import text_width, wrap
from .model import Chart
from .render import Drawn, draw_to_fit
from .scene import Group, Poly, Scene, Text
from .style import INK, MUTED

#: Landscape paper sizes, in points.
PAPERS = {"a4": (841.89, 595.28), "a3": (1190.55, 841.89)}
MARGIN = 30.0
MAX_SCALE = 1.25
GAP_BETWEEN = 28.0


@dataclass
class PageText:
    """What the page says around the chart."""

    title: str
    subtitle: str = ""
    source: str = ""
    #: headings over the charts when two are set side by side.
    headings: list[str] = field(default_factory=list)


@dataclass
class Page:
    """The composed page and what was learnt composing it."""

    scene: Scene
    #: the scale the chart is printed at (1.0: names at their nominal size).
    scale: float
    name_size: float


def page(
    charts: list[Chart],
    text: PageText,
    *,
    paper: str = "a3",
    open_nodes: Collection[str] | None = None,
    side_lines: bool = False,
) -> Page:
    """Compose one page holding ``charts`` (one, or two side by side)."""
    pw, ph = PAPERS[paper]
    root = Group()
    y = MARGIN + 16
    root.add(Text(MARGIN, y, text.title, 15.0, INK, bold=True))
    # A long subtitle (a plan's title, the page a split chart continues) wraps.
    lines = wrap(text.subtitle, pw - 2 * MARGIN, 10.0, max_lines=3) if text.subtitle else []
    for i, line in enumerate(lines):
        y += 15 if i == 0 else 12.5
        root.add(Text(MARGIN, y, line, 10.0, MUTED))
    y += 9
    root.add(Poly(((MARGIN, y), (pw - MARGIN, y)), stroke="#c9d0da", width=0.6))
    top = y + 14
    inner_w = pw - 2 * MARGIN

    footer = _footer(text.source, inner_w, ph)
    key = legend(charts, side_lines=side_lines, width=inner_w)
    bottom = ph - MARGIN - footer.height - (key.height + 12 if key.items else 0)
    key.dx, key.dy = MARGIN, bottom + 10

    n = len(charts)
    slot_w = (inner_w - GAP_BETWEEN * (n - 1)) / n
    # Headings wrap to their slot, on two lines at most.
    heads = [wrap(h, slot_w - 8, 10.0, bold=True, max_lines=2) for h in text.headings]
    heading_h = 16.0 + 12.0 * (max(map(len, heads), default=1) - 1) if heads else 0.0
    area_h = bottom - top - heading_h
    drawn = [
        draw_to_fit(c, slot_w, area_h, open_nodes=open_nodes, side_lines=side_lines) for c in charts
    ]
    scale = min(
        MAX_SCALE,
        *(min(slot_w / max(d.width, 1), area_h / max(d.height, 1)) for d in drawn),
    )
    x = MARGIN
    for i, d in enumerate(drawn):
        _place(root, d, x, top, slot_w, heading_h, scale, heads[i] if heads else [])
        x += slot_w + GAP_BETWEEN
        if i < n - 1:
            sep = x - GAP_BETWEEN / 2
            root.add(Poly(((sep, top), (sep, bottom)), stroke="#c9d0da", width=0.6))
    root.add(key, footer.group)
    return Page(Scene(pw, ph, root), scale, 7.6 * scale)


def _place(
    root: Group,
    d: Drawn,
    x: float,
    top: float,
    slot_w: float,
    heading_h: float,
    scale: float,
    heading: list[str],
) -> None:
    for i, line in enumerate(heading):
        mid = x + slot_w / 2
        root.add(Text(mid, top + 9 + 12 * i, line, 10.0, INK, bold=True, anchor="middle"))
    if not d.layout.boxes:
        note = "Nothing of this part of the structure was in force on this date."
        root.add(Text(x + slot_w / 2, top + heading_h + 40, note, 9.0, MUTED, anchor="middle"))
    d.group.dx = x + (slot_w - d.width * scale) / 2
    d.group.dy = top + heading_h
    d.group.scale = scale
    root.add(d.group)


@dataclass
class _Footer:
    group: Group
    height: float


def _footer(source: str, width: float, ph: float) -> _Footer:
    size = 6.8
    credit = "Drawn by Organogram from the dated record of changes."
    lines = wrap(source, width - text_width(credit, size) - 40, size) if source else []
    height = max(1, len(lines)) * size * 1.3
    g = Group(cls="footer")
    base = ph - MARGIN - height + size
    g.add(
        Poly(
            ((MARGIN, base - size - 4), (MARGIN + width, base - size - 4)),
            stroke="#c9d0da",
            width=0.6,
        )
    )
    for i, line in enumerate(lines):
        g.add(Text(MARGIN, base + i * size * 1.3, line, size, MUTED))
    g.add(Text(MARGIN + width, base, credit, size, MUTED, anchor="end"))
    return _Footer(g, height + 6)
