"""Reading UK government organogram files: senior and junior, one snapshot or several.

Three shapes are read: data.gov.uk files (one department, one snapshot, senior or junior,
the date in the file name), raw uploads (the same columns, perhaps with a leading index
column; the date given with ``--date`` when the name has none), and compilations with a
snapshot label on each row (``Mar-15``) and a Senior/Junior column. Headers drift between
years ("Grade" or "Grade (or equivalent)", "Reports to Senior Post" or "Reporting Senior
Post"): they are matched on their words. Every value is kept as text, so post references
keep their leading zeros.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.dates import DateError, FuzzyDate
from .problems import Report
from .tables import Table, read_csv

#: Normalised header -> the field it holds.
HEADERS = {
    "post unique reference": "ref",
    "name": "name",
    "grade or equivalent": "grade",
    "grade": "grade",
    "job title": "title",
    "generic job title": "title",
    "unit": "unit",
    "organisation": "organisation",
    "parent department": "department",
    "reports to senior post": "reports_to",
    "reporting senior post": "reports_to",
    "fte": "fte",
    "number of posts in fte": "fte",
    "professional occupational group": "profession",
    "back to index": "snapshot",
    "senior junior": "seniority",
    "senion junior": "seniority",
    "seniority": "seniority",
}
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def normalise(header: str) -> str:
    """A header's words: ``Grade (or equivalent)`` -> ``grade or equivalent``."""
    text = header.lower().replace("£", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass
class Row:
    """One row of an organogram, by field, with where it was read."""

    file: str
    row: int
    date: FuzzyDate
    senior: bool
    values: dict[str, str]
    #: the source it cites: the file, or the file's snapshot for a compilation.
    source: str

    def get(self, key: str) -> str:
        """A field's text, stripped of spaces and of quotes around it ('' when absent)."""
        return self.values.get(key, "").strip().strip("\"'").strip()


def label_date(label: str) -> FuzzyDate | None:
    """``Mar-15`` -> 31 March 2015 (organograms are published as at a month's end)."""
    m = re.fullmatch(r"([A-Za-z]{3})[a-z]*[- ](\d{2}|\d{4})", label.strip())
    if not m or m.group(1).lower() not in _MONTHS:
        return None
    year = int(m.group(2)) + (2000 if len(m.group(2)) == 2 else 0)
    month = _MONTHS[m.group(1).lower()]
    return FuzzyDate.day(dt.date(year, month, calendar.monthrange(year, month)[1]))


def file_date(path: str, given: str, report: Report) -> FuzzyDate | None:
    """The snapshot date in a file's name, else the one given; reports when there is none."""
    m = _DATE_IN_NAME.search(Path(path).name)
    try:
        if m:
            return FuzzyDate.parse(m.group(1))
        if given:
            return FuzzyDate.parse(given)
    except DateError as exc:
        report.error(path, str(exc), code="date")
        return None
    report.error(path, "no snapshot date in the file name: give it with --date", code="date")
    return None


def read_rows(path: str, given_date: str, report: Report) -> tuple[list[Row], Table]:
    """Every row of one organogram file, its fields named; reports unreadable files."""
    table = read_csv(path, report)
    fields = {
        i: HEADERS[normalise(h)] for i, h in enumerate(table.headers) if normalise(h) in HEADERS
    }
    if not fields:
        if table.headers:
            report.error(path, "not an organogram: no column of one was found", code="file")
        return [], table
    named = set(fields.values())
    compiled = "snapshot" in named
    date = None if compiled else file_date(path, given_date, report)
    if not compiled and date is None:
        return [], table
    stem = Path(path).stem
    rows: list[Row] = []
    for number, cells in table.rows:
        values = {f: cells[i] for i, f in fields.items() if i < len(cells)}
        senior = "ref" in named
        row_date, source = date, stem
        if compiled:
            row_date = label_date(values.get("snapshot", ""))
            if row_date is None:
                report.warn(
                    path,
                    f"snapshot label {values.get('snapshot', '')!r} is not a "
                    "month and year such as Mar-15: row skipped",
                    row=number,
                    code="date",
                )
                continue
            senior = values.get("seniority", "").strip().lower().startswith("senior")
            source = f"{stem}-{row_date}"
        assert row_date is not None
        rows.append(Row(path, number, row_date, senior, values, source))
    return rows, table
