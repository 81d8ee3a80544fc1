"""A large structure's tree in a real browser: a lazy node fetches its children when
opened, and the search box asks the server."""

from __future__ import annotations

import pytest

from .test_browser import browser_page, shot  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

AT = "2023-06-30"  # the IOM's root and its 11 children fit a limit of 12; the rest do not


def test_opening_a_lazy_node_shows_its_children(browser_page, settings):  # noqa: F811
    settings.ORGANOGRAM_TREE_UNITS = 12
    page, base = browser_page
    page.goto(f"{base}/?at={AT}")
    assert "only its top levels are shown" in page.inner_text("p.partial-tree")
    node = page.locator("#tree li.node").filter(
        has=page.locator("> .row a[href^='/units/ddg-mr/']")
    )
    assert node.locator("> details > ul > li.node").count() == 0
    expand = page.locator("[data-tree-expand]")
    assert expand.inner_text() == "Expand loaded" and "too much" in expand.get_attribute("title")
    shot(page, "tree-partial.png")

    node.locator("> details > summary").click()
    children = node.locator("> details > ul > li.node")
    children.first.wait_for()
    assert children.count() == 13  # ddg-mr's children in 2023
    assert node.locator("> details").get_attribute("data-children") is None  # loaded once
    links = children.locator("> .row a.name")
    assert all(h.endswith(f"?at={AT}") for h in links.evaluate_all("as => as.map(a => a.href)"))
    shot(page, "tree-partial-opened.png")

    # A child that has children of its own is lazy too, and opens the same way.
    lazy = children.filter(has=page.locator("> details.lazy"))
    unit = lazy.first.locator("> .row a.name").get_attribute("href")
    inner = children.filter(has=page.locator(f"> .row a.name[href='{unit}']")).locator("> details")
    inner.locator("> summary").click()
    inner.locator("> ul > li.node").first.wait_for()

    # Expanding opens what is loaded, and fetches nothing more.
    page.click("[data-tree-expand]")
    assert page.locator("#tree details[data-children][open]").count() == 0

    # The filter knows only the loaded nodes: the box asks the server instead.
    page.fill("#q", "oig")
    assert "Enter" in page.inner_text(".filter-count")
    assert page.locator("#tree li.node[hidden]").count() == 0
    page.press("#q", "Enter")
    page.wait_for_url("**q=oig**")
    assert "1 match" in page.inner_text("section.matches")


def test_without_the_script_a_lazy_node_leads_to_the_units_page(browser_page, settings):  # noqa: F811
    settings.ORGANOGRAM_TREE_UNITS = 12
    page, base = browser_page
    plain = page.context.browser.new_page(java_script_enabled=False)
    plain.goto(f"{base}/?at={AT}")
    node = plain.locator("#tree li.node").filter(
        has=plain.locator("> .row a[href^='/units/ddg-mr/']")
    )
    node.locator("> details > summary").click()
    plain.click("text=13 sub-units on the unit\u2019s page")
    plain.wait_for_url(f"**/units/ddg-mr/?at={AT}")
    shot(plain, "tree-partial-no-script-unit.png")
    plain.close()
