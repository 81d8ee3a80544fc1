"""The date a document's names are read at, when the reader gives none: a paper's names
are those of the structure just before its changes, a description's those of the
structure it describes.

Reading a 2021 paper against today's structure goes wrong: the units it replaces are gone
and their names find nothing, or a near name ("Office of the Director General" read as the
Office of the Inspector General). So the default is taken from the document itself, then
from the dataset's source, and only then today; the reason is given with the date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core.dates import DateError, FuzzyDate
from ..core.record import Record
from .dates import dates_in, effective_date, plan_window
from .mood import decision_mood
from .paragraphs import find_paragraphs
from .rules import CHANGE

# "Organization as at 30 June 2025", "(as of March 2024)": the date a title says the
# structure it shows is that of.
_AS_AT = re.compile(
    r"\b(?:as (?:at|of)|at|on)\s+(?:\d{1,2} )?(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)(?: \d{1,2},)? \d{4}\b"
)
# Where a paper is signed: up to three capitalized words ("Geneva", "New York").
_PLACE = re.compile(r"(?:[A-Z][\w.-]*\s?){0,3}")
# The first line of a numbered paragraph: the dateline stands before it.
_PARAGRAPH = re.compile(r"^(?:[-*•]\s*)?\d{1,3}[.)]\s+\S")


@dataclass(frozen=True)
class AsOf:
    """A date to resolve names at (ISO day, or the date the reader gave) and why."""

    date: str
    why: str


def paper_date(text: str, record: Record, source: str | None) -> AsOf:
    """The day before the earliest date the paper gives its changes (its plan window's
    start, or a change's own date: "2021-Q4" → 2021-09-30), else the source's date (see
    :func:`source_date`), else today."""
    earliest: tuple[dt.date, str, str] | None = None
    paragraphs, _ = find_paragraphs(text)
    for para in paragraphs:
        for sentence in para.sentences():
            found = [plan_window(sentence)]
            if CHANGE.search(decision_mood(sentence, para.items)):
                found.append(effective_date(sentence))
            for form in found:
                start = _start(form)
                if start and (earliest is None or start < earliest[0]):
                    earliest = (start, form, para.number)
    dated = dateline(text)
    if earliest is not None:
        day, form, where = earliest
        before = (day - dt.timedelta(days=1)).isoformat()
        if dated is None or before < dated.date:
            return AsOf(
                before,
                f"the day before the earliest date the paper gives its changes ({form}, "
                f"paragraph {where})",
            )
    return dated or source_date(record, source) or _today()


def dateline(text: str) -> AsOf | None:
    """The date a paper is signed or issued on, from a line before its first paragraph
    that holds only a date, or a place and a date ("Geneva, 1 December 2025"): the
    structure its names are those of, when its changes take effect later."""
    for line in text.splitlines():
        line = line.strip().strip("*_").strip()
        if _PARAGRAPH.match(line):
            return None
        found = dates_in(line)
        if len(found) != 1:
            continue
        where, form, words = found[0]
        place = line[:where].strip().rstrip(",").strip()
        if not _only_date(line[where:], words) or not _PLACE.fullmatch(place):
            continue
        day = _start(form)
        if day is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", form):
            continue
        return AsOf(day.isoformat(), f"the date the paper gives itself (“{line}”)")
    return None


def description_date(text: str, record: Record, source: str | None) -> AsOf:
    """The date a structure description gives itself (a line that is only a date, such
    as "November 2016" at its foot: its last day), else the source's date, else today."""
    for line in text.splitlines():
        line = line.strip().strip("*_").strip()
        found = dates_in(line)
        if len(found) == 1 and _only_date(line, found[0][2]):
            form = found[0][1]
            parsed = FuzzyDate.parse(form)
            return AsOf(
                parsed.end.isoformat(),
                f"the date the document gives itself (“{line}”), at its end",
            )
    # The title and the headings under it, before the first paragraph or section.
    top = []
    for ln in text.splitlines():
        if _PARAGRAPH.match(ln.strip()) or re.match(r"^\s*#{1,6}\s+\d", ln):
            break
        if ln.strip():
            top.append(ln.strip())
    stated = next((m for m in map(_AS_AT.search, top[:4]) if m), None)
    if stated:
        parsed = FuzzyDate.parse(dates_in(stated[0])[0][1])
        return AsOf(
            parsed.end.isoformat(), f"the date its title gives (“{stated[0]}”), at its end"
        )
    return source_date(record, source) or _today()


def source_date(record: Record, source: str | None) -> AsOf | None:
    """The date of the dataset's source ``source``: its last day when it has one (the
    structure a document of November 2016 shows is in place by its end), else its
    earliest (``2021-10/..`` → 2021-10-01); None when there is no such source or date."""
    src = record.sources.get(source) if source else None
    if src is None or not src.date:
        return None
    try:
        date = FuzzyDate.parse(src.date)
    except DateError:
        return None
    if date.latest is not None:
        return AsOf(
            date.latest.isoformat(), f"the date of source {source} ({src.date}), at its end"
        )
    if date.earliest is not None:
        return AsOf(
            date.earliest.isoformat(),
            f"the date of source {source} ({src.date}), its earliest day (no last day is known)",
        )
    return None


def _start(form: str | None) -> dt.date | None:
    if not form:
        return None
    try:
        return FuzzyDate.parse(form).earliest
    except DateError:
        return None


def _only_date(line: str, words: str) -> bool:
    rest = line.replace(words, "")
    return not re.search(r"[A-Za-z0-9]", rest)


def _today() -> AsOf:
    return AsOf(dt.date.today().isoformat(), "today: the document and its source give no date")
