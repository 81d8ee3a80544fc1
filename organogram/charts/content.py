"""The text of each box, wrapped to its width, and so the box's size.

A box reads, top to bottom: its kind (small capitals, with comparison tags on the
right), its name (bold, wrapped on up to four lines), then smaller lines for the head
post, the holder, the posts, what is hidden below it, and comparison notes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .metrics import text_width, wrap
from .model import ChartNode
from .style import MARKS, BoxStyle

#: Tags are set in this size, with this padding either side.
TAG_SIZE = 4.8
TAG_PAD = 2.2
#: Box widths are rounded up to a multiple of this, so neighbouring boxes line up.
WIDTH_STEP = 6.0


@dataclass(frozen=True)
class TextLine:
    """One line of a box: text, size, weight, and its role (which sets its colour)."""

    text: str
    size: float
    bold: bool = False
    italic: bool = False
    role: str = "ink"  # ink | muted | kind | note | more


@dataclass
class BoxText:
    """A box's lines, its tags (mark words and colours), and its size."""

    lines: list[TextLine] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def tag_width(word: str) -> float:
    """The width of a comparison tag."""
    return text_width(word, TAG_SIZE, bold=True) + 2 * TAG_PAD


def box_text(node: ChartNode, hidden: int = 0, style: BoxStyle | None = None) -> BoxText:
    """Lines and size of ``node``'s box; ``hidden``: how many nodes are folded under it."""
    st = style or BoxStyle()
    tags = [MARKS[m][::-1] for m in node.marks]
    kind = node.head if node.senior else node.kind
    kind = kind.upper()
    details = _details(node, hidden)
    widest = max(
        [text_width(node.title, st.name, bold=True) / (2 if len(node.title) > 40 else 1)]
        + [text_width(kind, st.kind) + sum(tag_width(w) + 2 for w, _ in tags)]
        + [text_width(t, st.detail) for t, _, _ in details]
    )
    limit = st.senior_max_width if node.senior else st.max_width
    width = min(max(widest + 2 * st.pad_x, st.min_width), limit)
    width = math.ceil(width / WIDTH_STEP) * WIDTH_STEP
    inner = width - 2 * st.pad_x
    out = BoxText(tags=tags, width=width)
    room = inner - sum(tag_width(w) + 2 for w, _ in tags)
    if tags and text_width(kind, st.kind) > room:
        # Too many tags to share the kind's line: they take a line of their own.
        out.lines.append(TextLine("", st.kind, role="kind"))
        tags_line = False
    else:
        tags_line = True
    if kind or tags:
        out.lines.append(TextLine(kind, st.kind, role="kind" if tags_line else "kind-only"))
    for line in wrap(node.title, inner, st.name, bold=True, max_lines=st.name_lines):
        out.lines.append(TextLine(line, st.name, bold=True))
    for text, role, italic in details:
        for line in wrap(
            text, inner, st.detail, max_lines=3 if role in ("note", "possible") else 2
        ):
            out.lines.append(TextLine(line, st.detail, italic=italic, role=role))
    text_h = sum(ln.size * st.line for ln in out.lines)
    out.height = math.ceil(st.band + st.pad_y + text_h + st.pad_y - 1.0)
    return out


def _details(node: ChartNode, hidden: int) -> list[tuple[str, str, bool]]:
    """The small lines under the name: (text, role, italic)."""
    out: list[tuple[str, str, bool]] = []
    if node.head and not node.senior:
        out.append((f"Head: {node.head}", "muted", False))
    if node.holder:
        out.append((node.holder, "ink", True))
    if node.posts:
        text = f"{node.posts} post{'s' if node.posts != 1 else ''}"
        if node.posts_below and node.posts_below > node.posts:
            text += f", {node.posts_below} with units below"
        out.append((text, "muted", False))
    elif node.posts_below:
        out.append((f"{node.posts_below} posts in units below", "muted", False))
    out += [(note, "note", True) for note in node.notes]
    if node.possible and not node.ghost and node.possible_why:
        out.append((node.possible_why, "possible", True))
    if hidden:
        out.append((f"+ {hidden} unit{'s' if hidden != 1 else ''} below", "more", False))
    return out
