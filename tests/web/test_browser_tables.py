"""Tables that list things sort by a column and filter as one types; at 390 pixels no
page is wider than the screen (a wide table scrolls in its own box)."""

from __future__ import annotations

import pytest

from .test_browser import browser_page  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def column(page, table: str, n: int) -> list[str]:
    return page.eval_on_selector_all(
        f"{table} tbody tr:not([hidden]) td:nth-child({n})",
        "cells => cells.map(c => c.textContent.trim())",
    )


def test_the_posts_sort_by_a_column_and_filter_as_one_types(browser_page):  # noqa: F811
    page, base = browser_page
    page.goto(base + "/posts/?at=2022-12-31")
    titles = column(page, "#posts", 1)
    assert len(titles) > 10
    page.click("#posts thead th:nth-child(1) button.sort")
    ascending = column(page, "#posts", 1)
    assert ascending == sorted(titles, key=str.casefold)
    assert page.get_attribute("#posts thead th:nth-child(1)", "aria-sort") == "ascending"
    page.click("#posts thead th:nth-child(1) button.sort")
    assert column(page, "#posts", 1) == ascending[::-1]
    page.fill("text=Filter the posts >> xpath=following::input[1]", "director general")
    kept = column(page, "#posts", 1)
    assert kept and all("director general" in t.lower() for t in kept)
    assert f"of {len(titles)} rows" in page.inner_text("p.table-filter")


@pytest.mark.parametrize("url", ["/posts/?at=2022-12-31", "/sources/", "/cost/?at=2022-12-31"])
def test_no_page_is_wider_than_a_phone(browser_page, url):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{url} is {width} pixels wide"
