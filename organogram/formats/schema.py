"""The JSON Schema (draft 2020-12) of a dataset file, built from the field tables.

The shipped ``schema.json`` is this function's output; a test checks that they agree,
and ``python -m organogram.formats.schema`` rewrites it. The schema describes a file
as a YAML 1.1 reader (PyYAML) sees it: bare dates may read as dates or years, and
text may read as a number or a boolean, which the loader takes as written.
Editors can use it to check dataset files as they are typed.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from .fields import (
    CHANGE,
    CLAIM,
    ORGANIZATION,
    PERSON_ENTRY,
    PLAN_CHANGE,
    PLAN_ENTRY,
    POST_ENTRY,
    SOURCE_ENTRY,
    UNIT_ENTRY,
)
from .file import FILE
from .kinds import ID_MAX, ID_PATTERN
from .registers import ALL as REGISTERS

SCHEMA_PATH = Path(__file__).with_name("schema.json")

#: A plain date: a day, month, quarter, half or year.
_DAY = r"\d{4}(-(\d{2}(-\d{2})?|[Qq][1-4]|[Hh][12]))?"
#: A plain date, approximate or uncertain (``~ ? %``), or an interval of plain dates with
#: either side open (``../D`` not later than, ``D/..`` not earlier than, ``D/D`` between).
_DATE = rf"^(today|{_DAY}[~?%]?|(\.\.|{_DAY})/{_DAY}|{_DAY}/\.\.)$"
_CITATION = r"^[a-z0-9][a-z0-9._-]*(:.*)?$"

_BASE: dict[str, Any] = {
    "id": {
        "description": "lowercase letters, digits, '-', '.', '_'; first a letter or digit",
        "anyOf": [
            {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX},
            {"type": "integer", "minimum": 0},
        ],
    },
    "text": {
        "description": "free text, without NUL characters; a bare number or yes/no is taken "
        "as written",
        "type": ["string", "number", "boolean"],
        "pattern": "^[^\\u0000]*$",
    },
    "date": {
        "description": "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY; or, in the ISO "
        "8601-2 (EDTF) forms, ../D (not later than), D/.. (not earlier than), D/D (some "
        "time between), D~ (approximate), D? (uncertain), D% (both)",
        "anyOf": [
            {"type": "string", "pattern": _DATE},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
    },
    "datetime": {
        "description": "an ISO 8601 date-time (record time)",
        "type": "string",
        "pattern": r"^\d{4}-\d{2}-\d{2}([T ].*)?$",
    },
    "citation": {
        "description": "SOURCE or SOURCE:PASSAGE",
        "anyOf": [{"type": "string", "pattern": _CITATION}, {"type": "integer", "minimum": 0}],
    },
    "cites": {
        "anyOf": [
            {"$ref": "#/$defs/citation"},
            {"type": "array", "items": {"$ref": "#/$defs/citation"}},
        ]
    },
}


def _dispatch(prefix: str, ops: list[str]) -> dict[str, Any]:
    """A change: an ``op`` and the fields of that op."""
    return {
        "type": "object",
        "required": ["op"],
        "properties": {"op": {"enum": ops}},
        "allOf": [
            {
                "if": {"properties": {"op": {"const": op}}, "required": ["op"]},
                "then": {"$ref": f"#/$defs/{prefix}-{op}"},
            }
            for op in ops
        ],
    }


@cache
def build_schema() -> dict[str, Any]:
    """The JSON Schema of one dataset file."""
    ops = sorted(CHANGE)
    defs: dict[str, Any] = dict(_BASE)
    defs["organization"] = ORGANIZATION.schema()
    defs["source"] = SOURCE_ENTRY.schema()
    defs["person"] = PERSON_ENTRY.schema()
    defs["unit"] = UNIT_ENTRY.schema()
    defs["post"] = POST_ENTRY.schema()
    defs["change"] = _dispatch("change", ops)
    defs["plan"] = PLAN_ENTRY.schema()
    defs["plan-change"] = _dispatch("plan-change", ops)
    defs["claim"] = CLAIM.schema()
    for register in REGISTERS:
        defs[register.section] = register.fields.schema()
    for op in ops:
        defs[f"change-{op}"] = CHANGE[op].schema()
        defs[f"plan-change-{op}"] = PLAN_CHANGE[op].schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:organogram:dataset-file",
        "title": "Organogram dataset file",
        "description": "One YAML file of an Organogram dataset (docs/format.md).",
        **FILE.schema(),
        "$defs": defs,
    }


def schema_text() -> str:
    """The schema as the text of schema.json."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The shipped schema.json."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.name}")
