"""A document cut into paragraphs: numbered ones where the paper numbers them, else its
blocks in order, each with the heading it sits under and the line it starts on."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "12.", "- 12.", "12)" at the start of a line: a numbered paragraph.
_NUMBERED = re.compile(r"^\s*(?:[-*•]\s*)?(?P<n>\d{1,3})[.)]\s+(?P<rest>\S.*)$")
# A list item inside a paragraph: "- Director of ..." or "• Budget Division".
_ITEM = re.compile(r"^\s*(?:[-*•]|\([a-z]\)|[a-z]\))\s+(?P<rest>\S.*)$")
# "## 3. Media and Communications": a heading that numbers its section.
_SECTION = re.compile(r"^\s*#{1,6}\s+(?P<n>\d{1,3})[.)]?\s+(?P<rest>\S.*?)\s*#*\s*$")
# A day's date ("18 May 2026", "May 18, 2026"): a line ending so is a dateline, no heading.
_DATELINE = re.compile(
    r"\b(?:\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2}, \d{4})\s*$"
)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<rest>.+?)\s*#*\s*$")


@dataclass
class Paragraph:
    """One paragraph: its number (as cited), text, list items, heading and first line."""

    number: str
    text: str
    line: int
    heading: str = ""
    items: list[str] | None = None
    #: where in ``text`` the items stood, when text follows them ("… in two: (a) …;
    #: (b) …. Both sit within …"): the sentence before them ends there.
    items_at: int | None = None

    def sentences(self) -> list[str]:
        """The text's sentences, cut where the items stood as well as at full stops."""
        if self.items_at is None or self.items_at >= len(self.text):
            return sentences(self.text)
        return sentences(self.text[: self.items_at]) + sentences(self.text[self.items_at :])

    @property
    def body(self) -> str:
        """The text with its list items, one a line."""
        return "\n".join([self.text, *(self.items or [])]).strip()


def is_heading(line: str) -> bool:
    """A short line that reads as a title: a Markdown heading, or a line with no final full
    stop and capitalized words; not a dateline ("Geneva, 18 May 2026")."""
    text = _MARKDOWN_HEADING.sub(r"\g<rest>", line).strip().strip("*").strip()
    if not text or len(text) > 90 or text[-1] in ".;:,":
        return False
    if _DATELINE.search(text):
        return False
    if _MARKDOWN_HEADING.match(line):
        return True
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", text)
    if not words or len(words) > 14 or not text[0].isupper():
        return False
    small = {"of", "and", "the", "for", "on", "to", "in", "a", "an", "at", "with", "by"}
    capital = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return capital == len(words)


def _clean(text: str) -> str:
    """Markdown emphasis removed, spaces folded."""
    text = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m[1] or m[2], text)
    return re.sub(r"[ \t]+", " ", text).strip()


def find_paragraphs(text: str) -> tuple[list[Paragraph], bool]:
    """(the paragraphs, whether the document numbers them). Numbered paragraphs keep the
    number the paper gives; a document without numbers is cut into blocks (separated by a
    blank line), numbered 1, 2, … in order. Headings are not paragraphs: each paragraph
    keeps the last heading above it. Lines that continue a numbered paragraph (after a
    page break, a list under it) stay with it."""
    lines = text.splitlines()
    if sum(1 for ln in lines if _SECTION.match(ln)) >= 2:
        return _sections(lines), True
    numbered = sum(1 for ln in lines if _NUMBERED.match(ln)) >= 3
    out: list[Paragraph] = []
    heading = ""
    current: Paragraph | None = None
    blank_before = True
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            blank_before = True
            if not numbered:
                current = None
            continue
        m = _NUMBERED.match(raw) if numbered else None
        if m:
            current = Paragraph(m["n"], _clean(m["rest"]), i, heading, [])
            out.append(current)
        elif blank_before and is_heading(line) and not _ITEM.match(raw):
            heading = _clean(_MARKDOWN_HEADING.sub(r"\g<rest>", line))
            current = None
        elif (item := _ITEM.match(raw)) and current is not None:
            if not current.items:
                current.items_at = len(current.text)
            current.items = [*(current.items or []), _clean(item["rest"])]
        elif current is not None and current.items and _continues(current.items[-1], line):
            # A list item running over several lines.
            current.items[-1] = f"{current.items[-1]} {_clean(line)}"
        elif current is not None and (not numbered or line[0].islower() or not blank_before):
            current.text = f"{current.text} {_clean(line)}".strip()
        elif not numbered:
            current = Paragraph(str(len(out) + 1), _clean(line), i, heading, [])
            out.append(current)
        elif current is not None and line[0].islower():
            current.text = f"{current.text} {_clean(line)}"
        # Unnumbered text of a numbered paper that continues nothing (a title page, a
        # chart's caption) is no paragraph the paper cites.
        blank_before = False
    if not numbered:
        for n, p in enumerate(out, start=1):
            p.number = str(n)
    return out, numbered


def _sections(lines: list[str]) -> list[Paragraph]:
    """A document numbered by its headings ("## 3. Media and Communications"): each
    numbered section is one paragraph cited by its number, its blocks joined and its
    lists its items; text before the first section is no paragraph."""
    out: list[Paragraph] = []
    current: Paragraph | None = None
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        section = _SECTION.match(raw)
        if section:
            current = Paragraph(section["n"], "", i, _clean(section["rest"]), [])
            out.append(current)
        elif current is None or not line or _MARKDOWN_HEADING.match(raw):
            continue
        elif (item := _ITEM.match(raw)) is not None:
            if not current.items:
                current.items_at = len(current.text)
            current.items = [*(current.items or []), _clean(item["rest"])]
        elif current.items and _continues(current.items[-1], line):
            current.items[-1] = f"{current.items[-1]} {_clean(line)}"
        else:
            current.text = f"{current.text} {_clean(line)}".strip()
    return out


def _continues(item: str, line: str) -> bool:
    """Whether ``line`` goes on with the list item ``item``: the item has not ended (no
    full stop, semicolon or colon) or the line starts in lower case."""
    return not item.rstrip().endswith((".", ";", ":")) or line[:1].islower()


_ABBREVIATIONS = re.compile(r"\b(?:No|Nos|para|paras|e\.g|i\.e|etc|cf|Mr|Ms|Dr|St|art)\.$")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph, split at a full stop (or ; before a list's end)
    followed by a capital, not after an abbreviation such as "No." or "e.g."."""
    out: list[str] = []
    start = 0
    for m in re.finditer(r"[.!?](?=\s+[\"“(]?[A-Z0-9])", text):
        piece = text[start : m.end()]
        if _ABBREVIATIONS.search(piece):
            continue
        out.append(piece.strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out
