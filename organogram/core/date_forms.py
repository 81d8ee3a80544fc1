"""The extended date forms of ISO 8601-2 (EDTF) that say how little a document tells.

``../2021-06`` (not later than: in place by June 2021, since when unknown),
``2021-06/..`` (not earlier than), ``2009/2021-06`` (some time between) and
``2011~`` (approximate; ``2011?`` uncertain, ``2011%`` both) are read here, with the
`edtf` package doing the parsing; :class:`~organogram.core.dates.FuzzyDate` keeps the
result as an earliest and a latest possible day. The dataset's own quarter and half-year
forms (``2021-Q4``, ``2021-H2``) may stand at either end of an interval: they are handed
to the library as the EDTF level-2 groupings they mean (``2021-36``, ``2021-41``).

An approximate or uncertain date is widened by one period of its own precision on each
side (``2011~`` is some time in 2010 to 2012, ``2011-05~`` in April to June 2011): the
standard says the date is not exact without saying by how much, and a reader asks for
the widest span the text allows, not a guess narrower than it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

#: EDTF's codes for the sub-year groupings the dataset writes as Qn and Hn.
_GROUPING = {"Q1": "33", "Q2": "34", "Q3": "35", "Q4": "36", "H1": "40", "H2": "41"}
_OURS = re.compile(r"^(\d{4})-([QH][1-4])$", re.IGNORECASE)

#: The marks of an approximate or uncertain date, and what each says in words.
QUALIFIERS = {"~": "approximate", "?": "uncertain", "%": "uncertain and approximate"}


class FormError(ValueError):
    """An extended date form that the standard, or common sense, does not allow."""


def to_edtf(text: str) -> str:
    """``text`` with the dataset's ``YYYY-Qn``/``YYYY-Hn`` written as EDTF groupings."""
    m = _OURS.match(text)
    if not m:
        return text
    code = _GROUPING.get(m.group(2).upper())
    if code is None:
        raise FormError(f"{text!r} is not a quarter (Q1 to Q4) or a half-year (H1, H2)")
    return f"{m.group(1)}-{code}"


@lru_cache(maxsize=4096)
def bounds(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a plain EDTF date (``2021``, ``2021-06``, ``2021-36``…).

    Parsed by the ``edtf`` package; kept, since a dataset repeats the same few endpoints.
    """
    from edtf import parse_edtf
    from edtf.parser.edtf_exceptions import EDTFParseException

    try:
        parsed = parse_edtf(to_edtf(text))
    except EDTFParseException:
        raise FormError(f"{text!r} is not a date") from None
    lo, hi = parsed.lower_strict(), parsed.upper_strict()
    if isinstance(lo, float) or isinstance(hi, float):
        raise FormError(f"{text!r} is not a date with both its first and last day")
    return _day(lo), _day(hi)


def widen(start: dt.date, end: dt.date, unit: str) -> tuple[dt.date, dt.date]:
    """``start`` to ``end`` widened by one ``unit`` (year, half, quarter, month, day) each side."""
    if unit == "day":
        return _clamp(start, -1), _clamp(end, 1)
    months = {"year": 12, "half": 6, "quarter": 3, "month": 1}[unit]
    first = _add_months(start, -months)
    last_month = _add_months(end.replace(day=1), months)
    last = last_month.replace(day=calendar.monthrange(last_month.year, last_month.month)[1])
    return first, last


def _day(t) -> dt.date:  # a time.struct_time
    return dt.date(t.tm_year, t.tm_mon, t.tm_mday)


def _clamp(d: dt.date, days: int) -> dt.date:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return d


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(max(1, min(9999, year)), month + 1, 1)
