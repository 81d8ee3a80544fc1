"""The Cost page in a real browser: open it, switch the grouping and the currency, open
a plan's cost, and edit a rate. Screenshots go to $ORGANOGRAM_SCREENSHOTS when set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .browser_support import signed_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "a long password 4"
VIEWPORT = {"width": 1280, "height": 900}


def shot(page, name: str) -> None:
    folder = os.environ.get("ORGANOGRAM_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def page_and_url(transactional_db, live_server, monkeypatch):
    """A headless Chromium page signed in as an editor, and the server's address."""
    yield from signed_in_browser(
        live_server, monkeypatch, "costing", "editor", PASSWORD, "/cost/", VIEWPORT
    )


def test_open_the_cost_page_switch_grouping_and_open_a_plans_cost(page_and_url):
    page, base = page_and_url
    page.goto(base + "/cost/?at=2022-06-30")
    assert "Illustrative." in page.inner_text(".warning.illustrative")
    groups = page.inner_text("#cost-groups")
    assert "Global Data Institute" in groups and "1,470,000.00 USD" in groups
    shot(page, "cost-by-unit")

    page.click("nav.ops >> text=By grade")
    page.wait_for_url("**by=grade**")
    groups = page.inner_text("#cost-groups")
    assert "D-2" in groups and "680,000.00" in groups

    # The currency control keeps the grouping.
    page.select_option("#currency", "CHF")
    page.click("form.as-of button[type=submit]")
    page.wait_for_url("**currency=CHF**")
    assert "by=grade" in page.url
    assert "1,396,500.00 CHF" in page.inner_text("#cost-groups")
    shot(page, "cost-by-grade-chf")

    page.click("#plans >> xpath=following-sibling::ul[1] >> text=IOM Headquarters")
    page.wait_for_url("**/plans/hq-review-2021/cost/")
    posts = page.inner_text("#plan-cost-posts")
    assert "Director of the Global Data Institute" in posts and "77,500.00" in posts
    assert "Illustrative." in page.inner_text(".warning.illustrative")
    shot(page, "plan-cost")

    page.click("nav.chain >> text=IOM Headquarters")
    page.wait_for_url("**/plans/hq-review-2021/")
    assert "367,500.00" in page.inner_text("section[aria-labelledby=cost]")


def test_edit_a_rate_from_the_cost_page(page_and_url):
    page, base = page_and_url
    page.goto(base + "/cost/#exchange_rates")
    page.click("#exchange_rates >> xpath=following-sibling::table[1] >> text=Edit >> nth=2")
    page.wait_for_url("**/cost/rates/illustrative-usd-chf-2022/edit/")
    page.fill("#rate", "-1")
    page.click("#rate-form button[type=submit]")
    assert "rate: -1 is not allowed" in page.inner_text(".refusal")
    shot(page, "rate-refused")
    page.fill("#rate", "0.5")
    page.click("#rate-form button[type=submit]")
    page.wait_for_url("**/cost/#exchange_rates")
    assert "is saved" in page.inner_text(".messages")
    page.goto(base + "/cost/?at=2022&currency=CHF")
    assert "735,000.00 CHF" in page.inner_text("#cost-groups")
