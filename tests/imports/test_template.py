"""The spreadsheet template: reading, problems placed at sheet/row/column, mapping, round trips."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.exporters.table import write_csv, write_xlsx
from organogram.formats import load_dataset
from organogram.formats.dump import dataset_files
from organogram.importers.mapping import Mapping
from organogram.importers.problems import ImportFailed, Report
from organogram.importers.run import Options, run_import
from organogram.importers.tables import read_csv, read_xlsx
from organogram.importers.template import read_template

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "imports"
TEMPLATE = FIXTURES / "template"


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def _csvs(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("*.csv"))


def test_the_template_reads_into_a_record_that_folds_cleanly():
    record, report = run_import("csv", [str(TEMPLATE)], Options())
    assert not report.problems
    s, failures = record.timeline.fold()
    assert not failures
    # The merge row describes its new unit in its own name and kind columns.
    assert s.units["opf"].name == "Department of Operations and Finance"
    assert "ops" not in s.units and "fin" not in s.units
    assert s.posts["d-ops"].grade == "D-1"
    assert [a.person for a in s.holders["d-ops"]] == ["a-smith"]
    assert s.units["emerg"].name == "Emergencies and Recovery Division"
    assert s.oversight["emerg"] == "opf"  # handed over by the merge


@pytest.mark.parametrize("dataset", ["data/iom", "tests/fixtures/datasets/full"])
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_record(tmp_path, dataset, kind):
    record = load_dataset(ROOT / dataset)
    report = Report()
    if kind == "xlsx":
        write_xlsx(record, tmp_path / "out.xlsx")
        tables = read_xlsx(tmp_path / "out.xlsx", report)
    else:
        tables = [read_csv(f, report) for f in write_csv(record, tmp_path / "out")]
    back = read_template(tables, report)
    assert not report.problems, [str(p) for p in report.problems]
    assert back is not None
    # registers included: a sheet each
    assert dataset_files(back) == dataset_files(record)


def _copy_template(tmp_path: Path) -> Path:
    folder = tmp_path / "book"
    shutil.copytree(TEMPLATE, folder)
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(ImportFailed) as info:
        run_import("csv", [str(folder)], Options())
    return [str(p) for p in info.value.problems if p.severity == "error"]


def test_problems_name_the_file_row_and_column(tmp_path):
    folder = _copy_template(tmp_path)
    units = (folder / "units.csv").read_text()
    units = units.replace(
        "emerg,Emergency Division,division,,ops,", "emerg,Emergency Division,division,,nowhere,"
    )
    units = units.replace("2020-01-01,memo-2020:3", "2020-13-01,memo-2020:3")
    (folder / "units.csv").write_text(units.replace("abbreviation", "abreviation"))
    problems = _problems(folder)
    joined = "\n".join(problems)
    assert (
        "units.csv, row 1, column 'abreviation': "
        "unknown column 'abreviation' (did you mean 'abbreviation'?)" in joined
    )
    # Reference and date problems come only once the columns are right; fix the header.
    (folder / "units.csv").write_text(units)
    joined = "\n".join(_problems(folder))
    assert (
        "units.csv, row 3, column 'parent': 'nowhere' is not a unit or post of the dataset"
        in joined
    )
    assert "units.csv, row 3, column 'established': '2020-13-01' is not a valid date" in joined


def test_a_change_that_does_not_apply_is_placed_at_its_row(tmp_path):
    folder = _copy_template(tmp_path)
    with open(folder / "changes.csv", "a") as f:
        f.write("rename,,2019-01-01,emerg,Too Early,,,,,,,,,\n")
    joined = "\n".join(_problems(folder))
    assert (
        "changes.csv, row 6: rename on 2019-01-01 does not apply: unit 'emerg' does not exist"
        in joined
    )


def test_nothing_is_written_when_anything_is_wrong(tmp_path, capsys):
    folder = _copy_template(tmp_path)
    (folder / "people.csv").write_text("id,name\nBad Id,Someone\n")
    into = tmp_path / "out"
    code = main(
        ["import", "csv", str(folder), "--into", str(into), "--report", str(tmp_path / "r.csv")]
    )
    assert code == 1
    assert not into.exists()
    err = capsys.readouterr().err
    assert "people.csv, row 2, column 'id': 'Bad Id' is not a valid id" in err
    assert "Bad Id" in (tmp_path / "r.csv").read_text()


def test_a_mapping_reads_another_layout(tmp_path):
    mapped = FIXTURES / "mapped"
    options = Options(org_id="acme", org_name="ACME", mapping=str(mapped / "mapping.yaml"))
    record, _ = run_import("csv", [str(mapped / "Departments.csv")], options)
    s, _ = record.timeline.fold()
    assert s.units["hr-01"].name == "Human Resources"  # "HR 01" made an id
    assert s.oversight["hr-01"] == "hq"
    assert str(record.timeline.get("create-it").date) == "2021-03"


def test_map_and_default_options_replace_a_mapping_file(tmp_path):
    (tmp_path / "Teams.csv").write_text("Code,Team\nt1,Team One\n")
    options = Options(
        org_id="acme",
        org_name="ACME",
        maps=["units=Teams", "units.id=Code", "units.name=Team"],
        defaults=["units.kind=team", "units.established=2024"],
    )
    record, _ = run_import("csv", [str(tmp_path / "Teams.csv")], options)
    assert record.timeline.get("create-t1").unit.kind == "team"


def test_a_workbook_sheet_is_named_in_problems(tmp_path):
    record = load_dataset(ROOT / "tests/fixtures/datasets/full")
    write_xlsx(record, tmp_path / "book.xlsx")
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "book.xlsx")
    book["units"]["A2"] = "Not An Id"
    book.save(tmp_path / "book.xlsx")
    with pytest.raises(ImportFailed) as info:
        run_import("xlsx", [str(tmp_path / "book.xlsx")], Options())
    text = "\n".join(map(str, info.value.problems))
    assert "sheet 'units', row 2, column 'id (A)': 'Not An Id' is not a valid id" in text


def test_a_missing_organization_is_reported_or_given_on_the_command_line(tmp_path):
    folder = _copy_template(tmp_path)
    (folder / "organization.csv").unlink()
    assert any("no organization sheet" in p for p in _problems(folder))
    record, _ = run_import("csv", [str(folder)], Options(org_id="acme", org_name="ACME"))
    assert record.organization.name == "ACME"


def test_csv_files_in_other_encodings_and_line_ends_are_read(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"\xef\xbb\xbfid,name\r\nm-muller,M\xfcller\r\n")
    report = Report()
    table = read_csv(path, report)
    assert table.headers == ["id", "name"]
    assert table.rows == [(2, ["m-muller", "Müller"])]
    assert [p.code for p in report.warnings] == ["encoding"]


def test_the_cli_imports_and_exports(tmp_path, capsys):
    into = tmp_path / "ds"
    assert main(["import", "csv", str(TEMPLATE), "--into", str(into)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert main(["export-as", "xlsx", str(into), "-o", str(tmp_path / "x.xlsx")]) == 0
    assert main(["import", "xlsx", str(tmp_path / "x.xlsx"), "--into", str(tmp_path / "ds2")]) == 0
    assert dataset_files(load_dataset(into)) == dataset_files(load_dataset(tmp_path / "ds2"))
    assert Mapping().source_sheet("units") == "units"
