"""The legend: portfolio colours, comparison marks and side-line styles that a chart uses."""

from __future__ import annotations

from dataclasses import dataclass

from .content import TAG_PAD, TAG_SIZE, tag_width
from .metrics import text_width
from .model import Chart, Mark
from .scene import Group, Poly, Rect, Text
from .style import (
    INK,
    MARK_MEANINGS,
    MARKS,
    MUTED,
    POSSIBLE_DASH,
    POSSIBLE_FILL,
    POSSIBLE_MEANING,
    POSSIBLE_STROKE,
    SIDE_LINES,
    portfolio_colour,
)


class Possible:
    """The legend's sample of a node only possibly in force (a dashed box)."""


SIZE = 6.8
ROW = 13.0


@dataclass
class Legend(Group):
    """A legend group and its height (0 when there is nothing to explain)."""

    height: float = 0.0


def entries(charts: list[Chart], *, side_lines: bool) -> list[tuple[str, list[tuple[str, object]]]]:
    """The legend's sections: (heading, [(label, sample)]) for what the charts use.

    A sample is a portfolio index (int), a :class:`Mark`, a side line's kind (str), or
    :class:`Possible`.
    """
    sections: list[tuple[str, list[tuple[str, object]]]] = []
    portfolios: dict[str, int] = {}
    marks: set[Mark] = set()
    kinds: set[str] = set()
    possible = False
    for chart in charts:
        used = {n.portfolio for n in chart.nodes.values()}
        for i, p in enumerate(chart.portfolios):
            if i in used:
                portfolios.setdefault(p.label, i)
        for node in chart.nodes.values():
            marks.update(node.marks)
            possible = possible or (node.possible and not node.ghost)
        kinds.update(ln.kind for ln in chart.lines)
    if portfolios:
        sections.append(("Portfolio", list(portfolios.items())))
    if possible:
        sections.append(("Certainty", [(POSSIBLE_MEANING, Possible())]))
    if marks:
        sections.append(("Changes", [(MARK_MEANINGS[m], m) for m in Mark if m in marks]))
    if side_lines and kinds:
        sections.append(
            ("Other lines", [(SIDE_LINES[k].label, k) for k in SIDE_LINES if k in kinds])
        )
    return sections


def legend(charts: list[Chart], *, side_lines: bool, width: float) -> Legend:
    """The legend laid out in rows no wider than ``width``; starts at (0, 0)."""
    g = Legend(cls="legend")
    x, y = 0.0, SIZE
    for heading, items in entries(charts, side_lines=side_lines):
        head_w = text_width(heading + ":", SIZE, bold=True) + 6
        if x > 0 and x + head_w + 60 > width:
            x, y = 0.0, y + ROW
        g.add(Text(x, y, heading + ":", SIZE, INK, bold=True))
        x += head_w
        for label, sample in items:
            sample_w = _sample_width(sample)
            w = sample_w + 4 + text_width(label, SIZE) + 14
            if x + w > width:
                x, y = head_w, y + ROW
            g.add(*_sample(sample, x, y))
            g.add(Text(x + sample_w + 4, y, label, SIZE, MUTED))
            x += w
        x += 10
    g.height = y + 4 if g.items else 0.0
    return g


def _sample_width(sample: object) -> float:
    if isinstance(sample, Possible):
        return 18.0
    if isinstance(sample, Mark):
        return tag_width(MARKS[sample][1])
    return 22.0 if isinstance(sample, str) else 14.0


def _sample(sample: object, x: float, y: float) -> list:
    if isinstance(sample, Possible):
        return [
            Rect(
                x,
                y - SIZE * 0.95,
                18.0,
                SIZE * 1.25,
                fill=POSSIBLE_FILL,
                stroke=POSSIBLE_STROKE,
                width=0.8,
                dash=POSSIBLE_DASH,
            )
        ]
    if isinstance(sample, Mark):
        colour, word = MARKS[sample]
        w = tag_width(word)
        top = y - SIZE * 0.85
        return [
            Rect(x, top, w, SIZE * 1.15, fill=colour),
            Text(x + TAG_PAD, top + SIZE * 0.9, word, TAG_SIZE, "#ffffff", bold=True),
        ]
    if isinstance(sample, str):
        style = SIDE_LINES[sample]
        mid = y - SIZE * 0.35
        return [
            Poly(((x, mid), (x + 18, mid)), stroke=style.colour, width=0.9, dash=style.dash),
            Poly(
                ((x + 22, mid), (x + 17, mid - 2.2), (x + 17, mid + 2.2)),
                fill=style.colour,
                closed=True,
            ),
        ]
    colour = portfolio_colour(int(sample))  # type: ignore[call-overload]
    return [Rect(x, y - SIZE * 0.85, 14.0, SIZE * 1.1, fill=colour)]
