"""docs/format.md stays honest: its example loads, and it names every field and op."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from organogram.core.changes import REGISTRY
from organogram.formats import fields as F
from organogram.formats import load_dataset
from organogram.formats.file import FILE
from organogram.formats.registers import ALL as REGISTERS

DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"
TEXT = DOC.read_text(encoding="utf-8")

FIELDSETS = {
    "organization": F.ORGANIZATION,
    "source": F.SOURCE_ENTRY,
    "person": F.PERSON_ENTRY,
    "unit": F.UNIT_ENTRY,
    "post": F.POST_ENTRY,
    "plan": F.PLAN_ENTRY,
    "phase": F.PHASE,
    "event": F.EVENT,
    "claim": F.CLAIM,
    "file": FILE,
    **{f"change {op}": F.PLAN_CHANGE[op] for op in F.PLAN_CHANGE},
    **{f"register {r.section}": r.fields for r in REGISTERS},
}


def test_the_example_loads(tmp_path):
    example = re.search(r"## Example\n\n```yaml\n(.*?)```", TEXT, re.S)
    assert example, "docs/format.md has no example"
    path = tmp_path / "example.yaml"
    path.write_text(example.group(1), encoding="utf-8")
    record = load_dataset(path)
    assert record.plan("review").changes[0].name == "Department of Operations and Emergencies"


@pytest.mark.parametrize("where", sorted(FIELDSETS))
def test_every_field_is_documented(where):
    missing = [f.name for f in FIELDSETS[where] if f"`{f.name}`" not in TEXT]
    assert not missing, f"docs/format.md does not name these fields of a {where}: {missing}"


def test_every_op_is_documented():
    table = re.search(r"## Operations\n(.*?)\n## ", TEXT, re.S).group(1)
    documented = set(re.findall(r"^\| `([a-z-]+)`", table, re.M))
    documented = documented - {"op"} | {"remove-line"}  # the header; add-line's row
    assert documented == set(REGISTRY)
