"""The Cost pages, the plan's cost, editing cost tables and rates, and the cost API."""

from __future__ import annotations

import html
import re

import pytest

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user, create_token
from organogram.registry.audit import Actor

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's text without tags, spaces squeezed."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(body))


@pytest.fixture
def editor(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("ed", "editor", Actor("tests"))
    client.force_login(user)
    return client


def test_the_cost_page_says_the_table_is_illustrative(client):
    page = text(client.get("/cost/?at=2022"))
    assert "Illustrative." in page and "not the organization's own" in page
    table = "Illustrative standard costs, 2021 (not IOM's)"  # its title, not its id
    assert f"Cost table {table} (2021, USD, illustrative)" in page
    # The five posts of the 2021 review at the grades the table assumes.
    assert "Department of Peace and Development Coordination 1 340,000.00 340,000.00" in page
    assert "Total 5 1,470,000.00 USD" in page
    assert "Director General : no grade" in page  # ungraded posts are listed, not counted


def test_grouping_and_currency_switch(client):
    page = text(client.get("/cost/?at=2022&by=grade&currency=CHF"))
    assert "D-2 2 646,000.00" in page
    assert "1 USD = 0.95 CHF (rate illustrative-usd-chf-2022, illustrative)" in page
    page = text(client.get("/cost/?at=2022&by=part"))
    assert "funding not given 5 1,470,000.00" in page


def test_budgets_are_listed_by_year_and_part(client):
    page = text(client.get("/cost/"))
    # Cited to the section that holds the figures (the dataset once named a section the
    # report does not have); the original 2018 Operational Part is one of them.
    cite = "c109-report:what-iom-will-need-to-deliver"
    assert f"2019 administrative 52,229,662.00 CHF proposed {cite}" in page
    assert f"2018 operational 956,000,000.00 USD approved {cite}" in page
    assert "2019 operational 1,000,000,000.00 USD proposed" in page
    assert "2019 operational-support-income 96,000,000.00 USD proposed" in page


def test_a_day_without_a_table_says_why(client):
    response = client.get("/cost/?at=2018")
    assert response.status_code == 200
    assert "Cannot cost the structure on this day: no cost table for 2018" in text(response)


def test_the_plan_page_shows_its_cost_by_year(client):
    page = text(client.get("/plans/hq-review-2021/"))
    # The cost table by its title: its id is not for readers.
    assert "Cost" in page and "2021 Illustrative standard costs, 2021" in page
    assert "illustrative-2021" not in page
    assert "367,500.00" in page and "1,470,000.00" in page
    detail = text(client.get("/plans/hq-review-2021/cost/?currency=CHF"))
    assert "Director of the Global Data Institute created D-1 assumed" in detail
    # The review is dated 2021-Q4/2022, so it is costed over 2021 to 2023, the first full
    # year after its last change (with the illustrative 2023 rate).
    assert "70,525.00 294,500.00 279,000.00" in detail
    assert "Total 3,053,925.00 CHF" in detail


def test_a_plan_that_cannot_be_costed_says_why(client):
    from organogram.registry import services as plan_services

    plan_services.draft_plan(Actor("tests"), title="Early", effective="2010", plan_id="early")
    page = text(client.get("/plans/early/"))
    assert "Cannot cost this plan: no cost table for 2010 or an earlier year" in page
    assert client.get("/plans/early/cost/").status_code == 200
    assert client.get("/plans/nope/cost/").status_code == 404


def test_an_editor_edits_a_rate_and_the_cost_follows(editor):
    form = editor.get("/cost/rates/illustrative-usd-chf-2022/edit/")
    version = re.search(rb'name="version" value="(\d+)"', form.content).group(1).decode()
    response = editor.post(
        "/cost/rates/illustrative-usd-chf-2022/edit/",
        {"version": version, "valid": "2022", "base": "USD", "quote": "CHF", "rate": "0.5"},
    )
    assert response.status_code == 302
    rate = store.current_record().entry("exchange_rates", "illustrative-usd-chf-2022").rate
    assert str(rate) == "0.5"
    assert m.AuditEntry.objects.filter(action="organogram.exchange_rates.edit").exists()
    page = text(editor.get("/cost/?at=2022&currency=CHF"))
    assert "735,000.00 CHF" in page  # 1,470,000 USD at 0.5
    # The same form sent again holds an old version: refused, nothing overwritten.
    stale = editor.post(
        "/cost/rates/illustrative-usd-chf-2022/edit/",
        {"version": version, "valid": "2022", "base": "USD", "quote": "CHF", "rate": "0.7"},
    )
    assert stale.status_code == 409
    assert "has changed since you read it" in text(stale)
    rate = store.current_record().entry("exchange_rates", "illustrative-usd-chf-2022").rate
    assert str(rate) == "0.5"


def test_a_bad_cost_table_is_refused_naming_the_field(editor):
    before = store.revision()
    response = editor.post(
        "/cost/tables/new/",
        {
            "version": "0",
            "id": "t-bad",
            "year": "2023",
            "currency": "usd",
            "row_count": "2",
            "rows-0-grade": "P-3",
            "rows-0-cost": "-1",
            "rows-1-grade": "P-3",
            "rows-1-cost": "5",
        },
    )
    assert response.status_code == 422
    page = text(response)
    assert "currency: 'usd' is not a currency code" in page
    assert "rows[0].cost: -1 is not allowed" in page
    assert store.revision() == before


def test_a_cost_table_is_added_and_keeps_what_the_form_does_not_show(editor):
    response = editor.post(
        "/cost/tables/new/",
        {
            "version": "0",
            "id": "t-2023",
            "year": "2023",
            "currency": "USD",
            "row_count": "4",
            "rows-0-grade": "D-2",
            "rows-0-cost": "350000",
            "rows-1-grade": "D-2",
            "rows-1-duty_station": "Geneva, Switzerland",
            "rows-1-cost": "360000.50",
            "assumed_grades": "gdi-director: D-2\n",
        },
    )
    assert response.status_code == 302
    table = store.current_record().entry("cost_tables", "t-2023")
    assert [(r.grade, r.duty_station, str(r.cost)) for r in table.rows] == [
        ("D-2", "*", "350000"),
        ("D-2", "Geneva, Switzerland", "360000.50"),
    ]
    assert not table.illustrative
    page = text(editor.get("/cost/?at=2023"))
    assert "Cost table t-2023 (2023, USD)" in page and "Illustrative." not in page
    # Citations are not on the form: an edit keeps them.
    iom = store.current_record().entry("cost_tables", "illustrative-2021")
    form = editor.get("/cost/tables/illustrative-2021/edit/")
    assert b'value="P-4"' in form.content and b"unnm-gcm-1: P-4" in form.content
    assert iom.note  # kept below
    version = re.search(rb'name="version" value="(\d+)"', form.content).group(1).decode()
    rows = {"row_count": str(len(iom.rows))}
    for i, r in enumerate(iom.rows):
        rows[f"rows-{i}-grade"] = r.grade
        rows[f"rows-{i}-cost"] = str(r.cost)
    response = editor.post(
        "/cost/tables/illustrative-2021/edit/",
        {"version": version, "year": "2021", "currency": "USD", "illustrative": "on", **rows},
    )
    assert response.status_code == 302
    again = store.current_record().entry("cost_tables", "illustrative-2021")
    assert again.illustrative and again.assumed_grades == {}
    assert again.rows[4].salary is None  # the form sent no salary: it is gone


def test_the_cost_api(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    data = client.get("/api/cost?at=2022&by=grade&currency=CHF").json()
    assert data["total"] == "1396500.00" and data["illustrative"] is True
    assert [g["key"] for g in data["groups"]] == ["D-2", "D-1", "P-4"]
    plan = client.get("/api/cost/plans/hq-review-2021").json()
    assert [(y["year"], y["total"]) for y in plan["years"]] == [
        (2021, "367500.00"),
        (2022, "1470000.00"),
        (2023, "1470000.00"),
    ]
    missing = client.get("/api/cost?at=2022&currency=EUR")
    assert missing.status_code == 422
    assert "no exchange rate from USD to EUR for 2022" in missing.json()["detail"]
    assert client.get("/api/cost?by=colour").status_code == 400
    assert client.get("/api/cost/plans/hq-review-2021?years=soon").status_code == 400
    budgets = client.get("/api/budgets").json()
    assert {b["part"]: b["amount"] for b in budgets}["administrative"] == "52229662.00"
    user, _ = add_user("reader", "viewer", Actor("tests"))
    _, token = create_token(user, Actor("tests"))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get("/api/cost/plans/nope", **auth).status_code == 404
