"""Drafting a plan from a document on the site: the paper read into proposals shown beside
its paragraphs, each accepted, edited or rejected (kept in the session, nothing written),
then the accepted ones saved into a draft plan through the plan actions, all or none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.actions.base import revision_number
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan, save_source

pytestmark = pytest.mark.django_db

PAPERS = Path(__file__).resolve().parents[1] / "fixtures" / "drafting"
CONSOLIDATION = (PAPERS / "consolidation.md").read_text()
TESTS = Actor("tests")


@pytest.fixture
def source(db):
    """A source for the paper, listing no passages (any paragraph may be cited)."""
    save_source({"id": "cons-2025", "title": "Consolidation of support functions"}, TESTS)
    return "cons-2025"


def read(client, text=CONSOLIDATION, **fields):
    """Post the paper as pasted text; the draft's key."""
    data = {"text": text, "at": "2024-01-01", **fields}
    answer = client.post(reverse("site:plan_draft_new"), data)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return answer["Location"].rstrip("/").rsplit("/", 1)[-1]


def page(client, key):
    answer = client.get(reverse("site:plan_draft", kwargs={"key": key}))
    assert answer.status_code == 200
    return answer.content.decode()


def decide(client, key, n, decision):
    url = reverse("site:plan_draft_decide", kwargs={"key": key})
    answer = client.post(url, {"n": n, "decision": decision})
    assert answer.status_code == 302
    return answer


def proposals(client, key):
    """Each proposal's heading on the page, in order: (number, op, decision)."""
    return re.findall(
        r'<h2 id="p-(\d+)-h">Proposal \d+: ([a-z-]+)(?: <span class="decision">(\w+)</span>)?',
        page(client, key),
    )


def test_visitors_sign_in_and_readers_may_not(client, django_user_model):
    answer = client.get(reverse("site:plan_draft_new"))
    assert answer.status_code == 302 and "signin" in answer["Location"]
    reader = django_user_model.objects.create_user("reader", password="a long password 1")
    client.force_login(reader)
    assert client.get(reverse("site:plan_draft_new")).status_code == 403
    assert client.post(reverse("site:plan_draft_new"), {"text": CONSOLIDATION}).status_code == 403


def test_the_plans_page_and_a_draft_plans_page_link_to_it(signed_in):
    assert reverse("site:plan_draft_new") in signed_in.get(reverse("site:plans")).content.decode()
    plan_id = draft_plan(TESTS, title="Support", effective="2026-01-01").id
    body = signed_in.get(reverse("site:plan", kwargs={"plan_id": plan_id})).content.decode()
    assert f"{reverse('site:plan_draft_new')}?plan={plan_id}" in body


def test_the_paper_beside_its_proposals_told_in_words(signed_in, source):
    before = revision_number()
    key = read(signed_in, source="Consolidation of support functions")
    body = page(signed_in, key)
    # Every paragraph, in order, with its number.
    numbers = re.findall(r'<li class="draft-row" id="para-(\d+)">', body)
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    # Each proposal told by the core's narration, with its rule, basis and confidence.
    assert "The Data Protection Unit is established, under the Department of Legal Affairs." in body
    assert "<code>will-be-created</code>" in body
    assert "stated by the paper" in body
    assert "cons-2025:2" in body
    # How a name was read is said (a former name).
    assert "is a former name of Finance and Accounting Division" in body
    # A paragraph that only keeps things proposes nothing, and says so.
    row5 = body.split('id="para-5"')[1].split('id="para-6"')[0]
    assert "No change proposed." in row5
    # Nothing was written.
    assert revision_number() == before


def test_unresolved_names_and_unread_paragraphs_are_listed(signed_in):
    # Unnumbered: cut into blocks numbered in order, which is said.
    text = (
        "The Office of Imaginary Affairs will be placed under the Department of Legal "
        "Affairs.\n\nThe Budget Division will be renamed the Division of Budgets.\n"
    )
    body = page(signed_in, read(signed_in, text=text))
    assert "Names not resolved (1)" in body
    assert "Office of Imaginary Affairs" in body.split('id="unresolved"')[1]
    # Beside its paragraph too.
    assert "Not resolved: “Office of Imaginary Affairs”" in body.split('id="para-1"')[1]
    assert "Paragraphs not read (1)" in body
    assert "the document numbers no paragraphs" in body


def test_an_uploaded_paper_is_read_and_a_wrong_one_refused_naming_it(signed_in, settings):
    url = reverse("site:plan_draft_new")
    paper = SimpleUploadedFile("consolidation.md", CONSOLIDATION.encode(), "text/markdown")
    answer = signed_in.post(url, {"paper": paper, "at": "2024-01-01"})
    assert answer.status_code == 302
    key = answer["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert "Proposals from consolidation.md" in page(signed_in, key)

    word = SimpleUploadedFile("review.docx", b"PK\x03\x04 not read", "application/msword")
    answer = signed_in.post(url, {"paper": word})
    assert answer.status_code == 400
    assert "review.docx: not a paper the drafting reads" in answer.content.decode()

    settings.ORGANOGRAM_SOURCE_FILE_BYTES = 100
    big = SimpleUploadedFile("long.txt", CONSOLIDATION.encode(), "text/plain")
    answer = signed_in.post(url, {"paper": big})
    assert answer.status_code == 400
    assert "long.txt: the file is larger than 100 bytes" in answer.content.decode()


def test_bad_fields_are_told_beside_them(signed_in):
    url = reverse("site:plan_draft_new")
    answer = signed_in.post(url, {"text": CONSOLIDATION, "at": "the day after", "source": "Nope"})
    assert answer.status_code == 400
    body = answer.content.decode()
    assert 'id="e-at"' in body and 'id="e-source"' in body
    answer = signed_in.post(url, {"text": ""})
    assert answer.status_code == 400
    assert "give the paper as a file, or paste its text" in answer.content.decode()


def test_decisions_are_kept_and_write_nothing(signed_in, django_user_model):
    key = read(signed_in)
    before = (revision_number(), m.AuditEntry.objects.count())
    decide(signed_in, key, 1, "accepted")
    decide(signed_in, key, 3, "rejected")
    got = proposals(signed_in, key)
    assert [(n, d) for n, _, d in got] == [
        ("1", "accepted"),
        ("2", ""),
        ("3", "rejected"),
        ("4", ""),
    ]
    decide(signed_in, key, 3, "")
    assert proposals(signed_in, key)[2][2] == ""
    assert (revision_number(), m.AuditEntry.objects.count()) == before
    # Another person's session does not hold the draft.
    signed_in.logout()
    signed_in.force_login(
        django_user_model.objects.create_superuser("other", password="a long password 2")
    )
    assert signed_in.get(reverse("site:plan_draft", kwargs={"key": key})).status_code == 404


def test_an_edit_opens_the_change_form_filled_in_and_replaces_the_proposal(signed_in, source):
    key = read(signed_in, source="cons-2025")
    url = reverse("site:plan_draft_edit", kwargs={"key": key, "n": 4})
    body = signed_in.get(url).content.decode()
    # The rename as drafted: the unit by its name (with its picker), the new name whole.
    assert re.search(r'name="unit" value="Gender and Diversity Unit"[^>]*data-lookup="unit"', body)
    assert 'name="name" value="Diversity, Equity and Inclusion Unit"' in body
    assert 'name="cite" value="Consolidation of support functions"' in body
    assert 'name="passage" value="4"' in body
    answer = signed_in.post(
        url,
        {
            "op": "rename",
            "unit": "Gender and Diversity Unit",
            "name": "Office of Diversity, Equity and Inclusion",
            "abbreviation-choice": "keep",
            "cite": "Consolidation of support functions",
            "passage": "4",
        },
    )
    assert answer.status_code == 302
    body = page(signed_in, key)
    assert "renamed the Office of Diversity, Equity and Inclusion" in body
    assert proposals(signed_in, key)[3][2] == "edited"


def test_an_edit_that_does_not_read_is_told_and_not_kept(signed_in):
    key = read(signed_in)
    url = reverse("site:plan_draft_edit", kwargs={"key": key, "n": 4})
    answer = signed_in.post(url, {"op": "rename", "unit": "No Such Unit", "name": "X"})
    assert answer.status_code == 400
    assert "Not kept" in answer.content.decode()
    assert proposals(signed_in, key)[3][2] == ""


def test_the_accepted_proposals_saved_into_a_new_draft_plan(signed_in, source):
    key = read(signed_in, source="cons-2025")
    for n in (1, 2):
        decide(signed_in, key, n, "accepted")
    decide(signed_in, key, 3, "rejected")
    before = revision_number()
    answer = signed_in.post(
        reverse("site:plan_draft_save", kwargs={"key": key}),
        {"target": "new", "title": "Support functions", "effective": "2026-01-01"},
    )
    assert answer.status_code == 302
    plan_id = answer["Location"].rstrip("/").rsplit("/", 1)[-1]
    plan = store.current().record.plans[plan_id]
    assert plan.title == "Support functions" and str(plan.status) == "draft"
    assert [(c.op, [str(x) for x in c.cites]) for c in plan.changes] == [
        ("merge", ["cons-2025:1"]),
        ("create", ["cons-2025:2"]),
    ]
    # One write: the plan and its changes together, each audited.
    assert revision_number() == before + 1
    actions = set(m.AuditEntry.objects.filter(object_id=plan_id).values_list("action", flat=True))
    assert actions == {"organogram.plan.create", "organogram.plan.import"}
    # The draft is forgotten once saved.
    assert signed_in.get(reverse("site:plan_draft", kwargs={"key": key})).status_code == 404


def test_saved_without_a_source_each_change_notes_its_paragraph(signed_in):
    key = read(signed_in)
    decide(signed_in, key, 2, "accepted")
    plan_id = draft_plan(TESTS, title="Legal", effective="2026-01-01").id
    answer = signed_in.post(
        reverse("site:plan_draft_save", kwargs={"key": key}), {"target": "plan", "plan": plan_id}
    )
    assert answer.status_code == 302
    (change,) = store.current().record.plans[plan_id].changes
    assert change.op == "create" and not change.cites
    assert change.note.startswith("From paragraph 2 of the pasted text.")


def test_a_refused_proposal_saves_nothing_and_is_told(signed_in):
    # The plan abolishes the unit the paper renames: the rename cannot apply after it.
    plan_id = draft_plan(TESTS, title="Closing", effective="2025-06-01").id
    add_plan_change(plan_id, {"op": "abolish", "unit": "gender-diversity"}, TESTS)
    key = read(signed_in)
    decide(signed_in, key, 2, "accepted")
    decide(signed_in, key, 4, "accepted")
    before = (revision_number(), len(store.current().record.plans[plan_id].changes))
    answer = signed_in.post(
        reverse("site:plan_draft_save", kwargs={"key": key}), {"target": "plan", "plan": plan_id}
    )
    assert answer.status_code == 409
    body = answer.content.decode()
    assert "Nothing was saved" in body
    assert "proposal 4 (paragraph 4)" in body
    assert (revision_number(), len(store.current().record.plans[plan_id].changes)) == before
    # The decisions are still there to reconsider.
    assert proposals(signed_in, key)[3][2] == "accepted"


def test_a_new_plan_is_not_left_behind_when_a_proposal_is_refused(signed_in):
    key = read(signed_in)
    decide(signed_in, key, 1, "accepted")
    # Edited into the abolition of a department that units still report to.
    url = reverse("site:plan_draft_edit", kwargs={"key": key, "n": 2})
    fields = {"op": "abolish", "unit": "Department of Human Resources Management"}
    assert signed_in.post(url, fields).status_code == 302
    plans = m.Plan.objects.count()
    answer = signed_in.post(
        reverse("site:plan_draft_save", kwargs={"key": key}),
        {"target": "new", "title": "Support", "effective": "2026-01-01"},
    )
    assert answer.status_code == 409
    assert "proposal 2 (paragraph 2)" in answer.content.decode()
    assert m.Plan.objects.count() == plans
    # A plan without a title is refused beside the field, nothing drafted.
    answer = signed_in.post(
        reverse("site:plan_draft_save", kwargs={"key": key}),
        {"target": "new", "title": "", "effective": "2026-01-01"},
    )
    assert answer.status_code == 422 and m.Plan.objects.count() == plans


def test_saving_nothing_is_refused(signed_in):
    key = read(signed_in)
    answer = signed_in.post(
        reverse("site:plan_draft_save", kwargs={"key": key}),
        {"target": "new", "title": "Empty", "effective": "2026"},
    )
    assert answer.status_code == 400
    assert "accept or edit at least one proposal" in answer.content.decode()


def test_the_edit_forms_name_fields_suggest_units_the_paper_creates_before(signed_in):
    """The lookup a drafted proposal's name fields ask: units as the paper's earlier
    proposals leave them (the division paragraph 1 forms is offered from proposal 2 on,
    not before, and not once that proposal is rejected)."""
    key = read(signed_in)
    url = reverse("site:plan_draft_edit", kwargs={"key": key, "n": 3})
    body = signed_in.get(url).content.decode()
    assert f'data-lookup-draft="{key}" data-lookup-n="3"' in body

    def names(n, q="Budget and Finance"):
        answer = signed_in.get(
            reverse("site:lookup"), {"kind": "unit", "q": q, "draft": key, "n": n}
        )
        assert answer.status_code == 200, answer.content
        return [m["name"] for m in answer.json()["matches"]]

    assert "Division of Budget and Finance" in names(3)
    assert "Division of Budget and Finance" not in names(1)
    plain = signed_in.get(reverse("site:lookup"), {"kind": "unit", "q": "Budget and Finance"})
    assert "Division of Budget and Finance" not in [m["name"] for m in plain.json()["matches"]]
    decide(signed_in, key, 1, "rejected")
    assert "Division of Budget and Finance" not in names(3)
    # The merged divisions are gone after proposal 1, there before it.
    assert "Budget Division" in names(1, "Budget Division")


def test_the_draft_lookup_refuses_what_it_cannot_read(signed_in):
    key = read(signed_in)
    lookup = reverse("site:lookup")

    def status(draft, n):
        asked = {"kind": "unit", "q": "x", "draft": draft, "n": n}
        return signed_in.get(lookup, asked).status_code

    assert (status(key, "a"), status(key, 99), status("nope", 1)) == (400, 404, 404)
