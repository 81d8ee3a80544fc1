"""Names in a real browser: type a few letters in a name field, choose from the list with
the keyboard, and add the change. Skipped, saying why, without Chromium or Playwright."""

from __future__ import annotations

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

from .browser_support import signed_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "a long password 4"


@pytest.fixture
def signed_in_page(transactional_db, live_server, monkeypatch):
    """A headless Chromium page signed in as an administrator, and the server's address."""
    yield from signed_in_browser(
        live_server, monkeypatch, "namer", "administrator", PASSWORD, "/plans/"
    )


def test_choose_a_unit_by_name_with_the_keyboard_and_add_the_change(signed_in_page):
    page, base = signed_in_page
    plan = draft_plan(Actor("tests"), title="Budget move", effective="2030-01-01").id
    page.goto(f"{base}/plans/{plan}/changes/new/?op=move")

    field = page.locator("#i-node")
    assert field.get_attribute("role") == "combobox"
    field.press_sequentially("budg", delay=30)
    options = page.locator("#lookup-0 [role=option]")
    options.first.wait_for()
    assert "Budget Division" in options.first.inner_text()
    assert field.get_attribute("aria-expanded") == "true"
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == "lookup-0-0"
    field.press("Enter")  # chooses; does not send the form
    assert field.input_value() == "Budget Division"
    assert field.get_attribute("aria-expanded") == "false"
    assert "Now: Budget Division" in page.inner_text("p.field:has(#i-node) .now")

    to = page.locator("#i-to")
    to.press_sequentially("legal aff", delay=30)
    page.locator("#lookup-1 [role=option]").first.wait_for()
    to.press("Escape")  # closes the list, keeps what was typed
    assert to.get_attribute("aria-expanded") == "false"
    to.press("ArrowDown")  # opens it again, then chooses the first
    to.press("ArrowDown")
    to.press("Enter")
    assert to.input_value() == "Department of Legal Affairs"

    page.click("form.record button[type=submit]")
    page.wait_for_url(f"**/plans/{plan}/")
    change = store.current_record().plan(plan).changes[-1]
    assert (change.op, change.node, change.to) == ("move", "budget", "dla")
