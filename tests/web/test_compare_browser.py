"""Comparisons to scan, in a real browser: groups open and close, the kinds' counts
filter the page without reloading it, and the page is short and fits a phone."""

from __future__ import annotations

import pytest

from .test_browser import browser_page, shot  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

URL = "/compare/?from=2020-06-30&to=2022-12-31"


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def visible_rows(page, section: str) -> int:
    return page.locator(f"#{section} ~ .grouped ol.changes > li:visible").count()


def test_compare_is_short_its_groups_open_and_its_counts_filter(browser_page):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base + URL)
    page.wait_for_load_state("load")
    shot(page, "compare-1440.png")
    # Once 21,000 pixels of sentences: now the first group of each list is open.
    assert height(page) < 5000
    groups = page.locator("#differences ~ .grouped details.dept")
    assert groups.count() > 5
    assert groups.nth(0).get_attribute("open") is not None
    assert groups.nth(1).get_attribute("open") is None
    # A group opens and closes.
    groups.nth(1).locator("> summary").click()
    assert groups.nth(1).get_attribute("open") is not None
    groups.nth(1).locator("> summary").click()
    assert groups.nth(1).get_attribute("open") is None
    # Every group at once.
    page.locator("#differences ~ .grouped [data-open='1']").click()
    assert visible_rows(page, "differences") == 79
    page.locator("#differences ~ .grouped [data-open='0']").click()
    assert visible_rows(page, "differences") == 0
    # "6 units added" shows those six only, without a new page, and says so.
    page.evaluate("window.notReloaded = true")
    page.locator("#differences ~ .grouped .kind-filter a[data-kind='units-added']").click()
    assert page.evaluate("window.notReloaded") is True
    assert "kind=units-added" in page.url
    assert visible_rows(page, "differences") == 6
    note = page.locator("#differences ~ .grouped [data-filter-note]").inner_text()
    assert "Showing 6 of 79" in note
    shot(page, "compare-filtered-1440.png")
    # All of them again.
    page.locator("#differences ~ .grouped .kind-filter a[data-kind='']").click()
    assert "kind=" not in page.url
    page.locator("#differences ~ .grouped [data-open='1']").click()
    assert visible_rows(page, "differences") == 79


def test_compare_and_a_plan_fit_a_phone(browser_page):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    for url, name in ((URL, "compare-390.png"), ("/plans/hq-review-2021/", "plan-390.png")):
        page.goto(base + url)
        page.wait_for_load_state("load")
        shot(page, name)
        assert width(page) <= 390, (url, width(page))
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base + "/plans/hq-review-2021/")
    page.wait_for_load_state("load")
    shot(page, "plan-1440.png")
    assert page.locator("#difference ~ .grouped details.dept").count() > 5


def test_without_the_script_the_counts_are_links_the_server_filters(browser_page):  # noqa: F811
    page, base = browser_page
    page.goto(base + URL + "&kind=units-moved#differences")
    assert visible_rows(page, "differences") == 28
    page.locator("#differences ~ .grouped .filter-note a").click()
    page.wait_for_url("**#differences")
    assert "kind=" not in page.url
