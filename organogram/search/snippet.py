"""The words of a text that match a query, marked, around the first of them.

Engines stem and match prefixes; this marks, in the text as written (accents and all),
each word that equals a query word, begins with the word being typed, or shares its stem
with one (a common beginning nearly as long as the shorter word). It is the same on
every engine, and gives parts (text, marked) that a page escapes and an API returns as
data, never markup.
"""

from __future__ import annotations

import re

from .query import Query
from .text import STOP_WORDS, normal

_WORD = re.compile(r"\w+", re.UNICODE)

#: Texts longer than this are cut to a window around the first marked word.
LONGEST = 220
#: How much of the text before the first marked word a window keeps.
BEFORE = 60


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def marks_word(word: str, query: Query) -> bool:
    """Whether the (normalized) ``word`` of a text matches a word of ``query`` (a stop
    word, such as "of", only when the query has no other words)."""
    last = len(query.terms) - 1
    meaningful = any(t not in STOP_WORDS for t in query.terms)
    for i, term in enumerate(query.terms):
        if meaningful and term in STOP_WORDS and i != last:
            continue
        if word == term:
            return True
        if i == last and query.prefix and word.startswith(term):
            return True
        if len(term) >= 4 and len(word) >= 4:
            shorter = min(len(term), len(word))
            if _common(word, term) >= max(4, shorter - 3):
                return True
    return False


def snippet(text: str, query: Query, longest: int = LONGEST) -> list[tuple[str, bool]]:
    """``text`` as parts (text, marked), cut around the first match when long."""
    spans = [
        (m.start(), m.end())
        for m in _WORD.finditer(text)
        if any(marks_word(w, query) for w in normal(m.group()).split() or [""])
    ]
    start, end = 0, len(text)
    if len(text) > longest:
        first = spans[0][0] if spans else 0
        start = max(0, first - BEFORE)
        if start:
            space = text.rfind(" ", 0, start + 1)
            start = space + 1 if space >= 0 and start - space < 20 else start
        end = min(len(text), start + longest)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start + longest // 2 else end
    parts: list[tuple[str, bool]] = []
    at = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        if a > at:
            parts.append((text[at:a], False))
        parts.append((text[a:b], True))
        at = b
    if at < end:
        parts.append((text[at:end], False))
    if start > 0:
        parts.insert(0, ("…", False))
    if end < len(text):
        parts.append(("…", False))
    return parts
