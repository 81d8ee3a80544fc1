"""Two plans in a real browser: compare them from a plan's page, then merge one into the
other, settling their conflict. Skipped, saying why, without Playwright or Chromium."""

from __future__ import annotations

import pytest

from organogram.registry import models as m
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan

from .browser_support import signed_in_browser
from .test_browser import shot_of

pytestmark = pytest.mark.browser

PASSWORD = "a long password 4"
ANA = Actor("ana", "web")


@pytest.fixture
def signed_in_page(transactional_db, live_server, monkeypatch):
    """A headless Chromium page signed in as an administrator, and the server's address."""
    yield from signed_in_browser(
        live_server, monkeypatch, "merger", "administrator", PASSWORD, "/plans/"
    )


def draft(title: str, name: str) -> str:
    plan_id = draft_plan(ANA, title=title, effective="2030-01-01").id
    add_plan_change(plan_id, {"op": "rename", "unit": "ethics", "name": name}, ANA)
    return plan_id


def test_compare_two_plans_then_merge_one_into_the_other(signed_in_page):
    page, base = signed_in_page
    target = draft("Integrity", "Office of Integrity")
    source = draft("Compliance", "Office of Compliance")
    page.goto(f"{base}/plans/{target}/")
    page.click("text=Compare with another plan")
    page.select_option("#compare-b", label="Compliance (draft)")
    page.click("form.pair-chooser button[type=submit]")
    only_b = page.inner_text("section[aria-labelledby=structures]")
    assert "The Office of Integrity is renamed the Office of Compliance." in only_b
    shot_of(page, "main", "plan-compare.png")

    page.click("text=Merge “Compliance” into “Integrity”")
    page.wait_for_url(f"**/plans/{target}/merge/?from={source}")
    conflict = page.inner_text("fieldset.conflict")
    assert "Office of Ethics and Conduct: its name" in conflict
    # Unsettled: refused, nothing written, the conflict marked.
    page.click("form.merge button[type=submit]")
    assert "Nothing was written" in page.inner_text(".refusal")
    assert page.locator("fieldset.conflict.unsettled").count() == 1
    shot_of(page, "form.merge", "plan-merge.png")
    page.check(f"input[name='take:ethics:name'][value='{source}']")
    page.click("form.merge button[type=submit]")
    page.wait_for_url(f"**/plans/{target}/")
    assert "Merged: 1 change added, 1 of its own left out." in page.inner_text(".messages")
    assert "renamed the Office of Compliance" in page.inner_text(
        "section[aria-labelledby=narrative]"
    )
    assert list(m.Change.objects.filter(plan_id=target).values_list("params__name", flat=True)) == [
        "Office of Compliance"
    ]
