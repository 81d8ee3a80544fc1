"""A spreadsheet of changes for a plan: the template's ``changes`` sheet, read into the
mappings a dataset's ``changes:`` entries hold, each with the row it came from.

The sheet is the template's (see :mod:`.layout`): one change a row, a column a field,
read cell by cell exactly as an import of the whole template reads it. What the rows
mean — whether each is a valid change and applies where it falls in the plan — is the
plan action's to say (:class:`~organogram.registry.actions.plan_import.ImportPlanChanges`),
which places every problem back at its row.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import OrganogramError
from .mapping import Mapping
from .problems import Report
from .tables import Table, read_csv, read_xlsx
from .template import RowReader, read_sheet
from .zip_guard import expansion_problem

#: The sheet a workbook holds the plan's changes in.
SHEET = "changes"


@dataclass(frozen=True)
class PlanRow:
    """One row of the sheet: where it is (for problems) and the change it describes."""

    #: "plan.xlsx, sheet changes, row 4", or "plan.csv, row 4" for a CSV file.
    place: str
    data: dict[str, Any]


def read_plan_changes(path: str | Path, report: Report, name: str = "") -> list[PlanRow]:
    """The rows of the changes sheet of the workbook (or CSV file) at ``path``, in order.

    ``name`` is the file's name as the person knows it (an upload's), for problems.
    Problems of reading (not a spreadsheet, no changes sheet, a cell that does not read)
    go to ``report``; the rows read are returned all the same.
    """
    path = Path(path)
    shown = name or path.name
    is_csv = (Path(shown).suffix or path.suffix).lower() == ".csv"
    tables = _tables(path, shown, report)
    if not tables:
        return []
    table = _changes_table(tables, shown, report)
    if table is None:
        return []
    sheet = read_sheet(SHEET, table, Mapping(), report)
    builder = RowReader(Mapping(), report)
    out = []
    for number, cells in sheet.table.rows:
        node, _values = builder.row(sheet, number, cells)
        data = yaml.constructor.SafeConstructor().construct_document(node)
        # The file is named with each row: the refusal of a row is read apart from the
        # upload (on the command line, in the audit log).
        where = (
            f"{shown}, row {number}" if is_csv else f"{shown}, sheet {table.sheet}, row {number}"
        )
        out.append(PlanRow(where, data))
    if not out and not report.errors:
        report.error(shown, "the changes sheet has no rows: nothing to import", code="empty")
    return out


def _tables(path: Path, shown: str, report: Report) -> list[Table]:
    suffix = (Path(shown).suffix or path.suffix).lower()
    if suffix == ".csv":
        table = read_csv(path, report)
        # A CSV file is the changes sheet whatever it is called.
        return [Table(shown, SHEET, table.headers, table.rows)]
    if suffix in (".xlsx", ".xlsm"):
        # Checked here too, so that the refusal names the file as uploaded.
        refused = expansion_problem(path)
        if refused is not None:
            report.error(shown, refused, code="file")
            return []
        tables = read_xlsx(path, report)
        return [Table(shown, t.sheet, t.headers, t.rows) for t in tables]
    report.error(shown, "not a spreadsheet: give the template's .xlsx or a .csv file", code="kind")
    return []


def _changes_table(tables: list[Table], shown: str, report: Report) -> Table | None:
    """The changes sheet: the one named so, or the only sheet of the file."""
    named = [t for t in tables if t.name.strip().lower() == SHEET]
    if named:
        table = named[0]
    elif len(tables) == 1:
        table = tables[0]
    else:
        sheets = ", ".join(t.sheet for t in tables)
        report.error(shown, f"no sheet named {SHEET!r} (sheets: {sheets})", code="sheet")
        return None
    return table


#: The largest spreadsheet taken (a plan's changes fit in far less).
MAX_BYTES = 5 * 1024 * 1024
#: The kinds of file read.
SUFFIXES = (".xlsx", ".csv")


class PlanSheetError(OrganogramError):
    """An uploaded sheet that cannot be read: ``problems`` says why, each with its place."""

    def __init__(self, message: str, problems: list[str] | None = None):
        self.message, self.problems = message, list(problems or [])
        super().__init__("\n".join([message, *self.problems]))


def read_upload(name: str, chunks: Iterable[bytes], size: int) -> list[PlanRow]:
    """The rows of an uploaded spreadsheet called ``name`` (its bytes in ``chunks``);
    :class:`PlanSheetError` when it is not one, too large, or a cell does not read."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanSheetError(f"{name} is not a spreadsheet: give an .xlsx or a .csv file")
    if size > MAX_BYTES:
        raise PlanSheetError(f"{name} is larger than {MAX_BYTES // 2**20} MB")
    report = Report()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
        rows = read_plan_changes(path, report, name=name)
    if report.errors:
        raise PlanSheetError(
            f"{name} could not be read: nothing was imported", [str(p) for p in report.errors]
        )
    return rows
