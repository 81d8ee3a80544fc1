"""The API's error answers: every status an operation can give is declared in
/api/openapi.json with the body it has, and every answer has the body its status declares."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organogram.api.errors import EVERY_OPERATION, FROM_THE_SERVER, WITH_INPUT

pytestmark = pytest.mark.django_db

REFUSAL_KEYS = {"detail", "kind", "reasons", "fields", "stale"}


@pytest.fixture
def openapi(client):
    return client.get("/api/openapi.json").json()


def operations(openapi):
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def declared_schemas(openapi, operation, status):
    """The names of the schemas ``operation`` declares for ``status``'s JSON body (one, or
    those it may be any of)."""
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    names = {s["$ref"].rsplit("/", 1)[1] for s in schema.get("anyOf", [schema])}
    assert names <= set(openapi["components"]["schemas"])
    return names


def test_every_operation_declares_the_answers_any_request_may_get(openapi):
    missing = [
        f"{name}: {status}"
        for name, operation in operations(openapi)
        for status in (*EVERY_OPERATION, *FROM_THE_SERVER)
        if str(status) not in operation["responses"]
    ]
    assert missing == []
    # The ones the HTTP server gives are its HTML page; the others are JSON with detail.
    for _, operation in operations(openapi):
        assert "text/html" in operation["responses"]["414"]["content"]
        assert declared_schemas(openapi, operation, 413) == {"ErrorOut"}
        assert declared_schemas(openapi, operation, 429) == {"ErrorOut"}
    assert openapi["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


def test_an_operation_with_an_input_declares_404_and_422_as_refusals(openapi):
    with_input = [
        (name, op)
        for name, op in operations(openapi)
        if op.get("parameters") or op.get("requestBody")
    ]
    assert len(with_input) > 40
    for name, operation in with_input:
        for status in WITH_INPUT:
            assert "RefusalOut" in declared_schemas(openapi, operation, status), name
    # Nothing to name, nothing to validate: /api/me answers neither.
    me = openapi["paths"]["/api/me"]["get"]["responses"]
    assert "404" not in me and "422" not in me


def test_a_parameter_that_does_not_validate_is_a_refusal_naming_it(client):
    response = client.get("/api/changes?limit=many&offset=-1")
    assert response.status_code == 422
    body = response.json()
    assert set(body) == REFUSAL_KEYS and body["kind"] == "invalid"
    assert set(body["fields"]) == {"limit", "offset"}
    assert "limit" in body["detail"] and "offset" in body["detail"]
    assert any(r.startswith("limit: ") for r in body["reasons"])


def test_a_body_that_does_not_validate_is_a_refusal_naming_the_field(client, auth):
    response = client.post("/api/changes", {"nothing": 1}, content_type="application/json", **auth)
    assert response.status_code == 422
    body = response.json()
    assert set(body) == REFUSAL_KEYS and list(body["fields"]) == ["change"]


def test_a_change_that_is_not_well_formed_is_a_whole_refusal(client, auth):
    response = client.post(
        "/api/changes",
        {"change": {"op": "rename", "unit": "dfam"}},
        content_type="application/json",
        **auth,
    )
    assert response.status_code == 422
    body = response.json()
    assert set(body) == REFUSAL_KEYS and body["kind"] == "invalid"
    assert set(body["fields"]) == {"date", "name"}


def test_resolving_in_a_plan_not_held_is_a_refusal_its_description_allows(client, openapi):
    resolve = openapi["paths"]["/api/names/resolve"]["get"]
    assert declared_schemas(openapi, resolve, 404) == {"Resolved", "RefusalOut"}
    response = client.get("/api/names/resolve?kind=unit&text=x&plan=no-such-plan")
    assert response.status_code == 404
    assert set(response.json()) == REFUSAL_KEYS
    named_nothing = client.get("/api/names/resolve?kind=unit&text=zzzzzz")
    assert named_nothing.status_code == 404 and named_nothing.json()["text"] == "zzzzzz"


@pytest.mark.parametrize("method", ["post", "delete"])
def test_the_copy_of_a_source_not_held_is_a_404_refusal_naming_it(client, auth, method):
    url = "/api/sources/no-such-source/file"
    if method == "post":
        copy = SimpleUploadedFile("a.txt", b"text", content_type="text/plain")
        response = client.post(url, {"file": copy}, **auth)
    else:
        response = client.delete(url, **auth)
    assert response.status_code == 404
    body = response.json()
    assert set(body) == REFUSAL_KEYS and body["kind"] == "missing"
    assert "no-such-source" in body["detail"]


def test_what_is_not_held_is_a_404_refusal(client):
    body = client.get("/api/units/nowhere").json()
    assert set(body) == REFUSAL_KEYS and body["kind"] == "missing"


def test_an_endpoints_own_403_is_declared_and_a_refusal(client, openapi):
    search = openapi["paths"]["/api/search"]["get"]
    assert declared_schemas(openapi, search, 403) == {"RefusalOut"}
    # A visitor searching people is asked to sign in, in the shape declared for 401.
    response = client.get("/api/search?q=a&kind=person")
    assert response.status_code == 401
    assert list(response.json()) == ["detail"] and "people.view" in response.json()["detail"]
    assert declared_schemas(openapi, search, 401) == {"ErrorOut"}


def test_a_400_is_detail_alone(client):
    response = client.get("/api/diff?from=&to=")
    assert response.status_code == 400
    assert list(response.json()) == ["detail"]


def test_a_body_past_the_limit_is_refused_in_json_by_the_api(client, auth, settings):
    settings.ORGANOGRAM_UPLOAD_BYTES = 1024
    response = client.post(
        "/api/changes", "{}", content_type="application/json", CONTENT_LENGTH="2048", **auth
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "at most" in response.json()["detail"]


def test_a_date_that_is_not_one_is_400_wherever_it_is_read(client):
    # The preview read its ``at`` in the query layer, where a DateError was a server error.
    response = client.get("/api/plans/hq-review-2021/preview?at=%C2%B5hK1")
    assert response.status_code == 400
    assert list(response.json()) == ["detail"]
    assert client.get("/api/plans/hq-review-2021/preview?at=2022").status_code == 200
