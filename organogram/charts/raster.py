"""Scenes as PDF and PNG, drawn with matplotlib's Agg and PDF backends.

matplotlib installs from wheels with no system libraries and ships the DejaVu fonts
the layout measured with, so a laptop without Cairo or a TeX system can print. The
output is made reproducible: no creation date or producer version in the PDF, no
software tag in the PNG, fonts embedded as TrueType subsets, a fixed hash salt.
matplotlib is the ``charts`` extra: ``pip install 'organogram[charts]'``.
"""

from __future__ import annotations

import io

from ..core.errors import OrganogramError
from .scene import Curve, Lines, Poly, Rect, Scene, Text, walk

_PT_PER_INCH = 72.0


class RendererMissing(OrganogramError):
    """PDF or PNG asked for without matplotlib installed."""


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise RendererMissing(
            "PDF and PNG charts need matplotlib: pip install 'organogram[charts]' "
            "(SVG needs nothing more)"
        ) from None
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch, Polygon, Rectangle
    from matplotlib.path import Path

    return matplotlib, Figure, Rectangle, Polygon, PathPatch, Path


def render_pdf(scene: Scene, title: str = "") -> bytes:
    """The scene as a one-page PDF, the same bytes for the same scene."""
    return render_pdf_pages([scene], title=title)


def render_pdf_pages(scenes: list[Scene], title: str = "") -> bytes:
    """The scenes as the pages of one PDF, the same bytes for the same scenes."""
    matplotlib, *_ = _pyplot()
    from matplotlib.backends.backend_pdf import PdfPages

    meta = {"CreationDate": None, "Producer": None, "Creator": "Organogram"}
    if title:
        meta["Title"] = title
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC), PdfPages(buf, metadata=meta) as pdf:
        for scene in scenes:
            pdf.savefig(_figure(scene))
    return buf.getvalue()


def render_png(scene: Scene, dpi: int = 200) -> bytes:
    """The scene as a PNG at ``dpi`` dots per inch, the same bytes for the same scene."""
    matplotlib, *_ = _pyplot()
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC):
        _figure(scene).savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()


_RC = {
    "pdf.fonttype": 42,
    "pdf.compression": 6,
    "svg.hashsalt": "organogram",
    "font.family": "DejaVu Sans",
    "path.simplify": False,
    # Unhinted glyphs keep the widths the layout measured, at any resolution.
    "text.hinting": "none",
}


def _figure(scene: Scene):
    """The scene drawn on a matplotlib figure of its size (inside the rc context)."""
    _, Figure, Rectangle, Polygon, PathPatch, Path = _pyplot()
    fig = Figure(figsize=(scene.width / _PT_PER_INCH, scene.height / _PT_PER_INCH))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, scene.width)
    ax.set_ylim(scene.height, 0)
    ax.set_axis_off()
    if scene.background:
        fig.patch.set_facecolor(scene.background)
    for item, dx, dy, k in walk(scene.root):
        _draw(ax, item, dx, dy, k, Rectangle, Polygon, PathPatch, Path)
    return fig


def _dashes(dash: tuple[float, ...], width: float, k: float):
    # matplotlib scales dash patterns by the line width; undo that to keep them in points.
    if not dash:
        return "solid"
    return (0, tuple(d * k / max(width * k, 1e-6) for d in dash))


def _draw(ax, item, dx, dy, k, Rectangle, Polygon, PathPatch, Path) -> None:
    def at(p):
        return (dx + k * p[0], dy + k * p[1])

    # Line widths are in points on paper: scale them with the drawing.
    if isinstance(item, Rect):
        ax.add_patch(
            Rectangle(
                at((item.x, item.y)),
                item.w * k,
                item.h * k,
                facecolor=item.fill or "none",
                edgecolor=item.stroke or "none",
                linewidth=item.width * k if item.stroke else 0,
                linestyle=_dashes(item.dash, item.width, k),
                joinstyle="miter",
            )
        )
    elif isinstance(item, Poly):
        pts = [at(p) for p in item.points]
        if item.closed:
            ax.add_patch(
                Polygon(
                    pts,
                    closed=True,
                    facecolor=item.fill or "none",
                    edgecolor=item.stroke or "none",
                    linewidth=item.width * k,
                )
            )
        else:
            ax.add_patch(
                PathPatch(
                    Path(pts),
                    facecolor="none",
                    edgecolor=item.stroke,
                    linewidth=item.width * k,
                    linestyle=_dashes(item.dash, item.width, k),
                    capstyle="butt",
                    joinstyle="miter",
                )
            )
    elif isinstance(item, Lines):
        verts, codes = [], []
        for line in item.polylines:
            verts += [at(p) for p in line]
            codes += [Path.MOVETO] + [Path.LINETO] * (len(line) - 1)
        if verts:
            ax.add_patch(
                PathPatch(
                    Path(verts, codes),
                    facecolor="none",
                    edgecolor=item.stroke,
                    linewidth=item.width * k,
                    capstyle="butt",
                    joinstyle="miter",
                )
            )
    elif isinstance(item, Curve):
        pts = [at(p) for p in (item.p0, item.c1, item.c2, item.p1)]
        codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4]
        ax.add_patch(
            PathPatch(
                Path(pts, codes),
                facecolor="none",
                edgecolor=item.stroke,
                linewidth=item.width * k,
                linestyle=_dashes(item.dash, item.width, k),
            )
        )
    elif isinstance(item, Text):
        x, y = at((item.x, item.y))
        ax.text(
            x,
            y,
            item.text,
            fontsize=item.size * k,
            color=item.fill,
            fontweight="bold" if item.bold else "normal",
            fontstyle="italic" if item.italic else "normal",
            ha={"start": "left", "middle": "center", "end": "right"}[item.anchor],
            va="baseline",
            parse_math=False,
        )
