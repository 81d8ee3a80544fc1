"""The spreadsheet template in: sheets of units, posts, people, changes… into a record.

Rows become the nodes the YAML loader reads (see :mod:`.cells`), so a workbook obeys the
rules of a dataset file, field for field, and every problem the loader finds is placed
back at its sheet, row and column. The timeline is then folded: a change that does not
apply at its date is an error too. Nothing is returned when anything is wrong.
"""

from __future__ import annotations

import difflib
import re

from ..core.record import Record
from ..formats.compound import ListOf
from ..formats.documents import load_documents
from ..formats.fields import CHANGE, PLAN_CHANGE
from ..formats.kinds import Id, Nullable
from ..formats.nodes import NULL_TAG, MappingNode, Node
from ..formats.problems import Problem
from .cells import CellError, Places, cell_node, mapping, scalar, sequence
from .layout import (
    COLUMNS,
    ENTRY_SHEETS,
    NEW_UNIT_COLUMNS,
    NEW_UNIT_OPS,
    SHEETS,
)
from .mapping import Mapping, make_id
from .problems import Report
from .progress import Progress
from .tables import Table

_FIELD_IN_PATH = re.compile(r"\.([a-z_]+)")


class _Sheet:
    """A table matched to a template sheet: which column holds which field."""

    def __init__(self, name: str, table: Table, fields: dict[int, str]):
        self.name, self.table, self.fields = name, table, fields


def match_sheets(tables: list[Table], mapping: Mapping, report: Report) -> dict[str, _Sheet]:
    """Template sheet -> the table that holds it, its columns matched to fields."""
    by_name = {t.name.strip().lower(): t for t in tables}
    wanted = {mapping.source_sheet(s).strip().lower(): s for s in SHEETS}
    out: dict[str, _Sheet] = {}
    for key, table in by_name.items():
        sheet = wanted.get(key)
        if sheet is None:
            report.warn(
                table.file,
                "not a sheet of the template: ignored",
                sheet=table.sheet,
                code="extra-sheet",
            )
            continue
        out[sheet] = read_sheet(sheet, table, mapping, report)
    return out


def read_sheet(name: str, table: Table, mapping: Mapping, report: Report) -> _Sheet:
    """``table`` read as the template's sheet ``name``: its columns matched to fields."""
    return _Sheet(name, table, _columns(name, table, mapping, report))


def _columns(sheet: str, table: Table, mapping: Mapping, report: Report) -> dict[int, str]:
    fields: dict[int, str] = {}
    seen: dict[str, int] = {}
    mapped = bool(mapping.columns.get(sheet))
    for i, header in enumerate(table.headers):
        if not header:
            continue
        name = mapping.field_of(sheet, header)
        where = table.where(1, i)
        if name is None:
            if mapped:
                report.warn(
                    table.file, "column not in the mapping: ignored", code="extra-column", **where
                )
                continue
            hint = difflib.get_close_matches(header.lower(), COLUMNS[sheet], n=1)
            more = f" (did you mean {hint[0]!r}?)" if hint else ""
            report.error(table.file, f"unknown column {header!r}{more}", code="column", **where)
        elif name in seen:
            report.error(table.file, f"column {name!r} given twice", code="column", **where)
        else:
            seen[name] = i
            fields[i] = name
    return fields


def _kind_of(sheet: str, name: str, op: str, in_plan: bool):
    if sheet != "changes":
        return ENTRY_SHEETS[sheet].by_name[name].kind
    fieldset = (PLAN_CHANGE if in_plan else CHANGE).get(op)
    if fieldset is not None and name in fieldset.by_name:
        return fieldset.by_name[name].kind
    for fs in CHANGE.values():  # a field of another op: its own kind, reported as unknown
        if name in fs.by_name:
            return fs.by_name[name].kind
    return None


class RowReader:
    """Rows into nodes, with their places."""

    def __init__(self, mapping: Mapping, report: Report):
        self.mapping, self.report, self.places = mapping, report, Places()

    def row(self, sh: _Sheet, number: int, cells: list[str]) -> tuple[MappingNode, dict[str, str]]:
        """The entry node of one row, and the row's plain values by field (for op, plan)."""
        t = sh.table
        row_mark = self.places.mark(t, number)
        # Text is kept as written (a mandate may end with a line break); ids are stripped.
        values = {name: cells[i] for i, name in sh.fields.items() if i < len(cells)}
        for name, value in self.mapping.defaults.get(sh.name, {}).items():
            if not values.get(name, "").strip():
                values[name] = value
        for key in ("op", "plan", "id"):
            if key in values:
                values[key] = values[key].strip()
        op, in_plan = values.get("op", ""), bool(values.get("plan"))
        pairs: list[tuple[Node, Node]] = []
        new_pairs: list[tuple[Node, Node]] = []
        for name in COLUMNS[sh.name]:
            text = values.get(name, "")
            kind = _kind_of(sh.name, name, op, in_plan)
            col = next((i for i, n in sh.fields.items() if n == name), None)
            mark = self.places.mark(t, number, col) if col is not None else row_mark
            if name == "plan" and sh.name == "changes":
                continue
            if not text.strip():
                required = kind is not None and _required(sh.name, name, op, in_plan)
                if required and isinstance(kind, Nullable):
                    pairs.append((scalar(name, mark), scalar("", mark, NULL_TAG)))
                continue
            if self.mapping.make_ids and kind is not None and _is_id(kind):
                text = "\n".join(make_id(p) for p in re.split(r"[\n;,]", text) if p.strip())
            try:
                node = cell_node(kind, text, mark) if kind is not None else scalar(text, mark)
            except CellError as exc:
                self.report.error(t.file, str(exc), code="cell", **t.where(number, col))
                continue
            target = (
                new_pairs
                if sh.name == "changes" and op in NEW_UNIT_OPS and (name in NEW_UNIT_COLUMNS)
                else pairs
            )
            target.append((scalar(name, mark), node))
        if new_pairs:
            pairs.append((scalar("new", row_mark), mapping(new_pairs, row_mark)))
        return mapping(pairs, row_mark), values


def _required(sheet: str, name: str, op: str, in_plan: bool) -> bool:
    if sheet != "changes":
        return ENTRY_SHEETS[sheet].by_name[name].required
    fs = (PLAN_CHANGE if in_plan else CHANGE).get(op)
    return fs is not None and name in fs.by_name and fs.by_name[name].required


def _is_id(kind) -> bool:
    inner = getattr(kind, "inner", kind)
    return isinstance(inner, Id) or (isinstance(inner, ListOf) and isinstance(inner.item, Id))


def read_template(
    tables: list[Table],
    report: Report,
    mapping: Mapping | None = None,
    organization: dict[str, str] | None = None,
    progress: bool | None = None,
) -> Record | None:
    """The record the tables hold, or None after reporting every problem in ``report``."""
    mapping = mapping or Mapping()
    sheets = match_sheets(tables, mapping, report)
    if not sheets:
        # Files of another kind would otherwise read as an organization without units.
        for file in dict.fromkeys(t.file for t in tables):
            report.error(
                file,
                f"no sheet of the template ({', '.join(SHEETS)}): nothing to import",
                code="file",
            )
        return None
    b = RowReader(mapping, report)
    sections: dict[str, list[tuple[MappingNode, dict[str, str]]]] = {}
    total = sum(len(sh.table.rows) for sh in sheets.values())
    with Progress("Reading the sheets", total, enabled=progress) as bar:
        for name in SHEETS:
            if name in sheets:
                sh = sheets[name]
                sections[name] = [b.row(sh, n, cells) for n, cells in sh.table.rows]
                bar.advance(len(sh.table.rows))
    root = _document(sheets, sections, organization, b, report)
    if report.errors:
        return None
    record, problems = load_documents([("changes", root)])
    for p in problems:
        _place(p, b.places, tables, report)
    if record is None:
        return None
    _check_fold(record, b.places, report)
    return None if report.errors else record


def _document(sheets, sections, organization, b: RowReader, report: Report) -> MappingNode:
    """The root mapping of sections, plan changes inside their plans."""
    pairs: list[tuple[Node, Node]] = []
    top_mark = b.places.mark(Table("", "", []), 0)
    if "organization" in sections:
        rows = sections["organization"]
        if len(rows) != 1:
            t = sheets["organization"].table
            report.error(
                t.file,
                f"the organization sheet has one row, not {len(rows)}",
                code="organization",
                sheet=t.sheet,
            )
        if rows:
            pairs.append((scalar("organization", top_mark), rows[0][0]))
    elif organization and organization.get("id") and organization.get("name"):
        head = [(scalar(k, top_mark), scalar(v, top_mark)) for k, v in organization.items() if v]
        pairs.append((scalar("organization", top_mark), mapping(head, top_mark)))
    else:
        file = next(iter(sheets.values())).table.file if sheets else "(no sheet)"
        report.error(
            file,
            "no organization sheet: add one (columns id, name) or give --org-id and --org-name",
            code="organization",
        )
    plan_rows: dict[str, list[Node]] = {}
    top_changes: list[Node] = []
    for node, values in sections.get("changes", []):
        (plan_rows.setdefault(values["plan"], []) if values.get("plan") else top_changes).append(
            node
        )
    plans = sections.get("plans", [])
    known = {values.get("id") for _, values in plans}
    for plan_id in plan_rows:
        if plan_id not in known:
            t = sheets["changes"].table
            row = plan_rows[plan_id][0].start_mark.line + 1
            _, number, _ = b.places.where[row]
            report.error(
                t.file,
                f"{plan_id!r} is not a plan of the plans sheet",
                code="plan",
                **t.where(
                    number, next(i for i, n in sheets["changes"].fields.items() if n == "plan")
                ),
            )
    for node, values in plans:
        if values.get("id") in plan_rows:
            node.value.append(
                (
                    scalar("changes", node.start_mark),
                    sequence(plan_rows[values["id"]], node.start_mark),
                )
            )
    lists = {"changes": top_changes, "plans": [n for n, _ in plans]}
    for name in SHEETS[1:]:  # the organization is the header, placed above
        items = lists.get(name) if name in lists else [n for n, _ in sections.get(name, [])]
        if items:
            pairs.append((scalar(name, top_mark), sequence(items, top_mark)))
    return mapping(pairs, top_mark)


def _place(p: Problem, places: Places, tables: list[Table], report: Report) -> None:
    """Report a loader problem at its sheet, row and column."""
    found = places.where.get(p.line or 0)
    if found is None or not found[0].file:
        file = tables[0].file if tables else p.file
        report.error(file, f"{p.field}: {p.message}" if p.field else p.message, code="dataset")
        return
    table, row, col = found
    message = p.message
    if col is None:
        names = _FIELD_IN_PATH.findall(p.field)
        col = next(
            (
                i
                for name in reversed(names)
                for i, h in enumerate(table.headers)
                if h.strip().lower().replace(" ", "_") == name
            ),
            None,
        )
        if col is None and names:
            message = f"{names[-1]}: {message}"
    report.error(table.file, message, code="dataset", **table.where(row, col))


def _check_fold(record: Record, places: Places, report: Report) -> None:
    """Every change must apply at its date; one that does not is placed at its row."""
    _, failures = record.timeline.fold()
    for f in failures:
        origin = f.change.origin
        found = places.where.get(origin[1]) if origin else None
        text = f"{f.change.op} on {f.change.date} does not apply: " + "; ".join(f.problems)
        if found is None:
            report.error("(workbook)", f"change {f.change.id}: {text}", code="apply")
        else:
            table, row, _ = found
            report.error(table.file, text, code="apply", **table.where(row))
