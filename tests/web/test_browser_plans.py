"""A plan's life in a real browser: draft, add a change, preview, conflicts settled in one
step, approve, enact with confirmation.

Playwright drives the system's Chromium, as in test_browser.py; skipped, saying why,
when either is missing.
"""

from __future__ import annotations

import pytest

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan, record_change

from .browser_support import signed_in_browser
from .test_browser import shot_of

pytestmark = pytest.mark.browser

PASSWORD = "a long password 3"


@pytest.fixture
def signed_in_page(transactional_db, live_server, monkeypatch):
    """A headless Chromium page signed in as an administrator, and the server's address."""
    yield from signed_in_browser(
        live_server, monkeypatch, "planner", "administrator", PASSWORD, "/plans/"
    )


def test_draft_preview_conflicts_approve_enact_and_see_it_on_the_timeline(signed_in_page):
    page, base = signed_in_page
    page.click("text=Draft a new plan")
    page.fill("#p-title", "Integrity")
    page.fill("#p-effective", "2030-01-01")
    page.click("form.record button[type=submit]")
    page.wait_for_url("**/plans/integrity/")
    assert "drafted" in page.inner_text(".messages")

    # Add a change: choose its kind, fill its fields; the preview shows it.
    page.click("text=Add a change")
    page.click("dl.op-list >> text=Rename")
    page.fill("#i-unit", "ethics")
    page.fill("#i-name", "Office of Integrity")
    page.fill("#i-cite", "scpf28")
    page.fill("#i-passage", "21")
    shot_of(page, "main", "plan-change-form.png")
    page.click("form.record button[type=submit]")
    page.wait_for_url("**/plans/integrity/")
    assert "is renamed the Office of Integrity" in page.inner_text(
        "section[aria-labelledby=narrative]"
    )
    preview = page.inner_text("#preview-tree")
    assert "Office of Integrity" in preview and "Office of Ethics and Conduct" not in preview
    assert "None: nothing recorded since" in page.inner_text("section[aria-labelledby=conflicts]")

    # Someone else renames the same office meanwhile: a conflict.
    m.Plan.objects.filter(pk="integrity").update(drafted_at="2000-01-01T00:00:00+00:00")
    store.forget()
    record_change(
        Rename(date=FuzzyDate.parse("2029"), unit="ethics", name="Ethics Office"), Actor("bea")
    )
    page.reload()
    conflict = page.inner_text("article.conflict")
    assert "In the record now" in conflict and "Ethics Office" in conflict
    # While it conflicts, proposing is not offered, and the page says why.
    workflow = page.inner_text("section[aria-labelledby=workflow]")
    assert "It cannot be proposed yet" in workflow
    assert page.locator("button:has-text('Propose')").count() == 0
    shot_of(page, "section[aria-labelledby=conflicts]", "plan-conflict.png")
    # Settled in one step: the plan's change is kept over the record's.
    page.click("button:has-text(\"Keep the plan's version\")")
    page.wait_for_url("**/plans/integrity/")
    assert "None: nothing recorded since" in page.inner_text("section[aria-labelledby=conflicts]")

    page.fill("#move-note", "for the committee")
    page.click("button:has-text('Propose')")
    page.wait_for_url("**/plans/integrity/")
    page.click("button:has-text('Approve')")
    page.wait_for_url("**/plans/integrity/")
    assert "Ready to enact" in page.inner_text("section[aria-labelledby=workflow]")
    # Enacting is asked again, on a page saying what it will do.
    page.click("text=Enact the plan…")
    page.wait_for_url("**/plans/integrity/enact/")
    assert "1 change taking effect on 1 January 2030" in page.inner_text("main")
    assert "This cannot be undone." in page.inner_text("main")
    shot_of(page, "main", "plan-enact-confirm.png")
    page.click("button:has-text('Enact the plan')")
    page.wait_for_url("**/plans/integrity/")
    assert page.inner_text(".lede .status").lower() == "enacted"
    assert "for the committee" in page.inner_text("section[aria-labelledby=history]")

    page.click("text=See them in the timeline")
    page.wait_for_url("**/timeline/?plan=integrity")
    assert "is renamed the Office of Integrity" in page.inner_text("ol.changes")
    page.goto(base + "/?at=2030-01-02")
    assert "Office of Integrity" in page.inner_text("#tree")


def test_taking_the_records_version_of_a_conflict_in_one_click(signed_in_page):
    page, base = signed_in_page
    ana = Actor("ana")
    plan_id = draft_plan(ana, title="Ethics", effective="2030-01-01").id
    add_plan_change(plan_id, {"op": "rename", "unit": "ethics", "name": "Integrity"}, ana)
    add_plan_change(plan_id, {"op": "relocate", "unit": "ethics", "location": "Manila"}, ana)
    m.Plan.objects.filter(pk=plan_id).update(drafted_at="2000-01-01T00:00:00+00:00")
    store.forget()
    record_change(
        Rename(date=FuzzyDate.parse("2029"), unit="ethics", name="Ethics Office"), Actor("bea")
    )
    page.goto(f"{base}/plans/{plan_id}/")
    page.click("button:has-text(\"Take the record's version: remove change 1\")")
    page.wait_for_url(f"**/plans/{plan_id}/")
    assert "None: nothing recorded since" in page.inner_text("section[aria-labelledby=conflicts]")
    # Only the conflicting change went; proposing is offered again.
    assert "Manila" in page.inner_text("section[aria-labelledby=narrative]")
    assert page.locator("button:has-text('Propose')").count() == 1
