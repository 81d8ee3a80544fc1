"""A chart too large to print legibly on one page is split over several pages."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from organogram.charts import LEGIBLE, ChartRequest, chart_view, export_pages
from organogram.charts.pages import pages
from organogram.charts.scene import Group, Text, walk
from organogram.cli.main import main

from .conftest import IOM


def _boxes(scene) -> dict[str, list[str]]:
    """Each box on a page: its id and the text drawn in it."""
    out: dict[str, list[str]] = {}

    def visit(g: Group) -> None:
        for item in g.items:
            if isinstance(item, Group):
                if "data-id" in item.attrs:
                    texts = [t.text for t, *_ in walk(item) if isinstance(t, Text)]
                    out[item.attrs["data-id"]] = texts
                else:
                    visit(item)

    visit(scene.root)
    return out


def _titles(scene) -> list[str]:
    return [t.text for t in scene.root.items[:4] if isinstance(t, Text)]


@pytest.fixture(scope="module")
def full(iom):
    view = chart_view(iom, ChartRequest(at="2022", plan="hq-review-2021"))
    return view, pages(view.charts[0], view.text, paper="a3")


def test_every_page_of_a_full_depth_chart_prints_legibly(full):
    _, printed = full
    assert len(printed) > 1
    assert all(p.scale >= LEGIBLE - 1e-9 for p in printed)
    assert all(p.name_size >= 7.5 for p in printed)


def test_every_unit_is_drawn_in_full_on_some_page_and_folded_boxes_say_where(full):
    view, printed = full
    chart = view.charts[0]
    on = [_boxes(p.scene) for p in printed]
    assert set().union(*on) == set(chart.nodes)
    for i, page_boxes in enumerate(on):
        for node, texts in page_boxes.items():
            notes = [t for t in texts if t.startswith("continued on page")]
            if not notes:
                continue
            target = int(re.search(r"\d+", notes[0]).group()) - 1
            assert target > i
            # The page named draws the node again, with what is under it.
            kids = set(chart.nodes[node].children)
            assert node in on[target] and kids <= set(on[target])


def test_each_page_says_what_it_shows_and_where_it_stands(full):
    view, printed = full
    total = len(printed)
    first = _titles(printed[0].scene)
    assert first[0] == view.text.title
    assert f"The top levels: page 1 of {total}." in " ".join(first)
    for i, p in enumerate(printed[1:], start=2):
        words = " ".join(_titles(p.scene))
        assert f"Page {i} of {total}, continued from page 1." in words
    # A department continued on a page of its own is named over its part of that page.
    dfam = view.charts[0].nodes["dfam"].title
    named = [t.text for p in printed[1:] for t in p.scene.root.items if isinstance(t, Text)]
    assert any(dfam in line or line in dfam for line in named if len(line) > 20)


def test_a_chart_that_fits_stays_on_one_page(iom):
    view = chart_view(iom, ChartRequest(at="2022", plan="hq-review-2021", unit="dfam"))
    printed = pages(view.charts[0], view.text, paper="a3")
    assert len(printed) == 1 and printed[0].scale >= LEGIBLE


def test_the_split_pdf_is_the_same_bytes_every_time_and_renders(iom, tmp_path):
    pytest.importorskip("matplotlib", reason="PDF needs matplotlib (charts extra)")
    view = chart_view(iom, ChartRequest(at="2022", plan="hq-review-2021"))
    first, printed = export_pages(view, "pdf", paper="a3")
    again, _ = export_pages(view, "pdf", paper="a3")
    assert len(first) == 1 and first == again
    out = tmp_path / "chart.pdf"
    out.write_bytes(first[0])
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(out), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) == len(printed) > 1


def test_the_command_writes_one_png_per_page_or_one_page_when_asked(tmp_path, capsys):
    pytest.importorskip("matplotlib", reason="PNG needs matplotlib (charts extra)")
    out = tmp_path / "chart.png"
    argv = ["chart", str(IOM), "--at", "2022", "--dpi", "30", "-o", str(out)]
    assert main(argv) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written[0] == "chart-2.png" and "chart.png" in written
    assert "pages" in capsys.readouterr().err
    for p in tmp_path.iterdir():
        p.unlink()
    assert main([*argv, "--pages", "one"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]
    assert main([*argv[:-2], "--format", "png", "-o", "-"]) == 2
    assert "give a file name" in capsys.readouterr().err
