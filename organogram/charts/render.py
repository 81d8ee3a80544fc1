"""From a chart to a drawn group: which boxes are open, their text, layout and drawing."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .boxes import Box
from .content import BoxText, box_text
from .draw import draw_chart
from .layout import Layout, Spacing, layout
from .model import Chart
from .scene import Group
from .style import BoxStyle

#: Visible boxes the default view opens levels up to (a chart larger opens fewer).
DEFAULT_BUDGET = 160


@dataclass
class Drawn:
    """A chart drawn at its natural size: the group, its layout and the folded counts."""

    group: Group
    layout: Layout
    hidden: dict[str, int]

    @property
    def width(self) -> float:
        """Width in points at scale 1."""
        return self.layout.width

    @property
    def height(self) -> float:
        """Height in points at scale 1."""
        return self.layout.height


def default_open(chart: Chart, budget: int = DEFAULT_BUDGET) -> set[str] | None:
    """The nodes open at first: all (None) when the chart is small, else whole levels
    from the top while the boxes shown stay within ``budget`` (the top always open)."""
    if len(chart.nodes) <= budget:
        return None
    depths = chart.depths()
    by_level: dict[int, list[str]] = {}
    for node, d in depths.items():
        by_level.setdefault(d, []).append(node)
    opened: set[str] = set()
    shown = len(chart.roots)
    for level in sorted(by_level):
        parents = [n for n in by_level[level] if chart.nodes[n].children]
        more = sum(len(chart.nodes[n].children) for n in parents)
        if opened and shown + more > budget:
            break
        opened.update(parents)
        shown += more
    return opened


def open_to_depth(chart: Chart, depth: int) -> set[str]:
    """The nodes to open so that ``depth`` levels below the top are shown."""
    return {n for n, d in chart.depths().items() if d < depth and chart.nodes[n].children}


def visible(
    chart: Chart, open_nodes: Collection[str] | None
) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Children shown per node, and how many nodes are folded under each closed one."""
    children: dict[str, list[str]] = {}
    hidden: dict[str, int] = {}
    sizes = chart.subtree_sizes() if open_nodes is not None else {}
    stack = list(chart.roots)
    while stack:
        node = stack.pop()
        kids = chart.nodes[node].children
        if kids and (open_nodes is None or node in open_nodes):
            children[node] = kids
            stack.extend(kids)
        elif kids:
            hidden[node] = sizes[node] - 1
    return children, hidden


@dataclass
class Arranged:
    """A chart laid out with some boxes open: the layout, each box's text, folded counts."""

    layout: Layout
    texts: dict[str, BoxText]
    hidden: dict[str, int]


def arrange(
    chart: Chart,
    *,
    open_nodes: Collection[str] | None = None,
    spacing: Spacing | None = None,
    style: BoxStyle | None = None,
    texts: dict[tuple[str, int], BoxText] | None = None,
) -> Arranged:
    """Lay out ``chart`` with ``open_nodes`` open (None: every node), without drawing it."""
    children, hidden = visible(chart, open_nodes)
    shown = [*chart.roots]
    for kids in children.values():
        shown.extend(kids)
    # ``texts`` keeps boxes' text between drawings, by node and what is folded under it.
    cache = texts if texts is not None else {}
    mine: dict[str, BoxText] = {}
    for node in shown:
        key = (node, hidden.get(node, 0))
        if key not in cache:
            cache[key] = box_text(chart.nodes[node], key[1], style)
        mine[node] = cache[key]
    sizes = {n: (mine[n].width, mine[n].height) for n in shown}
    placed = [r for r in chart.roots if not chart.nodes[r].unplaced]
    apart = [r for r in chart.roots if chart.nodes[r].unplaced]
    if not apart:
        return Arranged(layout(chart.roots, children, sizes, spacing), mine, hidden)
    tree = layout(placed, children, sizes, spacing)
    parts = [layout([r], children, sizes, spacing) for r in apart]
    return Arranged(set_apart(tree, packed(parts, tree.width)), mine, hidden)


#: Room between the tree and the units set apart below it, for their heading.
APART_GAP = 46.0


#: Gaps between the units set apart, packed in rows.
APART_H_GAP, APART_V_GAP = 18.0, 26.0


def packed(parts: list[Layout], width: float) -> Layout:
    """``parts`` (each a unit set apart, with what is under it) in rows left to right, a
    row no wider than ``width`` or than a roughly square block holds, whichever is wider
    (a record whose sources place few units must not make one very long row)."""
    area = sum(p.width * p.height for p in parts)
    limit = max(width, (area**0.5) * 1.6, *(p.width for p in parts))
    boxes: dict[str, Box] = {}
    edges: list = []
    x = top = row_h = right = 0.0
    for part in parts:
        if x > 0 and x + part.width > limit:
            x, top, row_h = 0.0, top + row_h + APART_V_GAP, 0.0
        for node, b in part.boxes.items():
            boxes[node] = Box(b.id, b.x + x, b.y + top, b.w, b.h, b.stacked)
        edges += [tuple((px + x, py + top) for px, py in e) for e in part.edges]
        right = max(right, x + part.width)
        row_h = max(row_h, part.height)
        x += part.width + APART_H_GAP
    return Layout(boxes, edges, right, top + row_h)


def set_apart(tree: Layout, apart: Layout) -> Layout:
    """``apart`` (the units no source places) drawn below ``tree``, under a heading."""
    top = tree.height + APART_GAP if tree.boxes else APART_GAP - 14
    boxes = dict(tree.boxes)
    for node, b in apart.boxes.items():
        boxes[node] = Box(b.id, b.x, b.y + top, b.w, b.h, b.stacked)
    edges = tree.edges + [tuple((x, y + top) for x, y in e) for e in apart.edges]
    return Layout(
        boxes, edges, max(tree.width, apart.width, 260.0), top + apart.height, apart_top=top
    )


def draw(
    chart: Chart,
    *,
    open_nodes: Collection[str] | None = None,
    side_lines: bool = False,
    spacing: Spacing | None = None,
    link: str = "",
    style: BoxStyle | None = None,
    texts: dict[tuple[str, int], BoxText] | None = None,
    only: Collection[str] | None = None,
) -> Drawn:
    """Lay out and draw ``chart`` with ``open_nodes`` open (None: every node); with
    ``only``, draw the boxes of those nodes alone (the connectors and lines in full)."""
    done = arrange(chart, open_nodes=open_nodes, spacing=spacing, style=style, texts=texts)
    group = draw_chart(
        chart,
        done.layout,
        done.texts,
        side_lines=side_lines,
        hidden=done.hidden,
        link=link,
        style=style,
        only=only,
    )
    return Drawn(group, done.layout, done.hidden)


#: Stacking settings tried when a chart is fitted to a page: (leaves from, rows at most).
FIT_TRIALS = ((1, 6), (1, 4), (1, 8), (1, 3), (1, 10), (1, 2), (1, 14), (3, 6))


def draw_to_fit(
    chart: Chart,
    width: float,
    height: float,
    *,
    open_nodes: Collection[str] | None = None,
    side_lines: bool = False,
) -> Drawn:
    """The drawing of ``chart`` that can be printed largest in a ``width`` x ``height`` area.

    Tries a few ways of stacking leaves (short columns make a wide chart, long ones a
    tall one) and keeps the one whose scale to fit is largest; ties keep the first.
    """
    best: tuple[float, Drawn] | None = None
    texts: dict[tuple[str, int], BoxText] = {}
    trials = FIT_TRIALS if len(chart.nodes) <= 3000 else FIT_TRIALS[:2]
    for stack_min, rows in trials:
        sp = Spacing(stack_min=stack_min, max_rows=rows)
        drawn = draw(chart, open_nodes=open_nodes, side_lines=side_lines, spacing=sp, texts=texts)
        scale = min(width / max(drawn.width, 1), height / max(drawn.height, 1))
        if best is None or scale > best[0] + 1e-9:
            best = (scale, drawn)
    assert best is not None
    return best[1]
