"""Text widths and wrapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.charts.metrics import BOLD, REGULAR, text_width, wrap


def test_the_width_tables_are_the_fonts_the_renderer_embeds():
    matplotlib = pytest.importorskip("matplotlib", reason="needs matplotlib (the charts extra)")
    ttlib = pytest.importorskip("fontTools.ttLib")
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, table in (("DejaVuSans.ttf", REGULAR), ("DejaVuSans-Bold.ttf", BOLD)):
        font = ttlib.TTFont(fonts / name)
        cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
        for code, width in table.items():
            assert round(hmtx[cmap[code]][0] * 1000 / upm) == width, (name, chr(code))


def test_bold_is_wider_and_size_scales():
    assert text_width("Budget Division", 10, bold=True) > text_width("Budget Division", 10)
    assert text_width("Unit", 20) == pytest.approx(2 * text_width("Unit", 10))


def test_wrap_keeps_every_line_within_the_width():
    name = "Prevention of and Response to Sexual Exploitation and Abuse and Sexual Harassment Unit"
    lines = wrap(name, 90, 7.6, bold=True)
    assert " ".join(lines) == name
    assert all(text_width(line, 7.6, bold=True) <= 90 for line in lines)


def test_a_word_longer_than_the_line_is_cut_after_a_hyphen_or_anywhere():
    lines = wrap("Supercalifragilistic-expialidocious", 40, 8)
    assert "".join(lines) == "Supercalifragilistic-expialidocious"
    assert all(text_width(line, 8) <= 40 for line in lines)


def test_max_lines_ends_with_an_ellipsis():
    lines = wrap("one two three four five six seven eight nine ten", 30, 8, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("\u2026")
