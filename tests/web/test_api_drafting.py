"""``POST /api/plans/draft``: a paper (a file or its text) read into proposed changes, the
same JSON as ``organogram plan draft --format json``; nothing is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from organogram.cli.main import main
from organogram.registry.accounts import add_user, create_token
from organogram.registry.actions.base import revision_number
from organogram.registry.audit import Actor

pytestmark = pytest.mark.django_db

PAPER = Path(__file__).resolve().parents[1] / "fixtures" / "drafting" / "consolidation.md"
IOM = Path(__file__).resolve().parents[2] / "data" / "iom"
URL = "/api/plans/draft"


def test_the_proposals_are_the_commands_json(client, auth, capsys):
    before = revision_number()
    answer = client.post(URL, {"text": PAPER.read_text(), "at": "2024-01-01"}, **auth)
    assert answer.status_code == 200, answer.content
    got = answer.json()
    command = ["plan", "draft", str(IOM), str(PAPER), "--date", "2024-01-01", "--format", "json"]
    assert main(command) == 0
    printed = json.loads(capsys.readouterr().out)
    # The same proposals and fields; the command makes a source id of the file's name
    # when none is given, where the API cites none.
    assert set(got) == set(printed)
    for key in ("at", "paragraphs", "unresolved", "unread"):
        assert got[key] == printed[key]
    assert got["effective"]["date"] == printed["effective"]["date"]
    for mine, theirs in zip(got["operations"], printed["operations"], strict=True):
        assert mine == {**theirs, "cite": theirs["cite"].split(":")[-1]}
    assert [o["op"] for o in got["operations"]] == ["merge", "create", "move", "rename"]
    assert got["effective"]["date"] == "2026-01-01"
    assert revision_number() == before


def test_a_file_and_a_source_by_its_title(client, auth):
    paper = SimpleUploadedFile("consolidation.md", PAPER.read_bytes(), "text/markdown")
    answer = client.post(
        URL,
        {"file": paper, "at": "2024-01-01", "source": "IOM Headquarters Organizational Review"},
        **auth,
    )
    assert answer.status_code == 200, answer.content
    got = answer.json()
    assert got["source"] == "scpf28"
    assert got["operations"][0]["cite"] == "scpf28:1"


def test_bad_input_is_422_naming_the_field(client, auth):
    answer = client.post(URL, {"text": "", "at": "2024-01-01"}, **auth)
    assert answer.status_code == 422
    assert list(answer.json()["fields"]) == ["text"]
    word = SimpleUploadedFile("paper.docx", b"PK\x03\x04", "application/msword")
    answer = client.post(URL, {"file": word, "at": "soon", "source": "No such paper"}, **auth)
    assert answer.status_code == 422
    fields = answer.json()["fields"]
    assert set(fields) == {"file", "at", "source"}
    assert fields["file"][0].startswith("paper.docx: ")


def test_visitors_and_readers_may_not(client, settings):
    assert client.post(URL, {"text": PAPER.read_text()}).status_code == 401
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("api-viewer", "viewer", Actor("tests"))
    _, token = create_token(user, Actor("tests"))
    answer = client.post(URL, {"text": PAPER.read_text()}, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert answer.status_code == 403


def test_without_a_date_names_are_read_the_day_before_the_paper_takes_effect(client, auth):
    """As `organogram plan draft`: the paper's first date (1 January 2026) less a day."""
    answer = client.post(URL, {"text": PAPER.read_text()}, **auth)
    assert answer.status_code == 200
    body = answer.json()
    assert body["at"] == "2025-12-31"
    assert "2026" in body["at_reason"]
