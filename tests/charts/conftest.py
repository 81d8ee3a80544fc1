"""Shared fixtures of the chart tests: the IOM dataset, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.formats import load_dataset

IOM = Path(__file__).resolve().parents[2] / "data" / "iom"


@pytest.fixture(scope="session")
def iom():
    """The IOM record."""
    return load_dataset(IOM)
