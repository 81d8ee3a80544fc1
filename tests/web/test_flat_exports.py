""" "Download as spreadsheet" from the Structure, Posts, Timeline, Compare and Cost pages.

Each file is read back (openpyxl, csv) and compared with the page it comes from on the
IOM data: the same rows, in the same order. The XLSX is typed (bold frozen header,
dates as dates, numbers as numbers, text as text); the CSV neutralizes formulas; the
names of post holders are in neither for visitors.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from organogram.exporters import flat
from organogram.formats.csv_cells import TRIGGERS, restore

pytestmark = pytest.mark.django_db

HOLDER = "Irena Vojáčková-Sollorano"  # ad interim Deputy Director General, 2023
HELD = "2023-06-30"

PAGES = {
    "structure": ("/?at=2016-11-30", "/sheet.{}?at=2016-11-30"),
    "posts": ("/posts/?at=" + HELD, "/posts/sheet.{}?at=" + HELD),
    "timeline": ("/timeline/?from=2016&to=2021", "/timeline/sheet.{}?from=2016&to=2021"),
    "compare": (
        "/compare/?from=2020-06-30&to=2022-12-31",
        "/compare/sheet.{}?from=2020-06-30&to=2022-12-31",
    ),
    "cost": ("/cost/?at=2022", "/cost/sheet.{}?at=2022"),
}


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response


def xlsx_rows(content: bytes) -> tuple[list, list[list]]:
    """The header and rows of the workbook's one sheet, as typed values."""
    ws = load_workbook(io.BytesIO(content)).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def csv_rows(content: bytes) -> tuple[list[str], list[list[str]]]:
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return rows[0], rows[1:]


def links(page: str) -> list[str]:
    return [html.unescape(u) for u in re.findall(r'href="([^"]*sheet\.(?:xlsx|csv)[^"]*)"', page)]


@pytest.mark.parametrize("name", PAGES)
def test_each_page_links_its_spreadsheet_and_the_two_files_agree(client, name):
    page_url, sheet_url = PAGES[name]
    page = get(client, page_url).content.decode()
    assert "Download as spreadsheet" in page
    assert sorted(links(page)) == sorted(sheet_url.format(f) for f in ("csv", "xlsx"))
    x = get(client, sheet_url.format("xlsx"))
    c = get(client, sheet_url.format("csv"))
    assert x["Content-Type"] == flat.MEDIA_TYPES["xlsx"]
    assert c["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="[\w.-]+\.xlsx"', x["Content-Disposition"])
    header, rows = xlsx_rows(x.content)
    c_header, c_rows = csv_rows(c.content)
    assert header == c_header
    assert len(rows) == len(c_rows) > 0
    # The same values in both, cell for cell (the CSV writes days in ISO form).
    for r, cr in zip(rows, c_rows, strict=True):
        assert all(agree(v, text) for v, text in zip(r, cr, strict=True)), (r, cr)


def agree(value, text: str) -> bool:
    """Whether a workbook cell and a CSV cell hold the same value."""
    if value is None:
        return text == ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() == text
    if isinstance(value, (int, float)):
        return Decimal(str(value)) == Decimal(text)
    return value == restore(text)


def test_the_xlsx_header_is_bold_and_frozen_dates_are_dates_numbers_numbers(client):
    content = get(client, "/timeline/sheet.xlsx?from=2016&to=2021").content
    ws = load_workbook(io.BytesIO(content)).active
    assert ws.freeze_panes == "A2"
    assert all(c.font.bold for c in ws[1])
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width  # sentences
    dates = [ws.cell(row=i, column=1) for i in range(2, ws.max_row + 1)]
    exact = [c for c in dates if c.is_date]
    assert exact and all(c.number_format == "yyyy-mm-dd" for c in exact)
    # A date known less exactly stays in words, never passed off as a day.
    vague = [c.value for c in dates if not c.is_date]
    assert vague and all(
        isinstance(v, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d", v) for v in vague
    )
    posts = load_workbook(io.BytesIO(get(client, "/posts/sheet.xlsx").content)).active
    fte = [c.value for c in posts["H"][1:]]
    assert fte and all(isinstance(v, (int, float)) for v in fte)
    cost = load_workbook(io.BytesIO(get(client, "/cost/sheet.xlsx?at=2022").content)).active
    assert cost.cell(row=cost.max_row, column=1).value == "Total"
    assert cost.cell(row=cost.max_row, column=5).value == 1470000
    assert cost.cell(row=2, column=4).number_format == "#,##0.00"


def test_the_posts_file_lists_the_pages_posts_in_its_order(client):
    page = get(client, "/posts/?at=" + HELD).content.decode()
    titles = [html.unescape(t) for t in re.findall(r'<td><a href="/posts/[^"]+">([^<]+)</a>', page)]
    _, rows = xlsx_rows(get(client, "/posts/sheet.xlsx?at=" + HELD).content)
    assert [r[0] for r in rows] == titles


def test_the_structure_file_holds_the_pages_units_with_parent_head_and_posts(client):
    page = get(client, "/?at=2016-11-30").content.decode()
    count = int(re.search(r"(\d+) units and senior posts in force", page).group(1))
    header, rows = xlsx_rows(get(client, "/sheet.xlsx?at=2016-11-30").content)
    assert header[:5] == ["Name", "Abbreviation", "Kind", "Parent", "Head"]
    assert len(rows) == count
    for r in rows:
        assert html.escape(r[0], quote=False) in page or r[0] in html.unescape(page)
    by_name = {r[0]: r for r in rows}
    dcp = by_name["Department of International Cooperation and Partnerships"]
    assert dcp[header.index("Kind")] == "department"
    assert isinstance(dcp[header.index("Posts")], int)


def test_the_timeline_file_has_every_page_of_the_filtered_changes(client):
    page = get(client, "/timeline/?from=2016&to=2021").content.decode()
    matched = int(re.search(r"of (\d+) changes? matching", page).group(1))
    _, rows = xlsx_rows(get(client, "/timeline/sheet.xlsx?from=2016&to=2021&page=2").content)
    assert len(rows) == matched  # every page, whatever page the link was taken from
    first = re.search(
        r'<li id="change-[^"]+">\s*<span class="date"[^>]*>.*?</span>\s*(.*?)\n', page
    )
    assert rows[0][2] == html.unescape(first.group(1).strip())


def test_the_compare_file_holds_the_differences_then_the_changes_between(client):
    page = get(client, PAGES["compare"][0]).content.decode()
    summary = page.split('id="differences"')[1].split('id="events"')[0]
    # The page groups its differences (by department, then kind): each kind's count.
    listed = sum(int(n) for n in re.findall(r'data-n="(\d+)"', summary))
    assert listed > 0
    _, rows = xlsx_rows(get(client, PAGES["compare"][1].format("xlsx")).content)
    assert [r[0] for r in rows[:listed]] == ["difference"] * listed
    assert {r[0] for r in rows[listed:]} == {"recorded between"}


def test_the_cost_file_is_the_grouping_asked(client):
    for by, heading in (("unit", "Unit"), ("grade", "Grade"), ("part", "Budget part")):
        header, rows = xlsx_rows(get(client, f"/cost/sheet.xlsx?at=2022&by={by}").content)
        assert header[0] == heading
        assert rows[-1][0] == "Total"
    page = get(client, "/cost/?at=2022").content.decode()
    table = page.split('id="cost-groups"')[1].split("</table>")[0]
    labels = [html.unescape(t) for t in re.findall(r'<a href="/units/[^"]+">([^<]+)</a>', table)]
    _, rows = xlsx_rows(get(client, "/cost/sheet.xlsx?at=2022").content)
    assert [r[0] for r in rows[:-1]] == labels


def test_holders_are_named_only_for_those_who_may_see_them(client, admin_user):
    for url in ("/posts/sheet.{}?at=" + HELD, "/sheet.{}?at=" + HELD):
        for fmt in ("csv", "xlsx"):
            content = get(client, url.format(fmt)).content
            header, rows = csv_rows(content) if fmt == "csv" else xlsx_rows(content)
            assert HOLDER not in str(rows)
    client.force_login(admin_user)
    _, rows = csv_rows(get(client, "/posts/sheet.csv?at=" + HELD).content)
    assert any(HOLDER in r[8] for r in rows)
    header, rows = xlsx_rows(get(client, "/sheet.xlsx?at=" + HELD).content)
    assert "Held by" in header and HOLDER in str(rows)


def test_unknown_formats_and_unreadable_comparisons_are_refused(client):
    assert client.get("/posts/sheet.pdf").status_code == 404
    assert client.get("/compare/sheet.csv?from=2020").status_code == 404
    assert client.get("/compare/sheet.csv?from=nonsense&to=2021").status_code == 404


# -- the writers, on their own ---------------------------------------------------------

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'quoted"]


def test_every_text_cell_a_spreadsheet_would_run_is_neutralized_in_the_csv():
    table = flat.FlatTable(
        "t",
        "t",
        [flat.Column("Text"), flat.Column("Number", "number")],
        [[text, -5] for text in DANGEROUS],
    )
    _, rows = csv_rows(flat.to_csv(table))
    for (text, number), original in zip(rows, DANGEROUS, strict=True):
        assert text == "'" + original
        assert not text.startswith(TRIGGERS)
        assert number == "-5"  # a number is not text: written as it is


def test_text_cells_of_the_xlsx_are_text_never_formulas():
    table = flat.FlatTable("t", "t", [flat.Column("=Heading")], [[t] for t in DANGEROUS])
    ws = load_workbook(io.BytesIO(flat.to_xlsx(table))).active
    assert ws["A1"].data_type == "s" and ws["A1"].value == "=Heading"
    for cell, original in zip(ws["A"][1:], DANGEROUS, strict=True):
        assert cell.data_type == "s"
        assert cell.value == original.replace("\r", "\n")  # XML reads CR as LF


def test_dates_of_the_record_become_days_only_when_known_to_the_day():
    assert flat.day("2022-12-31") == dt.date(2022, 12, 31)
    assert flat.day("2021-Q4") == "Q4 2021"
    assert flat.day("../2021-06") == "by June 2021"
    assert flat.day("") is None
