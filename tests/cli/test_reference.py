"""docs/cli.md is generated from the parser; it must match the code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from organogram.cli.reference import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@pytest.mark.skipif(
    sys.version_info[:2] != (3, 11),
    reason="argparse's help layout differs between Python versions; docs are made on 3.11",
)
def test_cli_reference_is_up_to_date():
    assert DOC.read_text() == render(), (
        "docs/cli.md is stale: run `python -m organogram.cli.reference > docs/cli.md`"
    )


def test_every_command_is_in_the_reference():
    text = DOC.read_text()
    for command in (
        "validate",
        "show",
        "history",
        "diff",
        "plan preview",
        "plan validate",
        "plan narrate",
        "plan conflicts",
        "plan list",
        "search",
        "reindex",
    ):
        assert f"## `organogram {command}`" in text or f"# `organogram {command}`" in text
