"""The layout of an organization chart: a tidy top-down tree, compact where it is wide.

Three passes over the boxes, each linear in their number (up to contour lengths):

1. *top down*: which children hang as a subtree and which are stacked, and every box's
   height and top. A node's leaf children are not set side by side but stacked in
   columns hanging from a spine, as organization charts do (``stack_min`` sets from
   how many leaves; by default one); when the node also has children with children of
   their own, its leaves (even one) flank its trunk, as staff offices do, and the
   subtrees come in a row below.
   Boxes of one depth outside the stacks share a height, so each row is aligned.
2. *bottom up*: each subtree's contour (see :mod:`.contour`); siblings are placed
   left to right as close as their contours allow, and the parent centred over them.
3. *top down*: absolute positions, and the connectors.

The input is generic (ids, children, sizes), so the engine is tested on generated
trees as well as on charts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .boxes import Box, Layout, Point, Spacing
from .contour import Band, merge, separation, shifted
from .stacks import Block, block_edges, size_block

__all__ = ["Box", "Layout", "Spacing", "layout"]


def layout(
    roots: Sequence[str],
    children: Mapping[str, Sequence[str]],
    sizes: Mapping[str, tuple[float, float]],
    spacing: Spacing | None = None,
) -> Layout:
    """Lay out the trees under ``roots``: ``children`` gives each node's visible children
    in order, ``sizes`` each node's (width, height) before rows are aligned."""
    sp = spacing or Spacing()
    if not roots:
        return Layout({})
    rest, blocks = _classify(roots, children, sp)
    order = _breadth_first(roots, rest)
    heights = _row_heights(order, roots, rest, sizes)
    tops = _tops(order, roots, rest, blocks, heights, sizes, sp)
    rel, contours = _place(order, rest, blocks, tops, heights, sizes, sp)
    return _assemble(roots, order, rest, blocks, rel, contours, tops, heights, sizes, sp)


def _classify(roots, children, sp: Spacing) -> tuple[dict[str, list[str]], dict[str, Block]]:
    """Children hung as subtrees (``rest``) and stacked leaves (``blocks``), per node."""
    rest: dict[str, list[str]] = {}
    blocks: dict[str, Block] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        kids = list(children.get(node, ()))
        leaves = [c for c in kids if not children.get(c)]
        # Beside subtrees, even one leaf flanks the trunk rather than take a column.
        mixed = len(leaves) < len(kids)
        if leaves and (mixed or len(leaves) >= sp.stack_min):
            chosen = set(leaves)
            rest[node] = [c for c in kids if c not in chosen]
            block = Block(flank=bool(rest[node]))
            block.columns = [(0.0, leaves, False)]
            blocks[node] = block
        else:
            rest[node] = kids
        stack.extend(rest[node])
    return rest, blocks


def _breadth_first(roots: Sequence[str], rest: Mapping[str, list[str]]) -> list[str]:
    order = list(roots)
    i = 0
    while i < len(order):
        order.extend(rest[order[i]])
        i += 1
    return order


def _depths(order, roots, rest) -> dict[str, int]:
    depth = dict.fromkeys(roots, 0)
    for node in order:
        for c in rest[node]:
            depth[c] = depth[node] + 1
    return depth


def _row_heights(order, roots, rest, sizes) -> dict[str, float]:
    """Every hung box's height: the tallest of its depth, so rows align."""
    depth = _depths(order, roots, rest)
    tallest: dict[int, float] = {}
    for node in order:
        tallest[depth[node]] = max(tallest.get(depth[node], 0.0), sizes[node][1])
    return {node: tallest[depth[node]] for node in order}


def _tops(order, roots, rest, blocks, heights, sizes, sp: Spacing) -> dict[str, float]:
    """The top of every hung box, one per depth so that rows align across the chart.

    A row of subtrees comes below the stacked leaves that flank the trunks above it,
    the tallest of them setting the row's top for the whole depth: a subtree never
    starts higher than its cousins, so none can slip under another's parent.
    """
    depth = _depths(order, roots, rest)
    by_depth: dict[int, list[str]] = {}
    for node in order:
        by_depth.setdefault(depth[node], []).append(node)
    tops: dict[str, float] = {}
    row_top = 0.0
    for d in sorted(by_depth):
        nodes = by_depth[d]
        below = row_top + heights[nodes[0]] + sp.v_gap
        extra = 0.0
        for node in nodes:
            tops[node] = row_top
            block = blocks.get(node)
            if block is not None:
                size_block(block, sizes, sp, sizes[node][0])
                block.top = below
                if block.flank:
                    extra = max(extra, block.height + sp.v_gap)
        row_top = below + extra
    return tops


def _place(order, rest, blocks, tops, heights, sizes, sp: Spacing):
    """Bottom up: each child's offset from its parent's centre, and each subtree's contour."""
    rel: dict[str, float] = {}
    contours: dict[str, list[Band]] = {}
    for node in reversed(order):
        kids = rest[node]
        acc: list[Band] = []
        if kids:
            offsets = [0.0]
            acc = contours.pop(kids[0])
            for c in kids[1:]:
                theirs = contours.pop(c)
                dx = separation(acc, theirs) + sp.h_gap
                dx = max(dx, offsets[-1])
                offsets.append(dx)
                acc = merge(acc, shifted(theirs, dx))
            mid = (offsets[0] + offsets[-1]) / 2
            for c, dx in zip(kids, offsets, strict=True):
                rel[c] = dx - mid
            acc = shifted(acc, -mid)
        w = sizes[node][0]
        own: list[Band] = [(tops[node], tops[node] + heights[node], -w / 2, w / 2)]
        block = blocks.get(node)
        if block is not None:
            bus = block.top - sp.v_gap / 2
            own.append((bus, block.top + block.height, block.left, block.right))
        contours[node] = merge(own, acc)
    return rel, contours


def _assemble(roots, order, rest, blocks, rel, contours, tops, heights, sizes, sp) -> Layout:
    """Top down: absolute boxes and connectors, moved so the drawing starts at (0, 0)."""
    cx: dict[str, float] = {}
    acc: list[Band] = []
    for root in roots:
        mine = contours[root]
        dx = 0.0 if not acc else separation(acc, mine) + sp.root_gap
        cx[root] = dx
        acc = merge(acc, shifted(mine, dx))
    boxes: dict[str, Box] = {}
    edges: list[tuple[Point, ...]] = []
    for node in order:
        x = cx[node]
        w = sizes[node][0]
        top, h = tops[node], heights[node]
        boxes[node] = Box(node, x - w / 2, top, w, h)
        kids = rest[node]
        for c in kids:
            cx[c] = x + rel[c]
        block = blocks.get(node)
        if block is not None:
            block_edges(x, top + h, block, boxes, edges, sp, through=bool(kids))
        if kids:
            _row_edges(x, top + h, [cx[c] for c in kids], tops[kids[0]], edges, sp)
    return _normalised(boxes, edges)


def _row_edges(x, bottom, xs, child_top, edges, sp: Spacing) -> None:
    bus = child_top - sp.v_gap / 2
    if len(xs) == 1 and abs(xs[0] - x) < 0.01:
        edges.append(((x, bottom), (x, child_top)))
        return
    edges.append(((x, bottom), (x, bus)))
    edges.append(((min(*xs, x), bus), (max(*xs, x), bus)))
    edges.extend(((cx, bus), (cx, child_top)) for cx in xs)


def _normalised(boxes: dict[str, Box], edges: list[tuple[Point, ...]]) -> Layout:
    xs = [b.x for b in boxes.values()] + [p[0] for e in edges for p in e]
    x0 = min(xs)
    for b in boxes.values():
        b.x -= x0
    moved = [tuple((px - x0, py) for px, py in e) for e in edges]
    width = max([b.x + b.w for b in boxes.values()] + [p[0] for e in moved for p in e])
    height = max(b.y + b.h for b in boxes.values())
    return Layout(boxes, moved, width, height)
