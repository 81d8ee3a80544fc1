"""Helpers for the dataset format tests: write small datasets, read their problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from organogram.formats import DatasetError, Problem, load_dataset

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "datasets"

HEADER = "organization:\n  id: org\n  name: Org\n"


class Writer:
    """Writes dataset files into a temporary folder."""

    def __init__(self, root: Path):
        self.root = root

    def __call__(self, files: dict[str, str], header: bool = True) -> Path:
        """Write ``files`` (name -> YAML, dedented); add a header file unless told not to."""
        if header:
            files = {"_header.yaml": HEADER, **files}
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return self.root


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write a dataset into a fresh folder and return the folder."""
    return Writer(tmp_path / "data")


def problems(path: Path) -> list[Problem]:
    """The problems of a dataset that must not load."""
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    return info.value.problems


def where(problem: Problem, root: Path) -> tuple[str, int | None, str]:
    """(file relative to ``root``, line, field) of a problem."""
    return (Path(problem.file).relative_to(root).as_posix(), problem.line, problem.field)


def record_parts(record) -> dict[str, object]:
    """What two records must share to be equal (changes compare without their origin)."""
    return {
        "organization": record.organization,
        "sources": list(record.sources.items()),
        "people": list(record.people.items()),
        "timeline": list(record.timeline.changes),
        "plans": list(record.plans.items()),
        "claims": record.claims,
        "registers": {name: entries for name, entries in record.registers.items() if entries},
    }
