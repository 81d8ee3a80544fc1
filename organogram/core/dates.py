"""Dates known to a day, a month, a quarter or a year, or only within bounds.

Documents are vague: "in 2009", "end of 2020", "last quarter of 2021", "the existing
unit", "over the past decade". A :class:`FuzzyDate` keeps the span the document allows,
as the earliest and the latest possible day, with the precision the document gives. Besides
the calendar periods, the ISO 8601-2 (EDTF) forms say what is bounded on one side only or
approximate (see :mod:`.date_forms`): ``../2021-06`` not later than June 2021,
``2021-06/..`` not earlier, ``2009/2021-06`` some time between, ``2011~`` about 2011.
An unknown earliest day is :data:`datetime.date.min`, an unknown latest day
:data:`datetime.date.max`, so every date compares and sorts like the others.

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

from . import date_forms


class Precision(IntEnum):
    """How finely a date is known; larger is finer.

    ``RANGE``: no earliest day known (``../2021``), coarser than any period. An interval
    with a known first day has the precision of that day.
    """

    RANGE = 0
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


#: The unit by which an approximate date of each precision is widened on each side.
_WIDEN = {
    Precision.YEAR: "year",
    Precision.HALF: "half",
    Precision.QUARTER: "quarter",
    Precision.MONTH: "month",
    Precision.DAY: "day",
}

#: How the first and last days of an open side are written.
UNKNOWN_START = dt.date.min
UNKNOWN_END = dt.date.max


@dataclass(frozen=True, order=False, slots=True)
class FuzzyDate:
    """A date known to some precision, or within bounds: a span of possible days.

    ``start`` and ``end`` are the earliest and latest possible day (``date.min`` and
    ``date.max`` when a side is unknown); ``form`` is the written extended form
    (``../2021-06``, ``2011~``), empty for a plain day, month, quarter, half or year.
    """

    start: dt.date
    end: dt.date
    precision: Precision
    form: str = ""

    @classmethod
    def parse(cls, text: str | dt.date | FuzzyDate) -> FuzzyDate:
        """Parse ``2021-10-28``, ``2021-10``, ``2021-Q4``, ``2021-H2``, ``2021``, or an
        extended form: ``../2021-06``, ``2021-06/..``, ``2009/2021-06``, ``2011~``."""
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
        plain = _plain(raw)
        if plain is not None:
            return plain
        if "/" in raw or raw[-1:] in date_forms.QUALIFIERS:
            return _extended(raw)
        raise DateError(
            f"{raw!r} is not a date: use YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY, or "
            "a bound: ../DATE (not later than), DATE/.. (not earlier than), DATE/DATE "
            "(some time between), DATE~ (approximate)"
        )

    @classmethod
    def day(cls, d: dt.date) -> FuzzyDate:
        """The exact day ``d``."""
        return cls(d, d, Precision.DAY)

    @classmethod
    def between(cls, after: FuzzyDate | None, by: FuzzyDate | None) -> FuzzyDate:
        """Some time from the first day of ``after`` to the last day of ``by``.

        Either may be None (that side unknown): ``between(None, d)`` is "not later than
        ``d``" (``../d``), ``between(d, None)`` "not earlier than ``d``" (``d/..``).
        """
        if after is None and by is None:
            raise DateError("a date with neither an earliest nor a latest day says nothing")
        if any(d is not None and d.form for d in (after, by)):
            raise DateError("the ends of an interval are plain dates, not bounds themselves")
        start = after.start if after is not None else UNKNOWN_START
        end = by.end if by is not None else UNKNOWN_END
        if end < start:
            raise DateError(f"{after}/{by}: the latest day is before the earliest")
        if after is not None and after == by:
            return after
        left = ".." if after is None else str(after)
        right = ".." if by is None else str(by)
        # An interval from "2009" starts like "2009" does, and is ordered with it (a unit
        # created some time from 2009 under a department of 2009 comes after it).
        precision = Precision.RANGE if after is None else after.precision
        return cls(start, end, precision, f"{left}/{right}")

    @classmethod
    def not_later_than(cls, d: FuzzyDate) -> FuzzyDate:
        """In place (or done) by the end of ``d``, since when unknown: ``../d``."""
        return cls.between(None, d)

    @classmethod
    def not_earlier_than(cls, d: FuzzyDate) -> FuzzyDate:
        """From the first day of ``d`` or later: ``d/..``."""
        return cls.between(d, None)

    @property
    def exact(self) -> bool:
        """True when the date is known to the day."""
        return self.start == self.end

    @property
    def bounded(self) -> bool:
        """True when both the earliest and the latest possible day are known."""
        return self.start != UNKNOWN_START and self.end != UNKNOWN_END

    @property
    def earliest(self) -> dt.date | None:
        """The earliest possible day, or None when the sources give no lower bound."""
        return None if self.start == UNKNOWN_START else self.start

    @property
    def latest(self) -> dt.date | None:
        """The latest possible day, or None when the sources give no upper bound."""
        return None if self.end == UNKNOWN_END else self.end

    @property
    def qualifier(self) -> str:
        """How the date is qualified: "" (a plain period), "not-later-than",
        "not-earlier-than", "between", "approximate", "uncertain" or
        "uncertain and approximate"."""
        form = self.form
        if not form:
            return ""
        if "/" in form:
            if form.startswith(".."):
                return "not-later-than"
            if form.endswith(".."):
                return "not-earlier-than"
            return "between"
        return date_forms.QUALIFIERS[form[-1]]

    def contains(self, d: dt.date) -> bool:
        """True when day ``d`` lies inside this period."""
        return self.start <= d <= self.end

    def __str__(self) -> str:
        if self.form:
            return self.form
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
        """The date in words: "28 October 2020", "Q4 2021", "by June 2021", "about 2011"."""
        if self.form:
            return _describe_form(self.form)
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

    def moment(self) -> str:
        """The date as a moment in a sentence: "2018", "some time between July 2018 and
        December 2018", "by June 2021" (after "until", "on", "at")."""
        words = self.describe()
        return f"some time {words}" if self.qualifier == "between" else words

    def sort_key(self) -> tuple[dt.date, int]:
        """Order of application: by first day, coarser periods first on the same day."""
        return (self.start, int(self.precision))

    def __lt__(self, other: FuzzyDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: FuzzyDate) -> bool:
        return self.sort_key() <= other.sort_key()


def _plain(raw: str) -> FuzzyDate | None:
    """A day, month, quarter, half or year written plainly; None for any other text."""
    for pattern, precision in _PATTERNS:
        m = pattern.match(raw)
        if not m:
            continue
        year = int(m.group(1))
        try:
            return _build(year, precision, m)
        except ValueError as exc:
            raise DateError(f"{raw!r} is not a valid date: {exc}") from None
    return None


def _extended(raw: str) -> FuzzyDate:
    """An interval (``A/B``, either side ``..`` or empty) or an approximate date (``A~``)."""
    if "/" in raw:
        left, _, right = raw.partition("/")
        after = None if left.strip() in ("", "..") else _end_of_interval(raw, left.strip())
        by = None if right.strip() in ("", "..") else _end_of_interval(raw, right.strip())
        try:
            return FuzzyDate.between(after, by)
        except DateError as exc:
            raise DateError(f"{raw!r}: {exc}") from None
    mark = raw[-1]
    base = _plain(raw[:-1])
    if base is None:
        raise DateError(f"{raw!r}: {mark} follows a plain date (2011~, 2011-05?)")
    # The library checks the form (and reads its plain part); the widening is ours.
    _check(raw, raw[:-1])
    start, end = date_forms.widen(base.start, base.end, _WIDEN[base.precision])
    return FuzzyDate(start, end, base.precision, f"{base}{mark}")


def _end_of_interval(raw: str, text: str) -> FuzzyDate:
    """One end of an interval: a plain date, read by the library as EDTF reads it."""
    plain = _plain(text)
    if plain is None:
        raise DateError(
            f"{raw!r}: {text!r} is not a date; each end of an interval is YYYY-MM-DD, "
            "YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY, or .. when unknown"
        )
    _check(raw, text)
    return plain


def _check(raw: str, text: str) -> None:
    """Read ``text`` with the EDTF library too; it must find the same days we do."""
    try:
        date_forms.bounds(text)
    except date_forms.FormError as exc:
        raise DateError(f"{raw!r}: {exc}") from None


def _describe_form(form: str) -> str:
    """An extended form in words: "by June 2021", "between 2009 and 2021", "about 2011"."""
    if "/" in form:
        left, _, right = form.partition("/")
        if left == "..":
            return f"by {FuzzyDate.parse(right).describe()}"
        if right == "..":
            return f"not before {FuzzyDate.parse(left).describe()}"
        return f"between {FuzzyDate.parse(left).describe()} and {FuzzyDate.parse(right).describe()}"
    words = {"~": "about {}", "?": "{}, uncertain", "%": "about {}, uncertain"}[form[-1]]
    return words.format(FuzzyDate.parse(form[:-1]).describe())


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
    """The day a query date stands for: the last day of its period.

    A query asks about one moment, so a date with an unknown latest day (``2021/..``)
    is refused; a bounded interval stands for its last day, like a period.
    """
    date = FuzzyDate.parse(value)
    if date.end == UNKNOWN_END:
        raise DateError(f"{date}: a date to ask about needs a last day")
    return date.end
