"""Reading in a real browser: a long plan's page grouped and folded, the counts "in
numbers" as filters (by keyboard), the print views, and the chart as a screen reader
hears it."""

from __future__ import annotations

import re

import pytest

from organogram.registry import store

from .test_browser import browser_page  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

PLAN = "/plans/hq-review-2021/"
COMPARE = "/compare/?from=2020-06-30&to=2022-12-31"


def height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


def test_a_long_plan_is_folded_by_department_and_kind_and_nothing_is_lost(browser_page):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base + PLAN)
    plan = store.current_record().plans["hq-review-2021"]
    # Every group is closed at first: the page is scannable (it was 14,600 px tall).
    assert height(page) < 5000
    narrative = page.locator("section[aria-labelledby=narrative]")
    assert narrative.locator("details.dept[open]").count() == 0
    groups = narrative.locator("details.dept > summary .count").all_inner_texts()
    assert sum(int(re.match(r"\d+", g).group()) for g in groups) == len(plan.changes)
    # Every change is there, one "Open every group" away, numbered as the narrative is.
    narrative.locator("button[data-open='1']").click()
    items = narrative.locator("ol.changes > li")
    assert items.count() == len(plan.changes)
    assert all(items.nth(i).is_visible() for i in range(items.count()))
    assert sorted(
        int(v)
        for v in narrative.locator("ol.changes > li").evaluate_all("els => els.map(e => e.value)")
    ) == list(range(1, len(plan.changes) + 1))
    # The cost's claims: folded behind one line, each thing by its name.
    page.reload()
    claims = page.locator("#cost details.claims-fold, section.claims details.claims-fold")
    assert claims.count() == 1 and not claims.first.evaluate("d => d.open")
    # On paper every group is open.
    page.emulate_media(media="print")
    assert narrative.locator("ol.changes > li").first.is_visible()
    assert not narrative.locator(".kind-filter").is_visible()


@pytest.mark.parametrize(("url", "anchor"), [(COMPARE, "differences"), (PLAN, "difference")])
def test_each_count_in_numbers_filters_the_list_below_it_by_keyboard(
    browser_page,  # noqa: F811
    url,
    anchor,
):
    page, base = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base + url)
    count = page.locator(f"ul.counts a[data-filter-list={anchor}][data-filter-kind=units-moved]")
    assert count.count() == 1
    count.focus()
    page.keyboard.press("Enter")
    listing = page.locator(f'[data-grouped="{anchor}"]')
    shown = listing.locator("details.kind-group:not([hidden])")
    assert shown.count() > 0
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.kind)")) == {"units-moved"}
    # The reader lands on what was chosen: the note saying it has the focus.
    note = page.evaluate("document.activeElement.textContent")
    filtered = listing.locator(".kind-filter a[data-kind=units-moved]").inner_text()
    assert note.startswith("Showing ") and filtered.split(" ", 1)[1] in note
    assert "kind=units-moved" in page.url
    # The kind's own filter in the list and the count agree on what is shown.
    assert (
        listing.locator(".kind-filter a[aria-current=true]").get_attribute("data-kind")
        == "units-moved"
    )


@pytest.mark.parametrize("url", ["/units/ethics/", COMPARE])
def test_a_unit_and_a_comparison_print_as_a_record_with_their_sources(
    browser_page,  # noqa: F811
    url,
):
    page, base = browser_page
    page.goto(base + url)
    # The "Print" button asks the browser to print (the dialog is stubbed out here).
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button = page.locator("button[data-print]")
    assert button.is_visible()
    button.click()
    assert page.evaluate("() => window.printed") == 1
    cited = {
        re.sub(r"#.*", "", a)
        for a in page.locator("main a.cite").evaluate_all("els => els.map(e => e.href)")
    }
    assert cited
    page.emulate_media(media="print")
    for control in ("header.top nav", "form", "button[data-print]", "details.identifier"):
        assert not any(e.is_visible() for e in page.locator(control).all()), control
    # Every branch and group open.
    assert all(d.is_visible() for d in page.locator("main details > :not(summary)").all()[:50])
    footer = page.locator("footer .print-sources")
    assert footer.is_visible()
    listed = footer.locator("li").all_inner_texts()
    assert len(listed) == len(cited)
    assert all(any(f"<{c}>" in line for line in listed) for c in cited)
    assert url.split("?")[-1] in page.locator("footer p.print-only").inner_text()


def test_the_chart_prints_whole_and_its_list_open(browser_page):  # noqa: F811
    page, base = browser_page
    page.goto(base + "/chart/?at=2022-12-31")
    page.locator("#chart svg g.node").first.wait_for()
    assert page.locator("#chart svg").get_attribute("viewBox") is None  # panned on screen
    page.emulate_media(media="print")
    page.wait_for_function("() => document.querySelector('#chart svg').hasAttribute('viewBox')")
    assert page.locator("#chart-list li").first.is_visible()
    assert not page.locator(".chart-bar").is_visible()
    page.emulate_media(media="screen")
    page.wait_for_function("() => !document.querySelector('#chart svg').hasAttribute('viewBox')")


def focused_box(page) -> dict:
    """The focused element as the browser's accessibility tree gives it to screen
    readers: its role, name and description."""
    cdp = page.context.new_cdp_session(page)
    for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
        props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
        if props.get("focused") and node["role"]["value"] != "RootWebArea":
            return {
                "role": node["role"]["value"],
                "name": node.get("name", {}).get("value", ""),
                "description": node.get("description", {}).get("value", ""),
            }
    return {}


def test_the_chart_announces_its_name_and_each_box_in_words(browser_page):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(base + "/chart/?at=2022-12-31")
    page.locator("#chart svg g.node").first.wait_for()
    snapshot = page.locator("#chart").aria_snapshot()
    assert re.search(r'group "Organization chart: \d+ boxes"', snapshot)
    page.focus("#chart")
    page.keyboard.press("Enter")
    top = focused_box(page)
    assert top["role"] == "link" and top["name"] == "Director General"
    assert re.fullmatch(r"1 of \d+ at the top", top["description"])
    # Down: the first box under it: its kind and name (as drawn), its place.
    page.keyboard.press("ArrowDown")
    first = focused_box(page)
    kind, _, name = first["name"].partition(" ")
    assert kind.lower() in {"function", "office", "department", "unit", "secretariat"}
    assert name and first["description"].endswith("1 of 9 under Director General")
    # The next one along: its place in the row.
    page.keyboard.press("ArrowRight")
    second = focused_box(page)
    assert second["description"].endswith("2 of 9 under Director General")
    # A box with a head says it: a department headed by a Director, and where it stands.
    headed = page.locator("#chart g.node > a[aria-description^='headed by Director;']")
    assert headed.count() > 0
    assert re.fullmatch(
        r"headed by Director; \d+ of \d+ under [^;]+",
        headed.first.get_attribute("aria-description"),
    )
