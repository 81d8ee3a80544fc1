"""The Governing bodies and Nominations pages, their editing forms and their API answers."""

from __future__ import annotations

import re

import pytest

from organogram.formats.registers import BY_SECTION
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.registry.services import entry_version, save_entry

pytestmark = pytest.mark.django_db

EDITOR = Actor("tests")
LATE = {
    "id": "n-late",
    "call": "ddg-2023",
    "received": "2023-11-20",
    "nominated_by": "Ruritania",
    "candidate": "Secret Candidate",
    "post": "ddg-op",
    "documents": ["curriculum vitae"],
}


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


@pytest.fixture
def editor(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("entry-editor", "editor", EDITOR)
    client.force_login(user)
    return client


def test_the_bodies_page_shows_the_council_its_bureau_and_the_members(client):
    html = page(client, "/bodies/?at=2018-12-31")
    assert 'href="/bodies/council/?at=2018-12-31"' in html
    assert "Standing Committee on Programmes and Finance" in html
    assert "Chairperson: Ethiopia" in html
    assert "Uzbekistan" in html and "International Monetary Fund" in html
    assert "only those its sources name" in html
    before = page(client, "/bodies/?at=2017-06-30")
    members = before.split('id="members"')[1].split("</section>")[0]
    assert "Uzbekistan" not in members  # (a claim's note about the membership names it)
    assert "What the sources say about the membership" in before and "175" in before


def test_a_body_page_lists_sessions_documents_and_bureau(editor):
    html = page(editor, "/bodies/council/?at=2018-12-31")
    assert "109th session of the Council" in html
    assert 'href="/sources/c109-report/"' in html
    assert "Negash Kebret Botora" in html and "Socorro Flores Liera" in html
    assert "Chile" in html and "since when not recorded" in html  # the outgoing Chairperson
    page(editor, "/bodies/nowhere/", 404)


def test_the_nominations_page_shows_the_call_deadline_and_posts(client):
    html = page(client, "/nominations/?at=2023-10-01")
    assert 'href="/nominations/ddg-2023/?at=2023-10-01"' in html
    assert "EO/821/2023" in html and "2023-11-15" in html and ">open<" in html
    assert "Deputy Director General for Operations" in html
    html = page(client, "/nominations/ddg-2023/")
    assert "15 November 2023" in html
    assert "a detailed curriculum vitae of each candidate" in html
    assert 'href="/units/ddg-mr/' in html
    page(client, "/nominations/nothing/", 404)


def test_candidates_are_shown_only_to_those_who_may_see_people(client, signed_in):
    save_entry("nominations", LATE, EDITOR)
    signed = page(signed_in, "/nominations/ddg-2023/?at=2024")
    assert "Secret Candidate" in signed and "curriculum vitae" in signed
    assert ">late</span>" in signed
    signed_in.logout()
    visitor = page(client, "/nominations/ddg-2023/?at=2024")
    assert "Secret Candidate" not in visitor
    assert ">late</span>" in visitor and "Ruritania" in visitor
    assert "sign in with an account that may see them" in visitor
    api = client.get("/api/calls/ddg-2023?at=2024").json()
    assert api["nominations"][0]["candidate"] is None
    # the call does not declare its nominations complete: the record holds one, late
    assert (api["received"], api["late"]) == (None, None)
    assert (api["recorded"], api["recorded_late"]) == (1, 1)
    assert "Nominations received by then: <strong>not recorded</strong>" in visitor


def test_an_editor_adds_a_nomination_through_the_form(editor):
    html = page(editor, "/registers/nominations/new/?call=ddg-2023")
    assert 'name="version" value="0"' in html
    form = {**LATE, "documents": "curriculum vitae\nnote verbale", "version": "0"}
    response = editor.post("/registers/nominations/new/", form)
    assert response.status_code == 302 and response["Location"] == "/nominations/ddg-2023/"
    saved = store.current_record().entry("nominations", "n-late")
    assert saved.documents == ("curriculum vitae", "note verbale")
    html = page(editor, "/nominations/ddg-2023/?at=2024")
    assert ">late</span>" in html and "Secret Candidate" in html


def test_a_bad_or_stale_form_is_refused_with_the_reason(editor):
    bad = {**LATE, "post": "dg", "version": "0"}
    response = editor.post("/registers/nominations/new/", bad)
    assert response.status_code == 422
    assert "is not one of the call&#x27;s posts" in response.content.decode()
    save_entry("nominations", LATE, EDITOR)
    html = page(editor, "/registers/nominations/n-late/edit/")
    assert 'name="version" value="1"' in html and "Secret Candidate" in html
    save_entry("nominations", {**LATE, "note": "someone else"}, Actor("other"), expected=1)
    mine = {**LATE, "documents": "curriculum vitae", "note": "mine", "version": "1"}
    response = editor.post("/registers/nominations/n-late/edit/", mine)
    assert response.status_code == 409
    text = response.content.decode()
    assert "has changed since you read it" in text and "Nothing was overwritten" in text
    assert 'name="version" value="2"' in text  # saving again is a decision
    assert store.current_record().entry("nominations", "n-late").note == "someone else"
    assert entry_version("nominations", "n-late") == 2


def test_the_source_page_links_to_its_body_and_session(client):
    html = page(client, "/sources/c109-report/")
    assert 'href="/bodies/council/#session-c-109"' in html
    assert 'href="/bodies/council/"' in html


def test_bureau_officers_names_are_for_those_who_may_see_people(client, auth):
    html = page(client, "/bodies/council/?at=2018-12-31")
    assert "Ethiopia" in html and "sign in to see" in html
    assert "Negash Kebret Botora" not in html
    council = client.get("/api/bodies/council?at=2018").json()
    assert {t["name"] for t in council["bureau_at"]} == {""}
    listed = client.get("/api/registers/bureau").json()["entries"]
    assert listed and all("name" not in e["entry"] for e in listed)
    signed = client.get("/api/bodies/council?at=2018", **auth).json()
    assert "Negash Kebret Botora" in {t["name"] for t in signed["bureau_at"]}


def test_the_body_page_shows_the_bureau_before_and_after_a_session_and_open_terms(client):
    html = page(client, "/bodies/council/?at=2026-01-01")
    assert "possibly in office" in html
    assert (
        "in office at least until some time between July 2018 and December 2018; "
        "later not recorded"
    ) in html
    assert "The bureau before and after its sessions" in html
    assert "Before the session (outgoing)" in html and "Chile" in html
    assert "After the session (elected)" in html
    api = client.get("/api/bodies/council?at=2026").json()
    assert {t["standing"] for t in api["bureau_at"]} == {"possibly"}
    [group] = api["bureau_sessions"]
    assert group["outgoing"] == ["council-chair-before-109"]


def test_the_api_answers_for_bodies_and_calls(client):
    data = client.get("/api/bodies?at=2018").json()
    assert [b["id"] for b in data["bodies"]] == ["council", "scpf"]
    assert data["membership"]["members"] == 1
    council = client.get("/api/bodies/council?at=2018").json()
    states = [t["state"] for t in council["bureau_at"]]
    assert states == ["Ethiopia", "Denmark", "Philippines", "Mexico"]
    [call] = client.get("/api/calls?at=2023-10-01").json()["calls"]
    assert call["open"] is True and [p["id"] for p in call["posts"]] == ["ddg-op", "ddg-mr"]
    assert client.get("/api/calls/nothing").status_code == 404


def test_the_back_link_of_a_form_stays_on_the_site(editor):
    html = page(editor, "/registers/calls/new/?back=/nominations/")
    assert '<a href="/nominations/">Back</a>' in html
    html = page(editor, "/registers/calls/new/?back=javascript:alert(1)")
    # No link or action leads there (the printed footer may tell the address as text).
    assert not re.search(r'(href|action|src)="\s*javascript:', html, re.I)
    back = re.search(r'<a href="([^"]*)">Back</a>', html)
    assert back is not None and back.group(1).startswith("/")


@pytest.mark.parametrize("section", sorted(BY_SECTION))
def test_every_register_has_a_form(editor, section):
    html = page(editor, f"/registers/{section}/new/")
    for f in BY_SECTION[section].fields:
        assert f'name="{f.name}"' in html, f.name
    page(editor, "/registers/nothing/new/", 404)
