"""bench/imports.py on the project's own extracts: what it counts, and its skip without data."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench import imports

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def test_without_the_data_folder_it_says_so_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "imports.md"
    assert imports.main(["--data", str(tmp_path / "absent"), "--out", str(out)]) == 0
    assert "no data folder" in capsys.readouterr().err
    assert not out.exists()


def test_a_run_reports_rows_units_posts_changes_problems_time_and_memory(tmp_path, capsys):
    data = tmp_path / "data"
    folder = data / imports.UK
    folder.mkdir(parents=True)
    for f in (FIXTURES / "uk_organogram").glob("department_for_international_development-*"):
        shutil.copy(f, folder)
    out = tmp_path / "imports.md"
    args = ["--data", str(data), "--only", "International Dev", "--out", str(out)]
    assert imports.main(args) == 0
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| Department for Int"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    files, rows, units, posts, changes = (int(c.replace(",", "")) for c in cells[2:7])
    assert files == 4 and rows == sum(imports.data_rows(p) for p in folder.iterdir()) and rows > 20
    assert units > 0 and posts > 10 and changes > posts
    assert float(cells[8]) > 0 and float(cells[9]) > 0  # time, peak memory
    problems = next(
        line
        for line in text.splitlines()
        if line.startswith("| Department for Int") and "missing-manager" in line
    )
    assert "| 0 |" in problems  # no errors, and the warnings by kind
    # Only the asked import ran.
    assert "Ministry of Defence" not in text
