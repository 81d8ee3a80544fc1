"""The JSON Schema agrees with the loader: same ops, same fields, same verdicts."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import MISSING, fields
from pathlib import Path

import jsonschema
import pytest
import yaml

from organogram.core.changes import COMMON_FIELDS, REGISTRY
from organogram.formats import DatasetError, dump_dataset, load_dataset
from organogram.formats.fields import CHANGE, OP_FIELDS
from organogram.formats.schema import SCHEMA_PATH, build_schema, load_schema, schema_text

from .conftest import FIXTURES, HEADER

VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def plain(value):
    """A YAML value as JSON data: dates and times (read by YAML 1.1) become their text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def schema_errors(path: Path) -> list[str]:
    data = plain(yaml.safe_load(path.read_text(encoding="utf-8")))
    return [e.message for e in VALIDATOR.iter_errors(data)]


def test_shipped_schema_is_up_to_date():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "organogram/formats/schema.json is stale: run python -m organogram.formats.schema"
    )


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(build_schema())
    assert build_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_lists_every_op_of_the_registry():
    defs = build_schema()["$defs"]
    assert defs["change"]["properties"]["op"]["enum"] == sorted(REGISTRY)
    assert defs["plan-change"]["properties"]["op"]["enum"] == sorted(REGISTRY)
    for op in REGISTRY:
        assert defs[f"change-{op}"]["properties"]["op"]
        assert "date" in defs[f"change-{op}"]["required"]
        assert "date" not in defs[f"plan-change-{op}"].get("required", [])


@pytest.mark.parametrize("op", sorted(REGISTRY))
def test_each_op_has_the_fields_of_its_change_class(op):
    cls = REGISTRY[op]
    own = [f for f in fields(cls) if f.name not in (*COMMON_FIELDS, "origin")]
    params = {f.name for f in own}
    written = {f.name for f in OP_FIELDS[op]}
    if op == "create":  # the unit's attributes are written flat beside its id
        params = params - {"unit"} | {"name", "kind", "abbreviation", "mandate", "functions"}
        params |= {"location", "head", "unit"}
    assert written == params
    required = {f.name for f in CHANGE[op] if f.required} - {"op", "date"}
    no_default = {f.name for f in own if f.default is f.default_factory is MISSING}
    assert no_default <= required | ({"name", "kind"} if op == "create" else set())


FIXTURE_FILES = sorted(
    p.relative_to(FIXTURES).as_posix()
    for p in FIXTURES.rglob("*.yaml")
    if p.parent.name != "errors"
)


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_files_validate_against_the_schema(name):
    assert schema_errors(FIXTURES / name) == []


def test_written_files_validate_against_the_schema(tmp_path):
    dump_dataset(load_dataset(FIXTURES / "full"), tmp_path / "out")
    for path in sorted((tmp_path / "out").glob("*.yaml")):
        assert schema_errors(path) == [], path.name


STRUCTURAL = {
    "unknown section": "unit: []",
    "unknown field": "units:\n  - {id: a, name: A, kind: x, established: 2009, colour: red}",
    "missing field": "units:\n  - {id: a, kind: x, established: 2009}",
    "wrong type": "units:\n  - {id: a, name: A, kind: x, established: 2009, functions: f}",
    "invalid id": "units:\n  - {id: A B, name: A, kind: x, established: 2009}",
    "invalid date": "units:\n  - {id: a, name: A, kind: x, established: next year}",
    "invalid op": "changes:\n  - {op: explode, date: 2010}",
    "missing op field": "changes:\n  - {op: rename, unit: a, date: 2010}",
    "op field of another op": "changes:\n  - {op: abolish, unit: a, name: A, date: 2010}",
    "line kind": "changes:\n  - {op: add-line, source: a, kind: dotted, target: b, date: 2010}",
    "plan status": "plans:\n  - {id: p, title: P, status: done, effective: 2022}",
    "plan change without op": "plans:\n  - {id: p, title: P, effective: 2022, changes: [{}]}",
    "basis": "claims:\n  - {subject: a, field: f, value: v, cite: s, basis: guess}",
    "boolean": "posts:\n  - {id: p, title: P, senior: maybe, established: 2009}",
}


@pytest.mark.parametrize("case", sorted(STRUCTURAL))
def test_structural_errors_are_rejected_by_both(tmp_path, case):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text(textwrap.dedent(STRUCTURAL[case]) + "\n", encoding="utf-8")
    assert schema_errors(folder / "a.yaml"), "the schema accepts it"
    (folder / "_header.yaml").write_text(HEADER, encoding="utf-8")
    with pytest.raises(DatasetError):
        load_dataset(folder)
