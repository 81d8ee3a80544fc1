"""The spreadsheet template: its sheets and their columns, shared by import and export.

One sheet (or one CSV file) per section of the dataset format, registers included, with
one column per field, named as in docs/format.md. The ``changes`` sheet has one column per
field of any op (a row fills those of its op) and a ``plan`` column: a row with a plan id
is a change of that plan. Merges and replacements describe a new unit in the columns
``name``, ``kind``, ``abbreviation``… of their row.
"""

from __future__ import annotations

from ..formats.entries import FieldSet
from ..formats.fields import (
    CLAIM,
    COMMON,
    OP_FIELDS,
    ORGANIZATION,
    PERSON_ENTRY,
    PLAN_ENTRY,
    POST_ENTRY,
    SOURCE_ENTRY,
    SPEC,
    UNIT_ENTRY,
)
from ..formats.registers import ALL as REGISTERS

#: The sheets of the structure's sections; then one per register (bodies, budgets…).
BASE_SHEETS = ("organization", "sources", "people", "units", "posts", "changes", "plans", "claims")
#: The register sections that have a sheet each.
REGISTER_SHEETS = tuple(r.section for r in REGISTERS)
#: The sheets, in the order they are read and written.
SHEETS = (*BASE_SHEETS, *REGISTER_SHEETS)

#: Sheets whose rows are entries of one field set.
ENTRY_SHEETS: dict[str, FieldSet] = {
    "organization": ORGANIZATION,
    "sources": SOURCE_ENTRY,
    "people": PERSON_ENTRY,
    "units": UNIT_ENTRY,
    "posts": POST_ENTRY,
    "plans": FieldSet([f for f in PLAN_ENTRY if f.name != "changes"]),
    "claims": CLAIM,
    **{r.section: r.fields for r in REGISTERS},
}

#: Columns of a merge's or replacement's row that describe its new unit (``new``).
NEW_UNIT_COLUMNS = tuple(f.name for f in SPEC)
#: Ops whose new unit is described in the row's own columns.
NEW_UNIT_OPS = ("merge", "replace")


def _change_columns() -> list[str]:
    columns = ["plan", "op", "id", "date", "phase"]
    for fields in OP_FIELDS.values():
        for f in fields:
            if f.name != "new" and f.name not in columns:
                columns.append(f.name)
    columns.extend(f.name for f in COMMON)
    return columns


#: Sheet -> its columns, in the order the exporter writes them.
COLUMNS: dict[str, list[str]] = {
    **{sheet: [f.name for f in fields] for sheet, fields in ENTRY_SHEETS.items()},
    "changes": _change_columns(),
}
