"""Inputs that gave server errors (500), some only on PostgreSQL, are answered as what
they are: NUL characters, ids longer than the registry holds, long texts, empty dates,
offsets out of range, hidden form fields that are not numbers.

These run on SQLite and, with DATABASE_URL=postgres://…, on PostgreSQL, where the texts
and ids failed first.
"""

from __future__ import annotations

import pytest

from organogram.registry import models as m

pytestmark = pytest.mark.django_db


def post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def rename(name: str, **extra):
    return {
        "change": {"op": "rename", "date": "2030-01-01", "unit": "ethics", "name": name, **extra}
    }


def test_a_nul_character_is_refused_naming_the_field(client, auth):
    r = post(client, "/api/changes", rename("Ethics\x00Office"), **auth)
    assert r.status_code == 422, r.content[:300]
    assert r.json()["fields"] == {"name": ["contains a NUL character"]}
    r = post(client, "/api/sources", {"source": {"id": "nul", "title": "A\x00B"}}, **auth)
    assert r.status_code == 422, r.content[:300]
    assert r.json()["fields"] == {"title": ["contains a NUL character"]}


def test_an_id_longer_than_the_registry_holds_is_refused(client, auth):
    long = "x" * 201
    r = post(client, "/api/changes", rename("Ethics", id=long), **auth)
    assert r.status_code == 422, r.content[:300]
    (why,) = r.json()["fields"]["id"]
    assert why.endswith("is 201 characters long: an id has at most 200")
    r = post(client, "/api/changes", rename("Ethics", id="x" * 200), **auth)
    assert r.status_code == 201, r.content[:300]


def test_long_texts_are_kept_whole(client, auth):
    source = {
        "id": "long-texts",
        "title": "T" * 3000,
        "symbol": "S" * 600,
        "body": "B" * 900,
        "session": "s" * 300,
        "url": "https://e.org/" + "u" * 1500,
    }
    r = post(client, "/api/sources", {"source": source}, **auth)
    assert r.status_code == 201, r.content[:300]
    row = m.Source.objects.get(pk="long-texts")
    assert (len(row.symbol), len(row.url)) == (600, 1514)
    r = post(client, "/api/changes", rename("N" * 2000, cite=["long-texts"]), **auth)
    assert r.status_code == 201, r.content[:300]


@pytest.mark.parametrize("query", ["from=&to=", "from=2020&to=", "from=&to=2021"])
def test_a_diff_without_its_dates_is_a_client_error(client, query):
    r = client.get(f"/api/diff?{query}")
    assert r.status_code in (400, 422), r.content[:300]


@pytest.mark.parametrize("offset", ["-1", "-100", "99999999999999999999", str(2**63)])
@pytest.mark.parametrize("url", ["/api/registers/nominations", "/api/changes"])
def test_an_offset_out_of_range_is_a_client_error(client, auth, url, offset):
    r = client.get(f"{url}?offset={offset}", **auth)
    assert r.status_code == 422, r.content[:300]


def test_a_large_offset_gives_an_empty_page(client, auth):
    r = client.get("/api/registers/nominations?offset=1000000", **auth)
    assert r.status_code == 200 and r.json()["entries"] == []


@pytest.mark.parametrize("value", ["abc", "1.5", "99999999999999999999999"])
def test_hidden_numbers_that_are_not_numbers_are_not_server_errors(signed_in, value):
    # An entry form's version: read as stale, so nothing is overwritten.
    r = signed_in.post("/registers/nominations/new/", {"version": value, "id": "n-x"})
    assert r.status_code in (200, 409, 422)
    # A reversal's token: the same.
    change = m.Change.objects.filter(plan__isnull=True).order_by("-sequence").first()
    r = signed_in.post(
        f"/changes/{change.id}/reverse/", {"token": value, "date": "2030", "reason": "why"}
    )
    assert r.status_code in (200, 302, 409, 422)
    assert not m.Change.objects.filter(id__startswith=f"reverse-{change.id}").exists()
    # A cost table's count of rows.
    r = signed_in.post("/cost/tables/new/", {"row_count": value, "version": value, "id": "t"})
    assert r.status_code in (200, 409, 422)
