"""A record out as the spreadsheet template: an XLSX workbook or a folder of CSV files.

The rows are the entries the YAML writer would write, field for field, so that reading
the workbook back (``organogram import xlsx``) gives the same record. Creations go in the
``units`` and ``posts`` sheets where that keeps the order of the changes of their date
(the importer reads units, then posts, then changes); enacted plans keep their changes.
"""

from __future__ import annotations

import csv
import os
from itertools import groupby
from pathlib import Path
from typing import Any

import yaml

from ..core.changes import Change, CreatePost, CreateUnit
from ..core.plans import PlanStatus
from ..core.record import Record
from ..formats.codec import plain
from ..formats.csv_cells import neutral
from ..formats.dump import change_entry, claim_entry, plan_entry, post_entry, unit_entry
from ..formats.entries import FieldSet, dump_fields
from ..formats.registers import ALL as REGISTERS
from ..importers.layout import COLUMNS, ENTRY_SHEETS, NEW_UNIT_OPS, SHEETS

#: Columns always written, even when every row leaves them empty.
_KEEP = {"changes": {"op", "id", "date"}}


def cell(value: Any) -> str:
    """The text of a cell: lists one item per line, nested values in YAML flow style."""
    value = plain(value)
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str) and "\n" not in v for v in value):
        return "\n".join(value)
    if isinstance(value, (list, dict)):
        return yaml.safe_dump(
            value, default_flow_style=True, width=10**9, sort_keys=False, allow_unicode=True
        ).strip()
    return str(value)


def _entry(obj: Any, fields: FieldSet) -> dict[str, Any]:
    values = {}
    for f in fields:
        value = getattr(obj, f.name, None)
        if f.required or value not in (None, "", (), []):
            values[f.name] = value
    return dump_fields(fields, values)


def _shorthand(changes: list[Change]) -> dict[Change, str]:
    """change -> sheet, keeping each date's order with units, posts, changes read in turn."""
    out: dict[Change, str] = {}
    for _, group in groupby(changes, key=lambda c: c.date.sort_key()):
        run = list(group)
        i = 0
        while (
            i < len(run) and type(run[i]) is CreateUnit and run[i].id == f"create-{run[i].unit.id}"
        ):
            out[run[i]] = "units"
            i += 1
        while (
            i < len(run)
            and type(run[i]) is CreatePost
            and run[i].id == f"create-post-{run[i].post}"
        ):
            out[run[i]] = "posts"
            i += 1
        for change in run[i:]:
            out[change] = "changes"
    return out


def _change_row(entry: dict[str, Any], plan: str = "") -> dict[str, Any]:
    row = dict(entry)
    new = row.pop("new", None)
    if new is not None and row.get("op") in NEW_UNIT_OPS:
        row.update({k: v for k, v in new.items() if k != "id"})
    if plan:
        row["plan"] = plan
    return row


def sheet_rows(record: Record) -> dict[str, list[dict[str, Any]]]:
    """Sheet -> its rows (field -> value as the YAML writer has it)."""
    enacted = {
        c for p in record.plans.values() if p.status is PlanStatus.ENACTED for c in p.changes
    }
    top = [c for c in record.timeline.changes if c not in enacted]
    where = _shorthand(top)
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SHEETS}
    rows["organization"].append(_entry(record.organization, ENTRY_SHEETS["organization"]))
    rows["sources"] = [_entry(s, ENTRY_SHEETS["sources"]) for s in record.sources.values()]
    rows["people"] = [_entry(p, ENTRY_SHEETS["people"]) for p in record.people.values()]
    n = 0
    for change in top:
        sheet = where[change]
        if sheet == "units":
            rows["units"].append(unit_entry(change))  # type: ignore[arg-type]
        elif sheet == "posts":
            rows["posts"].append(post_entry(change))  # type: ignore[arg-type]
        else:
            n += 1
            rows["changes"].append(_change_row(change_entry(change, None, f"changes-{n}")))
    for plan in record.plans.values():
        entry = plan_entry(plan)
        for change in entry.pop("changes", []):
            rows["changes"].append(_change_row(change, plan.id))
        rows["plans"].append(entry)
    rows["claims"] = [claim_entry(c) for c in record.claims]
    for register in REGISTERS:
        entries = record.register(register.section).values()
        rows[register.section] = [register.entry(e) for e in entries]
    return rows


def sheet_table(sheet: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Headers and cell texts of one sheet; columns empty in every row are left out."""
    used = {k for row in rows for k in row} | _KEEP.get(sheet, set())
    required = (
        {f.name for f in ENTRY_SHEETS[sheet] if f.required} if sheet in ENTRY_SHEETS else set()
    )
    headers = [c for c in COLUMNS[sheet] if c in used or c in required]
    return headers, [[cell(row[h]) if h in row else "" for h in headers] for row in rows]


def write_xlsx(record: Record, path: str | os.PathLike[str]) -> None:
    """Write the record as a workbook with one sheet per section of the template."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    for sheet, rows in sheet_rows(record).items():
        ws = book.create_sheet(sheet)
        headers, table = sheet_table(sheet, rows)
        ws.append(headers)
        for values in table:
            cells = []
            for text in values:
                c = WriteOnlyCell(ws, value=text if text else None)
                if text.startswith("="):
                    c.data_type = "s"  # text, never a formula
                cells.append(c)
            ws.append(cells)
    tmp = Path(f"{os.fspath(path)}.tmp")
    book.save(tmp)
    os.replace(tmp, path)


def write_csv(record: Record, folder: str | os.PathLike[str]) -> list[Path]:
    """Write the record as one CSV file per sheet in ``folder``; returns the files."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for sheet, rows in sheet_rows(record).items():
        headers, table = sheet_table(sheet, rows)
        path = target / f"{sheet}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(headers)
            writer.writerows([neutral(text) for text in row] for row in table)
        written.append(path)
    return written
