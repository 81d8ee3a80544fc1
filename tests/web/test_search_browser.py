"""The search box in a real browser: suggestions while typing, the results page, at a
desktop's width and a phone's, and the box without JavaScript."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_browser import SHOTS, browser_page  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def shot_top(page, name: str, height: int) -> None:
    """The top ``height`` pixels of the page as ``name`` in ORGANOGRAM_SHOTS, if set (the
    docs' pictures: ``make docs-shots``)."""
    if SHOTS:
        width = page.viewport_size["width"]
        clip = {"x": 0, "y": 0, "width": width, "height": height}
        page.screenshot(path=str(Path(SHOTS) / name), clip=clip, full_page=True)


@pytest.mark.parametrize("width", [1440, 390])
def test_typing_suggests_names_and_enter_opens_the_results(browser_page, width):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + "/")
    box = page.locator("#site-search-q")
    assert box.is_visible()
    box.click()
    box.type("suppl", delay=30)
    options = page.locator("#site-search-suggest li[role=option]")
    # The answer to the last keystroke (earlier ones may be shown for a moment before).
    options.filter(has_text="Supply Chain Division").first.wait_for()
    assert "Supply Chain Division" in options.first.inner_text()
    assert page.locator("#site-search-suggest mark").first.inner_text() == "Supply"
    # The suggestions lie inside the window, not cut off at its edge.
    bounds = page.locator("#site-search-suggest").bounding_box()
    assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= width + 1
    if width < 600:
        shot_top(page, "search-suggest-phone.png", 330)
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/units/supply-chain/")

    box = page.locator("#site-search-q")
    box.fill("Office of Legal Affairs")
    box.press("Enter")
    page.wait_for_url("**/search/?q=Office*")
    first = page.locator("#found-unit li.hit").first
    assert "Department of Legal Affairs" in first.inner_text()
    assert "Called Office of Legal Affairs until" in first.inner_text()
    assert page.locator("#found-unit mark").count() >= 3
    # Nothing of the page is wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if width > 600:
        shot_top(page, "search-results.png", 1100)


def test_without_javascript_the_box_is_a_plain_search_form(browser_page):  # noqa: F811
    page, base = browser_page
    context = page.context.browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    try:
        plain.goto(base + "/sources/")
        plain.fill("#site-search-q", "data protection")
        plain.press("#site-search-q", "Enter")
        plain.wait_for_url("**/search/?q=data+protection*")
        assert "Department of Legal Affairs" in plain.locator("#found-unit").inner_text()
        assert plain.locator("#site-search-suggest").count() == 0
    finally:
        context.close()
