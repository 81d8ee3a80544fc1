"""Every kind of page checked with axe-core in a real browser: no serious or critical finding.

axe-core is a test tool from npm, installed at test time and never committed: ``npm ci``
at the repository's root (``make test`` and CI do it when npm is there) puts it in
``node_modules``. Without it these tests are skipped, saying so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

from .browser_support import signed_in_browser
from .test_browser import browser_page  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
#: the findings that fail the test; "moderate" and "minor" ones are left to judgement
BLOCKING = ("serious", "critical")

#: one page of every kind a reader sees (the structure in the past, compared, planned …)
READING = [
    "/?at=2016-11-30",
    "/?at=2022-12-31",
    "/units/dfam/?at=2022-12-31",
    "/units/ethics/",
    "/posts/?at=2022-12-31",
    "/posts/ddg/?at=2022-12-31",
    "/timeline/",
    "/compare/?from=2020-06-30&to=2022-12-31",
    "/sources/",
    "/sources/scpf28/",
    "/cost/?at=2022-06-30",
    "/chart/?at=2022-12-31",
    "/chart/?at=2022-12-31&compare=2021-06-30",
    "/plans/",
    "/plans/hq-review-2021/",
    "/plans/hq-review-2021/cost/",
    "/plans/compare/",
    "/bodies/",
    "/bodies/council/",
    "/nominations/",
    "/search/?q=ethics",
    "/signin/",
]

#: the forms of someone signed in as an administrator
EDITING = [
    "/units/ethics/record/rename/",
    "/units/ethics/record/create/",
    "/sources/new/",
    "/sources/scpf28/edit/",
    "/plans/new/",
    "/plans/{draft}/changes/new/?op=move",
    "/plans/{draft}/changes/new/?op=rename",
    "/plans/{draft}/",
    "/plans/{draft}/import/",
    "/plans/draft/",
    "/plans/draft/?plan={draft}",
    "/cost/tables/new/",
    "/cost/rates/new/",
    "/chart/?plan={draft}",
    "/account/",
    "/audit/",
]


def axe_findings(page) -> list[str]:
    """The serious and critical findings of axe-core on the page as it now stands, each
    with the elements it names."""
    # Evaluated through the browser's debugging protocol, which the site's
    # Content-Security-Policy does not govern: a <script> tag added to the page would be
    # refused as inline script (and the browser tests fail on any refusal).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    found = []
    for v in result["violations"]:
        if v["impact"] not in BLOCKING:
            continue
        targets = ", ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:6])
        more = f" (+{len(v['nodes']) - 6} more)" if len(v["nodes"]) > 6 else ""
        found.append(f"{v['impact']} {v['id']}: {v['help']} — {targets}{more}")
    return found


def check_pages(page, base: str, paths: list[str]) -> dict[str, list[str]]:
    """Each page visited and checked; the findings by page, only those with some."""
    failed: dict[str, list[str]] = {}
    for path in paths:
        response = page.goto(base + path)
        assert response is not None and response.status < 400, f"{path}: {response.status}"
        page.wait_for_load_state("networkidle")
        findings = axe_findings(page)
        if findings:
            failed[path] = findings
    return failed


def report(failed: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}\n  " + "\n  ".join(found) for path, found in failed.items())


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.skip("the accessibility tests need axe-core: run npm install (or npm ci)")
    return AXE


def test_no_serious_finding_on_the_pages_people_read(axe, browser_page):  # noqa: F811
    page, base = browser_page
    failed = check_pages(page, base, READING)
    assert not failed, "axe-core findings:\n" + report(failed)


def test_no_serious_finding_on_the_tree_opened_and_at_390_pixels(axe, browser_page):  # noqa: F811
    page, base = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/?at=2022-12-31")
    page.click("[data-tree-expand]")
    failed = {}
    if found := axe_findings(page):
        failed["/ (all open, 390 px)"] = found
    failed |= check_pages(page, base, ["/chart/?at=2022-12-31", "/cost/?at=2022-06-30"])
    assert not failed, "axe-core findings:\n" + report(failed)


@pytest.fixture
def signed_in_page(transactional_db, live_server, monkeypatch):
    """A headless Chromium page signed in as an administrator, and the server's address."""
    yield from signed_in_browser(
        live_server, monkeypatch, "axe-admin", "administrator", "a long password 3", "/account/"
    )


def test_no_serious_finding_on_the_forms_of_the_signed_in(axe, signed_in_page):
    page, base = signed_in_page
    draft = draft_plan(Actor("tests"), title="Accessible draft", effective="2030-01-01").id
    failed = check_pages(page, base, [p.format(draft=draft) for p in EDITING])
    assert not failed, "axe-core findings:\n" + report(failed)


def focused_box(page) -> str:
    """The id of the chart's box that has the keyboard's focus ("" if none)."""
    return page.evaluate(
        "() => { const g = document.activeElement.closest('g.node');"
        " return g ? g.getAttribute('data-id') : ''; }"
    )


def test_the_chart_by_keyboard_and_as_a_list(browser_page):  # noqa: F811
    page, base = browser_page
    page.goto(base + "/chart/?at=2022-12-31")
    frame = page.locator("#chart")
    assert frame.get_attribute("role") == "group" and "Organization chart" in frame.get_attribute(
        "aria-label"
    )
    # One stop of the Tab key: the boxes' links are out of the Tab order.
    assert page.locator("#chart g.node > a:not([tabindex='-1'])").count() == 0
    frame.focus()
    page.keyboard.press("Enter")
    assert focused_box(page) == "dg"
    top = page.locator("#n-dg > a")
    assert top.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    first = focused_box(page)
    assert first and first != "dg"
    page.keyboard.press("ArrowRight")
    second = focused_box(page)
    assert second not in ("", first)
    page.keyboard.press("ArrowLeft")
    assert focused_box(page) == first
    page.keyboard.press("ArrowUp")
    assert focused_box(page) == "dg"
    # Space closes the box, and the focus stays on it once the chart is drawn again.
    page.keyboard.press(" ")
    page.wait_for_selector("#n-dg > a[aria-expanded='false']")
    assert focused_box(page) == "dg"
    assert page.locator(f"#chart g.node[data-id='{first}']").count() == 0
    # Down opens it again and goes to the first box under it.
    page.keyboard.press("ArrowDown")
    page.wait_for_function(
        "id => document.activeElement.closest('g.node')?.getAttribute('data-id') === id", arg=first
    )
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.id") == "chart"

    # The text alternative: every box, with its kind and marks, linked to its page.
    listing = page.locator("details#chart-list")
    listing.locator("summary").click()
    text = listing.inner_text()
    assert "Department of Strategic Planning and Organizational Performance" in text
    assert "placement not recorded" in text  # what the drawing shows apart
    assert listing.locator("a[href='/units/dspop/?at=2022-12-31']").count() == 1
