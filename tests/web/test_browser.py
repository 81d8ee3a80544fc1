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
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(transactional_db, live_server, monkeypatch):
    """A page of a headless Chromium, and the live server's address; the IOM dataset loaded."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need playwright (pip install playwright)"
    )
    # Transactional tests empty the database when they end: load again if needed.
    if store.is_empty():
        load_dataset_into_registry(IOM, Actor("tests"))
    # Playwright's sync API runs an event loop in this thread; the database calls made
    # here at teardown are synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page, live_server.url
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
    assert "Department of Resources Management" in tree
    assert "Executive Office" not in tree
    # Links keep the date.
    href = page.get_attribute("#tree a[href^='/units/dfam/']", "href")
    assert href == "/units/dfam/?at=2016-11-30"


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
    page.fill("#q", "treasury")
    visible = page.locator("#tree li.node:visible")
    assert visible.count() == 3  # the Treasury Division and the two nodes above it
    assert "1 matching" in page.inner_text(".filter-count")
    page.fill("#q", "")
    assert page.locator("#tree li.node:visible").count() > 3


def test_an_editor_records_a_rename_and_sees_it(browser_page, django_user_model):
    from organogram.registry.accounts import add_user

    add_user("browser-editor", "editor", Actor("tests"), password="a long password 2")
    page, base = browser_page
    page.goto(base + "/signin/?next=/units/ethics/")
    page.fill("#id_username", "browser-editor")
    page.fill("#id_password", "a long password 2")
    page.click("form.signin button[type=submit]")
    page.wait_for_url("**/units/ethics/")
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
