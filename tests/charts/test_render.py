"""Renderers: SVG parses and holds every node; PDF and PNG are produced, the same bytes
every time, and the PDF renders (with pdftoppm, where installed)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from organogram.charts import ChartRequest, chart_view, export
from organogram.charts.build import chart_of
from organogram.charts.render import draw
from organogram.charts.scene import Scene
from organogram.charts.svg import svg_document

SVG = "{http://www.w3.org/2000/svg}"


def ids_in(svg: bytes | str) -> set[str]:
    root = ET.fromstring(svg)
    return {g.get("data-id") for g in root.iter(f"{SVG}g") if g.get("data-id")}


def test_the_svg_parses_and_holds_every_node_with_its_name(iom):
    s = iom.timeline.snapshot("2022").structure
    view = chart_view(iom, ChartRequest(at="2022"))
    data, page = export(view, "svg")
    assert ids_in(data) == set(s.nodes())
    text = data.decode()
    for node in s.nodes():
        first_word = s.label(node).split()[0]
        assert first_word.replace("&", "&amp;") in text
    assert 'width="420mm"' in text and "Structure as of 31 December 2022" in text
    assert page.scale > 0.3


def test_the_svg_is_the_same_bytes_every_time(iom):
    view = chart_view(iom, ChartRequest(at="2022", compare="2021-06"))
    assert export(view, "svg")[0] == export(view, "svg")[0]


def test_text_is_escaped():
    from organogram.charts.model import Chart, ChartNode

    chart = Chart({"a": ChartNode("a", None, "Legal & <Risk>", "unit")}, ["a"])
    drawn = draw(chart)
    scene = Scene(drawn.width, drawn.height, drawn.group)
    root = ET.fromstring(svg_document(scene))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Legal & <Risk>" in texts


def test_side_lines_are_drawn_on_demand(iom):
    # The Emergency Support Unit's support to the Department of Operations and Emergencies
    # (portfolio, emergency-support); the Chief Risk Officer's lines of 2016 run from a post
    # that is not a node of the chart.
    view = chart_view(iom, ChartRequest(at="2022"))
    plain = export(view, "svg")[0].decode()
    lined = export(view, "svg", side_lines=True)[0].decode()
    assert 'class="side-lines"' not in plain
    assert 'class="side-lines"' in lined and "administrative support" in lined


@pytest.fixture
def mpl():
    return pytest.importorskip("matplotlib", reason="PDF and PNG need matplotlib (charts extra)")


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_pdf_and_png_are_produced_and_deterministic(iom, mpl, fmt):
    view = chart_view(iom, ChartRequest(at="2022", compare="2021-06"))
    first, _ = export(view, fmt, paper="a4", dpi=60)
    again, _ = export(view, fmt, paper="a4", dpi=60)
    assert first == again
    assert first.startswith(b"%PDF" if fmt == "pdf" else b"\x89PNG")
    if fmt == "pdf":
        assert b"CreationDate" not in first


def test_another_process_with_another_hash_seed_writes_the_same_pdf(iom, mpl, tmp_path):
    code = (
        "import sys; from organogram.formats import load_dataset; "
        "from organogram.charts import ChartRequest, chart_view, export; "
        "v = chart_view(load_dataset(sys.argv[1]), ChartRequest(at='2022', compare='2021-06')); "
        "sys.stdout.buffer.write(export(v, 'pdf', paper='a4')[0])"
    )
    from .conftest import IOM

    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code, str(IOM)], capture_output=True, env=env, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_the_pdf_renders_with_pdftoppm(iom, mpl, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (apt-get install poppler-utils)")
    view = chart_view(iom, ChartRequest(at="2022"))
    pdf = tmp_path / "chart.pdf"
    pdf.write_bytes(export(view, "pdf", paper="a4")[0])
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) == 1
    from PIL import Image

    with Image.open(pages[0]) as im:
        # A4 landscape at 40 dpi, and something drawn on it.
        assert abs(im.width - 468) <= 2 and abs(im.height - 331) <= 2
        assert im.convert("L").getextrema()[0] < 100


def test_every_box_of_a_chart_of_the_record_fits_the_page(iom):
    view = chart_view(iom, ChartRequest(at="2022", compare="2021-06", mode="side-by-side"))
    _, page = export(view, "svg", paper="a3")
    # The 2021 side draws apart the units whose placement no source gives, which widens it.
    assert page.scale > 0.15
    assert len(view.charts) == 2
    assert all(len(c.nodes) for c in view.charts)
    assert chart_of(iom.timeline.snapshot("2022").structure).portfolios
