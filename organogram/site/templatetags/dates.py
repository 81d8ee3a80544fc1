"""One date format on every page: ``{{ value|when }}``.

A day known exactly reads "31 December 2022" and keeps its machine form in
``<time datetime="2022-12-31">``; a moment (``{{ value|when:"time" }}``, for the audit
log, tokens, a plan's base) reads "31 December 2022, 14:05 UTC"; a date known less
exactly is said in words by :meth:`organogram.core.dates.FuzzyDate.describe` ("Q4 2021",
"by June 2021", "between 2009 and 2016"), with no ``datetime``: a single day would
claim more than is known.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ...core.dates import DateError, FuzzyDate

register = template.Library()


def _day_words(d: dt.date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def as_fuzzy(value: Any) -> FuzzyDate | None:
    """``value`` (a FuzzyDate, a date, a timestamp, or a date's text) as a FuzzyDate;
    None for anything that is not a date."""
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, dt.datetime):
        return FuzzyDate.day(value.date())
    if isinstance(value, dt.date):
        return FuzzyDate.day(value)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        # A timestamp ("2024-05-01T09:30:00+00:00"): its day.
        if len(text) > 10 and text[4] == "-" and text[10] in "T ":
            text = text[:10]
        try:
            return FuzzyDate.parse(text)
        except DateError:
            return None
    return None


def words(value: Any) -> str:
    """The date in words, as the pages print it ("" for no date; text that is not a
    date as it is)."""
    date = as_fuzzy(value)
    if date is None:
        return "" if value is None else str(value)
    if date.exact:
        return _day_words(date.start)
    return date.describe()


def moment_words(value: dt.datetime) -> str:
    """A moment as the pages print it: "31 December 2022, 14:05 UTC" (a naive one is
    taken to be in UTC, as the registry stores them)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return f"{_day_words(value.date())}, {value:%H:%M} UTC"


@register.filter
def when(value: Any, precision: str = "") -> SafeString | str:
    """A date as the pages print it: ``<time>`` with the day for an exact day, the
    words of the span otherwise; empty for None, other text as it is. With
    ``precision`` "time", a moment (a datetime) keeps its time of day."""
    if precision == "time" and isinstance(value, dt.datetime):
        stamp = value.astimezone(dt.UTC) if value.tzinfo is not None else value
        return format_html('<time datetime="{}">{}</time>', stamp.isoformat(), moment_words(value))
    date = as_fuzzy(value)
    if date is None:
        return "" if value is None else str(value)
    if date.exact:
        return format_html(
            '<time datetime="{}">{}</time>', date.start.isoformat(), _day_words(date.start)
        )
    return date.describe()
