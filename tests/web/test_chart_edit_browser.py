"""Editing a draft plan on its chart in a real browser: drag a box onto another, see the
move drawn and the refusal of a cycle said beside the box, undo with the keyboard."""

from __future__ import annotations

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

from .browser_support import signed_in_browser
from .test_browser import shot_of

pytestmark = pytest.mark.browser

BOXES = "#chart g.node"


@pytest.fixture
def editor_page(transactional_db, live_server, monkeypatch):
    """An editor's page on the chart of a new draft plan (effective 2030)."""
    yield from signed_in_browser(
        live_server, monkeypatch, "carla", "editor", "a long password 1", "/plans/",
        # Tall enough that the boxes dragged are on the screen.
        viewport={"width": 1440, "height": 1200},
    )


def drop(page, source: str, target: str) -> None:
    """Drag the box ``source`` onto the box ``target`` with the mouse."""
    a = page.locator(f"{BOXES}[data-id='{source}'] rect").first.bounding_box()
    b = page.locator(f"{BOXES}[data-id='{target}'] rect").first.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(a["x"] + a["width"] / 2 + 15, a["y"] + a["height"] / 2 + 15, steps=3)
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=8)
    page.mouse.up()


def parent_of(page, node: str) -> str:
    return page.get_attribute(f"{BOXES}[data-id='{node}']", "data-parent")


def plan_changes(plan: str) -> list[str]:
    return [c.op for c in store.current().record.plans[plan].changes]


def test_drag_a_box_onto_another_then_undo(editor_page):
    page, base = editor_page
    plan = draft_plan(Actor("tests"), title="Drag", effective="2030-01-01", plan_id="drag").id
    page.goto(f"{base}/chart/?plan={plan}")
    assert parent_of(page, "treasury") == "dfam"
    drop(page, "treasury", "ddg-mr")
    page.wait_for_function(
        "() => document.querySelector(\"#chart g.node[data-id='treasury']\")"
        ".getAttribute('data-parent') === 'ddg-mr'"
    )
    assert "Added a move" in page.inner_text(".chart-said")
    assert plan_changes(plan) == ["move"]
    assert page.is_enabled("[data-do=undo]") and not page.is_enabled("[data-do=redo]")

    # A cycle: the unit above under the one below. Said beside the box, nothing written.
    drop(page, "ddg-mr", "dfam")
    page.wait_for_selector(".chart-bubble")
    # In a few words, by name; the core's whole text folded under them.
    assert page.inner_text(".chart-bubble p") == (
        "Deputy Director General for Management and Reform cannot move under Department "
        "of Financial and Administrative Management, which is under it."
    )
    assert "would make a cycle" in page.text_content(".chart-bubble details")
    assert "'dfam'" not in page.text_content(".chart-bubble")
    shot_of(page, "main", "chart-edit-refused.png")
    assert "Not done" in page.inner_text(".chart-said")
    assert plan_changes(plan) == ["move"]

    page.focus("#chart")
    page.keyboard.press("Control+z")
    page.wait_for_function(
        "() => document.querySelector(\"#chart g.node[data-id='treasury']\")"
        ".getAttribute('data-parent') === 'dfam'"
    )
    assert plan_changes(plan) == []
    assert page.is_enabled("[data-do=redo]") and not page.is_enabled("[data-do=undo]")


def test_the_panel_renames_the_box_chosen_with_the_keyboard(editor_page):
    page, base = editor_page
    plan = draft_plan(Actor("tests"), title="Keys", effective="2030-01-01", plan_id="keys").id
    page.goto(f"{base}/chart/?plan={plan}")
    page.focus(f"{BOXES}[data-id='treasury'] a")
    page.keyboard.press("Enter")
    assert page.inner_text(".chart-box-name") == "Treasury Division"
    page.fill("#chart-rename-name", "Finance Office")
    page.click(".chart-box form:has(#chart-rename-name) button[type=submit]")
    page.wait_for_function(
        "() => document.querySelector('.chart-said').textContent.includes('rename')"
    )
    page.wait_for_selector(f"{BOXES}[data-id='treasury'] >> text=Finance Office")
    assert plan_changes(plan) == ["rename"]
    assert page.url.endswith(f"/chart/?plan={plan}")  # posted in place
