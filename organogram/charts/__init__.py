"""Organization charts: layout, drawing, and SVG, PDF and PNG output. No Django here.

* :mod:`.build` — a :class:`~.model.Chart` of a structure (boxes' text, portfolios);
* :mod:`.compare` — two structures compared: marked charts and an overlay;
* :mod:`.layout` — the tidy tree layout, compact for wide levels;
* :mod:`.render`, :mod:`.draw` — a chart laid out and drawn as a :mod:`.scene`;
* :mod:`.page` — a printable page (A4 or A3 landscape) with title, legend and source;
* :mod:`.svg`, :mod:`.raster` — the scene written as SVG, PDF or PNG;
* :mod:`.views` — the charts a command line or a page asks for, from a record.
"""

from __future__ import annotations

from collections.abc import Collection

from .page import PAPERS, Page, page
from .raster import RendererMissing, render_pdf, render_png
from .svg import svg_document
from .views import MODES, ChartRequest, ChartView, chart_view

FORMATS = ("svg", "pdf", "png")

__all__ = [
    "FORMATS",
    "MODES",
    "PAPERS",
    "ChartRequest",
    "ChartView",
    "Page",
    "RendererMissing",
    "chart_view",
    "export",
    "page",
]


def export(
    view: ChartView,
    fmt: str,
    *,
    paper: str = "a3",
    open_nodes: Collection[str] | None = None,
    side_lines: bool = False,
    dpi: int = 200,
) -> tuple[bytes, Page]:
    """The view as a printable page in ``fmt`` (svg, pdf or png), and the page composed."""
    composed = page(
        view.charts, view.text, paper=paper, open_nodes=open_nodes, side_lines=side_lines
    )
    if fmt == "svg":
        mm = {"a4": ("297mm", "210mm"), "a3": ("420mm", "297mm")}[paper]
        data = svg_document(composed.scene, width=mm[0], height=mm[1]).encode()
    elif fmt == "pdf":
        data = render_pdf(composed.scene, title=view.text.title)
    elif fmt == "png":
        data = render_png(composed.scene, dpi=dpi)
    else:
        raise ValueError(f"unknown chart format {fmt!r} (one of {', '.join(FORMATS)})")
    return data, composed
