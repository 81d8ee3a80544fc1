"""Snapshot imports date what they saw.

What the first version of a source shows was in place by its date, since when unknown
(``../D``); what differs in a later version changed some time from the day after the
version before to it (``D1+1/D2``); a date the source states (a GOV.UK closing date)
stays exact. The dataset written reads back with the same dates, and the diff summary
counts regradings, retitlings and other amendments apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import jsonschema
import pytest

from organogram.core.dates import FuzzyDate
from organogram.core.diff import diff_between, same_structure
from organogram.core.model import Basis
from organogram.formats import dump_dataset, load_dataset
from organogram.formats.schema import load_schema
from organogram.importers import govuk, history
from organogram.importers.run import Options, run_import

from ..formats.test_schema import schema_errors

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
SENIOR = (
    '"Post Unique Reference","Name","Grade (or equivalent)","Job Title","Parent Department",'
    '"Organisation","Unit","Reports to Senior Post","FTE"\n'
)
#: Three publications, as at 31 March 2014, 30 September 2014 and 31 March 2015.
SERIES = {
    "2014-03-31": [
        '"1","N/D","SCS3","Director General","D","D","Finance","XX","1"',
        '"2","N/D","SCS1","Head of Finance","D","D","Finance","1","1"',
        '"3","N/D","SCS1","Head of HR","D","D","People","1","1"',
    ],
    "2014-09-30": [
        '"1","N/D","SCS3","Director General","D","D","Finance","XX","1"',
        '"2","N/D","SCS2","Head of Finance","D","D","Finance","1","1"',  # regraded
        '"3","N/D","SCS1","Head of People","D","D","People","1","1"',  # retitled
        '"4","N/D","SCS1","Head of Audit","D","D","Audit","1","1"',  # new, in a new unit
    ],
    "2015-03-31": [
        '"1","N/D","SCS3","Director General","D","D","Finance","XX","1"',
        '"2","N/D","SCS3","Finance Director","D","D","Finance","1","1"',  # both
        '"4","N/D","SCS1","Head of Audit","D","D","Audit","1","0.5"',  # FTE amended
    ],  # post 3 and the People unit are gone
}
FIRST = "first seen in the organogram as at 31 March 2014"
SECOND = (
    "seen between the organogram as at 31 March 2014 and the organogram as at 30 September 2014"
)


@pytest.fixture
def series(tmp_path) -> list[str]:
    files = []
    for date, rows in SERIES.items():
        path = tmp_path / f"dept-{date}-senior.csv"
        path.write_text(SENIOR + "\n".join(rows) + "\n")
        files.append(str(path))
    return files


def by_subject(record, subject: str) -> list:
    return [c for c in record.timeline if subject in c.subjects()]


def test_what_the_first_publication_shows_existed_by_its_date(series):
    record, _ = run_import("uk-organogram", series, Options())
    first = [c for c in record.timeline if c.id.startswith("2014-03-31-")]
    assert {c.op for c in first} == {"create", "create-post"}
    assert {str(c.date) for c in first} == {"../2014-03-31"}
    assert all(c.basis is Basis.INFERRED for c in first)
    assert all(c.note.startswith(FIRST) and "since when is not recorded" in c.note for c in first)
    (created,) = [c for c in by_subject(record, "p-2") if c.op == "create-post"]
    assert created.date.describe() == "by 31 March 2014"
    assert created.date.start == FuzzyDate.parse("../2014-03-31").start  # unknown


def test_what_changed_between_publications_is_dated_in_that_interval(series):
    record, _ = run_import("uk-organogram", series, Options())
    dates = {c.id.rsplit("-", 1)[0]: set() for c in record.timeline}
    for c in record.timeline:
        dates[c.id.rsplit("-", 1)[0]].add(str(c.date))
    assert dates == {
        "2014-03-31": {"../2014-03-31"},
        "2014-09-30": {"2014-04-01/2014-09-30"},
        "2015-03-31": {"2014-10-01/2015-03-31"},
    }
    second = [c for c in record.timeline if c.id.startswith("2014-09-30-")]
    assert all(c.basis is Basis.INFERRED and c.note == SECOND for c in second)
    ops = {(c.op, *sorted(c.subjects())) for c in second}
    assert ("create-post", "p-4") in ops and ("create", "audit") in ops
    regrade = next(c for c in by_subject(record, "p-2") if c.id.startswith("2014-09-30-"))
    assert regrade.date.describe() == "between 1 April 2014 and 30 September 2014"
    gone = {c.op for c in by_subject(record, "p-3") if c.id.startswith("2015-03-31-")}
    assert "abolish-post" in gone
    # In the fold, a change applies from its earliest day.
    s = record.timeline.snapshot("2014-03-31").structure
    assert s.posts["p-2"].grade == "SCS1" and "p-4" not in s.posts
    s = record.timeline.snapshot("2014-04-01").structure
    assert s.posts["p-2"].grade == "SCS2" and "p-4" in s.posts


def _structures_at_each_version(monkeypatch, kind: str, files: list[str]):
    """The record, and the structure the importer built for each version, by date."""
    built = []
    original = history.changes_between

    def keep(current, snap, previous=None):
        out = original(current, snap, previous)
        built.append((snap.date, current.copy()))
        return out

    monkeypatch.setattr(history, "changes_between", keep)
    monkeypatch.setattr(govuk, "changes_between", keep)
    record, _ = run_import(kind, files, Options())
    return record, built


@pytest.mark.parametrize(
    ("kind", "files"),
    [
        ("uk-organogram", None),
        ("uk-organogram", sorted(str(p) for p in (FIXTURES / "uk_organogram").glob("dep*.csv"))),
        ("govuk-organisations", [str(FIXTURES / "govuk")]),
        ("us-agencies", [str(FIXTURES / "us_agencies")]),
    ],
)
def test_the_fold_at_each_version_date_is_that_version(monkeypatch, series, kind, files):
    record, built = _structures_at_each_version(monkeypatch, kind, files or series)
    assert len(built) >= 2
    _, failures = record.timeline.fold()
    assert not failures
    for date, structure in built:
        assert same_structure(record.timeline.snapshot(str(date)).structure, structure), date


def test_govuk_keeps_stated_closing_dates_and_dates_the_rest_between_versions():
    record, _ = run_import("govuk-organisations", [str(FIXTURES / "govuk")], Options())
    get = record.timeline.get
    first = [c for c in record.timeline if c.id.startswith("govuk-2022-10-13-")]
    assert first and {str(c.date) for c in first} == {"../2022-10-13"}
    assert all(c.note.startswith("first seen in the GOV.UK register as served on") for c in first)
    # closed_at stated: the exact day, as stated.
    stated = get("close-health-education-england")
    assert (str(stated.date), stated.basis) == ("2023-04-01", Basis.STATED)
    # No closed_at: between the version before and the first that lists it closed.
    inferred = get("close-department-for-international-trade")
    assert (str(inferred.date), inferred.basis) == ("2022-10-14/2023-06-01", Basis.INFERRED)
    later = [c for c in record.timeline if c.id.startswith("govuk-2023-06-01-")]
    assert {str(c.date) for c in later} == {"2022-10-14/2023-06-01"}
    # A version's change that follows a closure dated in between is dated after it: the
    # renamed Government People Group was made by the closure of 16 November 2023.
    assert str(get("close-civil-service-hr").date) == "2023-11-16"
    rename = get("govuk-2024-11-01-1")
    assert rename.op == "rename" and str(rename.date) == "2023-11-17/2024-11-01"
    assert "after close-civil-service-hr (16 November 2023)" in rename.note
    others = {str(c.date) for c in record.timeline if c.id.startswith("govuk-2024-11-01-")}
    assert others == {"2023-06-02/2024-11-01", "2023-11-17/2024-11-01"}




@pytest.mark.parametrize("kind", ["uk-organogram", "govuk-organisations"])
def test_the_dataset_written_reads_back_with_the_same_dates(tmp_path, series, kind, capsys):
    from organogram.cli.main import main

    files = series if kind == "uk-organogram" else [str(FIXTURES / "govuk")]
    folder = tmp_path / "out"
    assert main(["import", kind, *files, "--into", str(folder)]) == 0
    text = (folder / "changes.yaml").read_text(encoding="utf-8")
    assert re.search(r"date: \.\./20\d\d-\d\d-\d\d\n", text)
    assert re.search(r"date: 20\d\d-\d\d-\d\d/20\d\d-\d\d-\d\d\n", text)
    for path in sorted(folder.glob("*.yaml")):
        assert schema_errors(path) == [], path.name
    record, _ = run_import(kind, files, Options())
    back = load_dataset(folder)
    written = [(c.id, str(c.date), c.basis, c.note) for c in back.timeline]
    assert written == [(c.id, str(c.date), c.basis, c.note) for c in record.timeline]
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 0
    assert "0 error(s)" in capsys.readouterr().out
    # Written again, the same files.
    dump_dataset(back, tmp_path / "again")
    for path in sorted(folder.glob("*.yaml")):
        assert (tmp_path / "again" / path.name).read_text() == path.read_text(), path.name


@pytest.mark.parametrize(
    "text",
    ["2021", "2021-05", "2021-05-03", "2021-Q4", "2021-H2", "../2021-05", "2021-Q4/..",
     "2009/2021-05", "2013-04-01/2013-09-30", "2011~", "2011-05?", "2021-H1%"],
)  # fmt: skip
def test_the_schema_accepts_the_extended_forms_the_loader_reads(text):
    FuzzyDate.parse(text)
    date = load_schema()["$defs"]["date"]
    assert not list(jsonschema.Draft202012Validator(date).iter_errors(text))


@pytest.mark.parametrize("text", ["../..", "2011~/2012", "2011-05-03/", "next year", "2011~~"])
def test_the_schema_refuses_what_is_not_a_date(text):
    date = load_schema()["$defs"]["date"]
    assert list(jsonschema.Draft202012Validator(date).iter_errors(text))


def test_the_diff_summary_counts_regrades_retitles_and_amendments_apart(series):
    record, _ = run_import("uk-organogram", series, Options())
    counts = diff_between(record.timeline, "2014-03-31", "2014-09-30").summary()
    assert {k: v for k, v in counts.items() if v} == {
        "units_added": 1,
        "posts_added": 1,
        "posts_regraded": 1,  # post 2
        "posts_retitled": 1,  # post 3
    }
    counts = diff_between(record.timeline, "2014-09-30", "2015-03-31").summary()
    assert {k: v for k, v in counts.items() if v} == {
        "units_removed": 1,
        "posts_removed": 1,
        "posts_regraded": 1,  # post 2, regraded and retitled: in both
        "posts_retitled": 1,
        "posts_otherwise_amended": 1,  # post 4's FTE
    }


def test_the_diff_command_prints_the_three_counts(tmp_path, series, capsys):
    from organogram.cli.main import main

    folder = str(tmp_path / "dept")
    assert main(["import", "uk-organogram", *series, "--into", folder]) == 0
    capsys.readouterr()
    assert main(["diff", folder, "--from", "2014-09-30", "--to", "2015-03-31"]) == 0
    summary = capsys.readouterr().out.splitlines()[1].strip()
    assert summary == (
        "units removed: 1, posts removed: 1, posts regraded: 1, posts retitled: 1, "
        "posts otherwise amended: 1"
    )
