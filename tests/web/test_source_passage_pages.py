"""A source's passages and its copy on the pages: edited on its form, offered beside the
source fields of the change forms, refused beside the passage when not listed, and the
copy downloaded as an attachment."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.actions.sources import source_version
from organogram.registry.audit import Actor
from organogram.registry.services import draft_plan

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
PDF = b"%PDF-1.4\n% the second report\n"


@pytest.fixture
def editor(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("passages-editor", "editor", TESTS)
    client.force_login(user)
    return client


def add_paper(client, **more):
    form = {
        "id": "scpf33-5",
        "title": "Structural review: second report",
        "passages": "1 — Background\n2: Two new divisions\n\nannex The chart",
        "upload": SimpleUploadedFile("S-33-5.pdf", PDF, "application/pdf"),
        **more,
    }
    return client.post("/sources/new/", form)


def test_a_source_is_added_with_passages_and_a_copy_then_shown(editor):
    form = editor.get("/sources/new/").content.decode()
    assert 'enctype="multipart/form-data"' in form and 'name="upload"' in form
    assert 'name="passages"' in form
    response = add_paper(editor)
    assert response.status_code == 302, response.content.decode()
    source = store.current().record.sources["scpf33-5"]
    assert [(p.id, p.title) for p in source.passages] == [
        ("1", "Background"),
        ("2", "Two new divisions"),
        ("annex", "The chart"),
    ]
    assert source.file == "S-33-5.pdf"
    page = editor.get("/sources/scpf33-5/").content.decode()
    assert 'href="/sources/scpf33-5/file/"' in page and "Two new divisions" in page
    edit = editor.get("/sources/scpf33-5/edit/").content.decode()
    assert "1 — Background\n2 — Two new divisions\nannex — The chart" in edit
    assert "Remove this copy" in edit


def test_the_copy_downloads_as_an_attachment_of_its_type(editor, client):
    add_paper(editor)
    response = client.get("/sources/scpf33-5/file/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="S-33-5.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get("/sources/scpf28/file/").status_code == 404


def test_a_file_above_the_limit_is_refused_beside_the_upload_and_nothing_kept(editor, settings):
    settings.ORGANOGRAM_SOURCE_FILE_BYTES = 10
    response = add_paper(editor)
    assert response.status_code == 422
    assert "the file is larger than 10 bytes" in response.content.decode()
    assert "scpf33-5" not in store.current().record.sources
    assert not m.SourceFile.objects.exists()


def test_a_bad_passage_line_is_told_by_its_line(editor):
    response = add_paper(editor, passages="1 — Background\n1 — Again")
    assert response.status_code == 422
    assert "line 2: duplicate id &#x27;1&#x27;" in response.content.decode()


def test_removing_the_copy_clears_the_file_field(editor):
    add_paper(editor)
    held = store.current().record.sources["scpf33-5"]
    form = {
        "title": held.title,
        "file": "S-33-5.pdf",
        "passages": "1",
        "drop_file": "1",
        "version": source_version(held),
    }
    assert editor.post("/sources/scpf33-5/edit/", form).status_code == 302
    assert store.current().record.sources["scpf33-5"].file == ""
    assert not m.SourceFile.objects.exists()


def test_the_lookup_answers_the_passages_of_a_source_named_by_its_title(client):
    answer = client.get("/lookup/passages/", {"source": "IOM Headquarters Organizational Review"})
    data = answer.json()
    assert data["source"]["id"] == "scpf28"
    assert data["passages"][0] == {
        "id": "1",
        "title": data["passages"][0]["title"],
        "label": f"1 — {data['passages'][0]['title']}",
    }
    assert [p["id"] for p in data["passages"]][-2:] == ["38", "annex"]
    assert client.get("/lookup/passages/", {"source": "res-1385"}).json()["passages"] == []
    assert client.get("/lookup/passages/", {"source": "no such paper"}).status_code == 404


def test_a_plan_change_citing_an_unlisted_passage_is_refused_beside_the_passage(signed_in):
    plan = draft_plan(TESTS, title="Review", effective="2030-01-01").id
    body = {
        "op": "relocate",
        "unit": "budget",
        "location": "Manila",
        "cite": "IOM Headquarters Organizational Review",
        "passage": "39",
    }
    html = signed_in.get(f"/plans/{plan}/changes/new/?op=relocate").content.decode()
    assert 'data-passages-of="cite"' in html and "site/passages.js" in html
    response = signed_in.post(f"/plans/{plan}/changes/new/?op=relocate", body)
    assert response.status_code == 400
    text = response.content.decode()
    assert "&#x27;scpf28&#x27; has no passage &#x27;39&#x27;" in text
    assert not store.current_record().plan(plan).changes
    body["passage"] = "12-13"
    assert signed_in.post(f"/plans/{plan}/changes/new/?op=relocate", body).status_code == 302
    assert [str(c) for c in store.current_record().plan(plan).changes[-1].cites] == ["scpf28:12-13"]


def test_the_api_takes_an_upload_as_multipart_and_lists_passages(client, auth):
    detail = client.get("/api/sources/scpf28", **auth).json()
    assert detail["passages"][11] == {
        "id": "12",
        "title": detail["passages"][11]["title"],
        "text": "",
    }
    assert detail.get("stored_file") is None
    sent = SimpleUploadedFile("review.txt", b"the text of the review", "text/plain")
    answer = client.post(
        "/api/sources/scpf28/file", {"file": sent, "expected": detail["version"]}, **auth
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["file"] == "review.txt"
    kept = client.get("/api/sources/scpf28", **auth).json()["stored_file"]
    assert kept["url"] == "/sources/scpf28/file/" and kept["size"] == 22
    sent.seek(0)
    stale = client.post(
        "/api/sources/scpf28/file", {"file": sent, "expected": detail["version"]}, **auth
    )
    assert stale.status_code == 409
    version = answer.json()["version"]
    removed = client.delete(f"/api/sources/scpf28/file?expected={version}", **auth)
    assert removed.status_code == 200 and removed.json()["file"] == ""
    assert not m.SourceFile.objects.exists()
