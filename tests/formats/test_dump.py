"""Writing datasets: same format, deterministic bytes, round trips, atomic writes."""

from __future__ import annotations

import textwrap

import pytest

from organogram.core.changes import CreatePost, CreateUnit, Rename, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.errors import OrganogramError
from organogram.core.model import Citation, Organization, Source
from organogram.core.plans import Plan
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.formats import dump_dataset, load_dataset
from organogram.formats.emit import write_folder
from organogram.formats.order import shorthand_ok

from .conftest import FIXTURES, record_parts

DATASETS = ["example", "full", "uncertain"]


@pytest.mark.parametrize("name", DATASETS)
def test_load_dump_load_gives_an_equal_record(tmp_path, name):
    first = load_dataset(FIXTURES / name)
    dump_dataset(first, tmp_path / "out")
    second = load_dataset(tmp_path / "out")
    assert record_parts(second) == record_parts(first)


@pytest.mark.parametrize("name", DATASETS)
def test_dump_load_dump_is_byte_identical(tmp_path, name):
    dump_dataset(load_dataset(FIXTURES / name), tmp_path / "one")
    dump_dataset(load_dataset(tmp_path / "one"), tmp_path / "two")
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two


def test_one_file_per_section(tmp_path):
    dump_dataset(load_dataset(FIXTURES / "full"), tmp_path / "out")
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "changes.yaml",
        "claims.yaml",
        "organization.yaml",
        "people.yaml",
        "plans.yaml",
        "posts.yaml",
        "sources.yaml",
        "units.yaml",
    ]


def day(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def small_record() -> Record:
    changes = [
        CreatePost(id="create-post-dg", date=day("2009"), post="dg", title="DG", senior=True),
        CreateUnit(
            id="create-ops",
            date=day("2009-05-01"),
            unit=UnitSpec(id="ops", name="Operations", kind="department", mandate="Runs.\nAll.\n"),
            parent="dg",
            cites=(Citation("memo", "2"), Citation("memo")),
        ),
        Rename(id="r1", date=day("2021-Q4"), unit="ops", name="NO", abbreviation=""),
    ]
    memo = Source(id="memo", title="Memo")
    return Record(Organization("org", "Org"), Timeline(changes), sources={"memo": memo})


def test_written_text_is_plain_and_readable(tmp_path):
    dump_dataset(small_record(), tmp_path / "out")
    units = (tmp_path / "out" / "units.yaml").read_text(encoding="utf-8")
    assert units == textwrap.dedent("""\
        units:
          - id: ops
            name: Operations
            kind: department
            mandate: |
              Runs.
              All.
            parent: dg
            established: 2009-05-01
            cite:
              - memo:2
              - memo
        """)
    changes = (tmp_path / "out" / "changes.yaml").read_text(encoding="utf-8")
    # Text that YAML would read as something else is quoted; dates are bare.
    assert "    date: 2021-Q4\n    unit: ops\n    name: 'NO'\n    abbreviation: ''\n" in changes
    assert "established: 2009\n" in (tmp_path / "out" / "posts.yaml").read_text()


def test_shorthand_only_where_reading_order_is_kept():
    unit = CreateUnit(id="create-a", date=day("2009"), unit=UnitSpec(id="a", name="A", kind="u"))
    unit2 = CreateUnit(id="create-b", date=day("2009"), unit=UnitSpec(id="b", name="B", kind="u"))
    post = CreatePost(id="create-post-p", date=day("2009"), post="p", title="P")
    named = CreateUnit(id="made-c", date=day("2009"), unit=UnitSpec(id="c", name="C", kind="u"))
    later = CreateUnit(id="create-d", date=day("2010"), unit=UnitSpec(id="d", name="D", kind="u"))

    def where(*changes):
        out = shorthand_ok(list(changes))
        return [out[c] for c in changes]

    # changes.yaml is read before posts.yaml, and posts.yaml before units.yaml.
    assert where(post, unit, unit2) == ["posts", "units", "units"]
    assert where(unit, post, unit2) == ["changes", "posts", "units"]
    assert where(unit, unit2, post) == ["changes", "changes", "posts"]
    assert where(unit, named, unit2) == ["changes", "changes", "units"]
    # Only changes of the same date compete.
    assert where(unit, post, later) == ["changes", "posts", "units"]


def test_refuses_a_non_empty_folder_unless_told(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.yaml").write_text("stale: true\n")
    with pytest.raises(OrganogramError, match="not empty"):
        dump_dataset(small_record(), target)
    assert (target / "old.yaml").exists()


def test_overwrite_replaces_yaml_and_keeps_other_files(tmp_path):
    target = tmp_path / "out"
    (target / "docs").mkdir(parents=True)
    (target / "old.yaml").write_text("stale: true\n")
    (target / "README.md").write_text("read me\n")
    (target / "docs" / "note.txt").write_text("a note\n")
    dump_dataset(small_record(), target, overwrite=True)
    names = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert names == [
        "README.md",
        "changes.yaml",
        "docs/note.txt",
        "organization.yaml",
        "posts.yaml",
        "sources.yaml",
        "units.yaml",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no temporary left


def test_a_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "out"
    files = {"a.yaml": "a: 1\n", "missing/b.yaml": "b: 2\n"}  # the second cannot be written
    with pytest.raises(OSError):
        write_folder(target, files, overwrite=False)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_overwrite_leaves_the_old_folder_as_it_was(tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    (target / "units.yaml").write_text("old\n")
    with pytest.raises(OSError):
        write_folder(target, {"a.yaml": "a: 1\n", "missing/b.yaml": "b\n"}, overwrite=True)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert [p.name for p in target.iterdir()] == ["units.yaml"]
    assert (target / "units.yaml").read_text() == "old\n"


def test_changes_made_in_code_without_ids_get_the_ids_the_loader_would_give(tmp_path):
    record = small_record()
    record.timeline = Timeline(
        [*record.timeline.changes, Rename(date=day("2022"), unit="ops", name="X")]
    )
    record.plans["p"] = Plan(
        "p", "P", day("2023"), changes=[Rename(date=day("2023"), unit="ops", name="Y")]
    )
    dump_dataset(record, tmp_path / "out")
    loaded = load_dataset(tmp_path / "out")
    assert [c.id for c in loaded.timeline][-2:] == ["r1", "changes-2"]
    assert [c.id for c in loaded.plan("p").changes] == ["p-1"]
    assert "id: changes-2\n" in (tmp_path / "out" / "changes.yaml").read_text()
