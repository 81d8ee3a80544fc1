"""Editing from the pages: record a change, stale and refused saves, corrections, reversal,
the audit log page and the account page."""

from __future__ import annotations

import pytest

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user, _ = add_user("ed", "editor", Actor("tests"))
    client.force_login(user)
    return client


def form_token(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"].initial["token"]


def name_on(day: str, unit: str = "ethics") -> str:
    return store.current_record().timeline.snapshot(day).structure.units[unit].name


def test_unit_page_offers_forms_to_editors_only(client, editor):
    html = editor.get("/units/ethics/").content.decode()
    assert "Record a change" in html and "/units/ethics/record/rename/" in html
    assert "Reverse…" in html
    client.logout()
    html = client.get("/units/ethics/").content.decode()
    assert "Record a change" not in html and "Reverse…" not in html


def test_record_a_rename(editor):
    url = "/units/ethics/record/rename/"
    token = form_token(editor, url)
    body = {"name": "Ethics Office", "date": "2030-01-01", "reason": "decision 12",
            "cite_source": "scpf28", "cite_passage": "21", "token": token}
    response = editor.post(url, body)
    assert response.status_code == 302 and response["Location"] == "/units/ethics/?at=2030-01-01"
    assert name_on("2030") == "Ethics Office"
    change = store.current_record().timeline.changes[-1]
    assert (change.reason, str(change.cites[0]), change.recorded_by) == (
        "decision 12", "scpf28:21", "ed")
    entry = m.AuditEntry.objects.first()
    assert (entry.action, entry.via, entry.by) == ("organogram.change.record", "web", "ed")
    page = editor.get(response["Location"]).content.decode()
    assert "Ethics Office" in page and "Recorded" in page


def test_a_rename_shows_the_present_name_and_asks_about_the_abbreviation(editor):
    url = "/units/gmdac/record/rename/"
    html = editor.get(url).content.decode()
    assert "is called <strong>Global Migration Data Analysis Centre</strong>" in html
    assert "abbreviated <strong>GMDAC</strong>" in html
    body = {"name": "Migration Data Centre", "date": "2030-01-01", "reason": "r",
            "token": form_token(editor, url)}
    response = editor.post(url, body)
    assert response.status_code == 200  # not recorded: the abbreviation was not answered
    assert "abbreviation_choice" in response.context["form"].errors
    assert editor.post(url, {**body, "abbreviation_choice": "none"}).status_code == 302
    unit = store.current_record().timeline.snapshot("2030").structure.units["gmdac"]
    assert (unit.name, unit.abbreviation) == ("Migration Data Centre", "")


def test_record_forms_take_names_resolved_as_of_their_date(editor):
    url = "/units/budget/record/move/"
    body = {"to": "office of legal affairs", "date": "2030-01-01", "reason": "r",
            "cite_source": "IOM Headquarters Organizational Review", "cite_passage": "21",
            "token": form_token(editor, url)}
    assert editor.post(url, body).status_code == 302  # a former name, a source's title
    change = store.current_record().timeline.changes[-1]
    assert (change.node, change.to, str(change.cites[0])) == ("budget", "dla", "scpf28:21")
    body = {**body, "to": "Legal Afairs Dept", "token": form_token(editor, url)}
    response = editor.post(url, body)
    assert response.status_code == 200
    assert "no unit or senior post is called" in response.context["form"].errors["to"][0]


def test_a_stale_save_is_refused_and_the_input_kept(editor):
    url = "/units/ethics/record/rename/"
    token = form_token(editor, url)
    first = {"name": "First Name", "date": "2030-01-01", "reason": "a", "token": token}
    assert editor.post(url, first).status_code == 302
    second = {"name": "Second Name", "date": "2030-02-01", "reason": "b", "token": token}
    response = editor.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "someone else has changed" in html and "recorded by ed" in html
    assert 'value="Second Name"' in html and 'value="b"' in html
    assert name_on("2031") == "First Name"  # nothing overwritten
    # Told what changed, saving again is deliberate: the form carries a fresh token.
    again = {**second, "token": response.context["form"].data["token"]}
    assert editor.post(url, again).status_code == 302
    assert name_on("2031") == "Second Name"


def test_a_precondition_failure_is_explained(editor):
    url = "/units/ethics/record/rename/"
    token = form_token(editor, url)
    body = {"name": name_on("2030"), "date": "2030-01-01", "reason": "r", "token": token}
    response = editor.post(url, body)
    assert response.status_code == 409
    assert "is already named" in response.content.decode()


def test_missing_fields_are_marked(editor):
    url = "/units/ethics/record/rename/"
    response = editor.post(url, {"name": "", "date": "", "reason": "", "token": 0})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"name", "date", "reason"}


def test_create_a_sub_unit_and_a_post(editor):
    token = form_token(editor, "/units/ethics/record/create/")
    body = {"new_id": "ethics-training", "name": "Ethics Training Unit", "kind": "unit",
            "date": "2030-01-01", "reason": "r", "token": token}
    assert editor.post("/units/ethics/record/create/", body).status_code == 302
    s = store.current_record().timeline.snapshot("2030").structure
    assert s.oversight["ethics-training"] == "ethics"
    body = {"new_id": "ethics-p4", "title": "Ethics Officer", "grade": "P-4",
            "date": "2030-01-01", "reason": "r",
            "token": form_token(editor, "/units/ethics/record/create-post/")}
    assert editor.post("/units/ethics/record/create-post/", body).status_code == 302
    assert "ethics-p4" in store.current_record().timeline.snapshot("2030").structure.posts


def test_a_correction_leaves_a_trace(editor):
    url = "/units/ethics/record/rename/"
    token = form_token(editor, url)
    body = {"name": "Ethics and Integrity Office", "date": "2030-01-01", "reason": "typo",
            "corrects": "rename-ethics", "token": token}
    assert editor.post(url, body).status_code == 302
    entry = m.AuditEntry.objects.first()
    assert entry.action == "organogram.change.correct"
    assert entry.after["corrects"] == "rename-ethics"
    assert entry.before["nodes"]["ethics"]["name"] != entry.after["nodes"]["ethics"]["name"]


def test_reverse_a_change(editor):
    url = "/units/ethics/record/rename/"
    body = {"name": "Temporary", "date": "2030-01-01", "reason": "r",
            "token": form_token(editor, url)}
    editor.post(url, body)
    recorded = store.current_record().timeline.changes[-1]
    page = editor.get(f"/changes/{recorded.id}/reverse/")
    assert page.status_code == 200 and "What will be recorded" in page.content.decode()
    response = editor.post(f"/changes/{recorded.id}/reverse/",
                           {"date": "2030-01-01", "reason": "mistake"})
    assert response.status_code == 302
    assert name_on("2030") != "Temporary"
    assert m.AuditEntry.objects.first().after["reverses"] == recorded.id


def test_a_merge_cannot_be_reversed_and_says_why(editor):
    # The IOM record has no merge since the review is read as creates and moves (scpf28
    # paras. 26-27); its one split links lineage the same way.
    split = next(c for c in store.current_record().timeline if c.op == "split")
    html = editor.get(f"/changes/{split.id}/reverse/").content.decode()
    assert "lineage" in html


def test_audit_page_filters(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    boss, _ = add_user("boss2", "administrator", Actor("tests"))
    client.force_login(boss)
    html = client.get("/audit/").content.decode()
    assert "organogram.dataset.load" in html and "organogram.user.add" in html
    html = client.get("/audit/?action=organogram.user.add").content.decode()
    assert "organogram.dataset.load</code>" not in html and "boss2" in html
    assert client.get("/audit/?via=api").context["page"].paginator.count == 0
    assert client.get("/audit/?from=2999-01-01").context["page"].paginator.count == 0
    assert client.get("/audit/?from=nonsense").status_code == 400


def test_account_page_makes_and_revokes_tokens(editor):
    response = editor.post("/account/", {"create": "1", "name": "sheet"})
    token = response.context["new_token"]
    assert token.startswith("org_") and token in response.content.decode()
    assert editor.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()["user"] == "ed"
    row = m.Token.objects.get()
    assert row.digest != token  # only a hash is kept
    editor.post("/account/", {"revoke": row.pk})
    assert editor.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
