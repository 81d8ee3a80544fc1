"""The chart as a list: the text alternative shown below the drawing.

A drawing of boxes says little to a screen reader and nothing to someone who cannot see
it; the same information (each box's name, kind, head and the marks of certainty or of
a comparison) as nested lists can be read, searched and copied. On a very large chart
only the top levels are listed, whole levels at a time, as many boxes as the tree of the
Structure page sends at once: the unit pages list the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from ...charts.model import Chart, ChartNode
from ...charts.views import ChartView


@dataclass
class Item:
    """One box of the chart, in words, and the boxes under it."""

    id: str
    name: str
    kind: str
    senior: bool
    head: str
    #: the head in words ("headed by Director"), as the chart's boxes tell screen readers
    head_words: str
    holder: str
    marks: list[str]
    href: str
    children: list[Item] = field(default_factory=list)
    #: boxes under it left out of the list (past the limit)
    more: int = 0


@dataclass
class ListedChart:
    """One chart's list (two for charts side by side), under its heading if it has one."""

    heading: str
    items: list[Item]
    listed: int
    total: int


def _marks(node: ChartNode) -> list[str]:
    """What the box's outline, colour or dashes say, in words."""
    out = _certainty(node)
    out.extend(str(m) for m in node.marks)
    out.extend(node.notes)
    return out


def head_words(node: ChartNode) -> str:
    """The box's head as the list says it: "headed by Director", "grade D-2" for a senior
    post; "" when none is shown."""
    if not node.head:
        return ""
    return f"grade {node.head}" if node.senior else f"headed by {node.head}"


def unseen_marks(node: ChartNode) -> str:
    """What only the box's dashes and place say (a comparison's marks are written in the
    box), in one phrase or "": given to screen readers with the box's text."""
    return "; ".join(_certainty(node))


def _certainty(node: ChartNode) -> list[str]:
    out = []
    if node.ghost:
        out.append("no longer exists")
    if node.possible and not node.ghost:
        out.append(node.possible_why or "only possibly in force")
    if node.unplaced:
        out.append("placement not recorded")
    return out


def _levels(chart: Chart, limit: int) -> set[str]:
    """The boxes listed: whole levels from the roots while at most ``limit`` show (the
    first level always)."""
    listed: set[str] = set()
    level = [r for r in chart.roots if r in chart.nodes]
    while level:
        if listed and len(listed) + len(level) > limit:
            break
        listed.update(level)
        level = [c for n in level for c in chart.nodes[n].children if c in chart.nodes]
    return listed


def _item(chart: Chart, node_id: str, listed: set[str], link: str) -> Item:
    n = chart.nodes[node_id]
    item = Item(
        id=n.id,
        name=n.title,
        kind=n.kind,
        senior=n.senior,
        head=n.head,
        head_words=head_words(n),
        holder=n.holder,
        marks=_marks(n),
        href=link.format(id=n.id) if not n.ghost else "",
    )
    for child in n.children:
        if child not in chart.nodes:
            continue
        if child in listed:
            item.children.append(_item(chart, child, listed, link))
        else:
            item.more += 1
    return item


def chart_lists(view: ChartView, links: list[str], limit: int | None = None) -> list[ListedChart]:
    """Each chart of ``view`` as nested items, linked to the unit pages by ``links``."""
    limit = limit or settings.ORGANOGRAM_TREE_UNITS
    headings = view.text.headings or [""] * len(view.charts)
    out = []
    for chart, link, heading in zip(view.charts, links, headings, strict=False):
        listed = _levels(chart, limit)
        roots = [_item(chart, r, listed, link) for r in chart.roots if r in chart.nodes]
        out.append(ListedChart(heading, roots, len(listed), len(chart.nodes)))
    return out
