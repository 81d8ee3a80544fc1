"""A source's passages: read, written back byte for byte, and citations checked against them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from organogram.core.model import Organization, Passage, Source
from organogram.core.passages import passage_problem
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.formats import dump_dataset, load_dataset
from organogram.formats.references import dangling
from organogram.formats.source_entry import source_from_dict, source_to_dict

from .conftest import problems, where

SOURCES = """
sources:
  - id: paper
    title: Paper
    passages:
      - id: "1"
        title: Background
      - id: "2"
      - id: "10"
      - id: annex-1
        title: First annex
        text: The chart.
      - id: annex-1.II
      - id: annex-2
  - id: memo
    title: Memo
"""

PAPER = Source(
    "paper",
    "Paper",
    passages=tuple(Passage(i) for i in ("1", "2", "10", "annex-1", "annex-1.II", "annex-2")),
)


def _unit(cite: str) -> str:
    return f"""
units:
  - id: ops
    name: Operations
    kind: department
    established: 2020
    cite: {cite}
"""


def test_passages_are_read_in_order_with_their_titles(write):
    record = load_dataset(write({"sources.yaml": SOURCES}))
    paper = record.sources["paper"]
    assert [p.id for p in paper.passages] == ["1", "2", "10", "annex-1", "annex-1.II", "annex-2"]
    assert paper.passage("1") == Passage("1", "Background")
    assert paper.passage("annex-1") == Passage("annex-1", "First annex", "The chart.")
    assert record.sources["memo"].passages == ()


@pytest.mark.parametrize(
    "cite",
    [
        "paper:1",
        "paper",
        "'paper:1-2'",
        "'paper:1\u201310'",  # an en dash
        "'paper:annex-1-annex-2'",  # ids that hold hyphens, as a range
        "'paper:1, 10'",
        "'paper:2; annex-1.II'",
        "[paper:10, memo:anything at all]",  # memo lists none: any passage
    ],
)
def test_citations_of_declared_passages_load(write, cite):
    load_dataset(write({"sources.yaml": SOURCES, "units.yaml": _unit(cite)}))


def test_an_undeclared_passage_is_a_problem_at_its_file_line_and_field(write):
    root = write({"sources.yaml": SOURCES, "units.yaml": _unit("[paper:1, paper:3]")})
    (p,) = problems(root)
    assert where(p, root) == ("units.yaml", 6, "units[0].cite[1]")
    declared = "1, 2, 10, annex-1, annex-1.II, annex-2"
    assert p.message == f"'paper' has no passage '3': it declares {declared}"


@pytest.mark.parametrize("passage", ["1-3", "annex-1.III", "1, 4", "annex"])
def test_ranges_and_lists_need_each_end_declared(passage):
    assert passage_problem(PAPER, passage) is not None


def test_a_long_list_is_told_short_with_the_nearest_ids():
    many = replace(PAPER, passages=tuple(Passage(str(i)) for i in range(1, 39)))
    why = passage_problem(many, "39")
    assert why == "'paper' has no passage '39': it declares 38 passages, 1 … 38"
    words = replace(PAPER, passages=tuple(Passage(f"annex-{i}") for i in range(1, 10)))
    assert "; the nearest are annex-1," in passage_problem(words, "anex-1")


def test_a_source_citing_another_is_checked_too(write):
    text = SOURCES + "  - id: note\n    title: Note\n    cites: ['paper:annex-3']\n"
    (p,) = problems(write({"sources.yaml": text}))
    assert p.field == "sources[2].cites[0]"
    assert "'paper' has no passage 'annex-3'" in p.message


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ('      - id: "1"\n      - id: "1"\n', "sources[0].passages[1].id", "duplicate id '1'"),
        ("      - id: para 1\n", "sources[0].passages[0].id", "not a valid passage id"),
        ("      - title: no id\n", "sources[0].passages[0].id", "required field is missing"),
        ("      - id: x\n        page: 3\n", "sources[0].passages[0].page", "unknown field"),
    ],
)
def test_bad_passages_are_named(write, entry, field, message):
    text = "sources:\n  - id: paper\n    title: Paper\n    passages:\n" + entry
    (p,) = problems(write({"sources.yaml": text}))
    assert p.field == field
    assert message in p.message


def test_passages_round_trip_byte_for_byte(write, tmp_path: Path):
    tricky = SOURCES.replace('      - id: "2"\n', '      - id: "2"\n        title: "NO"\n')
    record = load_dataset(write({"sources.yaml": tricky}))
    one, two = tmp_path / "one", tmp_path / "two"
    dump_dataset(record, one)
    again = load_dataset(one)
    assert again.sources == record.sources
    dump_dataset(again, two)
    assert (one / "sources.yaml").read_bytes() == (two / "sources.yaml").read_bytes()
    assert "passages:" in (one / "sources.yaml").read_text()


def test_a_source_given_as_data_keeps_its_passages_and_is_checked():
    data = {"id": "paper", "title": "Paper", "passages": [{"id": "1", "title": "Background"}]}
    source, _ = source_from_dict(data)
    assert source.passages == (Passage("1", "Background"),)
    assert source_to_dict(source) == data
    _, refs = source_from_dict({"id": "note", "title": "Note", "cites": ["paper:2"]})
    record = Record(Organization("org", "Org"), Timeline([]), sources={"paper": source})
    assert dangling(record, refs) == [("cites[0]", "'paper' has no passage '2': it declares 1")]
