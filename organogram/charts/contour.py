"""Contours of laid-out subtrees: how far they reach left and right at each height.

A contour is a list of bands ``(top, bottom, left, right)``, sorted by ``top`` and not
overlapping, with gaps where the subtree draws nothing. Heights are absolute (the
layout fixes every box's height before placing anything sideways); left and right are
relative to the subtree's root. Placing one subtree beside another needs only their
contours, which stay short (about one band per row of boxes), so the tidy layout runs
in time close to linear in the number of boxes.
"""

from __future__ import annotations

import itertools

Band = tuple[float, float, float, float]


def separation(a: list[Band], b: list[Band]) -> float:
    """How far right ``b`` must go so that no band of it overlaps ``a`` at the same height.

    Returns the largest ``a.right - b.left`` over pairs of bands that share heights
    (``-inf`` when none do).
    """
    need = float("-inf")
    i = j = 0
    while i < len(a) and j < len(b):
        a0, a1, _, ar = a[i]
        b0, b1, bl, _ = b[j]
        if a0 < b1 and b0 < a1:
            need = max(need, ar - bl)
        if a1 <= b1:
            i += 1
        else:
            j += 1
    return need


def shifted(bands: list[Band], dx: float) -> list[Band]:
    """``bands`` moved right by ``dx``."""
    return [(t, b, left + dx, right + dx) for t, b, left, right in bands]


def merge(a: list[Band], b: list[Band]) -> list[Band]:
    """The union of two contours: at each height, the leftmost left and rightmost right."""
    if not a:
        return list(b)
    if not b:
        return list(a)
    cuts = sorted(
        {y for t, bt, _, _ in a for y in (t, bt)} | {y for t, bt, _, _ in b for y in (t, bt)}
    )
    out: list[Band] = []
    i = j = 0
    for y0, y1 in itertools.pairwise(cuts):
        # Skip bands that end before this slice; the lists are sorted and disjoint.
        while i < len(a) and a[i][1] <= y0:
            i += 1
        while j < len(b) and b[j][1] <= y0:
            j += 1
        left, right = float("inf"), float("-inf")
        for bands, k in ((a, i), (b, j)):
            if k < len(bands) and bands[k][0] <= y0 and bands[k][1] >= y1:
                left = min(left, bands[k][2])
                right = max(right, bands[k][3])
        if left > right:
            continue  # neither draws anything at this height
        if out and out[-1][1] == y0 and out[-1][2] == left and out[-1][3] == right:
            out[-1] = (out[-1][0], y1, left, right)
        else:
            out.append((y0, y1, left, right))
    return out
