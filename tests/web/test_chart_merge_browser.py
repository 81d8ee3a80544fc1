"""Merging two boxes of a draft plan's chart in a real browser, and the panel's name
pickers: two boxes selected with Shift+click (or Shift+Enter) and merged into a new unit,
a refusal said beside the box, undone and redone; the same merge by the panel's form
without JavaScript; a box to move under chosen by typing a few letters of its name."""

from __future__ import annotations

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

from .browser_support import signed_in_browser
from .test_browser import shot_of

pytestmark = pytest.mark.browser

BOXES = "#chart g.node"
PASSWORD = "a long password 1"


@pytest.fixture
def editor_page(transactional_db, live_server, monkeypatch):
    """An editor's page, tall enough that the boxes used are on the screen."""
    yield from signed_in_browser(
        live_server,
        monkeypatch,
        "mira",
        "editor",
        PASSWORD,
        "/plans/",
        viewport={"width": 1440, "height": 1200},
    )


@pytest.fixture
def plain_page(transactional_db, live_server, monkeypatch):
    """An editor's page without JavaScript: every gesture is a plain form."""
    yield from signed_in_browser(
        live_server,
        monkeypatch,
        "noel",
        "editor",
        PASSWORD,
        "/plans/",
        viewport={"width": 1440, "height": 1200},
        java_script_enabled=False,
    )


def plan_changes(plan: str) -> list:
    return list(store.current().record.plans[plan].changes)


def wait_for_box(page, node: str, present: bool = True) -> None:
    found = f"document.querySelector(\"{BOXES}[data-id='{node}']\")"
    page.wait_for_function(f"() => {'!!' if present else '!'}{found}")


def test_two_boxes_selected_are_merged_into_a_new_unit_then_undone(editor_page):
    page, base = editor_page
    plan = draft_plan(Actor("tests"), title="Merge", effective="2030-01-01", plan_id="mrg").id
    page.goto(f"{base}/chart/?plan={plan}")
    page.click(f"{BOXES}[data-id='treasury']")
    page.click(f"{BOXES}[data-id='budget']", modifiers=["Shift"])
    # Both boxes marked, the panel's merge form filled with the second by name.
    assert page.locator(f"{BOXES}.picked").count() == 2
    assert page.input_value("#chart-merge-with") == "Budget Division"
    assert page.inner_text(".merge-other") == "Budget Division"
    assert len(page.context.pages) == 1  # no link opened in a new window

    page.fill("#chart-merge-name", "Finance Office")
    page.fill("#chart-merge-kind", "division")
    page.fill("#chart-merge-abbr", "FO")
    shot_of(page, "main", "chart-edit-merge.png")

    # Without a name the server refuses: said beside the box in a few words.
    page.fill("#chart-merge-name", "")
    page.click(".chart-merge button[type=submit]")
    page.wait_for_selector(".chart-bubble")
    bubble = page.inner_text(".chart-bubble p")
    assert bubble == (
        "Treasury Division and Budget Division cannot be merged: write the merged unit's name."
    )
    assert plan_changes(plan) == []
    page.click(".chart-bubble-close")
    assert page.locator(".chart-bubble").count() == 0

    page.fill("#chart-merge-name", "Finance Office")
    page.click(".chart-merge button[type=submit]")
    wait_for_box(page, "finance-office")
    wait_for_box(page, "treasury", present=False)
    assert "Added a merger" in page.inner_text(".chart-said")
    assert page.locator(".chart-bubble").count() == 0
    (change,) = plan_changes(plan)
    assert change.op == "merge" and change.units == ("treasury", "budget")
    assert change.new.name == "Finance Office" and change.new.abbreviation == "FO"
    assert change.parent == "dfam"

    page.focus("#chart")
    page.keyboard.press("Control+z")
    wait_for_box(page, "treasury")
    assert plan_changes(plan) == []
    page.click("[data-do=redo]")
    wait_for_box(page, "finance-office")
    assert [c.op for c in plan_changes(plan)] == ["merge"]


def test_a_merge_chosen_with_the_keyboard_continues_one_of_the_two(editor_page):
    page, base = editor_page
    plan = draft_plan(Actor("tests"), title="Keys", effective="2030-01-01", plan_id="mkeys").id
    page.goto(f"{base}/chart/?plan={plan}")
    page.focus(f"{BOXES}[data-id='treasury'] a")
    page.keyboard.press("Enter")
    page.focus(f"{BOXES}[data-id='budget'] a")
    page.keyboard.press("Shift+Enter")
    assert page.input_value("#chart-merge-with") == "Budget Division"
    assert page.evaluate("document.activeElement.id") == "chart-merge-name"
    page.check(".chart-merge input[name=continues][value=other]")
    assert page.is_disabled("#chart-merge-name")
    page.click(".chart-merge button[type=submit]")
    wait_for_box(page, "treasury", present=False)
    (change,) = plan_changes(plan)
    assert change.op == "merge" and change.into == "budget" and change.new is None


def test_the_merge_form_works_without_javascript(plain_page):
    page, base = plain_page
    plan = draft_plan(Actor("tests"), title="Plain", effective="2030-01-01", plan_id="plain").id
    page.goto(f"{base}/chart/?plan={plan}")
    # The box is chosen by typing its name (no list of every box to scroll through).
    page.fill("#chart-pick-box", "treasury division")
    page.click(".chart-pick button[type=submit]")
    assert page.inner_text(".chart-box-name") == "Treasury Division"
    page.fill("#chart-merge-with", "Budget Division")
    page.fill("#chart-merge-name", "Finance Office")
    page.fill("#chart-merge-kind", "division")
    page.click(".chart-merge button[type=submit]")
    page.wait_for_selector("text=Added a merger")
    (change,) = plan_changes(plan)
    assert change.op == "merge" and change.new.name == "Finance Office"
    assert page.locator(f"{BOXES}[data-id='finance-office']").count() == 1

    # A name that names nothing is said beside the fields, and nothing is written.
    page.goto(f"{base}/chart/?plan={plan}&edit=ethics")
    page.fill("#chart-merge-with", "Office of Nothing")
    page.check(".chart-merge input[name=continues][value=this]")
    page.click(".chart-merge button[type=submit]")
    said = page.inner_text("body")
    assert "Not done: Office of Ethics and Conduct and Office of Nothing cannot be merged" in said
    assert "no unit is called “Office of Nothing”" in said
    assert len(plan_changes(plan)) == 1


def test_the_box_to_move_under_is_picked_by_typing_its_name(editor_page):
    page, base = editor_page
    plan = draft_plan(Actor("tests"), title="Pick", effective="2030-01-01", plan_id="pick").id
    page.goto(f"{base}/chart/?plan={plan}")
    page.click(f"{BOXES}[data-id='treasury']")
    page.click("#chart-move-to")
    page.keyboard.type("budg")
    page.wait_for_selector(".chart-move ul.lookup li[role=option]")
    shot_of(page, "#chart-edit", "chart-edit-picker.png")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#chart-move-to", "aria-activedescendant")
    page.keyboard.press("Enter")
    assert page.input_value("#chart-move-to") == "Budget Division"
    page.keyboard.press("Enter")  # now it sends the form
    page.wait_for_function(
        f"() => document.querySelector(\"{BOXES}[data-id='treasury']\")"
        ".getAttribute('data-parent') === 'budget'"
    )
    (change,) = plan_changes(plan)
    assert change.op == "move" and change.to == "budget"
