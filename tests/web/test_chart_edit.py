"""Editing a draft plan on its chart: the gestures' endpoint, undo and redo, refusals,
the panel and the cost line on the page."""

from __future__ import annotations

import pytest

from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan, move_plan

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def plan_id(db) -> str:
    return draft_plan(TESTS, title="Chart edits", effective="2030-01-01", plan_id="edits").id


def url(plan: str) -> str:
    return f"/chart/edit/?plan={plan}"


def changes(plan: str) -> list:
    return list(store.current().record.plans[plan].changes)


def parent_in_plan(plan: str, node: str) -> str | None:
    """Who ``node`` reports to on the chart of the plan."""
    from organogram.charts import ChartRequest, chart_view

    view = chart_view(store.current().record, ChartRequest(at="2030-01-01", plan=plan))
    return view.charts[0].nodes[node].parent


def test_a_drop_adds_a_move_and_answers_its_sentence_and_the_cost(signed_in, plan_id):
    assert parent_in_plan(plan_id, "treasury") == "dfam"
    answer = signed_in.post(url(plan_id), {"do": "move", "node": "treasury", "to": "dg"}, **JSON)
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["ok"] and data["undo"] == 1 and data["redo"] == 0
    assert "Treasury" in data["message"] and "Director General" in data["message"]
    assert "Cost of the plan" in data["cost"]
    assert any(row[0] == "treasury" and row[1] == "dg" for row in data["index"])
    (change,) = changes(plan_id)
    assert change.op == "move" and change.id == data["change"]
    assert parent_in_plan(plan_id, "treasury") == "dg"


def test_a_move_under_its_own_child_is_refused_and_writes_nothing(signed_in, plan_id):
    answer = signed_in.post(url(plan_id), {"do": "move", "node": "ddg-mr", "to": "dfam"}, **JSON)
    assert answer.status_code in (409, 422)
    data = answer.json()
    assert data["ok"] is False and data["message"]
    # In words, the boxes by their names: "Department of Financial and Administrative
    # Management is under Deputy Director General …: placing … would make a cycle".
    told = " ".join([data["message"], *data["reasons"]])
    assert "would make a cycle" in told and "'dfam'" not in told, told
    assert "Department of Financial and Administrative Management is under" in told, told
    assert changes(plan_id) == []
    assert signed_in.post(url(plan_id), {"do": "undo"}, **JSON).json()["ok"] is False


def test_plain_forms_rename_create_and_abolish_come_back_to_the_chart(signed_in, plan_id):
    back = signed_in.post(
        url(plan_id) + "&edit=treasury",
        {"do": "rename", "unit": "treasury", "name": "Finance Office"}
        | {"abbreviation-choice": "none"},
    )
    assert back.status_code == 302 and back["Location"] == f"/chart/?plan={plan_id}&edit=treasury"
    signed_in.post(
        url(plan_id), {"do": "create", "parent": "dfam", "name": "Audit Cell", "kind": "unit"}
    )
    signed_in.post(url(plan_id), {"do": "abolish", "unit": "audit-cell"})
    rename, create, abolish = changes(plan_id)
    assert (rename.op, create.op, abolish.op) == ("rename", "create", "abolish")
    assert create.unit.id == "audit-cell" and create.unit.kind == "unit"
    assert create.parent == "dfam" and abolish.unit == "audit-cell"
    assert rename.name == "Finance Office" and rename.abbreviation == ""
    page = signed_in.get(f"/chart/?plan={plan_id}").content.decode()
    assert "Finance Office" in page and "Added a" in page


def test_a_form_missing_a_field_names_it_and_writes_nothing(signed_in, plan_id):
    form = {"do": "create", "parent": "dfam", "kind": "unit"}
    answer = signed_in.post(url(plan_id), form, **JSON)
    assert answer.status_code == 400
    assert answer.json()["fields"] == {"name": ["write the new unit's name"]}
    back = signed_in.post(url(plan_id), form)
    page = signed_in.get(back["Location"]).content.decode()
    told = "Not done: No unit can be added under Department of Financial and Administrative "
    assert told + "Management: write the new unit&#x27;s name." in page
    assert changes(plan_id) == []


def test_undo_removes_only_the_charts_last_change_and_redo_adds_it_again(signed_in, plan_id):
    from organogram.registry.services import add_plan_change

    signed_in.post(url(plan_id), {"do": "move", "node": "treasury", "to": "dg"}, **JSON)
    # A change added on the plan's page, after the chart's: undo leaves it.
    add_plan_change(plan_id, {"op": "rename", "unit": "ethics", "name": "Integrity"}, TESTS)
    undone = signed_in.post(url(plan_id), {"do": "undo"}, **JSON).json()
    assert undone["ok"] and undone["undo"] == 0 and undone["redo"] == 1
    assert [c.op for c in changes(plan_id)] == ["rename"]
    redone = signed_in.post(url(plan_id), {"do": "redo"}, **JSON).json()
    assert redone["ok"] and redone["undo"] == 1 and redone["redo"] == 0
    assert sorted(c.op for c in changes(plan_id)) == ["move", "rename"]
    assert parent_in_plan(plan_id, "treasury") == "dg"


def test_a_plan_that_is_not_a_draft_is_refused(signed_in, plan_id):
    signed_in.post(url(plan_id), {"do": "move", "node": "treasury", "to": "dg"}, **JSON)
    move_plan(plan_id, "proposed", TESTS)
    answer = signed_in.post(url(plan_id), {"do": "abolish", "unit": "ethics"}, **JSON)
    assert answer.status_code == 409 and answer.json()["ok"] is False
    page = signed_in.get(f"/chart/?plan={plan_id}").content.decode()
    assert "send it back to draft" in page and 'id="chart-edit"' not in page


def test_a_viewer_is_refused_and_sees_no_panel(client, plan_id, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    viewer, _ = add_user("watcher", "viewer", TESTS)
    client.force_login(viewer)
    answer = client.post(url(plan_id), {"do": "abolish", "unit": "ethics"})
    assert answer.status_code == 403
    page = client.get(f"/chart/?plan={plan_id}").content.decode()
    assert 'id="chart-edit"' not in page and 'data-edit="' not in page
    assert "Cost of the plan" in page
    assert changes(plan_id) == []


def test_the_panel_without_the_script_is_filled_for_the_box_chosen(signed_in, plan_id):
    page = signed_in.get(f"/chart/?plan={plan_id}&edit=treasury").content.decode()
    assert 'id="chart-edit"' in page and f'data-edit="/chart/edit/?plan={plan_id}' in page
    assert 'name="unit" class="box-id" value="treasury"' in page
    assert 'class="box-name" value="Treasury Division"' in page
    assert 'data-do="undo" title="Undo (Ctrl+Z)" disabled>' in page


def test_a_merge_into_a_new_unit_reads_the_other_unit_by_name(signed_in, plan_id):
    form = {"do": "merge", "unit": "treasury", "with": "budget division"}
    new = {"name": "Finance Office", "kind": "division", "abbreviation": "FO"}
    answer = signed_in.post(url(plan_id), form | new, **JSON)
    assert answer.status_code == 200, answer.content
    assert "brought together in the new Finance Office (FO)" in answer.json()["message"]
    (merge,) = changes(plan_id)
    assert merge.units == ("treasury", "budget") and merge.into == "finance-office"
    # Where the first reported: the new unit takes its place.
    assert merge.parent == "dfam" and parent_in_plan(plan_id, "finance-office") == "dfam"
    assert signed_in.post(url(plan_id), {"do": "undo"}, **JSON).json()["ok"]
    assert changes(plan_id) == []


def test_a_merge_continuing_one_unit_keeps_it_and_refuses_a_new_name(signed_in, plan_id):
    form = {"do": "merge", "unit": "ethics", "with": "oig", "continues": "other"}
    renamed = signed_in.post(url(plan_id), form | {"name": "Integrity Office"}, **JSON)
    assert renamed.status_code == 400
    assert "rename it afterwards" in renamed.json()["short"]
    assert signed_in.post(url(plan_id), form, **JSON).json()["ok"]
    (merge,) = changes(plan_id)
    assert merge.into == "oig" and merge.new is None


def test_a_merge_refused_says_so_in_a_few_words_by_name(signed_in, plan_id):
    form = {"do": "merge", "unit": "ethics", "with": "ethics", "continues": "this"}
    data = signed_in.post(url(plan_id), form, **JSON).json()
    assert data["short"] == (
        "Office of Ethics and Conduct cannot be merged with itself: "
        "choose another unit than this one."
    )
    unknown = {"do": "merge", "unit": "ethics", "with": "Nowhere", "continues": "this"}
    data = signed_in.post(url(plan_id), unknown, **JSON).json()
    assert "no unit is called “Nowhere”" in data["short"]
    assert changes(plan_id) == []


def test_the_box_to_move_under_may_be_named_and_a_refusal_is_short(signed_in, plan_id):
    form = {"do": "move", "node": "treasury", "to": "Budget Division"}
    assert signed_in.post(url(plan_id), form, **JSON).json()["ok"]
    assert parent_in_plan(plan_id, "treasury") == "budget"
    abolish = signed_in.post(url(plan_id), {"do": "abolish", "unit": "dfam"}, **JSON).json()
    assert abolish["short"] == (
        "Department of Financial and Administrative Management cannot be abolished: "
        "6 units still report to it; move them first."
    )
    assert "Budget Division, Common Services Unit" in abolish["full"]


def test_the_panel_chooses_a_box_by_its_name_without_the_script(signed_in, plan_id):
    page = signed_in.get(f"/chart/?plan={plan_id}&edit=treasury+division").content.decode()
    assert 'name="unit" class="box-id" value="treasury"' in page
    page = signed_in.get(f"/chart/?plan={plan_id}&edit=Nothing+Here").content.decode()
    assert "no unit or senior post is called “Nothing Here”" in page
