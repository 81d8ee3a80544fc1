"""The Chart page: the organization chart as of a date, of a plan, or compared.

The page shows the chart as inline SVG drawn by :mod:`organogram.charts`, with the
nodes opened as asked (``?open=a,b`` or ``?open=all``; by default every node of a
small chart, or the top levels of a large one). A small script opens and closes
nodes by asking ``/chart/svg/`` for the chart again with another ``open``, so the
page only ever holds the boxes in view; it zooms, pans and searches. Exports give
the same view as a printable SVG, PDF or PNG page.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from ...charts import ChartRequest, RendererMissing, chart_view, export, export_pages
from ...charts.draw import draw_chart as draw_boxes
from ...charts.legend import legend
from ...charts.render import Arranged, Drawn, arrange, default_open
from ...charts.scene import Group, Scene, Text
from ...charts.svg import svg_document
from ...charts.views import MODES, ChartView
from ...core.dates import DateError
from ...core.errors import NotFound
from ...registry.reading.columns import day_of
from ...registry.store import State
from .chart_list import chart_lists, head_words, unseen_marks
from .chart_panel import edit_context
from .common import AsOf, as_of, may_see_people, registry_page

#: Charts kept per revision (a chart of a large record takes a moment to build).
_KEEP = 8
_GAP = 48.0
#: The legend's width in points: drawn at about 1.6 times that in pixels.
_LEGEND = 600.0
_TYPES = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}


def chart_date(request: HttpRequest, state: State) -> AsOf:
    """The date of the chart: as asked; else, with a plan chosen, the day by which all of
    the plan's changes have applied (a plan effective next year shows on its own date,
    not today's, where none of it would be seen yet); else today."""
    when = as_of(request)
    plan = state.record.plans.get(request.GET.get("plan", "").strip())
    if when.raw or plan is None:
        return when
    last = plan.last_date()
    return AsOf(str(last), last, last.end)


def parse_request(request: HttpRequest, state: State) -> tuple[ChartRequest, dict[str, str]]:
    """The chart asked for, and the query's values as given (for the form)."""
    get = request.GET
    values = {k: get.get(k, "").strip() for k in ("plan", "compare", "mode", "unit")}
    when = chart_date(request, state)
    mode = values["mode"] if values["mode"] in MODES else "overlay"
    req = ChartRequest(
        at=when.day.isoformat(),
        plan=values["plan"] or None,
        compare=values["compare"] or None,
        unit=values["unit"] or None,
        people=may_see_people(request),
        mode=mode,
    )
    return req, values


def cached_view(state: State, req: ChartRequest) -> ChartView:
    """The chart view, built once per revision and request (a few kept); the posts under
    each box are read from the record's columns, on records large enough for them to
    pay (:data:`~organogram.charts.build.COLUMNS_FROM`)."""
    return state.memo.kept(
        "chart.views",
        req,
        lambda: chart_view(state.record, req, days=lambda day: day_of(state, day)),
        _KEEP,
    )


def asked_view(request: HttpRequest, state: State) -> tuple[ChartRequest, ChartView]:
    """The chart asked for by the query, and its view; 404 for an unknown date, plan or unit."""
    req, _ = parse_request(request, state)
    try:
        return req, cached_view(state, req)
    except (NotFound, DateError) as exc:
        raise Http404(str(exc)) from None


def opened_nodes(request: HttpRequest, view: ChartView, param: str = "open") -> set[str] | None:
    """Nodes to show open: ``?open=all``, ``?open=a,b,…``, or the default view."""
    raw = request.GET.get(param)
    if raw is None:
        opened: set[str] = set()
        for chart in view.charts:
            default = default_open(chart)
            if default is None:
                return None
            opened |= default
        return opened
    if raw == "all":
        return None
    return {n for n in raw.split(",") if n}


def drawings(
    view: ChartView,
    opened: set[str] | None,
    links: list[str],
    side_lines: bool = False,
    pick: Callable[[int, Arranged], Collection[str]] | None = None,
) -> tuple[list[Drawn], float, float]:
    """Each chart drawn and moved to its place (two side by side under their headings),
    and the size of the whole; ``pick`` chooses, from each chart's layout, the boxes to
    draw (by default all)."""
    out: list[Drawn] = []
    x, height = 0.0, 0.0
    top = 22.0 if view.text.headings else 0.0
    for i, chart in enumerate(view.charts):
        done = arrange(chart, open_nodes=opened, texts=view.texts.setdefault(i, {}))
        group = draw_boxes(
            chart,
            done.layout,
            done.texts,
            side_lines=side_lines,
            hidden=done.hidden,
            link=links[i],
            only=pick(i, done) if pick else None,
        )
        drawn = Drawn(group, done.layout, done.hidden)
        # Each part is one group the page's script moves as a whole.
        drawn.group.dx, drawn.group.dy = x, top
        drawn.group.attrs["data-part"] = str(i)
        if view.text.headings:
            heading = Text(0, 12 - top, view.text.headings[i], 11.0, "#1d2430", bold=True)
            drawn.group.items.insert(0, heading)
        out.append(drawn)
        x += drawn.width + _GAP
        height = max(height, drawn.height + top)
    return out, max(x - _GAP, 1.0), max(height, 1.0)


def chart_svg(
    view: ChartView, opened: set[str] | None, links: list[str], side_lines: bool = False
) -> str:
    """The interactive chart: one chart, or two side by side under their headings."""
    drawn, width, height = drawings(view, opened, links, side_lines)
    root = Group(cls="charts")
    root.add(*(d.group for d in drawn))
    scene = Scene(width, height, root, background=None)
    # Not role="img": the boxes inside are links, reached by the keyboard (chart.js).
    return svg_document(scene, attrs=' class="chart-svg"').split("\n", 1)[1]


def unit_links(req: ChartRequest, view: ChartView) -> list[str]:
    """Each chart's link to the unit pages, at the chart's own date."""
    days = [view.compare_day, view.day] if len(view.charts) == 2 else [view.day]
    return [f"/units/{{id}}/?at={day}" for day in days]


def _index(view: ChartView) -> list[list[Any]]:
    """Every node of the chart(s) for the search and the editing panel: id, parent, name,
    abbreviation, kids, kind, 1 for a senior post (0 for a unit), what only the box's
    dashes or place say, in words, and its head in words, for screen readers."""
    seen: dict[str, list[Any]] = {}
    for chart in view.charts:
        for node in chart.order():
            n = chart.nodes[node]
            seen.setdefault(
                node,
                [
                    node,
                    n.parent or "",
                    n.name,
                    n.abbreviation,
                    len(n.children),
                    n.kind,
                    int(n.senior),
                    unseen_marks(n),
                    head_words(n),
                ],
            )
    return list(seen.values())


def chart_index(state: State, req: ChartRequest) -> list[list[Any]]:
    """The search index of the chart ``req`` asks for (after an edit, for the script)."""
    return _index(cached_view(state, req))


def _root(request: HttpRequest, view: ChartView, unit: str) -> dict[str, str] | None:
    """For a chart of one unit's subtree: the unit's name and the whole chart's query."""
    node = next((c.nodes[unit] for c in view.charts if unit in c.nodes), None)
    if node is None:
        return None
    query = request.GET.copy()
    query.pop("unit", None)
    query.pop("open", None)
    return {"name": node.title, "whole": query.urlencode()}


@registry_page
def chart(request: HttpRequest, state: State) -> HttpResponse:
    """The page: controls, legend, the chart and its export links."""
    req, values = parse_request(request, state)
    when = chart_date(request, state)
    context: dict[str, Any] = {
        "as_of": when,
        # Kept when choosing another plan only if asked for: otherwise each plan is drawn
        # on its own date.
        "asked_at": as_of(request).raw,
        "values": values,
        "plans": list(state.record.plans.values()),
        "modes": MODES,
        "lines": request.GET.get("lines") == "1",
        "error": "",
    }
    try:
        view = cached_view(state, req)
    except (NotFound, DateError) as exc:
        context["error"] = str(exc)
        return render(request, "site/chart.html", context, status=404)
    opened = opened_nodes(request, view)
    key = legend(view.charts, side_lines=context["lines"], width=_LEGEND)
    context.update(
        view=view,
        svg=chart_svg(view, opened, unit_links(req, view), context["lines"]),
        legend=svg_document(Scene(_LEGEND, key.height + 4, key, background=None)).split("\n", 1)[1]
        if key.items
        else "",
        # "<" escaped, so no name can close the script element holding the index.
        index=json.dumps(_index(view), ensure_ascii=False, separators=(",", ":")).replace(
            "<", "\\u003c"
        ),
        opened="all" if opened is None else ",".join(sorted(opened)),
        boxes=sum(len(c.nodes) for c in view.charts),
        root=_root(request, view, values["unit"]),
        chart_lists=chart_lists(view, unit_links(req, view)),
        edit=edit_context(request, state, view, req.at),
    )
    return render(request, "site/chart.html", context, status=400 if when.error else 200)


@registry_page
def chart_fragment(request: HttpRequest, state: State) -> HttpResponse:
    """The chart's SVG alone, for the page's script (same query as the page)."""
    req, view = asked_view(request, state)
    lines = request.GET.get("lines") == "1"
    svg = chart_svg(view, opened_nodes(request, view), unit_links(req, view), lines)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


@registry_page
def chart_export(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """The view as a printable page: ``/chart/export.pdf?…&paper=a4``."""
    if fmt not in _TYPES:
        raise Http404("no such format")
    req, view = asked_view(request, state)
    paper = request.GET.get("paper", "a3")
    paper = paper if paper in ("a3", "a4") else "a3"
    lines = request.GET.get("lines") == "1"
    opened = opened_nodes(request, view)
    try:
        if fmt == "pdf":
            # A PDF is for printing: split over pages where one would print too small.
            files, _ = export_pages(view, fmt, paper=paper, open_nodes=opened, side_lines=lines)
            data = files[0]
        else:
            data, _ = export(view, fmt, paper=paper, open_nodes=opened, side_lines=lines)
    except RendererMissing as exc:
        return HttpResponse(str(exc), status=501, content_type="text/plain; charset=utf-8")
    name = slugify(f"chart {view.day} {req.plan or ''} {req.compare or ''}")
    response = HttpResponse(data, content_type=_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
