"""Printing a page: Chromium's print rendering of the pages shows the record and not the
controls, with folded branches open and the page's address in the footer."""

from __future__ import annotations

import pytest

from .test_browser import browser_page  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def printed(browser_page):  # noqa: F811
    page, base = browser_page

    def at(url: str):
        page.goto(base + url)
        page.emulate_media(media="print")
        return page

    return at


def visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


def test_the_structure_prints_without_controls_and_with_every_branch_open(printed):
    page = printed("/?at=2020-06-30")
    assert not visible(page, "header.top nav")
    assert not visible(page, "form.as-of")
    assert not visible(page, "nav.downloads")
    # A unit inside a folded branch is on the printed page.
    folded = page.locator("details:not([open]) li.node").first
    assert folded.count() == 1 and folded.is_visible()
    footer = page.locator("footer .print-only")
    assert footer.is_visible() and "Printed from http" in footer.inner_text()


def test_on_screen_the_footer_line_and_the_controls_are_as_before(browser_page):  # noqa: F811
    page, base = browser_page
    page.goto(base + "/?at=2020-06-30")
    assert visible(page, "header.top nav") and visible(page, "form.as-of")
    assert not page.locator("footer .print-only").is_visible()
