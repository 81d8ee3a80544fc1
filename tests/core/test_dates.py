"""Fuzzy dates: every accepted form, errors, words, ordering and the as-of reading."""

from __future__ import annotations

import datetime as dt

import pytest

from organogram.core.changes import CreateUnit, Rename, UnitSpec
from organogram.core.dates import DateError, FuzzyDate, Precision, as_of
from organogram.core.timeline import Timeline

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2021-10-28", D(2021, 10, 28), D(2021, 10, 28), Precision.DAY),
        ("2020-02", D(2020, 2, 1), D(2020, 2, 29), Precision.MONTH),
        ("2021-02", D(2021, 2, 1), D(2021, 2, 28), Precision.MONTH),
        ("2021-Q1", D(2021, 1, 1), D(2021, 3, 31), Precision.QUARTER),
        ("2021-Q2", D(2021, 4, 1), D(2021, 6, 30), Precision.QUARTER),
        ("2021-Q3", D(2021, 7, 1), D(2021, 9, 30), Precision.QUARTER),
        ("2021-q4", D(2021, 10, 1), D(2021, 12, 31), Precision.QUARTER),
        ("2021-H1", D(2021, 1, 1), D(2021, 6, 30), Precision.HALF),
        ("2021-h2", D(2021, 7, 1), D(2021, 12, 31), Precision.HALF),
        ("2009", D(2009, 1, 1), D(2009, 12, 31), Precision.YEAR),
        ("  2009 ", D(2009, 1, 1), D(2009, 12, 31), Precision.YEAR),
    ],
)
def test_parse_every_form(text, start, end, precision):
    d = FuzzyDate.parse(text)
    assert (d.start, d.end, d.precision) == (start, end, precision)


def test_parse_accepts_dates_datetimes_ints_and_fuzzy_dates():
    day = FuzzyDate.parse(D(2016, 11, 1))
    assert (day.start, day.end, day.precision) == (D(2016, 11, 1), D(2016, 11, 1), Precision.DAY)
    assert FuzzyDate.parse(dt.datetime(2016, 11, 1, 15, 30)) == day
    assert FuzzyDate.parse(2016) == FuzzyDate.parse("2016")
    assert FuzzyDate.parse(day) is day


def test_parse_today_is_the_current_day():
    assert FuzzyDate.parse("today") == FuzzyDate.day(D.today())


@pytest.mark.parametrize(
    "text", ["", "2021/10/28", "28 October 2021", "2021-Q5", "2021-H3", "21-10", "2021-1"]
)
def test_parse_rejects_unknown_forms_and_names_the_accepted_ones(text):
    with pytest.raises(DateError, match="YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"):
        FuzzyDate.parse(text)


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "2021-00-10", "2021-04-31"])
def test_parse_rejects_impossible_dates(text):
    with pytest.raises(DateError, match="is not a valid date"):
        FuzzyDate.parse(text)


def test_parse_rejects_other_types():
    with pytest.raises(DateError, match="expected a date, got list"):
        FuzzyDate.parse([2021])  # type: ignore[arg-type]


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2020-10-28", "28 October 2020"),
        ("2020-10-01", "1 October 2020"),
        ("2020-10", "October 2020"),
        ("2021-Q4", "Q4 2021"),
        ("2021-H2", "H2 2021"),
        ("2009", "2009"),
    ],
)
def test_describe_in_words(text, words):
    assert FuzzyDate.parse(text).describe() == words


@pytest.mark.parametrize("text", ["2021-10-28", "2021-10", "2021-Q4", "2021-H1", "2021"])
def test_str_writes_the_form_it_was_read_from(text):
    assert str(FuzzyDate.parse(text)) == text


def test_exact_and_contains():
    q4 = FuzzyDate.parse("2021-Q4")
    assert not q4.exact and FuzzyDate.parse("2021-10-28").exact
    assert q4.contains(D(2021, 10, 1)) and q4.contains(D(2021, 12, 31))
    assert not q4.contains(D(2021, 9, 30)) and not q4.contains(D(2022, 1, 1))


def test_ordering_by_first_day_then_coarser_first():
    texts = ["2021-10-01", "2021-Q4", "2021-10", "2021", "2021-H2", "2020-12-31", "2021-07"]
    ordered = sorted(FuzzyDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "2020-12-31",
        "2021",
        "2021-H2",
        "2021-07",
        "2021-Q4",
        "2021-10",
        "2021-10-01",
    ]


def test_comparisons_follow_the_sort_key():
    year, day = FuzzyDate.parse("2021"), FuzzyDate.parse("2021-01-01")
    assert year < day and year <= day and year <= year
    assert not day < year
    assert FuzzyDate.parse("2020-12-31") < year


def test_equal_dates_are_equal_and_hashable():
    assert FuzzyDate.parse("2021-Q4") == FuzzyDate.parse("2021-q4")
    assert len({FuzzyDate.parse("2021-Q4"), FuzzyDate.parse("2021-q4")}) == 1
    assert FuzzyDate.parse("2021-10") != FuzzyDate.parse("2021-Q4")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2016", D(2016, 12, 31)),
        ("2016-H1", D(2016, 6, 30)),
        ("2016-Q3", D(2016, 9, 30)),
        ("2016-02", D(2016, 2, 29)),
        ("2016-11-01", D(2016, 11, 1)),
    ],
)
def test_as_of_reads_a_period_as_its_last_day(text, day):
    assert as_of(text) == day


def test_as_of_accepts_dates_and_fuzzy_dates():
    assert as_of(D(2020, 5, 4)) == D(2020, 5, 4)
    assert as_of(FuzzyDate.parse("2021-Q4")) == D(2021, 12, 31)


def test_a_change_dated_to_a_period_takes_effect_on_its_first_day_and_is_uncertain_inside_it():
    rename = Rename(
        date=FuzzyDate.parse("2021-Q4"), unit="d", name="Department of External Relations"
    )
    timeline = Timeline(
        [
            CreateUnit(
                date=FuzzyDate.parse("2009"), unit=UnitSpec(id="d", name="Old", kind="department")
            ),
            rename,
        ]
    )
    assert timeline.snapshot("2021-09-30").structure.units["d"].name == "Old"
    first_day = timeline.snapshot("2021-10-01")
    assert first_day.structure.units["d"].name == "Department of External Relations"
    assert first_day.uncertain == [rename]
    assert timeline.snapshot("2021-12-30").uncertain == [rename]
    # A query period reads its last day, the span's last: by the end of it, the change is done.
    assert timeline.snapshot("2021").uncertain == []
    assert timeline.snapshot("2022-01-01").uncertain == []


def test_changes_on_the_same_first_day_apply_coarser_first_then_as_recorded():
    create = CreateUnit(date=FuzzyDate.parse("2009"), unit=UnitSpec(id="d", name="A", kind="unit"))
    by_day = Rename(id="day", date=FuzzyDate.parse("2021-01-01"), unit="d", name="By day")
    by_year = Rename(id="year", date=FuzzyDate.parse("2021"), unit="d", name="By year")
    second = Rename(id="second", date=FuzzyDate.parse("2021-01-01"), unit="d", name="Second")
    timeline = Timeline([by_day, second, create, by_year])
    assert [c.id for c in timeline] == ["", "year", "day", "second"]
    assert timeline.snapshot("2021-01-01").structure.units["d"].name == "Second"
