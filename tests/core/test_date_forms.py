"""The ISO 8601-2 (EDTF) forms: bounds, intervals and approximate dates."""

from __future__ import annotations

import datetime as dt

import pytest

from organogram.core.dates import DateError, FuzzyDate, Precision, as_of

D = dt.date


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "qualifier", "words"),
    [
        ("../2021-06", None, D(2021, 6, 30), "not-later-than", "by June 2021"),
        ("2021-06/..", D(2021, 6, 1), None, "not-earlier-than", "not before June 2021"),
        ("2009/2021-Q2", D(2009, 1, 1), D(2021, 6, 30), "between", "between 2009 and Q2 2021"),
        ("2011~", D(2010, 1, 1), D(2012, 12, 31), "approximate", "about 2011"),
        ("2011-05?", D(2011, 4, 1), D(2011, 6, 30), "uncertain", "May 2011, uncertain"),
        (
            "2020-H2/2021-Q1",
            D(2020, 7, 1),
            D(2021, 3, 31),
            "between",
            "between H2 2020 and Q1 2021",
        ),
    ],
)
def test_extended_forms_know_their_earliest_and_latest_day(
    text, earliest, latest, qualifier, words
):
    d = FuzzyDate.parse(text)
    assert (d.earliest, d.latest, d.qualifier, d.describe()) == (earliest, latest, qualifier, words)
    assert str(d) == text and FuzzyDate.parse(str(d)) == d
    assert not d.exact


def test_an_empty_side_is_the_same_as_an_open_one():
    assert FuzzyDate.parse("/2021") == FuzzyDate.parse("../2021")
    assert str(FuzzyDate.parse("/2021")) == "../2021"


def test_plain_forms_are_unchanged_and_have_no_qualifier():
    d = FuzzyDate.parse("2021-Q4")
    assert (d.start, d.end, d.precision, d.form, d.qualifier) == (
        D(2021, 10, 1),
        D(2021, 12, 31),
        Precision.QUARTER,
        "",
        "",
    )
    assert d.bounded and FuzzyDate.parse("2021-10-28").exact


def test_an_open_start_sorts_before_every_bounded_date():
    assert FuzzyDate.parse("../2021") < FuzzyDate.parse("1900")
    # An interval from 2009 is ordered as 2009 is: with it, before 2009-01.
    assert FuzzyDate.parse("2009/2021").sort_key() == FuzzyDate.parse("2009").sort_key()
    assert FuzzyDate.parse("2009/2021") < FuzzyDate.parse("2009-01")


def test_between_makes_the_forms_importers_need():
    a, b = FuzzyDate.parse("2020-03-31"), FuzzyDate.parse("2020-09-30")
    assert str(FuzzyDate.between(a, b)) == "2020-03-31/2020-09-30"
    assert str(FuzzyDate.not_later_than(a)) == "../2020-03-31"
    assert str(FuzzyDate.not_earlier_than(b)) == "2020-09-30/.."
    assert FuzzyDate.between(a, a) == a


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021/2009", "latest day is before the earliest"),
        ("../..", "neither an earliest nor a latest"),
        ("2021-Q5/..", "is not a date"),
        ("x~", "follows a plain date"),
        ("../2021~", "is not a date; each end"),
        ("2021-02-30/..", "not a valid date"),
    ],
)
def test_impossible_extended_forms_are_refused_with_a_reason(text, message):
    with pytest.raises(DateError, match=message):
        FuzzyDate.parse(text)


def test_a_query_date_needs_a_last_day():
    assert as_of("../2021-06") == D(2021, 6, 30)
    with pytest.raises(DateError, match="needs a last day"):
        as_of("2021/..")
