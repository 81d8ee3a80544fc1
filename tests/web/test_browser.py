"""Main flows in a real browser: Playwright driving the system's Chromium.

Skipped, saying why, when Chromium is not at /usr/bin/chromium or Playwright is not
installed; no browser is ever downloaded. CI installs Debian's chromium package.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import load_dataset_into_registry

from .conftest import IOM

CHROMIUM = Path("/usr/bin/chromium")
#: a folder where browser flows leave screenshots for a person to look at, when set
SHOTS = os.environ.get("ORGANOGRAM_SHOTS", "")


def shot(page, name: str) -> None:
    """Save a full-page screenshot as ``name`` in ORGANOGRAM_SHOTS, if that is set."""
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / name), full_page=True)


def shot_of(page, selector: str, name: str) -> None:
    """Save a screenshot of the part ``selector`` of the page as ``name`` in
    ORGANOGRAM_SHOTS, if that is set (the docs' pictures: ``make docs-shots``)."""
    if SHOTS:
        page.locator(selector).first.screenshot(path=str(Path(SHOTS) / name))


def sign_in(page, base: str, username: str, password: str, then: str) -> None:
    """Sign in through the form and land on ``then``."""
    page.goto(f"{base}/signin/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.signin button[type=submit]")
    page.wait_for_url(f"**{then}")


ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def csp_violations(page) -> list[str]:
    """What the page's console says the Content-Security-Policy refused, as it happens
    (a script, a style or a handler of the page that the policy blocks breaks the page
    silently otherwise): each browser test ends by asserting the list is empty.

    Under the policy, ``page.wait_for_function`` takes a function (``"() => …"``): an
    expression is evaluated as a string while it polls, which the policy forbids."""
    kept = getattr(page, "_csp_refused", None)
    if kept is not None:
        return kept  # one list per page, whoever asks
    refused: list[str] = []

    def heard(message) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", heard)
    page._csp_refused = refused
    return refused


def playwright_with_iom():
    """Playwright's sync API, with the IOM dataset in the registry; the test skipped,
    saying why, without Chromium or Playwright."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need playwright (pip install playwright)"
    )
    # Transactional tests empty the database when they end: load again if needed.
    if store.is_empty():
        load_dataset_into_registry(IOM, Actor("tests"))
    return sync_api


@pytest.fixture
def browser_page(transactional_db, live_server, monkeypatch):
    """A page of a headless Chromium, and the live server's address; the IOM dataset loaded."""
    sync_api = playwright_with_iom()
    # Playwright's sync API runs an event loop in this thread; the database calls made
    # here at teardown are synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.set_default_timeout(15_000)
        refused = csp_violations(page)
        try:
            yield page, live_server.url
            assert not refused, refused
        finally:
            browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def test_pick_a_date_and_see_the_2016_structure(browser_page):
    page, base = browser_page
    page.goto(base + "/")
    page.fill("#at", "2016-11-30")
    page.click("form.as-of button[type=submit]")
    page.wait_for_url("**/?at=2016-11-30")
    assert page.inner_text("h1") == "Structure as of 30 November 2016"
    tree = page.inner_text("#tree")
    # Under the Director General by 2016: the Office of the Director General and the
    # Department of International Cooperation and Partnerships (scpf28 paras. 4, 21); the
    # Department of Resources Management's placement is not recorded, so it is shown apart.
    assert "Department of International Cooperation and Partnerships" in tree
    assert "Executive Office" not in tree
    # Links keep the date.
    href = page.get_attribute("#tree a[href^='/units/der/']", "href")
    assert href == "/units/der/?at=2016-11-30"


def test_open_a_unit_and_follow_its_lineage(browser_page):
    page, base = browser_page
    page.goto(base + "/?at=2016-11-30")
    page.click("#tree >> text=Office of the Director General")
    assert page.inner_text("h1") == "Office of the Director General"
    page.click("section[aria-labelledby=lineage] >> text=Executive Office")
    assert page.inner_text("h1") == "Executive Office"
    assert "not yet established on 30 November 2016" in page.inner_text(".lede")
    page.click("text=See it as of")
    assert "in force on" in page.inner_text(".lede")
    page.click("section[aria-labelledby=lineage] >> text=Office of the Director General")
    assert page.inner_text("h1") == "Office of the Director General"
    assert "no longer in force" in page.inner_text(".lede")


def test_typing_in_the_search_filters_the_tree(browser_page):
    page, base = browser_page
    page.goto(base + "/?at=2016-11-30")
    page.fill("#q", "cooperation")
    visible = page.locator("#tree li.node:visible")
    assert visible.count() == 2  # the Department and the Director General above it
    assert "1 matching" in page.inner_text(".filter-count")
    page.fill("#q", "")
    assert page.locator("#tree li.node:visible").count() > 3


def test_an_editor_records_a_rename_and_sees_it(browser_page, django_user_model):
    from organogram.registry.accounts import add_user

    add_user("browser-editor", "editor", Actor("tests"), password="a long password 2")
    page, base = browser_page
    sign_in(page, base, "browser-editor", "a long password 2", "/units/ethics/")
    page.click("section[aria-labelledby=record] >> text=Rename")
    page.fill("#id_name", "Office of Integrity")
    page.fill("#id_date", "2030-01-01")
    page.fill("#id_reason", "browser test")
    page.click("form.record button[type=submit]")
    page.wait_for_url("**/units/ethics/?at=2030-01-01")
    assert page.inner_text("h1") == "Office of Integrity"
    assert "Recorded" in page.inner_text(".messages")


def test_download_a_units_subtree_by_clicking_its_link(browser_page, tmp_path):
    from rdflib import Graph, Namespace
    from rdflib.namespace import RDF

    page, base = browser_page
    page.goto(base + "/units/dfam/?at=2016-11-30")
    assert "without the names of post holders" in page.inner_text("nav.downloads")
    with page.expect_download() as info:
        page.click("nav.downloads >> text=Turtle")
    download = info.value
    assert download.suggested_filename == "iom-hq-2016-11-30-dfam.ttl"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    org = Namespace("http://www.w3.org/ns/org#")
    g = Graph().parse(path, format="turtle")
    units = {str(u).rsplit("/", 1)[1] for u in g.subjects(RDF.type, org.OrganizationalUnit)}
    assert "dfam" in units and "odg" not in units  # the subtree only


def test_open_the_call_then_add_a_late_nomination_as_an_editor(browser_page):
    from organogram.registry.accounts import add_user

    page, base = browser_page
    page.goto(base + "/")
    page.click("nav >> text=Nominations")
    page.click("text=EO/821/2023")
    assert page.inner_text(".deadline").startswith("15 November 2023")
    facts = page.inner_text("dl.facts")
    assert "Deputy Director General for Operations" in facts
    assert "Deputy Director General for Management and Reform" in facts
    shot(page, "call.png")
    add_user("nominations-editor", "editor", Actor("tests"), password="a long password 4")
    sign_in(page, base, "nominations-editor", "a long password 4", "/nominations/ddg-2023/")
    page.click("text=Add a nomination")
    assert page.input_value("#f-call") == "ddg-2023"
    page.fill("#f-id", "n-browser")
    page.fill("#f-received", "2023-11-30")
    page.fill("#f-nominated_by", "Ruritania")
    page.fill("#f-candidate", "A. Candidate")
    page.fill("#f-documents", "note verbale\ncurriculum vitae")
    shot(page, "nomination-form.png")
    page.click("form.entry-form button[type=submit]")
    page.wait_for_url("**/nominations/ddg-2023/")
    row = page.locator("#nomination-n-browser")
    assert "late" in row.locator(".tag").inner_text()
    assert "A. Candidate" in row.inner_text()
    shot(page, "call-with-late-nomination.png")


def test_governing_bodies_the_council_and_its_109th_session(browser_page):
    page, base = browser_page
    page.goto(base + "/?at=2018-12-31")
    page.click("nav >> text=Governing bodies")
    page.wait_for_url("**/bodies/?at=2018-12-31")
    assert "Chairperson: Ethiopia" in page.inner_text("table")
    assert "Uzbekistan" in page.inner_text("section[aria-labelledby=members]")
    shot(page, "bodies.png")
    page.click("table >> text=Council")
    page.wait_for_url("**/bodies/council/?at=2018-12-31")
    bureau = page.inner_text("section[aria-labelledby=bureau-now]")
    assert "Mexico" in bureau and "sign in to see" in bureau  # names: personal data
    assert "Negash Kebret Botora" not in bureau
    shot(page, "council.png")
    page.click("#session-c-109 >> text=Director General")
    assert page.inner_text("h1") == "Director General's Report to the 109th Session of the Council"


def test_the_content_security_policy_is_on_and_a_violation_is_heard(browser_page):
    """The policy is sent, and the check every browser test ends with does hear a
    violation (here, a style attribute set by a script after the page loaded)."""
    page, base = browser_page
    response = page.goto(base + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    heard = csp_violations(page)
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert heard and "style" in heard[0]
    heard.clear()
