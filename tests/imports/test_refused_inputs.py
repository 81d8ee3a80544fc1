"""Files of the wrong shape, empty or garbled, are refused with the file, row and field
named: never read as an empty organization, never a traceback, nothing written."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.importers.problems import ImportFailed
from organogram.importers.run import Options, run_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
US_HEADER = "CGAC AGENCY CODE,AGENCY NAME,AGENCY ABBREVIATION,SUBTIER CODE,SUBTIER NAME\n"


def refused(kind: str, path: Path) -> list[str]:
    """The errors of importing ``path`` as ``kind``, each as its text."""
    with pytest.raises(ImportFailed) as failed:
        run_import(kind, [str(path)], Options(date="2024-01-01"))
    return [str(p) for p in failed.value.problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("content", "told"),
    [
        ({"results": []}, "a JSON list of organisations was expected, not an object"),
        ([1, 2], "row 1: an organisation is a JSON object, not a number"),
        ([], "the list holds no organisation"),
        ([{"details": 5, "title": "A"}], "row 1, column 'details': an object was expected"),
        ([{"details": {"slug": "a"}}], "row 1, column 'title': a name (text) was expected"),
        ([{"title": "A", "details": {"slug": ["a"]}}], "column 'details.slug'"),
        (
            [{"title": "A", "details": {"slug": "a", "closed_at": "soon"}}],
            "column 'details.closed_at': 'soon' is not a date",
        ),
        (
            [{"title": "A", "details": {"slug": "a"}, "parent_organisations": [5]}],
            "column 'parent_organisations[0]'",
        ),
        (
            [{"title": "A", "details": {"slug": "a", "govuk_closed_status": "changed_name"}}],
            "column 'superseding_organisations'",
        ),
    ],
)
def test_a_govuk_file_of_another_shape_is_refused_naming_the_field(tmp_path, content, told):
    path = tmp_path / "organisations_2024-01-01.json"
    path.write_text(json.dumps(content))
    errors = refused("govuk-organisations", path)
    assert any(e.startswith(str(path)) and told in e for e in errors), errors


def test_a_header_only_agency_list_is_refused(tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_text(US_HEADER)
    assert refused("us-agencies", path) == [f"{path}: not an agency list: no rows under its header"]


def test_an_empty_version_among_others_is_refused_not_read_as_everything_abolished(tmp_path):
    good = sorted((FIXTURES / "us_agencies").glob("*.csv"))[0]
    empty = tmp_path / "authoritative_agency_list_2030-01-01.csv"
    empty.write_text(US_HEADER)
    with pytest.raises(ImportFailed, match="no rows under its header"):
        run_import("us-agencies", [str(good), str(empty)], Options())


@pytest.mark.parametrize("kind", ["csv", "xlsx", "uk-organogram", "govuk-organisations"])
@pytest.mark.parametrize(
    "content", [b"", b"\x00\xff" * 500, b"a,b,c\n", os.urandom(2000), b"PK\x03\x04\x14"]
)
def test_garbage_of_every_kind_is_refused_naming_the_file(tmp_path, capsys, kind, content):
    path = tmp_path / f"input-2024-01-01.{'json' if 'govuk' in kind else kind[-4:]}"
    path.write_bytes(content)
    out = tmp_path / "dataset"
    assert main(["import", kind, str(path), "--into", str(out), "--date", "2024-01-01"]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "Traceback" not in err
    assert not out.exists()


def test_a_template_file_of_no_sheet_yields_nothing_and_is_refused(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("what,when\nlunch,noon\n")
    (error,) = refused("csv", path)
    assert error.startswith(f"{path}: no sheet of the template (") and "nothing to import" in error


def test_a_negative_fte_is_a_warning_on_its_row_not_a_crash(tmp_path):
    source = FIXTURES / "uk_organogram" / "ministry_of_defence-2011-03-31-senior.csv"
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index("FTE")] = "-1"
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    _, report = run_import("uk-organogram", [str(path)], Options())
    (warning,) = [str(w) for w in report.warnings if w.code == "fte"]
    assert warning == f"{path}, row 2, column 'FTE': FTE '-1' is not 0 or more: read as 0"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b"sheets:\n  units: Depa\x00rtments\n", 2),
        (b"sheets:\n  units: [Departments\ncolumns: {}\n", 3),
        (b"sheets:\n  units: D\xe9partements\n", 2),
    ],
)
def test_a_mapping_file_that_is_not_yaml_is_refused_at_its_line(tmp_path, text, line):
    mapped = FIXTURES / "mapped"
    mapping = tmp_path / "mapping.yaml"
    mapping.write_bytes(text)
    options = Options(org_id="acme", org_name="ACME", mapping=str(mapping))
    with pytest.raises(ImportFailed) as failed:
        run_import("csv", [str(mapped / "Departments.csv")], options)
    errors = [str(p) for p in failed.value.problems if p.severity == "error"]
    assert any(e.startswith(f"{mapping}, row {line}: cannot read the mapping") for e in errors), (
        errors
    )


def test_a_nul_in_a_csv_cell_is_refused_at_its_cell_of_every_importer(tmp_path):
    # PostgreSQL cannot store a NUL: a registry there failed with a traceback on one.
    source = FIXTURES / "uk_organogram" / "130930-HMIC-Organogram-Data-senior.csv"
    rows = list(csv.reader(io.StringIO(source.read_bytes().decode("cp1252"))))
    rows[1][rows[0].index("Organisation")] = "HM Insp\x00ectorate"
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    assert refused("uk-organogram", path) == [
        f"{path}, row 2, column 'Organisation': contains a NUL character"
    ]
    agencies = tmp_path / "agencies.csv"
    agencies.write_text(US_HEADER + "002,The Leg\x00islature,LEG,0000,Congress\n")
    assert refused("us-agencies", agencies) == [
        f"{agencies}, row 2, column 'AGENCY NAME': contains a NUL character"
    ]


def test_a_nul_in_a_govuk_text_is_refused_at_its_field(tmp_path):
    path = tmp_path / "organisations_2024-01-01.json"
    path.write_text(json.dumps([{"title": "A\x00", "details": {"slug": "a"}}]))
    assert refused("govuk-organisations", path) == [
        f"{path}, row 1, column 'title': contains a NUL character"
    ]
