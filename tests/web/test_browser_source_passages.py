"""A source added in a real browser with its passages and a copy of the document, then one
of its passages cited in a plan change through the picker; at a desktop's width and a
phone's.

Playwright drives the system's Chromium, as in test_browser.py; skipped, saying why,
when either is missing. With ORGANOGRAM_SHOTS set, the steps are saved as pictures
(``make docs-shots``).
"""

from __future__ import annotations

import pytest

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

from .browser_support import signed_in_browser
from .test_browser import shot, shot_of

pytestmark = pytest.mark.browser

PASSWORD = "a long password 3"
COPY = b"Structural review: second report (a copy for the test)\n" * 20
PASSAGES = "1 \u2014 Background\n2 \u2014 Two new divisions\n3 \u2014 Costs\nannex \u2014 The chart"


def choose(page, field: str, typed: str, wanted: str) -> None:
    """Type ``typed`` in a name field and choose ``wanted`` from its list, by keyboard."""
    page.click(field)
    page.keyboard.type(typed)
    option = page.locator("ul.lookup li[role=option]", has_text=wanted).first
    option.wait_for(state="visible")
    page.wait_for_load_state("networkidle")  # the list of the last letters typed
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value(field) == wanted


@pytest.fixture(params=[1440, 390], ids=["desktop", "phone"])
def signed_in_page(request, transactional_db, live_server, monkeypatch):
    """A Chromium page as wide as a desktop's or a phone's screen, signed in."""
    width = request.param
    viewport = {"width": width, "height": 900 if width > 800 else 844}
    for page, base in signed_in_browser(
        live_server, monkeypatch, "designer", "administrator", PASSWORD, "/sources/", viewport
    ):
        yield page, base, width


def test_add_a_source_with_passages_and_a_copy_then_cite_a_passage_in_a_plan(
    signed_in_page,
):
    page, base, width = signed_in_page
    size = "" if width > 800 else "-phone"
    page.click("text=Add a source")
    page.wait_for_url("**/sources/new/")
    page.fill("#f-id", "scpf33-5")
    page.fill("#f-title", "Structural review: second report")
    page.fill("#f-symbol", "S/33/5")
    page.fill("#f-date", "2023-10-20")
    # It refers to paragraph 12 of the 2021 paper: chosen by name, then from its list.
    choose(
        page,
        "#f-cite-source-0",
        "Headquarters Organizational",
        "IOM Headquarters Organizational Review",
    )
    page.locator("#f-cite-passage-0-pick").wait_for(state="visible")
    page.select_option("#f-cite-passage-0-pick", "12")
    page.click("text=Add the citation")
    page.wait_for_function("() => document.querySelector('#f-cites').value === 'scpf28:12'")
    page.fill("#f-passages", PASSAGES)
    page.set_input_files(
        "#f-upload", files=[{"name": "S-33-5.txt", "mimeType": "text/plain", "buffer": COPY}]
    )
    # Nothing wider than the screen: the form stays usable on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"source-form{size}.png")
    page.click("form.entry-form button[type=submit]")
    page.wait_for_url("**/sources/scpf33-5/")
    assert "Added the source scpf33-5" in page.inner_text(".messages")
    listed = page.inner_text("section[aria-labelledby=passages]")
    assert "Two new divisions" in listed and "The chart" in listed
    # The passage's identifier, for citing it, is folded behind "Identifier".
    assert page.locator("#passage-annex details.identifier code").text_content() == "annex"
    link = page.locator("a[href='/sources/scpf33-5/file/']")
    assert link.inner_text() == "S-33-5.txt"
    shot(page, f"source-page{size}.png")
    download = page.request.get(f"{base}/sources/scpf33-5/file/")
    assert download.body() == COPY
    assert download.headers["content-disposition"] == 'attachment; filename="S-33-5.txt"'
    assert download.headers["x-content-type-options"] == "nosniff"
    assert bytes(m.SourceFile.objects.get(pk="scpf33-5").data) == COPY
    assert store.current().record.sources["scpf33-5"].cites == ("scpf28:12",)

    # A plan change cites it: the source by its title, then one of its passages.
    plan = draft_plan(Actor("tests"), title="Second review", effective="2030-01-01").id
    page.goto(f"{base}/plans/{plan}/changes/new/?op=relocate")
    choose(page, "#i-unit", "Budget Div", "Budget Division")
    page.fill("#i-location", "Manila")
    choose(page, "#i-cite", "Structural review: sec", "Structural review: second report")
    pick = page.locator("#i-passage-pick")
    pick.wait_for(state="visible")
    assert page.locator("#i-passage").is_hidden()
    options = pick.locator("option").all_inner_texts()
    assert options[:3] == [
        "The whole document",
        "1 \u2014 Background",
        "2 \u2014 Two new divisions",
    ]
    pick.select_option("2")
    assert page.input_value("#i-passage") == "2"
    # The label names the list now: it is what the keyboard reaches.
    assert page.get_attribute("label[for='i-passage-pick']", "for") == "i-passage-pick"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot_of(page, "main", f"plan-change-passage{size}.png")
    page.click("form.record button[type=submit]")
    page.wait_for_url(f"**/plans/{plan}/")
    change = store.current_record().plan(plan).changes[-1]
    assert [str(c) for c in change.cites] == ["scpf33-5:2"]

    # A range is typed: "Several, or a range" shows the field again.
    page.goto(f"{base}/plans/{plan}/changes/new/?op=relocate")
    choose(page, "#i-unit", "Treasury", "Treasury Division")
    page.fill("#i-location", "Manila")
    page.fill("#i-cite", "S/33/5")  # typed, not chosen: the passages come on leaving it
    page.locator("#i-location").focus()
    page.locator("#i-passage-pick").wait_for(state="visible")
    page.select_option("#i-passage-pick", label="Several, or a range: type them\u2026")
    page.fill("#i-passage", "1-4")
    page.click("form.record button[type=submit]")
    # 4 is not listed: refused beside the passage, which stays as typed.
    error = page.inner_text("#i-passage ~ .error")
    assert "'scpf33-5' has no passage '1-4': it declares 1, 2, 3, annex" in error
    assert page.input_value("#i-passage") == "1-4" and page.locator("#i-passage").is_visible()
