"""Charts say what is certain and what is only possible at their date: nodes dated to a
span drawn dashed with why and a legend entry, units no source places drawn apart
under "Placement not recorded", holders not named and vacancies as the record has them."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from organogram.charts import ChartRequest, chart_view, export
from organogram.charts.build import chart_of
from organogram.charts.compare import compare
from organogram.charts.legend import entries
from organogram.charts.render import arrange
from organogram.cli.main import main
from organogram.formats import load_dataset

UNCERTAIN = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "uncertain"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def record():
    return load_dataset(UNCERTAIN)


def chart_at(record, day: str, people: bool = True):
    snap = record.timeline.snapshot(day)
    return chart_of(snap.structure, people=people, certainty=snap.certainty)


def test_a_node_dated_to_a_span_is_possible_with_why_and_its_citation(record):
    chart = chart_at(record, "2020-06-30")
    media = chart.nodes["media"]
    assert media.possible
    assert media.possible_why == "possibly not yet in force: between 2001 and June 2021 (rev:14)"
    assert not chart.nodes["fin"].possible and not chart.nodes["ops"].possible
    # Once the span is over, it is certain.
    assert not chart_at(record, "2021-07-01").nodes["media"].possible


def test_unplaced_units_come_after_the_tree_flagged_and_keep_their_subtree(record):
    chart = chart_at(record, "2020-06-30")
    assert chart.roots[0] == "dg"
    assert chart.roots[-2:] == ["rbm", "gcu"]
    assert chart.nodes["rbm"].unplaced and chart.nodes["gcu"].unplaced
    assert not chart.nodes["gcu-team"].unplaced
    assert chart.nodes["gcu"].children == ["gcu-team"]
    assert "rbm" not in chart.nodes["dg"].children


def test_unplaced_units_are_laid_out_below_the_whole_tree(record):
    chart = chart_at(record, "2020-06-30")
    lay = arrange(chart).layout
    tree = [b for n, b in lay.boxes.items() if n not in {"rbm", "gcu", "gcu-team"}]
    apart = [lay.boxes[n] for n in ("rbm", "gcu", "gcu-team")]
    assert lay.apart_top is not None
    assert min(b.y for b in apart) >= lay.apart_top > max(b.y + b.h for b in tree)
    assert lay.height >= max(b.y + b.h for b in apart)


def test_a_chart_without_unplaced_units_has_no_apart_group(record):
    snap = record.timeline.snapshot("2020-06-30")
    chart = chart_of(snap.structure, unit="ops", certainty=snap.certainty)
    assert arrange(chart).layout.apart_top is None


def test_holders_not_named_vacancies_and_no_holder_recorded(record):
    chart = chart_at(record, "2020-06-30")
    assert chart.nodes["dg"].holder == "Ada Lovelace"
    assert chart.nodes["ddg"].holder == "a holder not named in the sources"
    assert chart.nodes["fin"].holder == "a holder not named in the sources"
    assert chart.nodes["cro"].holder == "vacant"  # a source says so
    assert chart.nodes["adviser"].holder == "no holder recorded"  # nobody says
    assert chart_at(record, "2020-06-30", people=False).nodes["cro"].holder == ""


def test_the_legend_explains_the_possible_style_only_when_a_node_is_possible(record):
    sections = dict(entries([chart_at(record, "2020-06-30")], side_lines=False))
    assert [label for label, _ in sections["Certainty"]] == [
        "possibly in force on this date (dated to a span that includes it)"
    ]
    assert "Certainty" not in dict(entries([chart_at(record, "2021-07-01")], side_lines=False))


def test_the_svg_draws_possible_nodes_dashed_with_why_and_the_apart_heading(record):
    view = chart_view(record, ChartRequest(at="2020-06-30", people=True))
    data, _ = export(view, "svg", paper="a4")
    text = data.decode()
    root = ET.fromstring(data)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    media = groups["n-media"]
    assert "possible" in media.get("class").split()
    assert media.find(f"{SVG}title").text == (
        "possibly not yet in force: between 2001 and June 2021 (rev:14)"
    )
    outline = media.find(f"{SVG}rect")
    assert outline.get("stroke-dasharray")
    assert "possible" not in groups["n-fin"].get("class").split()
    assert not groups["n-fin"].find(f"{SVG}rect").get("stroke-dasharray")
    assert "unplaced" in groups["n-rbm"].get("class").split()
    assert "Placement not recorded" in text
    assert "possibly in force on this date" in text
    assert "a holder not named in the sources" in text


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_pdf_and_png_are_drawn(record, fmt, tmp_path):
    pytest.importorskip("matplotlib", reason="PDF and PNG need matplotlib (charts extra)")
    view = chart_view(record, ChartRequest(at="2020-06-30", people=True))
    data, _ = export(view, fmt, paper="a4", dpi=40)
    assert data.startswith(b"%PDF" if fmt == "pdf" else b"\x89PNG")
    if fmt == "pdf" and shutil.which("pdftoppm"):
        out = tmp_path / "c.pdf"
        out.write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "20", "-png", str(out), str(tmp_path / "p")], check=True)
        assert list(tmp_path.glob("p-*.png"))


def test_a_comparison_says_a_unit_was_placed_not_moved(record):
    before = record.timeline.snapshot("2020-06-30").structure.copy()
    after = before.copy()
    after.set_oversight("gcu", "ops")
    result = compare(before, after)
    gcu = result.after.nodes["gcu"]
    assert "moved" not in gcu.marks
    assert gcu.notes == ("placed here; its earlier place is not recorded",)
    assert result.before.nodes["gcu"].notes == ("placed under Department of Operations",)


def test_the_command_draws_the_uncertain_dataset(tmp_path, capsys):
    out = tmp_path / "c.svg"
    argv = ["chart", str(UNCERTAIN), "--at", "2020-06-30", "--people", "-o", str(out)]
    assert main(argv) == 0
    assert "Placement not recorded" in out.read_text()
    capsys.readouterr()
