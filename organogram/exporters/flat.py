"""What a page shows as one flat table, for people: an XLSX sheet or a CSV file.

Unlike the template (:mod:`.table`), which is made to be imported back, these tables
are made to be read and sorted in a spreadsheet program: one row per line of the page,
names rather than ids, dates as dates and numbers as numbers. Each table is built from
the data the page itself renders (the dictionaries of :mod:`organogram.queries`), so
the page and the file agree.

The XLSX has its header row in bold and frozen, widths fitted to the columns, and every
text cell typed as text (a cell beginning with ``=`` is never a formula). The CSV
neutralizes every text cell a spreadsheet program would read as a formula
(:func:`organogram.formats.csv_cells.neutral`) and begins with a byte-order mark, so
that spreadsheet programs read its accents as UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..core.dates import DateError, FuzzyDate
from ..formats.csv_cells import neutral

#: What a cell may hold: text, a day, a number, or nothing.
Value = str | dt.date | int | float | Decimal | None

#: Widest column, in characters: a sentence of the timeline wraps past it.
MAX_WIDTH = 80


@dataclass(frozen=True)
class Column:
    """A column: its heading and what it holds ("text", "date", "number" or "money")."""

    heading: str
    kind: str = "text"


@dataclass
class FlatTable:
    """A page's content as rows under headings, with the name of the file to give it."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)

    def headings(self) -> list[str]:
        """The header row."""
        return [c.heading for c in self.columns]


#: The media types of the two formats.
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def day(text: str | None) -> dt.date | str | None:
    """A date of the record as a cell: a day known exactly as a date, any other date in
    words ("Q4 2021", "by June 2021"), so that nothing vaguer is passed off as a day."""
    if not text:
        return None
    try:
        date = FuzzyDate.parse(text)
    except DateError:
        return text
    return date.start if date.exact else date.describe()


def _names(items: Iterable[Mapping[str, Any]], key: str = "name") -> str:
    return "; ".join(str(i[key]) for i in items if i.get(key))


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# -- the tables ---------------------------------------------------------------------


def structure_table(
    data: Mapping[str, Any], label: Callable[[str], str], *, people: bool
) -> FlatTable:
    """The Structure page's units and senior posts (``structure_at``'s ``nodes``), in tree
    order: name, kind, parent, head, its holder (with ``people``), posts, status."""
    columns = [
        Column("Name"),
        Column("Abbreviation"),
        Column("Kind"),
        Column("Parent"),
        Column("Head"),
    ]
    if people:
        columns.append(Column("Held by"))
    columns += [Column("Posts", "number"), Column("Status"), Column("Placement")]
    rows: list[list[Value]] = []
    for n in data["nodes"]:
        head = n.get("head")
        row: list[Value] = [
            n["name"],
            n.get("abbreviation") or None,
            n["kind"],
            label(n["parent"]) if n.get("parent") else None,
            label(head) if head else None,
        ]
        if people:
            row.append(_names(n.get("holders", ())) or None)
        row += [
            n.get("posts"),
            n.get("status") or None,
            "not recorded" if n.get("placement") == "unknown" else "recorded",
        ]
        rows.append(row)
    return FlatTable("structure", f"Structure as of {data['date']}", columns, rows)


def _holding(p: Mapping[str, Any], people: bool) -> str | None:
    """The "Held by" cell as the Posts page writes it."""
    if people and p.get("holders"):
        return _names(p["holders"])
    if not people and p.get("filled"):
        return "filled"
    if p.get("holding") == "vacant":
        return "vacant"
    if p.get("status") == "established":
        return "no holder recorded"
    return None


def posts_table(data: Mapping[str, Any], *, people: bool) -> FlatTable:
    """The Posts page's rows (``posts_at``): one post a row, as the page lists them."""
    columns = [
        Column("Post"),
        Column("Grade"),
        Column("Category"),
        Column("Unit"),
        Column("Duty station"),
        Column("Status"),
        Column("Funding"),
        Column("FTE", "number"),
        Column("Held by"),
        Column("Certainty"),
    ]
    rows: list[list[Value]] = [
        [
            p["title"],
            p.get("grade"),
            p.get("category"),
            (p.get("unit") or {}).get("name"),
            p.get("duty_station"),
            p.get("status"),
            p.get("funding"),
            p.get("fte"),
            _holding(p, people),
            p.get("certainty"),
        ]
        for p in data["posts"]
    ]
    return FlatTable("posts", f"Posts as of {data['date']}", columns, rows)


def _sources(c: Mapping[str, Any]) -> str | None:
    return "; ".join(s["text"] for s in c.get("sources", ())) or None


def timeline_table(rows: Sequence[Mapping[str, Any]]) -> FlatTable:
    """The Timeline page's changes (``timeline_rows``), every page of them."""
    columns = [
        Column("Date", "date"),
        Column("Kind of change"),
        Column("What happened"),
        Column("Units and posts"),
        Column("Sources"),
        Column("Basis"),
        Column("Plan"),
        Column("Recorded by"),
        Column("Recorded on", "date"),
    ]
    out: list[list[Value]] = [
        [
            day(c["date"]),
            c.get("label"),
            c.get("text"),
            _names(c.get("units", ())) or None,
            _sources(c),
            c.get("basis"),
            c.get("plan_title") or None,
            c.get("recorded_by") or None,
            day((c.get("recorded_at") or "")[:10]),
        ]
        for c in rows
    ]
    return FlatTable("timeline", "Timeline", columns, out)


def compare_table(data: Mapping[str, Any]) -> FlatTable:
    """The Compare page (``diff_dates``): the net differences, then the changes recorded
    between the two days, each row saying which of the two it belongs to."""
    columns = [
        Column("Part"),
        Column("Date", "date"),
        Column("What"),
        Column("Units and posts"),
        Column("Sources"),
        Column("Certainty"),
    ]
    rows: list[list[Value]] = []
    for c in data["changes"]:
        rows.append(
            [
                "difference",
                None,
                c["text"],
                _names(c.get("units", ())) or None,
                _sources(c),
                "possibly" if c.get("possibly") else None,
            ]
        )
    for c in data["events"]:
        rows.append(
            [
                "recorded between",
                day(c["date"]),
                c["text"],
                _names(c.get("units", ())) or None,
                _sources(c),
                "inferred" if c.get("basis") == "inferred" else None,
            ]
        )
    title = f"Compare {data['from']} and {data['to']}"
    return FlatTable(f"compare-{data['from']}-{data['to']}", title, columns, rows)


def cost_table(data: Mapping[str, Any]) -> FlatTable:
    """The Cost page's table (``cost_at``) in its grouping, with the total last."""
    currency = data["currency"]
    by = data["by"]
    if by == "unit":
        columns = [
            Column("Unit"),
            Column("Level", "number"),
            Column("Posts", "number"),
            Column(f"In the unit ({currency})", "money"),
            Column(f"With the units below ({currency})", "money"),
        ]
        rows: list[list[Value]] = [
            [g["label"], g["depth"], g["posts"], _amount(g["amount"]), _amount(g["subtree"])]
            for g in data["groups"]
        ]
        total: list[Value] = ["Total", None, data["counted"], None, _amount(data["total"])]
    else:
        heading = "Grade" if by == "grade" else "Budget part"
        columns = [
            Column(heading),
            Column("Posts", "number"),
            Column(f"Cost ({currency})", "money"),
        ]
        rows = [[g["label"], g["posts"], _amount(g["amount"])] for g in data["groups"]]
        total = ["Total", data["counted"], _amount(data["total"])]
    rows.append(total)
    return FlatTable(f"cost-by-{by}", f"Cost as of {data['date']}", columns, rows)


# -- the formats --------------------------------------------------------------------


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def to_csv(table: FlatTable) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark, text cells neutralized."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutral(h) for h in table.headings()])
    for row in table.rows:
        # Only text can be a formula: numbers (even negative) and dates are written plain.
        writer.writerow([neutral(v) if isinstance(v, str) else _text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


#: Number formats of the XLSX cells, by column kind.
_FORMATS = {"date": "yyyy-mm-dd", "money": "#,##0.00", "number": "General"}


def to_xlsx(table: FlatTable) -> bytes:
    """The table as a workbook of one sheet: bold frozen header, fitted widths, typed cells.

    Written in openpyxl's write-only mode, row by row to a temporary file, so a sheet of
    a large organization does not hold a cell object per value in memory."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    ws = book.create_sheet(table.name[:31])
    # Widths first: a write-only sheet takes its column settings before its rows.
    widths = [len(h) for h in table.headings()]
    for row in table.rows:
        for j, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            if value is not None:
                extra = 3 if column.kind == "money" else 0
                widths[j] = max(widths[j], len(_text(value)) + extra)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(width + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")

    def cell(value: Any, column: Column | None = None) -> Any:
        c = WriteOnlyCell(ws, value=value)
        if column is None:
            c.font = bold
        if isinstance(value, str):
            c.data_type = "s"  # text, never a formula
            if len(value) > MAX_WIDTH:
                c.alignment = wrap
        elif column is not None and column.kind in _FORMATS:
            c.number_format = _FORMATS[column.kind]
        return c

    ws.append([cell(h) for h in table.headings()])
    for row in table.rows:
        ws.append(
            [
                None if v is None else cell(v, column)
                for v, column in zip(row, table.columns, strict=True)
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


#: Format key -> writer.
WRITERS: dict[str, Callable[[FlatTable], bytes]] = {"xlsx": to_xlsx, "csv": to_csv}


def write(table: FlatTable, fmt: str) -> tuple[bytes, str, str]:
    """The table in format ``fmt`` ("xlsx" or "csv"; KeyError otherwise): its bytes,
    file name and media type."""
    return WRITERS[fmt](table), f"{table.name}.{fmt}", MEDIA_TYPES[fmt]
