"""/api/names and /api/names/resolve: the name fields' resolver for API clients."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_a_few_letters_find_units_by_name_abbreviation_and_former_name(client):
    found = client.get("/api/names?kind=unit&q=budg").json()
    assert found["kind"] == "unit" and found["matches"][0]["id"] == "budget"
    assert {"id", "name", "abbreviation", "former", "detail", "fill"} <= set(found["matches"][0])
    # A former name, as of a date after the rename (the Office of Legal Affairs became
    # the Department of Legal Affairs).
    old = client.get("/api/names?kind=unit&q=office of legal affairs&at=2023").json()
    assert old["matches"][0]["id"] == "dla" and old["matches"][0]["former"]


def test_a_text_resolves_to_one_thing_or_says_why_not(client):
    one = client.get("/api/names/resolve?kind=unit&text=Budget Division")
    assert one.status_code == 200 and one.json()["match"]["id"] == "budget"
    none = client.get("/api/names/resolve?kind=unit&text=Budgte Divison")
    assert none.status_code == 404
    assert none.json()["suggestions"][0]["id"] == "budget" and none.json()["detail"]


def test_people_are_found_only_by_those_who_may_see_them(client, auth):
    assert client.get("/api/names?kind=person&q=a").status_code == 401
    assert client.get("/api/names?kind=person&q=a", **auth).status_code == 200
    assert client.get("/api/names?kind=nonsense&q=a").status_code == 400
    assert client.get("/api/names?kind=unit&q=a&plan=nope").status_code == 404
