"""The API describes its answers: every read names a schema in /api/openapi.json, and
every answer a read gives is one its schema describes (no field left unnamed)."""

from __future__ import annotations

import typing

import pytest
from ninja import operation

from organogram.api.schemas.record import StructureOut

pytestmark = pytest.mark.django_db


def untyped_reads(openapi: dict) -> list[str]:
    """The GET operations of ``openapi`` whose 200 answer has no JSON schema (or an
    empty one), as "GET /path"."""
    missing = []
    for path, item in openapi["paths"].items():
        op = item.get("get")
        if op is None:
            continue
        answer = op.get("responses", {}).get("200", {})
        schema = answer.get("content", {}).get("application/json", {}).get("schema") or {}
        if not (schema.get("$ref") or schema.get("properties") or schema.get("items")):
            missing.append(f"GET {path}")
    return sorted(missing)


def test_every_read_describes_its_answer(client):
    openapi = client.get("/api/openapi.json").json()
    assert untyped_reads(openapi) == [], "reads whose answer has no schema"
    # Named schemas, listed in the components: what /api/docs shows.
    assert {"UnitOut", "ChangeOut", "PlanOut", "PostOut", "EntryPage"} <= set(
        openapi["components"]["schemas"]
    )


def test_the_check_names_the_reads_without_a_schema():
    openapi = {
        "paths": {
            "/api/a": {"get": {"responses": {"200": {"description": "OK"}}}},
            "/api/b": {
                "get": {
                    "responses": {
                        "200": {
                            "content": {
                                "application/json": {"schema": {"$ref": "#/c/B"}}
                            }
                        }
                    }
                }
            },
            "/api/c": {"post": {"responses": {"201": {"description": "OK"}}}},
            "/api/d": {
                "get": {
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {}}}}
                    }
                }
            },
        }
    }
    assert untyped_reads(openapi) == ["GET /api/a", "GET /api/d"]


def schema_of(op: operation.Operation) -> type | None:
    """The schema an operation's 200 answer is checked against (a list's item's)."""
    model = op.response_models.get(200)
    if model is None:
        return None
    annotation = model.model_fields["response"].annotation
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    return annotation


def named(schema: type) -> set[str]:
    return {f.alias or name for name, f in schema.model_fields.items()}


@pytest.fixture
def answers(monkeypatch):
    """Every (operation, answer before its schema) a request in the test gives."""
    seen: list[tuple[operation.Operation, object]] = []
    real = operation.Operation._result_to_response

    def noting(self, request, result, temporal_response):
        seen.append((self, result))
        return real(self, request, result, temporal_response)

    monkeypatch.setattr(operation.Operation, "_result_to_response", noting)
    return seen


def unnamed_fields(seen) -> list[str]:
    """The top-level keys an answer had that its schema does not name (and so would drop)."""
    found = []
    for op, result in seen:
        schema = schema_of(op)
        if schema is None or not isinstance(schema, type):
            continue
        rows = result if isinstance(result, list) else [result]
        for row in rows:
            if isinstance(row, dict):
                extra = set(row) - named(schema)
                if extra:
                    name = op.view_func.__name__
                    found.append(f"{name}: {sorted(extra)} not in {schema.__name__}")
    return sorted(set(found))


def read_urls(client, headers) -> list[str]:
    """A read of every GET endpoint, ids taken from the lists."""
    change = client.get("/api/changes?limit=1", **headers).json()["changes"][0]["id"]
    body = client.get("/api/bodies?at=2019", **headers).json()["bodies"][0]["id"]
    calls = client.get("/api/calls", **headers).json()["calls"]
    posts = client.get("/api/posts?at=2020", **headers).json()["posts"]
    post = next(p["id"] for p in posts if not p["senior"])
    senior = next(p["id"] for p in posts if p["senior"])
    register = client.get("/api/registers/bodies", **headers).json()["entries"][0]["id"]
    urls = [
        "/api/me",
        "/api/units/dg?at=2016-11-30",
        f"/api/units/{senior}?at=2020",
        "/api/units/dfam?at=2030",
        "/api/units/dg/history",
        "/api/units/dfam/lineage",
        "/api/diff?from=2009&to=2024",
        "/api/sources",
        "/api/sources/scpf28",
        f"/api/changes/{change}",
        "/api/plans",
        "/api/plans/hq-review-2021",
        "/api/plans/hq-review-2021/preview",
        "/api/plans/hq-review-2021/validation",
        "/api/plans/hq-review-2021/narrative",
        "/api/plans/hq-review-2021/conflicts",
        "/api/cost?at=2022",
        "/api/cost?at=2022&by=grade&currency=CHF",
        "/api/cost/plans/hq-review-2021",
        "/api/budgets",
        f"/api/bodies/{body}?at=2019",
        "/api/vacancies?at=2020",
        f"/api/posts/{post}?at=2020",
        "/api/posts/ddg?at=2010",
        "/api/registers",
        f"/api/registers/bodies/{register}",
    ]
    return urls + [f"/api/calls/{c['id']}" for c in calls[:2]]


@pytest.mark.parametrize("who", ["visitor", "editor"])
def test_every_answer_is_one_its_schema_names_in_full(client, auth, answers, who):
    headers = auth if who == "editor" else {}
    for url in read_urls(client, headers):
        r = client.get(url, **headers)
        assert r.status_code == 200, (url, r.content[:300])
    assert len(answers) > 30
    assert unnamed_fields(answers) == []


def test_a_field_left_out_of_a_schema_is_found(answers, client):
    client.get("/api/me")
    op, result = answers[-1]
    answers[-1] = (op, {**result, "surprise": 1})
    assert unnamed_fields(answers) == ["me: ['surprise'] not in Me"]


@pytest.mark.parametrize("who", ["visitor", "editor"])
def test_the_structure_answer_written_ahead_is_its_schema(client, auth, who):
    # The structure's JSON is written once per revision and sent as it is: ninja does not
    # check it, so this does.
    headers = auth if who == "editor" else {}
    for url in ("/api/structure?at=2016-11-30", "/api/structure?unit=dfam&at=2020"):
        data = client.get(url, **headers).json()
        assert set(data) == named(StructureOut)
        StructureOut.model_validate(data)


def test_a_unit_answer_leaves_out_the_fields_of_a_post_and_the_other_way(client, auth):
    unit = client.get("/api/units/dfam?at=2016-11-30", **auth).json()
    assert unit["is_unit"] and "abbreviation" in unit
    assert "grade" not in unit and "holders" not in unit and "fte" not in unit
    post = client.get("/api/units/dg?at=2016-11-30", **auth).json()
    assert not post["is_unit"] and "grade" in post and "holders" in post
    assert "abbreviation" not in post and "mandate" not in post
    # Who holds it: never for a visitor, not even as an empty field.
    assert "holders" not in client.get("/api/units/dg?at=2016-11-30").json()


def test_the_diff_answer_keeps_its_from_field(client):
    data = client.get("/api/diff?from=2009&to=2024").json()
    assert data["from"] == "2009-12-31" and data["to"] == "2024-12-31" and "from_" not in data


def untyped_writes(openapi: dict) -> list[str]:
    """The writes of ``openapi`` whose success answer has no schema, or whose refusals
    (403, 404, 409, 422) do not name the refusal's schema, as "METHOD /path".

    A refusal may name a schema of its own (``MergeRefusalOut``: the conflicts to settle)
    when it holds every field of RefusalOut."""
    components = openapi.get("components", {}).get("schemas", {})
    fields = set(components.get("RefusalOut", {}).get("properties", {}))

    def is_refusal(ref: str) -> bool:
        name = ref.rsplit("/", 1)[-1]
        own = set(components.get(name, {}).get("properties", {}))
        return name == "RefusalOut" or (name.endswith("RefusalOut") and fields <= own)

    missing = []
    for path, item in openapi["paths"].items():
        for method in ("post", "put", "delete"):
            op = item.get(method)
            if op is None:
                continue
            responses = op.get("responses", {})
            success = next((responses[c] for c in ("200", "201") if c in responses), None)
            if success is None and "204" not in responses:
                missing.append(f"{method.upper()} {path}")
                continue
            if success is not None:
                schema = success.get("content", {}).get("application/json", {}).get("schema")
                if not (schema or {}).get("$ref"):
                    missing.append(f"{method.upper()} {path}")
                    continue
            for code in ("403", "404", "409", "422"):
                schema = (
                    responses.get(code, {}).get("content", {}).get("application/json", {})
                ).get("schema") or {}
                if not is_refusal(schema.get("$ref", "")):
                    missing.append(f"{method.upper()} {path} ({code})")
                    break
    return sorted(missing)


def test_every_write_describes_its_answer_and_its_refusals(client):
    openapi = client.get("/api/openapi.json").json()
    writes = [p for p, item in openapi["paths"].items() if {"post", "put", "delete"} & set(item)]
    assert len(writes) >= 10
    assert untyped_writes(openapi) == [], "writes whose answer or refusal has no schema"
    refusal = openapi["components"]["schemas"]["RefusalOut"]["properties"]
    assert set(refusal) == {"detail", "kind", "reasons", "fields", "stale"}


def test_a_change_read_is_the_shape_a_write_accepts(client, auth):
    """What GET /api/changes/ID gives under ``change`` can be posted back as a change."""
    headers = auth
    read = client.get("/api/changes/rename-ethics", **headers).json()
    stamps = ("id", "recorded_by", "recorded_at")
    again = {k: v for k, v in read["change"].items() if k not in stamps}
    again.update(date="2031-01-01", name="Ethics and Integrity Office")
    posted = client.post(
        "/api/changes", {"change": again}, content_type="application/json", **headers
    )
    assert posted.status_code == 201, posted.content
    answer = posted.json()
    assert answer["change"]["name"] == "Ethics and Integrity Office"
    assert answer["change"]["op"] == read["change"]["op"] == "rename"
