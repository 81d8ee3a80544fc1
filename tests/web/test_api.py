"""The API: status and shape of every endpoint, writes through the services, no personal data
for visitors."""

from __future__ import annotations

import json

import pytest

from organogram.formats import load_dataset
from organogram.registry import models as m
from organogram.registry import store

from .conftest import IOM

pytestmark = pytest.mark.django_db

PEOPLE = [p.name for p in load_dataset(IOM).people.values()]
PERSON_IDS = list(load_dataset(IOM).people)


def get(client, url, status=200, **headers):
    r = client.get(url, **headers)
    assert r.status_code == status, r.content[:400]
    return r.json()


def post(client, url, body, status=201, **headers):
    r = client.post(url, body, content_type="application/json", **headers)
    assert r.status_code == status, r.content[:400]
    return r.json()


def test_structure_is_the_pages_data(client):
    data = get(client, "/api/structure?at=2016-11-30")
    assert data["date"] == "2016-11-30"
    names = [n["name"] for n in data["nodes"]]
    assert "Department of Resources Management" in names
    assert "Executive Office" not in names
    assert isinstance(data["token"], int)


def test_a_bad_date_is_400(client):
    assert "detail" in get(client, "/api/structure?at=2016-13-01", status=400)


def test_unit_history_lineage(client):
    unit = get(client, "/api/units/dfam?at=2016")
    assert unit["name"] == "Department of Resources Management" and "token" in unit
    history = get(client, "/api/units/dfam/history")
    assert history["versions"] and history["changes"][0]["text"]
    lineage = get(client, "/api/units/odg/lineage")
    assert [s["successor"] for s in lineage["successors"]] == ["eo"]
    get(client, "/api/units/nowhere", status=404)


def test_diff_changes_sources(client):
    diff = get(client, "/api/diff?from=2016&to=2023")
    assert diff["summary"]["units_added"] > 0 and diff["changes"]
    listed = get(client, "/api/changes?unit=dfam&limit=2")
    assert listed["count"] >= 2 and len(listed["changes"]) == 2
    assert get(client, "/api/changes?op=rename&start=2021&end=2021")["count"] > 0
    one = get(client, "/api/changes/rename-ethics")
    assert one["op"] == "rename" and one["text"]
    assert get(client, "/api/sources")[0]["id"]
    assert get(client, "/api/sources/scpf28")["changes"]


def test_plans_read(client):
    plans = get(client, "/api/plans")
    pid = plans[0]["id"]
    assert get(client, f"/api/plans/{pid}")["id"] == pid
    assert "nodes" in get(client, f"/api/plans/{pid}/preview")
    assert "findings" in get(client, f"/api/plans/{pid}/validation")
    assert get(client, f"/api/plans/{pid}/narrative")["text"]
    assert "conflicts" in get(client, f"/api/plans/{pid}/conflicts")


def test_me(client, auth):
    assert get(client, "/api/me")["role"] == "anonymous"
    me = get(client, "/api/me", **auth)
    assert me["user"] == "api-editor" and "change.record" in me["can"]


def test_record_a_change_and_reverse_it(client, auth):
    token = get(client, "/api/units/ethics")["token"]
    body = {"change": {"op": "rename", "date": "2030-01-01", "unit": "ethics", "name": "Ethics"},
            "expected": token}
    done = post(client, "/api/changes", body, **auth)
    assert done["text"] and done["recorded_by"] == "api-editor"
    entry = m.AuditEntry.objects.first()
    assert (entry.via, entry.action, entry.by) == ("api", "organogram.change.record", "api-editor")
    # The same token again: someone (we) changed the unit since.
    stale = post(client, "/api/changes", body, status=409, **auth)
    assert stale["stale"] and done["id"] in stale["reasons"][0]
    back = post(client, f"/api/changes/{done['id']}/reverse", {"reason": "undo"}, **auth)
    assert back["reverses"] == done["id"]
    s = store.current_record().timeline.snapshot("2030").structure
    assert s.units["ethics"].name != "Ethics"
    assert m.AuditEntry.objects.first().action == "organogram.change.reverse"


def test_refusals_say_why(client, auth):
    bad = {"change": {"op": "rename", "unit": "ethics"}}
    assert "date" in post(client, "/api/changes", bad, status=422, **auth)["fields"]
    nowhere = {"change": {"op": "rename", "date": "2030", "unit": "nowhere", "name": "X"}}
    refused = post(client, "/api/changes", nowhere, status=409, **auth)
    assert "does not exist" in refused["reasons"][0]


def test_a_bad_token_is_refused_not_read_as_a_visitor(client):
    r = client.get("/api/structure", HTTP_AUTHORIZATION="Bearer org_nonsense")
    assert r.status_code == 401


def test_plan_workflow_through_the_api(client, auth):
    plan = post(client, "/api/plans", {"title": "Ethics rename", "effective": "2031"}, **auth)
    pid = plan["id"]
    change = {"change": {"op": "rename", "unit": "ethics", "name": "Integrity Office"}}
    added = post(client, f"/api/plans/{pid}/changes", change, **auth)
    assert added["count"] == 1
    r = client.post(f"/api/plans/{pid}/transition", {"to": "proposed"},
                    content_type="application/json", **auth)
    assert r.status_code == 200 and r.json()["status"] == "proposed"
    # An editor may not approve.
    r = client.post(f"/api/plans/{pid}/transition", {"to": "approved"},
                    content_type="application/json", **auth)
    assert r.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/api/structure?at=2016-11-30",
        "/api/structure?at=2023-06-30",
        "/api/units/dg?at=2016-11-30",
        "/api/units/ddg-mr?at=2023-06-30",
        "/api/units/dg/history",
        "/api/changes?limit=1000",
        "/api/diff?from=2009&to=2024",
        "/api/sources/scpf28",
        "/api/sources/ddg-mr-portfolio",
        "/api/plans/hq-review-2021",
        "/api/plans/hq-review-2021/narrative",
        "/api/plans/hq-review-2021/preview",
    ],
)
def test_visitors_never_get_personal_data(client, url):
    text = client.get(url).content.decode()
    data = json.loads(text)
    assert data is not None
    for name in PEOPLE:
        assert name not in text, (url, name)
    for ident in PERSON_IDS:
        assert f'"{ident}"' not in text, (url, ident)


def test_signed_in_readers_see_holders(client, auth):
    text = client.get("/api/units/dg?at=2016-11-30", **auth).content.decode()
    assert PEOPLE[0] in text


def test_docs_and_openapi(client):
    assert client.get("/api/docs").status_code == 200
    schema = get(client, "/api/openapi.json")
    assert "/api/changes" in schema["paths"]
    assert "TokenAuth" in json.dumps(schema["components"])
