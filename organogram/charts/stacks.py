"""Stacked leaves: a node's leaf children in columns hanging from spines.

A block is laid out relative to its parent's trunk (x = 0) and its own top. Without
subtrees beside it, one column hangs straight from the parent's bottom, just inside
its left edge, and more columns hang from a bus under the parent. Beside subtrees the
block flanks the trunk, as staff offices do: as many columns on each side, spines
facing the trunk, rows aligned on each side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .boxes import Box, Point, Spacing


@dataclass
class Block:
    """Stacked leaves of one node, relative to its trunk (x) and the block's top (y)."""

    flank: bool
    top: float = 0.0
    height: float = 0.0
    #: leaf -> (x of its box's left edge, y of its top, width, height), relative.
    places: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    #: per column: the spine's x, and the leaves in it; ``right`` when the spine is right.
    columns: list[tuple[float, list[str], bool]] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0


def size_block(block: Block, sizes, sp: Spacing, parent_width: float) -> None:
    """Arrange a node's stacked leaves in columns, relative to its trunk."""
    leaves = block.columns[0][1]
    n = len(leaves)
    cols = max(math.ceil(n / max(sp.max_rows, 1)), 2 if block.flank else 1)
    if block.flank and cols % 2:
        cols += 1  # as many columns on each side of the trunk, so the parent is centred
    rows = math.ceil(n / cols)
    cols = math.ceil(n / rows)
    width = max(sizes[leaf][0] for leaf in leaves)
    per_column = [leaves[k * rows : (k + 1) * rows] for k in range(cols)]
    n_left = math.ceil(cols / 2) if block.flank else 0
    # Rows line up across the columns of one side; the two sides of a trunk need not.
    sides = [range(n_left), range(n_left, cols)] if block.flank else [range(cols)]
    row_y: dict[int, list[float]] = {}
    row_h: dict[int, list[float]] = {}
    block.height = 0.0
    for side in sides:
        heights = [0.0] * rows
        for k in side:
            for i, leaf in enumerate(per_column[k]):
                heights[i] = max(heights[i], sizes[leaf][1])
        tops = [sum(heights[:i]) + i * sp.stack_gap for i in range(rows)]
        used = [i for i in range(rows) if heights[i] > 0]
        if used:
            block.height = max(block.height, tops[used[-1]] + heights[used[-1]])
        for k in side:
            row_y[k], row_h[k] = tops, heights
    step = sp.indent + width + sp.h_gap
    if block.flank:
        # The trunk runs down between the two halves, spines facing it.
        starts = [-(n_left - k) * step for k in range(n_left)]
        starts += [sp.h_gap + k * step for k in range(cols - n_left)]
    elif cols == 1:
        # One column hangs straight from the parent's bottom, just inside its left edge.
        starts = [-parent_width / 2 + sp.indent]
    else:
        total = cols * step - sp.h_gap
        starts = [-total / 2 + k * step for k in range(cols)]
    block.columns = []
    for k, column in enumerate(per_column):
        mirrored = k < n_left
        left = starts[k]
        spine = left + width + sp.indent if mirrored else left
        box_x = left if mirrored else left + sp.indent
        block.columns.append((spine, column, mirrored))
        for i, leaf in enumerate(column):
            block.places[leaf] = (box_x, row_y[k][i], width, row_h[k][i])
    block.left = starts[0]
    block.right = starts[-1] + step - sp.h_gap


def block_edges(
    x: float,
    bottom: float,
    block: Block,
    boxes: dict[str, Box],
    edges: list[tuple[Point, ...]],
    sp: Spacing,
    through: bool,
) -> None:
    """The block's boxes (into ``boxes``) and its bus, spines and ticks (into ``edges``),
    for a parent whose trunk is at ``x`` and bottom at ``bottom``; ``through``: the trunk
    goes on down to a row of subtrees."""
    bus = block.top - sp.v_gap / 2
    spines = [x + spine for spine, _, _ in block.columns]
    if not through and len(spines) == 1:
        bus = bottom  # the spine comes straight out of the parent
    else:
        if not through:
            edges.append(((x, bottom), (x, bus)))
        edges.append(((min(*spines, x), bus), (max(*spines, x), bus)))
    for spine, column, mirrored in block.columns:
        sx = x + spine
        last = None
        for leaf in column:
            bx, by, bw, bh = block.places[leaf]
            box = Box(leaf, x + bx, block.top + by, bw, bh, stacked=True)
            boxes[leaf] = box
            mid = box.y + min(bh / 2, 14.0)
            edge = box.x + box.w if mirrored else box.x
            edges.append(((sx, mid), (edge, mid)))
            last = mid
        edges.append(((sx, bus), (sx, last)))
