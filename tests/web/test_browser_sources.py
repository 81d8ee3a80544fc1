"""A source added from the web, then cited by a change recorded on a unit's page."""

from __future__ import annotations

import pytest

from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor

from .test_browser import browser_page, shot, sign_in  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_an_editor_adds_a_source_then_cites_it_in_a_change(browser_page):  # noqa: F811
    add_user("source-editor", "editor", Actor("tests"), password="a long password 3")
    page, base = browser_page
    sign_in(page, base, "source-editor", "a long password 3", "/sources/")
    page.click("text=Add a source")
    page.wait_for_url("**/sources/new/")
    page.fill("#f-id", "scpf33-5")
    page.fill("#f-title", "Structural review: second report")
    page.fill("#f-symbol", "S/33/5")
    page.fill("#f-date", "2023-10-20")
    page.fill("#f-url", "https://governingbodies.iom.int/s-33-5")
    shot(page, "source-new.png")
    page.click("form.entry-form button[type=submit]")
    page.wait_for_url("**/sources/scpf33-5/")
    assert page.inner_text("h1") == "Structural review: second report"
    assert "Added the source scpf33-5" in page.inner_text(".messages")

    page.goto(f"{base}/units/ethics/")
    page.click("section[aria-labelledby=record] >> text=Rename")
    page.fill("#id_name", "Office of Integrity")
    page.fill("#id_date", "2030-01-01")
    # The source is named as a reader knows it, by its title (the field offers matches).
    page.fill("#id_cite_source", "Structural review: second report")
    page.keyboard.press("Escape")
    page.fill("#id_cite_passage", "12")
    page.fill("#id_reason", "renamed by the second report")
    page.click("form.record button[type=submit]")
    page.wait_for_url("**/units/ethics/?at=2030-01-01")
    assert page.inner_text("h1") == "Office of Integrity"

    page.goto(f"{base}/sources/scpf33-5/")
    assert "Office of Integrity" in page.inner_text("section[aria-labelledby=changes]")
    change = store.current().record.timeline.changes[-1]
    assert [str(c) for c in change.cites] == ["scpf33-5:12"]
