"""Drafting a plan from a document in a real browser: a paper uploaded, two proposals
accepted, one rejected, one edited in the change form, saved into a new draft plan whose
page lists the changes with their citations; the pages checked by axe-core and drawn at
1440 and 390 pixels.

Playwright drives the system's Chromium, as in test_browser.py; skipped, saying why,
when either is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import save_source

from .browser_support import signed_in_browser
from .test_accessibility_browser import AXE, axe_findings, report
from .test_browser import shot_of

pytestmark = pytest.mark.browser

PAPER = Path(__file__).resolve().parents[1] / "fixtures" / "drafting" / "consolidation.md"
WIDTHS = (1440, 390)


@pytest.fixture
def signed_in_page(transactional_db, live_server, monkeypatch):
    """A headless Chromium page signed in as an administrator, and the server's address."""
    yield from signed_in_browser(
        live_server, monkeypatch, "drafter", "administrator", "a long password 3", "/plans/"
    )


def at_widths(page, name: str) -> dict[str, list[str]]:
    """The page drawn at each width (ORGANOGRAM_SHOTS), with axe-core's serious findings
    at each when axe-core is installed; no side scrolling at any width."""
    failed = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name} at {width} px scrolls sideways ({scroll} px)"
        shot_of(page, "body", f"{name}-{width}.png")
        if AXE.exists() and (found := axe_findings(page)):
            failed[f"{name} at {width} px"] = found
    page.set_viewport_size({"width": 1440, "height": 900})
    return failed


def test_upload_decide_edit_and_save_into_a_new_plan(signed_in_page):
    page, _ = signed_in_page
    save_source({"id": "cons-2025", "title": "Consolidation of support functions"}, Actor("t"))
    failed = {}
    page.click("text=draft one from a document")
    page.wait_for_url("**/plans/draft/")
    failed |= at_widths(page, "draft-new")
    page.set_input_files("#d-paper", str(PAPER))
    page.fill("#d-at", "2024-01-01")
    page.fill("#d-source", "Consolidation of support functions")
    page.keyboard.press("Escape")
    page.click("form.draft-new button[type=submit]")
    page.wait_for_url("**/plans/draft/*/")
    assert "Proposals from consolidation.md" in page.inner_text("h1")
    # Each paragraph beside its proposals, told in words with rule, basis and confidence.
    row = page.inner_text("#para-2")
    assert "A new Data Protection Unit will be established" in row
    assert "The Data Protection Unit is established" in row
    assert "will-be-created" in row and "stated by the paper" in row and "cons-2025:2" in row

    page.click("#p-1 button[value=accepted]")
    page.wait_for_url("**#p-1")
    page.click("#p-2 button[value=accepted]")
    page.wait_for_url("**#p-2")
    page.click("#p-3 button[value=rejected]")
    page.wait_for_url("**#p-3")
    assert page.inner_text("#p-3 .decision").lower() == "rejected"

    # The rename, edited in the change form (another new name), its pickers with it.
    page.click("#p-4 a:has-text('Edit')")
    page.wait_for_url("**/proposals/4/edit/")
    assert page.input_value("#i-unit") == "Gender and Diversity Unit"
    assert page.get_attribute("#i-unit", "data-lookup") == "unit"
    # Its suggestions hold the division paragraph 1 forms, as yet in no record.
    page.fill("#i-unit", "Budget and Fin")
    page.wait_for_selector("ul.lookup li:has-text('Division of Budget and Finance')")
    page.keyboard.press("Escape")
    page.fill("#i-unit", "Gender and Diversity Unit")
    failed |= at_widths(page, "draft-edit")
    assert page.input_value("#i-name") == "Diversity, Equity and Inclusion Unit"
    page.fill("#i-name", "Office of Diversity, Equity and Inclusion")
    page.check("input[name=abbreviation-choice][value=keep]")
    page.click("form.record button[type=submit]")
    page.wait_for_url("**#p-4")
    assert page.inner_text("#p-4 .decision").lower() == "edited"
    assert "renamed the Office of Diversity, Equity and Inclusion" in page.inner_text("#p-4")
    failed |= at_widths(page, "draft-proposals")

    page.fill("#s-title", "Support functions")
    assert page.input_value("#s-effective") == "2026-01-01"
    page.click("form.draft-save button[type=submit]")
    page.wait_for_url("**/plans/support-functions/")
    assert "3 changes from consolidation.md saved" in page.inner_text(".messages")
    told = page.inner_text("section[aria-labelledby=narrative]")
    assert "Division of Budget and Finance" in told
    assert "The Data Protection Unit is established" in told
    assert "renamed the Office of Diversity, Equity and Inclusion" in told
    assert "Occupational Health" not in told  # rejected
    plan = store.current().record.plans["support-functions"]
    assert [str(c.cites[0]) for c in plan.changes] == ["cons-2025:1", "cons-2025:2", "cons-2025:4"]
    assert "cons-2025" in told or "Consolidation of support functions" in told
    assert not failed, "axe-core findings:\n" + report(failed)
