"""The small costing dataset (tests/fixtures/datasets/costing), loaded once per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.formats import load_dataset

COSTING = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "costing"


@pytest.fixture
def record():
    return load_dataset(COSTING)
