"""A spreadsheet of changes imported into a draft plan: every row's problems at once,
nothing written unless every row applies; from the page, the API and the command line."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organogram.cli.main import main
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.actions import ImportPlanChanges, PlanRefused, run
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan, move_plan

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
HEADER = ["op", "id", "date", "unit", "name", "location", "reason", "cite"]
GOOD = [
    ["rename", "", "", "ethics", "Office of Integrity", "", "review", ""],
    ["relocate", "", "2031-06-01", "ethics", "", "Geneva", "review", ""],
]


def sheet_csv(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def sheet_xlsx(rows: list[list[str]], title: str = "changes") -> bytes:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "notes"
    first.append(["the plan's changes are on the next sheet"])
    sheet = book.create_sheet(title)
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def draft(title: str = "Import") -> str:
    return draft_plan(TESTS, title=title, effective="2031-01-01").id


def plan_changes(plan_id: str) -> list:
    return store.current().record.plans[plan_id].changes


def test_rows_become_the_plans_changes_in_order_with_its_date_and_ids():
    plan = draft()
    added = run(ImportPlanChanges(plan, "changes.csv", [sheet_csv(GOOD)], 1), TESTS)
    assert [c.id for c in added] == [f"{plan}-1", f"{plan}-2"]
    changes = plan_changes(plan)
    assert [c.op for c in changes] == ["rename", "relocate"]
    assert str(changes[0].date) == "2031-01-01" and str(changes[1].date) == "2031-06-01"
    entry = m.AuditEntry.objects.order_by("-id").first()
    assert entry.action == "organogram.plan.import" and entry.after["file"] == "changes.csv"
    assert len(entry.after["changes"]) == 2


def test_every_rows_problem_is_named_and_nothing_is_written():
    plan = draft()
    bad = [
        GOOD[0],
        ["rename", "", "soon", "ethics", "X", "", "r", ""],  # row 3: not a date
        ["rename", "", "", "ethics", "", "", "r", ""],  # row 4: no name
        ["relocate", "", "", "no-such-unit", "", "Bonn", "r", ""],  # row 5: does not apply
    ]
    before = (m.Change.objects.count(), store.revision())
    with pytest.raises(PlanRefused) as refused:
        run(ImportPlanChanges(plan, "changes.csv", [sheet_csv(bad)], 1), TESTS)
    # Every row's problem at once, in the order of the rows: those that do not read and
    # the one that reads but does not apply where it falls.
    reasons = refused.value.reasons
    # Each names the file too: a refusal is read apart from the upload (the command line).
    places = ["changes.csv, row 3", "changes.csv, row 4", "changes.csv, row 5"]
    assert [r.split(":", 1)[0] for r in reasons] == places
    assert reasons[0].startswith("changes.csv, row 3: date:")
    assert reasons[1].startswith("changes.csv, row 4: name:")
    assert "no-such-unit" in reasons[2] and refused.value.kind == "invalid"
    assert (m.Change.objects.count(), store.revision()) == before
    with pytest.raises(PlanRefused) as late:
        run(ImportPlanChanges(plan, "c.csv", [sheet_csv([GOOD[0], bad[3]])], 1), TESTS)
    assert late.value.kind == "conflict" and len(late.value.reasons) == 1
    assert plan_changes(plan) == []


def test_a_workbook_is_read_from_its_changes_sheet_and_problems_name_the_sheet():
    plan = draft()
    data = sheet_xlsx(GOOD)
    added = run(ImportPlanChanges(plan, "plan.xlsx", [data], len(data)), TESTS)
    assert len(added) == 2
    other = draft("Other")
    wrong = sheet_xlsx([["rename", "", "", "ethics", "", "", "r", ""]])
    with pytest.raises(PlanRefused, match="problem") as refused:
        run(ImportPlanChanges(other, "plan.xlsx", [wrong], len(wrong)), TESTS)
    assert refused.value.reasons[0].startswith("plan.xlsx, sheet changes, row 2: name:")


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("notes.txt", b"op\nrename\n", "is not a spreadsheet"),
        ("changes.csv", sheet_csv([]), "no rows"),
        ("changes.csv", b"\xff\xfe\x00garbage", "could not be read"),
    ],
)
def test_what_is_not_a_sheet_of_changes_is_refused(name, data, words):
    with pytest.raises(PlanRefused, match=words):
        run(ImportPlanChanges(draft(), name, [data], len(data)), TESTS)


def test_only_a_draft_takes_an_import():
    plan = draft()
    run(ImportPlanChanges(plan, "c.csv", [sheet_csv(GOOD[:1])], 1), TESTS)
    move_plan(plan, "proposed", TESTS)
    with pytest.raises(PlanRefused, match="only a draft can be edited"):
        run(ImportPlanChanges(plan, "c.csv", [sheet_csv(GOOD[1:])], 1), TESTS)


def test_the_page_imports_or_lists_every_problem(signed_in):
    plan = draft()
    page = signed_in.get(f"/plans/{plan}/import/")
    assert page.status_code == 200 and b"Download a blank changes sheet" in page.content
    bad = SimpleUploadedFile("c.csv", sheet_csv([["rename", "", "", "ethics", "", "", "r", ""]]))
    refused = signed_in.post(f"/plans/{plan}/import/", {"sheet": bad})
    assert refused.status_code == 422
    assert b"Not imported" in refused.content and b"row 2: name:" in refused.content
    good = SimpleUploadedFile("c.csv", sheet_csv(GOOD))
    done = signed_in.post(f"/plans/{plan}/import/", {"sheet": good})
    assert done.status_code == 302 and len(plan_changes(plan)) == 2
    blank = signed_in.get(f"/plans/{plan}/import/changes.csv")
    header = next(csv.reader(io.StringIO(blank.content.decode())))
    assert header[:2] == ["op", "id"] and "plan" not in header and "cite" in header


def test_the_api_imports_an_upload(client, auth):
    plan = draft()
    upload = SimpleUploadedFile("c.csv", sheet_csv(GOOD), content_type="text/csv")
    answer = client.post(f"/api/plans/{plan}/import", {"sheet": upload}, **auth)
    assert answer.status_code == 200, answer.content
    assert answer.json()["imported"] == [f"{plan}-1", f"{plan}-2"]
    bad = SimpleUploadedFile("c.csv", sheet_csv([["rename", "", "x", "ethics", "", "", "", ""]]))
    refused = client.post(f"/api/plans/{plan}/import", {"sheet": bad}, **auth)
    assert refused.status_code == 422 and refused.json()["kind"] == "invalid"


def test_the_command_line_imports_a_file(tmp_path, capsys):
    plan = draft()
    path = tmp_path / "changes.csv"
    path.write_bytes(sheet_csv(GOOD))
    assert main(["plan", "import", plan, str(path), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert len(json.loads(out[out.index("{") :])["imported"]) == 2
    assert main(["plan", "import", plan, str(tmp_path / "missing.csv")]) == 1
    assert "missing.csv" in capsys.readouterr().err


def test_a_row_refused_on_the_command_line_names_the_file_and_row(tmp_path, capsys):
    plan = draft()
    path = tmp_path / "changes.csv"
    path.write_bytes(sheet_csv([GOOD[0], GOOD[0]]))  # the second rename changes nothing
    assert main(["plan", "import", plan, str(path)]) == 1
    err = capsys.readouterr().err
    assert "- changes.csv, row 3: " in err and "Traceback" not in err
    assert plan_changes(plan) == []


def test_a_zip_bomb_is_refused_naming_the_uploaded_file():
    from tests.imports.test_zip_bomb import bomb

    plan = draft()
    data = bomb()
    with pytest.raises(PlanRefused) as refused:
        run(ImportPlanChanges(plan, "innocent.xlsx", [data], len(data)), TESTS)
    assert any(
        "innocent.xlsx" in r and "would expand" in r for r in refused.value.reasons
    ), refused.value.reasons
    assert plan_changes(plan) == []
