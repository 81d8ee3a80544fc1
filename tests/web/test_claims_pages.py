"""Claims on the pages and in the API: a unit's history, a post, the governing bodies and
the costs show what each source says about what they display, disagreements named, and
claims about a person only to those who may see people's data (the IOM dataset)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_the_unit_page_shows_its_claims_and_where_sources_differ(client):
    html = page(client, "/units/policy-hub/?at=2020")
    assert "What the sources say" in html
    assert "sources differ: 2018 (scpf28:27) / 2019 (c109-report:" in html
    assert ">sources differ</span>" in html  # each disputed claim is marked


def test_the_history_api_gives_the_claims_block(client, auth):
    data = client.get("/api/units/policy-hub/history").json()
    [differ] = data["claims"]["disagreements"]
    assert differ["field"] == "established"
    assert {c["cite"] for c in data["claims"]["items"]} >= {"scpf28:27"}
    # who held the post of Director General is personal: signed-in readers only
    visitor = client.get("/api/units/dg/history").json()["claims"]["items"]
    signed = client.get("/api/units/dg/history", **auth).json()["claims"]["items"]
    assert "holder" not in {c["field"] for c in visitor}
    assert "holder" in {c["field"] for c in signed}


def test_the_post_page_and_api_show_the_posts_claims(client):
    html = page(client, "/posts/ddg/?at=2020")
    assert "What the sources say" in html and "No document says when" in html
    data = client.get("/api/posts/ddg?at=2020").json()
    # Its end and its reporting line are not recorded (claims); who held it is personal.
    assert [c["field"] for c in data["claims"]["items"]] == ["abolished", "reports_to"]
    assert data["claims"]["items"][0]["basis"] == "inferred"


def test_the_bodies_pages_show_the_membership_claims(client):
    html = page(client, "/bodies/?at=2019")
    assert "What the sources say about the membership" in html
    data = client.get("/api/bodies?at=2019").json()
    claims = data["membership"]["claims"]["items"]
    assert ("member-states", "175") in {(c["field"], c["value"]) for c in claims}
    council = client.get("/api/bodies/council?at=2019").json()
    assert set(council["claims"]) == {"items", "disagreements"}


def test_the_cost_pages_and_api_show_the_claims_about_what_they_cost(client):
    html = page(client, "/plans/hq-review-2021/cost/")
    assert "What the sources say" in html and "begins in the last quarter of 2021" in html
    data = client.get("/api/cost/plans/hq-review-2021").json()
    assert "hq-review-2021" in {c["subject"] for c in data["claims"]["items"]}
    structure = client.get("/api/cost?at=2022").json()
    assert set(structure["claims"]) == {"items", "disagreements"}
