"""Registers: entries beside the structure, read, checked, written and read back."""

from __future__ import annotations

import pytest

from organogram.core.dates import FuzzyDate
from organogram.core.governance import Body
from organogram.formats import dump_dataset, load_dataset
from organogram.formats.codec import to_node
from organogram.formats.register import EntryDataError, entry_from_dict, entry_to_dict
from organogram.formats.registers import BY_SECTION
from organogram.formats.schema import build_schema

from .conftest import problems, record_parts, where

SOURCES = """
sources:
  - id: report
    title: Report to the Council
"""

BODIES = """
bodies:
  - id: council
    name: Council
    kind: council
    established: 1951-12
    cite: report:3
  - id: scpf
    name: Standing Committee on Programmes and Finance
    abbreviation: SCPF
    kind: committee
    parent: council
"""


def test_a_register_loads_into_the_record(write):
    record = load_dataset(write({"sources.yaml": SOURCES, "bodies.yaml": BODIES}))
    bodies = record.register("bodies")
    assert list(bodies) == ["council", "scpf"]
    assert bodies["scpf"] == Body(
        id="scpf",
        name="Standing Committee on Programmes and Finance",
        abbreviation="SCPF",
        kind="committee",
        parent="council",
    )
    assert bodies["council"].established == FuzzyDate.parse("1951-12")
    assert str(bodies["council"].cite[0]) == "report:3"
    assert record.entry("bodies", "council").name == "Council"


def test_a_record_without_the_register_has_it_empty(write):
    record = load_dataset(write({"sources.yaml": SOURCES}))
    assert record.register("bodies") == {}


def test_an_entry_naming_an_unknown_entry_is_reported_at_its_line(write):
    root = write(
        {
            "bodies.yaml": """
            bodies:
              - id: scpf
                name: Standing Committee
                parent: assembly
            """
        }
    )
    [p] = problems(root)
    assert where(p, root) == ("bodies.yaml", 4, "bodies[0].parent")
    assert "'assembly' is not an entry of bodies" in p.message


def test_duplicate_ids_and_bad_fields_are_each_reported(write):
    root = write(
        {
            "bodies.yaml": """
            bodies:
              - id: council
                name: Council
                founded: 1951
              - id: council
                name: Council again
              - id: board
                name: Board
                established: 2001
                ended: 1999
            """
        }
    )
    found = {(where(p, root)[1], where(p, root)[2]): p.message for p in problems(root)}
    assert "unknown field 'founded'" in found[(4, "bodies[0].founded")]
    assert "duplicate governing body id 'council'" in found[(5, "bodies[1].id")]
    assert "ends (1999) before it is established" in found[(7, "bodies[2]")]


def test_a_wrong_entry_still_claims_its_id(write):
    root = write(
        {
            "bodies.yaml": """
            bodies:
              - id: council
                kind: [not, text]
              - id: council
                name: Council
            """
        }
    )
    messages = [p.message for p in problems(root)]
    assert any("duplicate governing body id 'council'" in m for m in messages)


def test_registers_are_written_and_read_back(write, tmp_path):
    record = load_dataset(write({"sources.yaml": SOURCES, "bodies.yaml": BODIES}))
    out = tmp_path / "out"
    dump_dataset(record, out)
    written = (out / "bodies.yaml").read_text(encoding="utf-8")
    assert written.startswith("bodies:\n  - id: council\n    name: Council\n")
    assert record_parts(load_dataset(out)) == record_parts(record)


def test_entries_go_to_data_and_back_through_the_same_checks():
    register = BY_SECTION["bodies"]
    body = Body(id="scpf", name="SCPF", parent="council", established=FuzzyDate.parse("1995"))
    data = entry_to_dict(register, body)
    assert data == {"id": "scpf", "name": "SCPF", "parent": "council", "established": "1995"}
    again, refs = entry_from_dict(register, data)
    assert again == body
    assert [(r.category, r.value) for r in refs] == [("register:bodies", "council")]
    with pytest.raises(EntryDataError) as info:
        entry_from_dict(register, {"id": "x", "established": "someday"})
    fields = info.value.by_field()
    assert "required field is missing" in fields["name"]
    assert "established" in fields


def test_the_schema_describes_each_register():
    schema = build_schema()
    assert schema["properties"]["bodies"]["items"] == {"$ref": "#/$defs/bodies"}
    assert schema["$defs"]["bodies"]["required"] == ["id", "name"]
    assert to_node({"id": "x"}).value  # the codec builds nodes the registers read
