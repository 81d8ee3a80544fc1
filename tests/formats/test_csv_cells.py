"""CSV cells: what a spreadsheet program would run as a formula is marked as text, and
read back as written."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from organogram.exporters.table import write_csv, write_xlsx
from organogram.formats import load_dataset
from organogram.formats.csv_cells import TRIGGERS, neutral, restore
from organogram.formats.dump import dataset_files
from organogram.importers.problems import Report
from organogram.importers.tables import read_csv, read_xlsx
from organogram.importers.template import read_template

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "'=quoted"]


@given(st.text())
def test_a_cell_is_never_a_formula_and_reads_back_as_written(text):
    cell = neutral(text)
    assert not cell.startswith(TRIGGERS)
    assert restore(cell) == text


def test_ordinary_cells_are_left_as_they_are():
    for text in ["Budget Division", "2021-10-01", "'s-Hertogenbosch office", ""]:
        assert restore(text) == text
    assert neutral("Budget Division") == "Budget Division"


def test_the_template_in_csv_marks_formulas_and_reads_them_back(tmp_path):
    record = load_dataset(ROOT / "tests/fixtures/datasets/full")
    person = next(iter(record.people.values()))
    hostile = replace(record, people={**record.people, person.id: replace(person, name=HOSTILE[0])})
    files = write_csv(hostile, tmp_path / "out")
    with open(tmp_path / "out" / "people.csv", encoding="utf-8", newline="") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert "'" + HOSTILE[0] in cells
    assert not any(c.startswith(TRIGGERS) for c in cells)
    report = Report()
    back = read_template([read_csv(p, report) for p in files], report)
    assert not report.problems, [str(p) for p in report.problems]
    assert back is not None and dataset_files(back) == dataset_files(hostile)


def test_the_template_in_xlsx_writes_formulas_as_text(tmp_path):
    from openpyxl import load_workbook

    record = load_dataset(ROOT / "tests/fixtures/datasets/full")
    person = next(iter(record.people.values()))
    hostile = replace(record, people={**record.people, person.id: replace(person, name=HOSTILE[3])})
    write_xlsx(hostile, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx")["people"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == HOSTILE[3]]
    assert cells and all(c.data_type == "s" for c in cells)
    report = Report()
    back = read_template(read_xlsx(tmp_path / "out.xlsx", report), report)
    assert back is not None and dataset_files(back) == dataset_files(hostile)
