"""In a real browser: "Download as spreadsheet" gives a workbook, and a holder's name
leads to the person page (signed in), at a desktop's and a phone's width."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor

from .test_browser import browser_page, shot, sign_in  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

HOLDER = "Irena Vojáčková-Sollorano"


def test_download_the_posts_as_a_spreadsheet(browser_page, tmp_path):  # noqa: F811
    page, base = browser_page
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + "/posts/?at=2023-06-30")
        shot(page, f"posts-sheet-{width}.png")
        # The link fits the screen: nothing wider than the page at a phone's width.
        box = page.locator("nav.sheets").bounding_box()
        assert box and box["x"] + box["width"] <= width
    with page.expect_download() as info:
        page.click("nav.sheets a[data-format=xlsx]")
    download = info.value
    assert download.suggested_filename == "posts.xlsx"
    kept = tmp_path / download.suggested_filename  # openpyxl goes by the name's ending
    download.save_as(kept)
    ws = load_workbook(kept).active
    assert ws.freeze_panes == "A2" and ws["A1"].value == "Post" and ws["A1"].font.bold
    titles = page.locator("#posts tbody tr td:first-child a").all_inner_texts()
    assert [c.value for c in ws["A"][1:]] == titles
    assert HOLDER not in str([c.value for c in ws["I"]])  # a visitor: no names


def test_a_holders_name_leads_to_the_person_page(browser_page, settings):  # noqa: F811
    page, base = browser_page
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    add_user("reader", "viewer", Actor("tests"), password="a long password 1")
    sign_in(page, base, "reader", "a long password 1", "/posts/?at=2023-06-30")
    page.click(f"#posts >> text={HOLDER}")
    page.wait_for_url("**/people/vojackova-sollorano/")
    assert page.inner_text("h1") == HOLDER
    table = page.inner_text("#posts-held")
    assert "Deputy Director General for Management and Reform" in table
    assert "not before October 2021" in table
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        shot(page, f"person-{width}.png")
        assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_timeline_says_dates_one_way_and_shows_no_change_ids(browser_page):  # noqa: F811
    page, base = browser_page
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + "/timeline/?from=2021&to=2022")
        shot(page, f"timeline-{width}.png")
    dates = page.locator("ol.changes span.date").all_inner_texts()
    assert dates and not any(d[:4].isdigit() and "-" in d for d in dates)  # no ISO forms
    assert "by 2022" in dates  # a date known less exactly, in words
    assert page.locator("ol.changes code").count() == 0
    # An exact day keeps its machine form (28 October 2020, the review's bulletin).
    page.goto(base + "/timeline/?unit=ddg-op")
    day = page.locator("ol.changes span.date time[datetime]").first
    assert day.get_attribute("datetime") == "2020-10-28" and day.inner_text() == "28 October 2020"
