"""The registers' API: list, read, add, edit and remove entries, with versions."""

from __future__ import annotations

import json

import pytest

from organogram.registry import models as m
from organogram.registry import store

pytestmark = pytest.mark.django_db

COUNCIL = {"id": "assembly", "name": "Council", "kind": "council", "cite": "c109-report"}


def send(client, method, url, body=None, status=200, **headers):
    data = json.dumps(body) if body is not None else ""
    r = client.generic(method, url, data, content_type="application/json", **headers)
    assert r.status_code == status, r.content[:500]
    return r.json() if r.content else None


def test_the_registers_are_listed_with_their_fields(client):
    data = send(client, "GET", "/api/registers")
    bodies = next(r for r in data["registers"] if r["section"] == "bodies")
    assert bodies["noun"] == "governing body"
    assert bodies["count"] == m.Entry.objects.filter(register="bodies").count() > 0
    parent = next(f for f in bodies["fields"] if f["name"] == "parent")
    assert parent == {"name": "parent", "required": False, "doc": "the body this one belongs to"}
    assert [f["name"] for f in bodies["fields"] if f["required"]] == ["id", "name"]


def test_an_entry_is_added_read_edited_and_removed(client, auth):
    added = send(client, "POST", "/api/registers/bodies", {"entry": COUNCIL}, 201, **auth)
    assert added["version"] == 1 and added["entry"] == COUNCIL
    assert added["revision"] == store.revision()
    listed = send(client, "GET", "/api/registers/bodies")
    assert listed["count"] >= 1 and COUNCIL in [e["entry"] for e in listed["entries"]]
    edited = send(
        client,
        "PUT",
        "/api/registers/bodies/assembly",
        {"entry": {"name": "The Council"}, "expected": 1},
        **auth,
    )
    assert edited["version"] == 2 and edited["entry"] == {"id": "assembly", "name": "The Council"}
    assert send(client, "GET", "/api/registers/bodies/assembly")["version"] == 2
    send(client, "DELETE", "/api/registers/bodies/assembly?expected=2", status=204, **auth)
    send(client, "GET", "/api/registers/bodies/assembly", status=404)
    assert m.AuditEntry.objects.first().action == "organogram.bodies.remove"


def test_a_stale_edit_is_409_and_says_so(client, auth):
    send(client, "POST", "/api/registers/bodies", {"entry": COUNCIL}, 201, **auth)
    send(client, "PUT", "/api/registers/bodies/assembly", {"entry": COUNCIL, "expected": 1}, **auth)
    body = send(
        client,
        "PUT",
        "/api/registers/bodies/assembly",
        {"entry": {"name": "Mine"}, "expected": 1},
        409,
        **auth,
    )
    assert body["stale"] is True and "has changed since you read it" in body["detail"]


def test_bad_entries_are_422_by_field(client, auth):
    body = send(
        client,
        "POST",
        "/api/registers/bodies",
        {"entry": {"id": "x", "established": "soon", "parent": "nowhere"}},
        422,
        **auth,
    )
    assert body["fields"]["name"] == ["required field is missing"]
    assert "established" in body["fields"]
    orphan = {"entry": {"id": "x", "name": "X", "parent": "no"}}
    body = send(client, "POST", "/api/registers/bodies", orphan, 422, **auth)
    assert body["fields"] == {"parent": ["'no' is not an entry of bodies in the record"]}
    body = send(
        client, "PUT", "/api/registers/bodies/x", {"entry": {"id": "y", "name": "Y"}}, 422, **auth
    )
    assert body["fields"]["id"] == ["an entry's id cannot change"]
    send(client, "GET", "/api/registers/nothing", status=404)


def test_visitors_cannot_write(client):
    send(client, "POST", "/api/registers/bodies", {"entry": COUNCIL}, 401)
