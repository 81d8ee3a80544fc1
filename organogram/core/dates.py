"""Dates known to a day, a month, a quarter or a year.

Documents are vague: "in 2009", "end of 2020", "last quarter of 2021". A
:class:`FuzzyDate` keeps the period the document allows, as a first and a last day,
with the precision the document gives.

As-of semantics (documented in docs/dates.md):

* A change whose date is a period takes effect on the **first day** of that period:
  the structure "as of" any day inside the period already shows it. The snapshot
  marks such changes as *uncertain* for days inside their period.
* A query date that is a period ("as of 2016") is read as its **last day**: the
  structure as it stood by the end of that period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum


class Precision(IntEnum):
    """How finely a date is known; larger is finer."""

    YEAR = 1
    HALF = 2
    QUARTER = 3
    MONTH = 4
    DAY = 5


_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), Precision.DAY),
    (re.compile(r"^(\d{4})-(\d{2})$"), Precision.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE), Precision.QUARTER),
    (re.compile(r"^(\d{4})-H([12])$", re.IGNORECASE), Precision.HALF),
    (re.compile(r"^(\d{4})$"), Precision.YEAR),
]


class DateError(ValueError):
    """A text that is not a date in any of the accepted forms."""


@dataclass(frozen=True, order=False, slots=True)
class FuzzyDate:
    """A date known to some precision, i.e. a period of whole days."""

    start: dt.date
    end: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str | dt.date | FuzzyDate) -> FuzzyDate:
        """Parse ``2021-10-28``, ``2021-10``, ``2021-Q4``, ``2021-H2`` or ``2021``."""
        if isinstance(text, FuzzyDate):
            return text
        if isinstance(text, dt.datetime):
            text = text.date()
        if isinstance(text, dt.date):
            return cls.day(text)
        if isinstance(text, int):
            text = str(text)
        if not isinstance(text, str):
            raise DateError(f"expected a date, got {type(text).__name__}")
        raw = text.strip()
        if raw.lower() == "today":
            return cls.day(dt.date.today())
        for pattern, precision in _PATTERNS:
            m = pattern.match(raw)
            if not m:
                continue
            year = int(m.group(1))
            try:
                return _build(year, precision, m)
            except ValueError as exc:
                raise DateError(f"{raw!r} is not a valid date: {exc}") from None
        raise DateError(f"{raw!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY")

    @classmethod
    def day(cls, d: dt.date) -> FuzzyDate:
        """The exact day ``d``."""
        return cls(d, d, Precision.DAY)

    @property
    def exact(self) -> bool:
        """True when the date is known to the day."""
        return self.precision == Precision.DAY

    def contains(self, d: dt.date) -> bool:
        """True when day ``d`` lies inside this period."""
        return self.start <= d <= self.end

    def __str__(self) -> str:
        y = self.start.year
        if self.precision == Precision.DAY:
            return self.start.isoformat()
        if self.precision == Precision.MONTH:
            return f"{y:04d}-{self.start.month:02d}"
        if self.precision == Precision.QUARTER:
            return f"{y:04d}-Q{(self.start.month - 1) // 3 + 1}"
        if self.precision == Precision.HALF:
            return f"{y:04d}-H{1 if self.start.month == 1 else 2}"
        return f"{y:04d}"

    def describe(self) -> str:
        """The date in words: "28 October 2020", "October 2020", "Q4 2021", "2009"."""
        s = self.start
        if self.precision == Precision.DAY:
            return f"{s.day} {calendar.month_name[s.month]} {s.year}"
        if self.precision == Precision.MONTH:
            return f"{calendar.month_name[s.month]} {s.year}"
        if self.precision == Precision.QUARTER:
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        if self.precision == Precision.HALF:
            return f"H{1 if s.month == 1 else 2} {s.year}"
        return str(s.year)

    def sort_key(self) -> tuple[dt.date, int]:
        """Order of application: by first day, coarser periods first on the same day."""
        return (self.start, int(self.precision))

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: FuzzyDate) -> bool:
        return self.sort_key() <= other.sort_key()


def _build(year: int, precision: Precision, m: re.Match[str]) -> FuzzyDate:
    if precision == Precision.DAY:
        d = dt.date(year, int(m.group(2)), int(m.group(3)))
        return FuzzyDate(d, d, precision)
    if precision == Precision.MONTH:
        month = int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return FuzzyDate(dt.date(year, month, 1), dt.date(year, month, last), precision)
    if precision == Precision.QUARTER:
        q = int(m.group(2))
        first, lastm = 3 * q - 2, 3 * q
        last = calendar.monthrange(year, lastm)[1]
        return FuzzyDate(dt.date(year, first, 1), dt.date(year, lastm, last), precision)
    if precision == Precision.HALF:
        h = int(m.group(2))
        first, lastm = (1, 6) if h == 1 else (7, 12)
        last = calendar.monthrange(year, lastm)[1]
        return FuzzyDate(dt.date(year, first, 1), dt.date(year, lastm, last), precision)
    return FuzzyDate(dt.date(year, 1, 1), dt.date(year, 12, 31), precision)


def as_of(value: str | dt.date | FuzzyDate) -> dt.date:
    """The day a query date stands for: the last day of its period."""
    return FuzzyDate.parse(value).end
