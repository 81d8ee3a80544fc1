"""A laid-out chart as drawing primitives: connectors, boxes, tags and side lines."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from .content import TAG_PAD, TAG_SIZE, BoxText, tag_width
from .layout import Box, Layout
from .lines import side_lines_group
from .model import Chart, ChartNode, Mark
from .scene import Group, Lines, Poly, Rect, Text
from .style import (
    APART_HEADING,
    BOX_FILL,
    BOX_STROKE,
    EDGE,
    INK,
    MARKS,
    MUTED,
    POSSIBLE_DASH,
    POSSIBLE_FILL,
    POSSIBLE_STROKE,
    BoxStyle,
    portfolio_colour,
    portfolio_tint,
)

#: The order marks take when choosing a box's outline colour.
_OUTLINE_ORDER = (
    Mark.REMOVED,
    Mark.ADDED,
    Mark.MERGED,
    Mark.REPLACED,
    Mark.SPLIT,
    Mark.MOVED,
    Mark.RENAMED,
    Mark.RECLASSIFIED,
)


def draw_chart(
    chart: Chart,
    lay: Layout,
    texts: Mapping[str, BoxText],
    *,
    side_lines: bool = False,
    hidden: Mapping[str, int] | None = None,
    link: str = "",
    style: BoxStyle | None = None,
    only: Collection[str] | None = None,
) -> Group:
    """The chart as a group in its layout's coordinates.

    ``link``: a pattern such as ``/units/{id}/`` giving each box a link (for the web);
    ``hidden``: nodes folded under each collapsed box, for the interactive page;
    ``only``: the boxes to draw (None: all), when a page holds the others already.
    """
    st = style or BoxStyle()
    hidden = hidden or {}
    out = Group(cls="chart")
    # All connectors in one path: a large chart's page holds one element, not thousands.
    edges = Group(cls="edges")
    edges.add(Lines(tuple(tuple(e) for e in lay.edges), stroke=EDGE, width=0.7))
    out.add(edges)
    if lay.apart_top is not None:
        out.add(_apart_heading(lay))
    boxes = Group(cls="nodes")
    for node_id, box in lay.boxes.items():
        if only is not None and node_id not in only:
            continue
        node = chart.nodes[node_id]
        boxes.add(_box(node, box, texts[node_id], st, hidden.get(node_id, 0), link))
    out.add(boxes)
    if side_lines:
        out.add(side_lines_group(chart, lay))
    return out


def _box(node: ChartNode, box: Box, text: BoxText, st: BoxStyle, hidden: int, link: str) -> Group:
    colour = portfolio_colour(node.portfolio)
    outline = next((MARKS[m][0] for m in _OUTLINE_ORDER if m in node.marks), None)
    classes = ["node", *(f"mark-{m}" for m in node.marks)]
    if node.senior:
        classes.append("senior")
    if node.ghost:
        classes.append("ghost")
    possible = node.possible and not node.ghost
    if possible:
        classes.append("possible")
    if node.unplaced:
        classes.append("unplaced")
    g = Group(
        id=f"n-{node.id}",
        cls=" ".join(classes),
        attrs={"data-id": node.id, "data-parent": node.parent or ""},
        href=link.format(id=node.id) if link else "",
        title=node.possible_why if possible else "",
    )
    if node.children:
        g.attrs["data-kids"] = str(len(node.children))
        g.attrs["data-open"] = "0" if hidden else "1"
    fill = colour if node.senior else BOX_FILL
    if node.ghost:
        fill = "#f3f4f6"
    elif possible:
        fill = portfolio_tint(node.portfolio) if node.senior else POSSIBLE_FILL
    dash = (3.0, 2.0) if node.ghost else ()
    if possible:
        g.add(
            Rect(
                box.x,
                box.y,
                box.w,
                box.h,
                fill=fill,
                stroke=POSSIBLE_STROKE,
                width=0.9,
                dash=POSSIBLE_DASH,
            )
        )
    else:
        g.add(Rect(box.x, box.y, box.w, box.h, fill=fill, stroke=BOX_STROKE, width=0.5, dash=dash))
    if not node.senior and not node.ghost:
        g.add(Rect(box.x, box.y, box.w, st.band, fill=colour))
    if outline:
        g.add(Rect(box.x, box.y, box.w, box.h, stroke=outline, width=1.4, dash=dash))
    g.add(*_lines(node, box, text, st, colour))
    return g


def _lines(node: ChartNode, box: Box, text: BoxText, st: BoxStyle, colour: str) -> list:
    items: list = []
    inverse = node.senior and not node.ghost and not node.possible
    # Rows share a height: centre the text in what its row leaves it.
    y = box.y + (0 if node.senior else st.band) + st.pad_y + max(0.0, box.h - text.height) / 2
    for i, line in enumerate(text.lines):
        y += line.size * st.line
        fill = _fill(line.role, inverse, node.ghost, colour)
        baseline = y - line.size * 0.3
        if i == 0 and text.tags and line.role == "kind":
            if line.text:
                items.append(Text(box.x + st.pad_x, baseline, line.text, line.size, fill))
            items += _tags(text.tags, box.x + box.w - st.pad_x, baseline, line.size)
            continue
        items.append(
            Text(box.cx, baseline, line.text, line.size, fill, line.bold, line.italic, "middle")
        )
    return items


def _apart_heading(lay: Layout) -> Group:
    """The heading over the units no source places, and a rule between them and the tree."""
    top = lay.apart_top or 0.0
    g = Group(cls="apart")
    if top > 30:
        rule = top - 34
        g.add(Poly(((0.0, rule), (lay.width, rule)), stroke="#c9d0da", width=0.6, dash=(4.0, 3.0)))
    g.add(Text(0.0, top - 16, APART_HEADING[0], 8.0, INK, bold=True))
    g.add(Text(0.0, top - 6, APART_HEADING[1], 6.4, MUTED, italic=True))
    return g


def _fill(role: str, inverse: bool, ghost: bool, colour: str) -> str:
    if ghost:
        return MUTED
    if inverse:
        return "#ffffff" if role in ("ink", "note") else "#dfe6f0"
    roles = {"ink": INK, "muted": MUTED, "possible": MUTED, "kind": colour, "kind-only": colour}
    return roles.get(role, {"note": "#6a1b9a", "more": "#1d4f91"}.get(role, INK))


def _tags(tags: list[tuple[str, str]], right: float, baseline: float, size: float) -> list:
    items: list = []
    x = right
    for word, colour in reversed(tags):
        w = tag_width(word)
        x -= w
        top = baseline - size * 0.95
        items.append(Rect(x, top, w, size * 1.25, fill=colour))
        items.append(Text(x + TAG_PAD, top + size * 0.98, word, TAG_SIZE, "#ffffff", bold=True))
        x -= 2
    return items
