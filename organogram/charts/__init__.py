"""Organization charts: layout, drawing, and SVG, PDF and PNG output. No Django here.

* :mod:`.build` — a :class:`~.model.Chart` of a structure (boxes' text, portfolios);
* :mod:`.compare` — two structures compared: marked charts and an overlay;
* :mod:`.layout` — the tidy tree layout, compact for wide levels;
* :mod:`.render`, :mod:`.draw` — a chart laid out and drawn as a :mod:`.scene`;
* :mod:`.page` — a printable page (A4 or A3 landscape) with title, legend and source;
* :mod:`.pages` — a chart too large to print legibly on one page, split over several;
* :mod:`.svg`, :mod:`.raster` — the scene written as SVG, PDF or PNG;
* :mod:`.views` — the charts a command line or a page asks for, from a record.
"""

from __future__ import annotations

from collections.abc import Collection

from .page import PAPERS, Page, page
from .pages import LEGIBLE, pages
from .raster import RendererMissing, render_pdf, render_pdf_pages, render_png
from .svg import svg_document
from .views import MODES, ChartRequest, ChartView, chart_view

FORMATS = ("svg", "pdf", "png")

__all__ = [
    "FORMATS",
    "LEGIBLE",
    "MODES",
    "PAPERS",
    "ChartRequest",
    "ChartView",
    "Page",
    "RendererMissing",
    "chart_view",
    "export",
    "export_pages",
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
    return _write(composed, fmt, paper, dpi, view.text.title), composed


def export_pages(
    view: ChartView,
    fmt: str,
    *,
    paper: str = "a3",
    open_nodes: Collection[str] | None = None,
    side_lines: bool = False,
    dpi: int = 200,
) -> tuple[list[bytes], list[Page]]:
    """The view printed legibly: on one page if it fits at :data:`LEGIBLE`, else split
    over several (see :mod:`.pages`; two charts side by side stay on one page).

    A PDF holds every page (one file); SVG and PNG give one file per page.
    """
    if len(view.charts) != 1:
        data, one = export(
            view, fmt, paper=paper, open_nodes=open_nodes, side_lines=side_lines, dpi=dpi
        )
        return [data], [one]
    composed = pages(
        view.charts[0], view.text, paper=paper, open_nodes=open_nodes, side_lines=side_lines
    )
    if fmt == "pdf":
        return [render_pdf_pages([p.scene for p in composed], title=view.text.title)], composed
    return [_write(p, fmt, paper, dpi, view.text.title) for p in composed], composed


def _write(composed: Page, fmt: str, paper: str, dpi: int, title: str) -> bytes:
    if fmt == "svg":
        mm = {"a4": ("297mm", "210mm"), "a3": ("420mm", "297mm")}[paper]
        return svg_document(composed.scene, width=mm[0], height=mm[1]).encode()
    if fmt == "pdf":
        return render_pdf(composed.scene, title=title)
    if fmt == "png":
        return render_png(composed.scene, dpi=dpi)
    raise ValueError(f"unknown chart format {fmt!r} (one of {', '.join(FORMATS)})")
