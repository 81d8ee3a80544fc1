"""The Chart page in a real browser: open and close boxes, find, compare, export.

Uses the Chromium fixture of test_browser (skipped, saying why, without Chromium or
Playwright).
"""

from __future__ import annotations

import pytest

from . import test_browser

#: The headless Chromium page and the live server's address, from test_browser.
chromium = test_browser.browser_page

pytestmark = pytest.mark.browser

BOXES = "#chart g.node"


def boxes(page) -> int:
    return page.locator(BOXES).count()


def drawn(page, before: int, more: bool) -> None:
    """Wait until the chart was drawn again with more (or fewer) boxes than ``before``."""
    sign = ">" if more else "<"
    page.wait_for_function(f"() => document.querySelectorAll('{BOXES}').length {sign} {before}")


def test_click_closes_and_opens_a_box(chromium):
    page, base = chromium
    page.goto(base + "/chart/?at=2022-12-31")
    everything = boxes(page)
    assert everything == 86
    page.click(f"{BOXES}[data-id='ddg-mr']")
    drawn(page, everything, more=False)
    closed = boxes(page)
    assert page.locator(f"{BOXES}[data-id='dfam']").count() == 0
    assert "units below" in page.inner_text("#chart")
    assert "Deputy Director General for Management and Reform" in page.inner_text(".chart-selected")
    page.click(f"{BOXES}[data-id='ddg-mr']")
    drawn(page, closed, more=True)
    assert boxes(page) == everything
    page.click("button[data-zoom=top]")
    drawn(page, everything, more=False)
    top = boxes(page)
    assert top < 20
    page.click("button[data-zoom=all]")
    drawn(page, top, more=True)
    assert boxes(page) == everything


def test_find_opens_the_path_and_marks_it(chromium):
    page, base = chromium
    page.goto(base + "/chart/?at=2022-12-31")
    page.click("button[data-zoom=top]")
    drawn(page, 85, more=False)
    assert page.locator(f"{BOXES}[data-id='treasury']").count() == 0
    page.fill("#chart-q", "treasury")
    assert page.inner_text(".chart-found") == "1 match"
    page.press("#chart-q", "Enter")
    page.wait_for_selector(f"{BOXES}.hit[data-id='treasury']")
    on_path = page.eval_on_selector_all(
        f"{BOXES}.on-path", "els => els.map(e => e.getAttribute('data-id'))"
    )
    assert {"dg", "ddg-mr", "dfam"} <= set(on_path)
    assert "1 of 1" in page.inner_text(".chart-found")


def test_compare_overlay_and_side_by_side(chromium):
    page, base = chromium
    page.goto(base + "/chart/?at=2022-12-31&compare=2021-06-30")
    # What went: the Office of the Director General and the Gender Coordination Unit, both
    # replaced (the review merges nothing: scpf28 paras. 26-27 are read as creates and moves).
    assert page.locator(f"{BOXES}.ghost").count() == 2
    # The review's eight new units (the portfolio's units are in place by 2021 possibly,
    # so they are not marked added).
    assert page.locator(f"{BOXES}.mark-added").count() == 8
    assert "Changes from 30 June 2021 to 31 December 2022" in page.inner_text("h1")
    page.select_option("#chart-mode", "side-by-side")
    page.click(".chart-controls button[type=submit]")
    page.wait_for_url("**mode=side-by-side**")
    assert page.locator(f"{BOXES}[data-id='odg']").count() == 1
    assert page.locator(f"{BOXES}[data-id='eo']").count() == 1


def test_export_downloads_the_view_as_it_is(chromium):
    page, base = chromium
    page.goto(base + "/chart/?at=2022-12-31")
    page.click(f"{BOXES}[data-id='ddg-mr']")
    drawn(page, 85, more=False)
    href = page.get_attribute("[data-export=svg]", "href")
    assert "open=" in href and "ddg-mr" not in href.split("open=")[1].split("&")[0]
    with page.expect_download() as info:
        page.click("[data-export=svg]")
    with open(info.value.path(), encoding="utf-8") as downloaded:
        svg = downloaded.read()
    assert 'data-id="ddg-mr"' in svg and 'data-id="dfam"' not in svg
    page.select_option("#chart-paper", "a4")
    assert "paper=a4" in page.get_attribute("[data-export=pdf]", "href")


def _parents(page) -> dict[str, str]:
    return dict(
        page.eval_on_selector_all(
            BOXES, "els => els.map(e => [e.getAttribute('data-id'), e.getAttribute('data-parent')])"
        )
    )


def _subtree(parents: dict[str, str], top: str) -> set[str]:
    """``top`` and every box under it, from each box's parent."""
    below = {top}
    for _ in range(len(parents)):
        below |= {n for n, p in parents.items() if p in below}
    return below


def test_unit_page_links_to_the_chart_of_its_subtree(chromium):
    page, base = chromium
    page.goto(base + "/chart/?at=2022-12-31&open=all")
    whole = _parents(page)
    below = _subtree(whole, "dfam")
    assert len(below) > 3
    page.goto(base + "/units/dfam/?at=2022-12-31")
    page.click("text=Chart of this unit")
    page.wait_for_url("**/chart/?**unit=dfam**")
    assert "at=2022-12-31" in page.url
    shown = _parents(page)
    assert set(shown) == below
    # dfam at the top: the only box whose parent is not drawn, and the highest one.
    assert [n for n, p in shown.items() if p not in shown] == ["dfam"]
    top = page.eval_on_selector(
        f"{BOXES}[data-id='dfam'] rect", "r => r.getBoundingClientRect().top"
    )
    others = page.eval_on_selector_all(
        f"{BOXES}:not([data-id='dfam']) rect", "rs => rs.map(r => r.getBoundingClientRect().top)"
    )
    assert others and top < min(others)
    assert "Department of Financial and Administrative Management" in page.inner_text(".chart-root")
    page.click(".chart-root a")
    page.wait_for_url("**/chart/?at=2022-12-31")
    assert boxes(page) == len(whole)


#: Every box in the page: where it stands (drawn, then moved), its size, state and text.
_DRAWN = """() => Object.fromEntries(Array.from(document.querySelectorAll('#chart g.node'))
    .map(g => {
      const r = g.querySelector('rect'), t = g.transform.baseVal.consolidate();
      const x = +r.getAttribute('x') + (t ? t.matrix.e : 0);
      const y = +r.getAttribute('y') + (t ? t.matrix.f : 0);
      return [g.getAttribute('data-id'), [Math.round(x * 100), Math.round(y * 100),
        r.getAttribute('width'), r.getAttribute('height'), g.getAttribute('data-open'),
        g.textContent]];
    }))"""


def test_open_then_close_moves_the_boxes_the_page_holds(chromium):
    """Closing and opening again keeps the boxes already in the page (moved, not drawn
    anew), and leaves exactly the boxes, places and connectors a fresh drawing has."""
    page, base = chromium
    page.goto(base + "/chart/?at=2022-12-31")
    whole = _parents(page)
    under = _subtree(whole, "ddg-mr")
    page.evaluate("() => document.querySelectorAll('#chart g.node').forEach(g => g.kept = 1)")
    page.click(f"{BOXES}[data-id='ddg-mr']")
    drawn(page, len(whole), more=False)
    assert set(_parents(page)) == set(whole) - (under - {"ddg-mr"})
    # Most boxes were moved, not drawn again (those whose size or count changed were).
    kept = page.eval_on_selector_all(BOXES, "els => els.filter(g => g.kept).length")
    assert kept > boxes(page) // 2
    page.click(f"{BOXES}[data-id='ddg-op']")
    page.wait_for_function(
        '() => !document.querySelector(\'#chart g.node[data-id="ddg-op"][data-open="1"]\')'
    )
    page.click(f"{BOXES}[data-id='ddg-mr']")
    page.wait_for_selector(f"{BOXES}[data-id='dfam']")
    assert page.eval_on_selector(f"{BOXES}[data-id='dg']", "g => g.kept") == 1
    now = page.evaluate(_DRAWN)
    edges = page.inner_html("#chart g.edges")
    href = page.get_attribute("[data-export=svg]", "href")
    opened = href.split("open=")[1].split("&")[0]
    page.goto(base + f"/chart/?at=2022-12-31&open={opened}")
    assert page.evaluate(_DRAWN) == now
    assert page.inner_html("#chart g.edges") == edges
    assert "ddg-op" not in opened.replace("%2C", ",").split(",")
