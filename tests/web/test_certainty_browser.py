"""In a real browser, at a desktop and a phone width: the structure page and a unit page
show what is only possibly in force, and the units no source places apart."""

from __future__ import annotations

import pytest

from organogram.registry.audit import Actor
from organogram.registry.services import load_dataset_into_registry

from .test_browser import ARGS, CHROMIUM, csp_violations, shot
from .test_certainty_pages import AT, UNCERTAIN

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1440, 390])
def test_possible_and_unplaced_units_at_two_widths(
    transactional_db, live_server, monkeypatch, width
):
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright")
    load_dataset_into_registry(UNCERTAIN, Actor("tests"), replace=True)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(15_000)
        refused = csp_violations(page)
        try:
            page.goto(f"{live_server.url}/{AT}")
            media = page.locator("#tree .label.possible", has_text="Media and Communications")
            assert media.count() == 1 and media.locator(".tag.possible").is_visible()
            name = media.locator("a.name").first
            assert name.evaluate("e => getComputedStyle(e).fontStyle") == "italic"
            assert "dashed" in name.evaluate("e => getComputedStyle(e).borderBottomStyle")
            apart = page.locator("section.unplaced")
            assert apart.is_visible()
            assert "Gender Coordination Unit" in apart.inner_text()
            assert "Gender Coordination Unit" not in page.locator("#tree").inner_text()
            assert page.locator(".certainty-legend").is_visible()
            # Typing in "Find a unit" filters the units listed apart too.
            page.fill("#q", "gender team")
            assert page.locator("#unplaced-tree li.node:not([hidden])").count() == 2
            assert page.locator("#tree li.node:not([hidden])").count() == 0
            page.fill("#q", "")
            assert page.locator("#unplaced-tree li.node[hidden]").count() == 0
            # Nothing is wider than the window (the reasons wrap).
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width + 1
            shot(page, f"certainty-structure-{width}.png")
            page.goto(f"{live_server.url}/units/rbm/{AT}")
            assert "its placement is not recorded" in page.inner_text("main")
            shot(page, f"certainty-unit-{width}.png")
            assert not refused, refused
        finally:
            browser.close()
