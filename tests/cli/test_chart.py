"""``organogram chart``: files written, formats, comparisons and errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from organogram.cli.main import main

IOM = str(Path(__file__).resolve().parents[2] / "data" / "iom")


def test_writes_an_svg_with_every_box(tmp_path, capsys):
    out = tmp_path / "chart.svg"
    assert main(["chart", IOM, "--at", "2022", "-o", str(out)]) == 0
    root = ET.parse(out).getroot()
    assert root.get("width") == "420mm"
    ids = {g.get("data-id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {"dg", "ddg-mr", "dfam"} <= ids
    assert "printed at" in capsys.readouterr().err


def test_compare_with_a_plan_and_depth_on_a4(tmp_path):
    out = tmp_path / "plan.svg"
    argv = ["chart", IOM, "--at", "2022", "--plan", "hq-review-2021", "--compare", "2021-06"]
    assert main([*argv, "--depth", "2", "--paper", "a4", "--lines", "-o", str(out)]) == 0
    text = out.read_text()
    assert 'width="297mm"' in text and "NEW" in text and "+ " in text


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_writes_pdf_and_png(tmp_path, fmt):
    pytest.importorskip("matplotlib", reason="PDF and PNG need matplotlib (charts extra)")
    out = tmp_path / f"chart.{fmt}"
    assert main(["chart", IOM, "--at", "2016-11-30", "--dpi", "50", "-o", str(out)]) == 0
    assert out.read_bytes()[:4] in (b"%PDF", b"\x89PNG")


def test_an_unknown_plan_or_unit_is_an_error(tmp_path, capsys):
    out = str(tmp_path / "x.svg")
    assert main(["chart", IOM, "--plan", "nope", "-o", out]) == 1
    assert "no plan 'nope'" in capsys.readouterr().err
    assert main(["chart", IOM, "--at", "2016", "--unit", "eo", "-o", out]) == 1
    assert "no unit or senior post 'eo'" in capsys.readouterr().err


def test_the_format_comes_from_the_file_name_or_is_asked_for(tmp_path, capsys):
    assert main(["chart", IOM, "-o", str(tmp_path / "chart.txt")]) == 2
    assert "--format" in capsys.readouterr().err
