"""A workbook that would expand past reason is refused before it is opened, by name."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from organogram.importers import zip_guard
from organogram.importers.problems import Report
from organogram.importers.tables import read_xlsx


def bomb(expanded_mb: int = 48) -> bytes:
    """A small zip archive laid out as a workbook whose sheet expands to ``expanded_mb``
    megabytes of zeros (made here, a megabyte at a time: none is kept in the repository)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * (1024 * 1024)
            for _ in range(expanded_mb):
                sheet.write(chunk)
    return out.getvalue()


def test_a_zip_bomb_is_refused_unread_naming_the_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "bomb.xlsx"
    data = bomb()
    assert len(data) < 1024 * 1024  # a small file...
    path.write_bytes(data)

    def never(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    report = Report()
    assert read_xlsx(path, report) == []
    (problem,) = report.errors
    assert problem.file == str(path)
    assert "would expand" in problem.message and "refused unread" in problem.message


def test_past_the_total_limit_whatever_the_ratio(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(zip_guard, "MAX_EXPANDED", 4 * 1024 * 1024)
    path = tmp_path / "big.xlsx"
    path.write_bytes(bomb(expanded_mb=5))
    problem = zip_guard.expansion_problem(path)
    assert problem is not None and "at most 4.0 MB" in problem


def test_an_ordinary_workbook_and_a_file_that_is_no_zip_pass(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["op", "date"])
    book.active.append(["rename", "2031-01-01"])
    path = tmp_path / "plain.xlsx"
    book.save(path)
    assert zip_guard.expansion_problem(path) is None
    report = Report()
    assert read_xlsx(path, report)[0].rows == [(2, ["rename", "2031-01-01"])]
    text = tmp_path / "text.xlsx"
    text.write_text("not a workbook")
    assert zip_guard.expansion_problem(text) is None
