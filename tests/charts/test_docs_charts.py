"""The charts in docs/charts are what `make charts` draws from the code and data today."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "charts"
IOM = str(ROOT / "data" / "iom")
REVIEW = [IOM, "--plan", "hq-review-2021", "--depth", "3", "--at", "2022", "--pages", "one"]

#: file -> the arguments the Makefile's `charts` target gives for it.
CHARTS = {
    "iom-hq-2022.svg": REVIEW,
    "review-before.svg": [*REVIEW, "--compare", "2021-06", "--mode", "before"],
    "review-after.svg": [*REVIEW, "--compare", "2021-06", "--mode", "after"],
    "review-overlay.svg": [*REVIEW, "--compare", "2021-06"],
    "iom-hq-2022-full.svg": [IOM, "--at", "2022", "--lines", "--pages", "one"],
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_the_committed_svg_is_up_to_date(name, tmp_path):
    out = tmp_path / name
    assert main(["chart", *CHARTS[name], "-o", str(out)]) == 0
    assert out.read_bytes() == (DOCS / name).read_bytes(), (
        f"docs/charts/{name} is out of date: run `make charts`"
    )
