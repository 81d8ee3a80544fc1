"""Adding, editing and removing sources from the pages and through the API."""

from __future__ import annotations

import json
import re

import pytest

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.actions.sources import source_version
from organogram.registry.audit import Actor

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
FORM = {
    "id": "scpf33-5",
    "title": "Structural review: second report",
    "symbol": "S/33/5",
    "body": "Standing Committee on Programmes and Finance",
    "session": "33rd session",
    "date": "2023-10-20",
    "url": "https://governingbodies.iom.int/s-33-5",
    "cites": "scpf28:21\nc109-report",
}


def as_role(client, role: str):
    user, _ = add_user(f"sources-{role}", role, TESTS)
    client.force_login(user)
    return client


@pytest.fixture
def editor(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return as_role(client, "editor")


def version(key: str) -> str:
    return source_version(store.current().record.sources[key])


def test_editors_see_add_and_edit_links_and_viewers_do_not(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    as_role(client, "viewer")
    assert "Add a source" not in client.get("/sources/").content.decode()
    assert "/sources/scpf28/edit/" not in client.get("/sources/scpf28/").content.decode()
    assert client.get("/sources/new/").status_code == 403
    as_role(client, "editor")
    assert 'href="/sources/new/"' in client.get("/sources/").content.decode()
    assert 'href="/sources/scpf28/edit/"' in client.get("/sources/scpf28/").content.decode()


def test_an_editor_adds_a_source_and_lands_on_its_page(editor):
    form = editor.get("/sources/new/").content.decode()
    assert 'name="title"' in form and "Refers to" in form and "Link" in form
    response = editor.post("/sources/new/", FORM, follow=True)
    assert response.redirect_chain[-1][0] == "/sources/scpf33-5/"
    page = response.content.decode()
    assert "Structural review: second report" in page and "S/33/5" in page
    source = store.current().record.sources["scpf33-5"]
    assert source.cites == ("scpf28:21", "c109-report") and str(source.date) == "2023-10-20"
    assert m.AuditEntry.objects.get(action="organogram.source.add").via == "web"


def test_a_link_that_is_not_a_web_address_is_shown_not_linked(editor):
    editor.post("/sources/new/", {**FORM, "cites": "", "url": "javascript:alert(1)"})
    page = editor.get("/sources/scpf33-5/").content.decode()
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page
    editor.post("/sources/new/", {**FORM, "id": "web", "cites": ""})
    page = editor.get("/sources/web/").content.decode()
    assert f'href="{FORM["url"]}"' in page


def test_a_bad_form_comes_back_naming_each_field(editor):
    bad = {**FORM, "id": "S 33", "title": "", "date": "October 2023"}
    response = editor.post("/sources/new/", bad)
    assert response.status_code == 422
    page = response.content.decode()
    assert "required field is missing" in page and "is not a date" in page
    assert page.count("is not a date") == 1  # beside its field, not again above
    assert "is not a valid id" in page
    assert 'value="October 2023"' in page  # the input is kept
    assert "S 33" not in store.current().record.sources


def test_an_edit_saved_since_is_refused_and_kept_not_overwritten(editor):
    seen = version("scpf28")
    form = editor.get("/sources/scpf28/edit/").content.decode()
    assert f'name="version" value="{seen}"' in form
    title = store.current().record.sources["scpf28"].title
    editor.post("/sources/scpf28/edit/", {"title": title, "note": "theirs", "version": seen})
    response = editor.post(
        "/sources/scpf28/edit/", {"title": title, "note": "mine", "version": seen}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "changed since you read it" in page and ">mine</textarea>" in page
    assert f'name="version" value="{version("scpf28")}"' in page  # saving again decides
    assert store.current().record.sources["scpf28"].note == "theirs"


def test_removing_a_cited_source_names_what_cites_it(editor):
    response = editor.post("/sources/scpf28/remove/", {"version": version("scpf28")})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Not removed" in page and "<li>change " in page
    assert re.search(r"<li>and \d+ more</li>", page)  # the page cuts the list short
    refusal = re.search(r'<div class="refusal".*?</div>', page, re.S).group(0)
    assert refusal.count("<li>") == 13
    editor.post("/sources/new/", {**FORM, "cites": ""})
    response = editor.post("/sources/scpf33-5/remove/", {"version": version("scpf33-5")})
    assert response.status_code == 302 and "scpf33-5" not in store.current().record.sources


def send(client, method, url, body=None, status=200, **headers):
    data = json.dumps(body) if body is not None else ""
    r = client.generic(method, url, data, content_type="application/json", **headers)
    assert r.status_code == status, r.content[:500]
    return r.json() if r.content else None


PAPER = {**FORM, "cites": ["scpf28:21"]}


def test_the_api_adds_reads_edits_and_removes_a_source(client, auth):
    added = send(client, "POST", "/api/sources", {"source": PAPER}, 201, **auth)
    assert added["symbol"] == "S/33/5" and added["cites"] == ["scpf28:21"]
    assert added["revision"] == store.revision() and added["file"] == ""
    read = send(client, "GET", "/api/sources/scpf33-5")
    assert read["version"] == added["version"]
    edit = {"source": {"title": "Second report"}, "expected": added["version"]}
    edited = send(client, "PUT", "/api/sources/scpf33-5", edit, **auth)
    assert edited["title"] == "Second report" and edited["symbol"] == ""
    stale = send(client, "PUT", "/api/sources/scpf33-5", edit, 409, **auth)
    assert stale["kind"] == "stale" and stale["stale"] is True
    url = f"/api/sources/scpf33-5?expected={edited['version']}"
    send(client, "DELETE", url, status=204, **auth)
    send(client, "GET", "/api/sources/scpf33-5", status=404)


def test_the_api_names_invalid_fields_and_what_cites_a_source(client, auth):
    bad = send(client, "POST", "/api/sources", {"source": {"id": "x", "date": "May"}}, 422, **auth)
    assert set(bad["fields"]) == {"title", "date"}
    cited = send(client, "DELETE", "/api/sources/scpf28", status=409, **auth)
    assert any(r.startswith("change ") for r in cited["reasons"])
    send(client, "POST", "/api/sources", {"source": PAPER}, 401)
