"""Dates in words read into the dataset's date forms (docs/dates.md): "1 March 2024",
"March 2024", "the last quarter of 2021", "the second half of 2025", "in 2022"."""

from __future__ import annotations

import re

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4, "final": 4}
_MONTH = "|".join(m.capitalize() for m in MONTHS)

_FORMS = [
    (
        re.compile(rf"\b(?P<d>\d{{1,2}}) (?P<m>{_MONTH}) (?P<y>\d{{4}})\b"),
        lambda m: f"{m['y']}-{MONTHS[m['m'].lower()]:02d}-{int(m['d']):02d}",
    ),
    (
        re.compile(rf"\b(?P<m>{_MONTH}) (?P<d>\d{{1,2}}), (?P<y>\d{{4}})\b"),
        lambda m: f"{m['y']}-{MONTHS[m['m'].lower()]:02d}-{int(m['d']):02d}",
    ),
    (
        re.compile(rf"\b(?P<m>{_MONTH}) (?P<y>\d{{4}})\b"),
        lambda m: f"{m['y']}-{MONTHS[m['m'].lower()]:02d}",
    ),
    (
        re.compile(r"\b(?P<q>first|second|third|fourth|last|final) quarter of (?P<y>\d{4})\b"),
        lambda m: f"{m['y']}-Q{_QUARTERS[m['q']]}",
    ),
    (re.compile(r"\bQ(?P<q>[1-4]) (?P<y>\d{4})\b"), lambda m: f"{m['y']}-Q{m['q']}"),
    (
        re.compile(r"\b(?P<h>first|second) half of (?P<y>\d{4})\b"),
        lambda m: f"{m['y']}-H{1 if m['h'] == 'first' else 2}",
    ),
    (re.compile(r"\bend of (?P<y>\d{4})\b"), lambda m: f"{m['y']}-Q4"),
    (re.compile(r"\b(?:in|during|from|by|as of) (?P<y>(?:19|20)\d{2})\b"), lambda m: m["y"]),
]


def dates_in(text: str) -> list[tuple[int, str, str]]:
    """(where, the date form, the words) of each date in ``text``, in order; a date
    already read by a finer form is not read again by a coarser one."""
    found: list[tuple[int, int, str, str]] = []
    for pattern, form in _FORMS:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e or s < m.end() <= e for s, e, *_ in found):
                continue
            found.append((m.start(), m.end(), form(m), m[0]))
    return [(s, f, w) for s, _, f, w in sorted(found)]


_BY = re.compile(r"\b(?:by|no later than|not later than|before)\s+(?:the\s+)?$", re.I)
_FROM = re.compile(r"\b(?:from|as of|as from|with effect from|effective|starting|on)\s+$", re.I)


def effective_date(sentence: str) -> str | None:
    """The date a sentence gives a change ("with effect from 1 July 2025" → 2025-07-01,
    "by the end of 2024" → ../2024-Q4), or None when it gives none."""
    for where, form, _ in dates_in(sentence):
        before = sentence[max(0, where - 40) : where]
        if _BY.search(before):
            return f"../{form}"
        if _FROM.search(before) or re.search(r"\b(?:in|during|at)\s+(?:the\s+)?$", before):
            return form
    return None


def plan_window(sentence: str) -> str | None:
    """The window a sentence gives the whole plan: "begin in the last quarter of 2021 …
    full implementation in 2022" → ``2021-Q4/2022``; None when it gives none."""
    if not re.search(
        r"\b(?:implement\w*|take effect|takes effect|begin|start|commence|roll\w* out|"
        r"adjustments|reorgani[sz]ation|appl(?:y|ies) (?:as )?from)\b",
        sentence,
        re.I,
    ):
        return None
    found = [form for _, form, _ in dates_in(sentence)]
    if len(found) >= 2 and re.search(r"\b(?:begin|start|commence)", sentence, re.I):
        return f"{found[0]}/{found[-1]}"
    if len(found) == 1 and re.search(
        r"\btake effect|takes effect|effective\b|\bappl(?:y|ies) (?:as )?from\b", sentence, re.I
    ):
        return found[0]
    return None
