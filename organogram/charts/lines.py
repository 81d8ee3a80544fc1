"""Lines other than oversight, drawn as curves between boxes with an arrow at the end.

A line to a box above and roughly over its source (a staff unit directly supervised by
the senior post it hangs from) leaves by the source's outer side and arrives at the
same side of the target, so it runs outside the column of boxes instead of across
the trunk. Other lines leave by the top (or the side) and arrive at the side facing
them. Lines arriving at one box are spread along its side, so they do not meet in
one point.
"""

from __future__ import annotations

import math

from .layout import Box, Layout
from .model import Chart
from .scene import Curve, Group, Poly
from .style import SIDE_LINES

Point = tuple[float, float]


def side_lines_group(chart: Chart, lay: Layout) -> Group:
    """Every side line of ``chart`` whose two ends are laid out, in its style."""
    g = Group(cls="side-lines")
    drawn = [
        ln
        for ln in chart.lines
        if ln.source in lay.boxes and ln.target in lay.boxes and ln.kind in SIDE_LINES
    ]
    arriving: dict[str, list[int]] = {}
    for i, ln in enumerate(drawn):
        arriving.setdefault(ln.target, []).append(i)
    for i, ln in enumerate(drawn):
        a, b = lay.boxes[ln.source], lay.boxes[ln.target]
        mine = arriving[ln.target]
        slot = (mine.index(i) + 1) / (len(mine) + 1)
        p0, c1, c2, p1 = route(a, b, slot)
        style = SIDE_LINES[ln.kind]
        g.add(Curve(p0, c1, c2, p1, stroke=style.colour, width=0.9, dash=style.dash))
        g.add(arrow(c2, p1, style.colour))
    return g


def route(a: Box, b: Box, slot: float = 0.5) -> tuple[Point, Point, Point, Point]:
    """A cubic curve from box ``a`` to box ``b``; ``slot`` (0 to 1) places its end along
    the side of ``b`` it arrives at."""
    if b.y + b.h <= a.y:
        under = a.x < b.x + b.w + b.w / 2 and a.x + a.w > b.x - b.w / 2
        left = a.cx < b.cx
        if under:
            # Out of the outer side, up outside the column, into the same side of b.
            x0 = a.x if left else a.x + a.w
            x1 = b.x if left else b.x + b.w
            p0 = (x0, a.y + min(a.h / 2, 10.0))
            p1 = (x1, b.y + b.h * (0.25 + 0.6 * slot))
            reach = 14.0 + 0.12 * (p0[1] - p1[1])
            out = -reach if left else reach
            return (
                p0,
                (min(x0, x1) + out if left else max(x0, x1) + out, p0[1]),
                (
                    (min(x0, x1) + out if left else max(x0, x1) + out),
                    p1[1],
                ),
                p1,
            )
        # From the top of a, into the side of b that faces it.
        p0 = (a.cx, a.y)
        x1 = b.x if a.cx < b.cx else b.x + b.w
        p1 = (x1, b.y + b.h * (0.2 + 0.6 * slot))
        rise = max(24.0, (p0[1] - p1[1]) * 0.6)
        side = -40.0 if a.cx < b.cx else 40.0
        return p0, (p0[0], p0[1] - rise), (x1 + side, p1[1]), p1
    if a.y + a.h <= b.y:  # b below a: from the bottom of a to the top of b
        p0 = (a.cx, a.y + a.h)
        p1 = (b.x + b.w * (0.2 + 0.6 * slot), b.y)
        reach = max(24.0, (p1[1] - p0[1]) * 0.5)
        return p0, (p0[0], p0[1] + reach), (p1[0], p1[1] - reach), p1
    # Side by side: from the near sides, bowing upwards.
    x0 = a.x + a.w if a.cx < b.cx else a.x
    x1 = b.x if a.cx < b.cx else b.x + b.w
    y0 = a.y + min(a.h / 2, 12.0)
    y1 = b.y + b.h * (0.2 + 0.6 * slot)
    bend = max(20.0, abs(x1 - x0) * 0.4) * (1 if x1 > x0 else -1)
    return (x0, y0), (x0 + bend, y0 - 18), (x1 - bend, y1 - 18), (x1, y1)


def arrow(c2: Point, p1: Point, colour: str) -> Poly:
    """An arrowhead at ``p1``, pointing along the curve's last tangent (from ``c2``)."""
    angle = math.atan2(p1[1] - c2[1], p1[0] - c2[0])
    size, spread = 4.2, 0.45
    left = (p1[0] - size * math.cos(angle - spread), p1[1] - size * math.sin(angle - spread))
    right = (p1[0] - size * math.cos(angle + spread), p1[1] - size * math.sin(angle + spread))
    return Poly((p1, left, right), fill=colour, closed=True)
