"""Reading tables from CSV files and XLSX workbooks, whatever their encoding and line ends.

A :class:`Table` is a header and rows of text, each row with the number a person sees in
a spreadsheet program (the header is row 1). CSV files may start with a byte-order mark,
end lines with CRLF, or be in Windows-1252 rather than UTF-8 (reported, then read).
Workbook cells are turned into the text a person typed: whole numbers without ``.0``,
dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..formats.csv_cells import restore
from ..formats.kinds import NUL_WHY
from .problems import Report
from .zip_guard import expansion_problem

BOM = "\ufeff"


@dataclass
class Table:
    """One sheet of a workbook or one CSV file, as text."""

    file: str
    #: the sheet's name in a workbook; empty for a CSV file.
    sheet: str
    headers: list[str]
    #: (row number as a spreadsheet shows it, cells) for every row that is not empty.
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The sheet's name, or the CSV file's name without its extension."""
        return self.sheet or Path(self.file).stem

    def column_label(self, index: int) -> str:
        """How a problem names a column: its header, and its letter in a workbook."""
        header = self.headers[index] if index < len(self.headers) else ""
        if not self.sheet:
            return header or f"#{index + 1}"
        letter = column_letter(index)
        return f"{header} ({letter})" if header else letter

    def where(self, row: int | None = None, column: int | None = None) -> dict[str, object]:
        """Keyword arguments that place a problem in this table."""
        out: dict[str, object] = {"sheet": self.sheet}
        if row is not None:
            out["row"] = row
        if column is not None:
            out["column"] = self.column_label(column)
        return out


def column_letter(index: int) -> str:
    """``A`` for the first column, ``AA`` for the 27th…"""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def decode(data: bytes, file: str, report: Report) -> str:
    """The text of a file: UTF-8 (with or without a byte-order mark), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.warn(
            file,
            f"not UTF-8 (byte {data[exc.start]:#04x} on line {line}): read as Windows-1252",
            code="encoding",
        )
        return data.decode("cp1252", errors="replace")


def read_csv(path: str | Path, report: Report) -> Table:
    """A CSV file as a table; an unreadable file is an error and gives an empty table."""
    file = str(path)
    try:
        text = decode(Path(path).read_bytes(), file, report)
    except OSError as exc:
        report.error(file, f"cannot read the file: {exc.strerror or exc}", code="file")
        return Table(file, "", [])
    # newline="" lets the csv module see CRLF and line breaks inside quoted cells.
    reader = csv.reader(io.StringIO(text, newline=""))
    table: Table | None = None
    for number, cells in enumerate(reader, 1):
        # A cell marked as text against formula injection reads as what was written.
        cells = [restore(c.replace(BOM, "")) for c in cells]
        if table is None:
            table = Table(file, "", [c.strip() for c in cells])
        elif any(c.strip() for c in cells):
            table.rows.append((number, _without_nul(table, number, cells, report)))
    return table or Table(file, "", [])


def _without_nul(table: Table, number: int, cells: list[str], report: Report) -> list[str]:
    """The cells, each NUL character reported as an error at its cell and taken out.

    PostgreSQL cannot store a NUL in text, and no organogram has a use for one; taken out
    here, it is reported once, at its cell, rather than again by every later reading.
    """
    if not any("\x00" in c for c in cells):
        return cells
    for i, c in enumerate(cells):
        if "\x00" in c:
            report.error(table.file, NUL_WHY, code="nul", **table.where(number, i))
    return [c.replace("\x00", "") for c in cells]


def cell_text(value: object) -> str:
    """The text a person sees in a workbook cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_xlsx(path: str | Path, report: Report) -> list[Table]:
    """Every worksheet of a workbook, as tables (in the workbook's order)."""
    import openpyxl  # here, so that commands that read no workbook do not pay for it

    file = str(path)
    refused = expansion_problem(path)
    if refused is not None:
        report.error(file, refused, code="file")
        return []
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        report.error(file, f"cannot read the workbook: {exc}", code="file")
        return []
    tables = []
    try:
        for sheet in book.worksheets:
            table: Table | None = None
            for number, values in enumerate(sheet.iter_rows(values_only=True), 1):
                cells = [cell_text(v) for v in values]
                if table is None:
                    table = Table(file, sheet.title, [c.strip() for c in cells])
                elif any(c.strip() for c in cells):
                    table.rows.append((number, _without_nul(table, number, cells, report)))
            tables.append(table or Table(file, sheet.title, []))
    finally:
        book.close()
    return tables
