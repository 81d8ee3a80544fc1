"""Scenes written as SVG, by hand: the same scene gives the same bytes.

Numbers are written with at most two decimals and attributes in a fixed order, so
an SVG can be committed and diffed. The interactive page gets the groups' ids,
classes, data attributes and links; a document gets the same markup, which a
browser or an editor simply shows.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .scene import Curve, Group, Lines, Poly, Rect, Scene, Text
from .style import FONT_FAMILY


def num(value: float) -> str:
    """A coordinate: two decimals at most, no trailing zeros, no "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def svg_document(scene: Scene, *, width: str = "", height: str = "", attrs: str = "") -> str:
    """The scene as a standalone SVG document.

    ``width`` and ``height`` set the printed size (``"420mm"``); by default the size is
    the scene's, in points. ``attrs`` adds attributes to the root element.
    """
    w = width or f"{num(scene.width)}pt"
    h = height or f"{num(scene.height)}pt"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{w}" height="{h}" viewBox="0 0 {num(scene.width)} {num(scene.height)}" '
        f'font-family="{escape(FONT_FAMILY)}"{attrs}>\n',
    ]
    if scene.background:
        out.append(
            f'<rect x="0" y="0" width="{num(scene.width)}" height="{num(scene.height)}" '
            f'fill="{scene.background}"/>\n'
        )
    _group(scene.root, out)
    out.append("</svg>\n")
    return "".join(out)


def svg_fragment(group: Group) -> str:
    """A group as SVG markup, for embedding in a page's own ``<svg>``."""
    out: list[str] = []
    _group(group, out)
    return "".join(out)


def _group(g: Group, out: list[str]) -> None:
    attrs = []
    if g.id:
        attrs.append(f"id={quoteattr(g.id)}")
    if g.cls:
        attrs.append(f"class={quoteattr(g.cls)}")
    for key in sorted(g.attrs):
        attrs.append(f"{key}={quoteattr(g.attrs[key])}")
    if g.dx or g.dy or g.scale != 1:
        transform = f"translate({num(g.dx)} {num(g.dy)})"
        if g.scale != 1:
            transform += f" scale({g.scale:.6g})"
        attrs.append(f'transform="{transform}"')
    out.append(f"<g{' ' if attrs else ''}{' '.join(attrs)}>")
    if g.title:
        out.append(f"<title>{escape(g.title)}</title>")
    if g.href:
        out.append(f"<a href={quoteattr(g.href)}>")
    for item in g.items:
        if isinstance(item, Group):
            _group(item, out)
        else:
            out.append(_primitive(item))
    if g.href:
        out.append("</a>")
    out.append("</g>\n")


def _stroke(colour: str | None, width: float, dash: tuple[float, ...]) -> str:
    if not colour:
        return ' stroke="none"'
    text = f' stroke="{colour}" stroke-width="{num(width)}"'
    if dash:
        text += f' stroke-dasharray="{" ".join(num(d) for d in dash)}"'
    return text


def _primitive(item: Rect | Poly | Lines | Curve | Text) -> str:
    if isinstance(item, Rect):
        return (
            f'<rect x="{num(item.x)}" y="{num(item.y)}" width="{num(item.w)}" '
            f'height="{num(item.h)}" fill="{item.fill or "none"}"'
            f"{_stroke(item.stroke, item.width, item.dash)}/>"
        )
    if isinstance(item, Poly):
        pts = " ".join(f"{num(x)},{num(y)}" for x, y in item.points)
        tag = "polygon" if item.closed else "polyline"
        return (
            f'<{tag} points="{pts}" fill="{item.fill or "none"}"'
            f"{_stroke(item.stroke, item.width, item.dash)}/>"
        )
    if isinstance(item, Lines):
        d = "".join(
            "M" + "L".join(f"{num(x)} {num(y)}" for x, y in line) for line in item.polylines
        )
        return f'<path d="{d}" fill="none"{_stroke(item.stroke, item.width, ())}/>'
    if isinstance(item, Curve):
        d = "M{} {} C{} {} {} {} {} {}".format(
            *(num(v) for p in (item.p0, item.c1, item.c2, item.p1) for v in p)
        )
        return f'<path d="{d}" fill="none"{_stroke(item.stroke, item.width, item.dash)}/>'
    style = ""
    if item.bold:
        style += ' font-weight="bold"'
    if item.italic:
        style += ' font-style="italic"'
    if item.anchor != "start":
        style += f' text-anchor="{item.anchor}"'
    return (
        f'<text x="{num(item.x)}" y="{num(item.y)}" font-size="{num(item.size)}" '
        f'fill="{item.fill}"{style}>{escape(item.text)}</text>'
    )
