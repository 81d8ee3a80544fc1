"""What the Chart page's script needs to go from one set of open boxes to another.

Redrawing the whole SVG on each click made a chart of 2,000 open boxes take about half
a second to answer: the request carried every box, and Chromium parsed, laid out and
painted them all anew. ``/chart/moves/?…&open=NEW&was=OLD`` answers instead with where
every box now stands, and the markup of only the boxes the page does not hold as they
are now: boxes newly shown, and boxes whose size or folded count changed (a row grown
taller, a column widened, a box opened or closed). The script moves the others.

A box's markup depends only on its node, its size and how many nodes are folded under
it (its text, colour and link are fixed for a chart), so the page holds a box "as it is
now" when those are the same in both layouts. The layouts of recent sets are kept, so
the old one is rarely laid out again.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse

from ...charts.render import Arranged, Drawn, arrange
from ...charts.scene import Group
from ...charts.svg import num, svg_fragment
from ...charts.views import ChartRequest, ChartView
from ...registry.store import State
from .chart import asked_view, drawings, opened_nodes, unit_links
from .common import registry_page

#: Layouts kept (their boxes' places and sizes), for the next click's "was".
_KEEP = 16

#: A box's place and what its markup depends on, per node: (x, y, "w h folded").
Placed = dict[str, tuple[float, float, str]]


def placed(done: Arranged | Drawn) -> Placed:
    """Where each box of a layout stands, and the key of its markup."""
    hidden = done.hidden
    return {
        n: (b.x, b.y, f"{num(b.w)} {num(b.h)} {hidden.get(n, 0)}")
        for n, b in done.layout.boxes.items()
    }


def _key(opened: set[str] | None) -> str:
    return "all" if opened is None else ",".join(sorted(opened))


def _remembered(
    state: State, key: tuple[ChartRequest, bool, str], value: list[Placed] | None = None
) -> list[Placed] | None:
    """The boxes' places of a layout drawn recently (or, with ``value``, remember them)."""
    cache = state.memo.recent("chart.placed")
    if value is not None:
        cache[key] = value
        while len(cache) > _KEEP:
            cache.popitem(last=False)
    elif key in cache:
        cache.move_to_end(key)
    return cache.get(key)


def _before(
    state: State, request: HttpRequest, req: ChartRequest, view: ChartView, lines: bool
) -> list[Placed]:
    """The places of the boxes the page holds (``was``), from memory or laid out again."""
    if request.GET.get("was") is None:
        return [{} for _ in view.charts]
    was = opened_nodes(request, view, "was")
    known = _remembered(state, (req, lines, _key(was)))
    if known is None:
        known = [
            placed(arrange(c, open_nodes=was, texts=view.texts.setdefault(i, {})))
            for i, c in enumerate(view.charts)
        ]
        _remembered(state, (req, lines, _key(was)), known)
    return known


def _changed(now: Placed, then: Placed) -> set[str]:
    """Boxes the page does not hold as they are now: new, or of another size or count."""
    return {n for n, (_, _, key) in now.items() if n not in then or then[n][2] != key}


def _part(drawn: Drawn, now: Placed) -> dict[str, Any]:
    """One chart's moves: its offset, connectors, side lines, boxes and new markup."""
    group = drawn.group
    parts = {g.cls: g for g in group.items if isinstance(g, Group)}
    # Only the changed boxes were drawn.
    fresh = "".join(svg_fragment(box) for box in parts["nodes"].items)
    side = parts.get("side-lines")
    return {
        "dx": float(num(group.dx)),
        "dy": float(num(group.dy)),
        "edges": svg_fragment(parts["edges"]),
        "lines": svg_fragment(side) if side is not None else "",
        "boxes": [[n, float(num(x)), float(num(y))] for n, (x, y, _) in now.items()],
        "markup": fresh,
    }


@registry_page
def chart_moves(request: HttpRequest, state: State) -> JsonResponse:
    """The moves from the boxes open in ``was`` to those in ``open`` (same query as the page)."""
    req, view = asked_view(request, state)
    lines = request.GET.get("lines") == "1"
    then = _before(state, request, req, view, lines)
    opened = opened_nodes(request, view)
    now: list[Placed] = []

    def pick(i: int, done: Arranged) -> set[str]:
        now.append(placed(done))
        return _changed(now[i], then[i])

    drawn, width, height = drawings(view, opened, unit_links(req, view), lines, pick)
    _remembered(state, (req, lines, _key(opened)), now)
    return JsonResponse(
        {
            "width": float(num(width)),
            "height": float(num(height)),
            "parts": [_part(d, n) for d, n in zip(drawn, now, strict=True)],
        }
    )
