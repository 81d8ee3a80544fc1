"""A chart too large to print legibly on one page, split over several pages.

A page is legible when it is printed at :data:`LEGIBLE` or larger: names at 7.6 pt,
the head post and post counts at 6 pt, the kind in small capitals at 5.6 pt. When
the whole chart would print smaller, it is split:

* the first page shows the top levels, as many as print legibly, and then, smallest
  first, whole subtrees below them while the page stays legible;
* every box of the first page whose subtree did not fit is marked "continued on page
  N", and that subtree gets pages of its own, split again in the same way when it is
  itself too large (a department's page, then its divisions' pages);
* each page's subtitle names what it shows, the date, and which page it continues.

A level that cannot be printed legibly even alone (one parent with more children
than a page holds at that size) is printed smaller on its own page rather than cut.
Two charts side by side are not split.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from .build import subtree
from .metrics import text_width
from .model import Chart
from .page import Page, PageText, page
from .render import visible

#: The smallest scale a page is printed at (1.0: names 7.6 pt, details 6 pt).
LEGIBLE = 1.0
#: Subtrees tried on a page one by one, at most (a trial is a few layouts).
_TRIALS = 40


@dataclass
class _Sheet:
    """One page to compose: the chart it draws, the boxes open, where it continues."""

    chart: Chart
    opened: set[str]
    root: str | None = None  # None: the first page of the whole chart
    parent_sheet: int = -1
    #: nodes of this page continued on another page: node -> index of that sheet.
    continued: dict[str, int] | None = None


def pages(
    chart: Chart,
    text: PageText,
    *,
    paper: str = "a3",
    open_nodes: Collection[str] | None = None,
    side_lines: bool = False,
) -> list[Page]:
    """``chart`` (with ``open_nodes`` open, None: all) on one page if it prints legibly
    there, else split over several pages as the module says."""
    children, _ = visible(chart, open_nodes)
    opened = set(children)
    whole = page([chart], text, paper=paper, open_nodes=opened, side_lines=side_lines)
    if whole.scale >= LEGIBLE - 1e-9 or not children:
        return [whole]
    sheets: list[_Sheet] = []
    _split(chart, None, opened, -1, sheets, paper, side_lines)
    groups = _pack(sheets, paper, side_lines)
    page_of = {i: g for g, group in enumerate(groups) for i in group}
    out: list[Page] = []
    for g, group in enumerate(groups):
        drawn, shown = [], set()
        for i in group:
            continued = sheets[i].continued or {}
            notes = {n: f"continued on page {page_of[k] + 1}" for n, k in continued.items()}
            drawn.append(_annotated(sheets[i].chart, notes))
            shown |= sheets[i].opened
        words = _page_text(text, [sheets[i] for i in group], sheets, g, page_of, len(groups))
        out.append(page(drawn, words, paper=paper, open_nodes=shown, side_lines=side_lines))
    return out


def _pack(sheets: list[_Sheet], paper: str, side_lines: bool) -> list[list[int]]:
    """Sheets grouped into pages: subtrees continued from the same page share one, side
    by side, while it stays legible (four at most)."""
    groups: list[list[int]] = []
    for i, sheet in enumerate(sheets):
        last = groups[-1] if groups else []
        if (
            last
            and last[0] != 0
            and len(last) < 4
            and sheets[last[0]].parent_sheet == sheet.parent_sheet
            and _legible([sheets[k] for k in [*last, i]], paper, side_lines)
        ):
            last.append(i)
        else:
            groups.append([i])
    return groups


def _legible(group: list[_Sheet], paper: str, side_lines: bool) -> bool:
    """Whether these sheets, side by side under headings, print legibly on one page."""
    charts = [
        _annotated(s.chart, dict.fromkeys(s.continued or {}, "continued on page 00"))
        for s in group
    ]
    shown = set().union(*(s.opened for s in group))
    text = PageText("", "", headings=["" for _ in group] if len(group) > 1 else [])
    p = page(charts, text, paper=paper, open_nodes=shown, side_lines=side_lines)
    return p.scale >= LEGIBLE - 1e-9


def _split(
    chart: Chart,
    root: str | None,
    opened: set[str],
    parent_sheet: int,
    sheets: list[_Sheet],
    paper: str,
    side_lines: bool,
) -> None:
    """Add the sheets of ``chart`` (open as ``opened``): its top, then its subtrees."""
    here = len(sheets)
    sheet = _Sheet(chart, set(), root, parent_sheet)
    sheets.append(sheet)
    mine = {n for n in chart.nodes if n in opened}
    depths = chart.depths()
    deepest = max((depths[n] for n in mine), default=0)

    def legible(shown: set[str], cut: set[str]) -> bool:
        marked = _annotated(chart, dict.fromkeys(cut, "continued on page 00"))
        text = PageText("", "")
        p = page([marked], text, paper=paper, open_nodes=shown, side_lines=side_lines)
        return p.scale >= LEGIBLE - 1e-9

    # The top levels: as many as print legibly (at least the top and its children).
    shown = {n for n in mine if depths[n] == 0}
    for level in range(1, deepest + 1):
        more = shown | {n for n in mine if depths[n] == level}
        if not legible(more, _cut(chart, more, mine)):
            break
        shown = more
    # Then whole subtrees below them, smallest first, while the page stays legible.
    sizes = _open_sizes(chart, mine)
    frontier = sorted(_cut(chart, shown, mine), key=lambda n: (sizes[n], n))
    for node in frontier[:_TRIALS]:
        more = shown | _under(chart, node, mine)
        if legible(more, _cut(chart, more, mine)):
            shown = more
    sheet.opened = shown
    sheet.continued = {}
    for node in [n for n in chart.order() if n in _cut(chart, shown, mine)]:
        sheet.continued[node] = len(sheets)
        part = subtree(chart, node)
        _split(part, node, mine & set(part.nodes), here, sheets, paper, side_lines)


def _cut(chart: Chart, shown: set[str], mine: set[str]) -> set[str]:
    """Boxes on a page whose open subtree is not on it: drawn, open in the view, closed here."""
    drawn = set(chart.roots)
    for n in shown:
        drawn.update(chart.nodes[n].children)
    return {n for n in drawn if n in mine and n not in shown}


def _under(chart: Chart, node: str, mine: set[str]) -> set[str]:
    """``node`` and the open nodes under it that are open in the view."""
    out, stack = set(), [node]
    while stack:
        n = stack.pop()
        if n in mine:
            out.add(n)
            stack.extend(chart.nodes[n].children)
    return out


def _open_sizes(chart: Chart, mine: set[str]) -> dict[str, int]:
    """How many boxes each open node's subtree shows in the view."""
    sizes: dict[str, int] = {}
    for n in reversed(chart.order()):
        kids = chart.nodes[n].children if n in mine else []
        sizes[n] = 1 + sum(sizes[c] for c in kids)
    return sizes


def _annotated(chart: Chart, notes: dict[str, str]) -> Chart:
    """``chart`` with a note added to some boxes (the nodes copied, not changed)."""
    if not notes:
        return chart
    nodes = dict(chart.nodes)
    for n, note in notes.items():
        nodes[n] = replace(nodes[n], notes=(*nodes[n].notes, note))
    return replace(chart, nodes=nodes)


def _page_text(
    text: PageText,
    group: list[_Sheet],
    sheets: list[_Sheet],
    g: int,
    page_of: dict[int, int],
    total: int,
) -> PageText:
    """A page's title, subtitle and headings: what it shows, where it stands among pages."""
    first = group[0]
    if first.root is None:
        return replace(text, subtitle=f"{text.subtitle}. The top levels: page 1 of {total}.")
    # A subtree's top has no parent in its own chart: the page it continues has it.
    above = sheets[first.parent_sheet].chart.nodes
    parent = above.get(above[first.root].parent or "")
    names = [s.chart.nodes[s.root].title for s in group if s.root is not None]
    back = page_of[first.parent_sheet] + 1
    where = f"Page {g + 1} of {total}, continued from page {back}."
    if len(names) == 1:
        under = f"Under {parent.title}. " if parent is not None else ""
        return replace(text, title=names[0], subtitle=f"{under}{text.subtitle}. {where}")
    title = "; ".join(names)
    if text_width(title, 15.0, bold=True) > 700:
        title = f"Continued from page {back}: {len(names)} units and what is under them"
    return replace(text, title=title, subtitle=f"{text.subtitle}. {where}", headings=names)
