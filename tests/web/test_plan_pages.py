"""The Plans pages and their forms: drafting, adding changes, moving status, enacting."""

from __future__ import annotations

import pytest

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan, record_change

pytestmark = pytest.mark.django_db

NOT_SENIOR = "manila-ac-director"  # a post that is not senior: nothing may report to it
REVIEW = "hq-review-2021"
TESTS = Actor("tests")


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def post(client, url: str, data: dict, status: int = 302):
    response = client.post(url, data)
    assert response.status_code == status, response.content[:1500]
    return response


def written() -> tuple[int, int, int]:
    return store.revision(), m.AuditEntry.objects.count(), m.Change.objects.count()


@pytest.fixture
def draft():
    """A draft plan renaming the ethics office in 2030."""
    plan_id = draft_plan(TESTS, title="Ethics review", effective="2030-01-01").id
    add_plan_change(plan_id, {"op": "rename", "unit": "ethics", "name": "Integrity Office"}, TESTS)
    return plan_id


@pytest.fixture
def as_role(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def make(role: str):
        user, _ = add_user(f"{role}-user", role, TESTS)
        client.force_login(user)
        return client

    return make


def test_the_list_shows_each_plan_with_status_date_and_changes(client):
    html = page(client, "/plans/")
    assert 'href="/plans/hq-review-2021/"' in html
    assert '<span class="status enacted">enacted</span>' in html
    assert "<td>between Q4 2021 and 2022</td>" in html and "<td>54</td>" in html
    assert "Sign in</a> to draft a plan" in html


def test_an_enacted_plan_shows_narrative_preview_checks_and_history(client):
    html = page(client, f"/plans/{REVIEW}/")
    assert "IOM Headquarters Organizational Review (2021)" in html
    assert "Phase 1: Structural adjustments, beginning in the last quarter of 2021" in html
    assert (
        "The Department of Strategic Planning and Organizational Performance is established" in html
    )
    assert 'id="preview-tree"' in html and "as it made it" in html
    assert '<span class="tag plan">plan</span>' in html
    assert "Difference from the present" in html
    assert '<span class="tag new">new</span>' in html  # the span warning it brings
    assert "part of the record" in html
    assert "Presented to the Standing Committee" in html  # a note of its history
    assert "Enact the plan" not in html


def test_an_unknown_plan_is_not_found(client):
    page(client, "/plans/nope/", 404)


def test_drafting_from_the_page(signed_in):
    assert "Draft a plan" in page(signed_in, "/plans/new/")
    response = post(
        signed_in,
        "/plans/new/",
        {"title": "Ethics review", "effective": "2030-01-01", "description": "Why not."},
    )
    assert response["Location"] == "/plans/ethics-review/"
    html = page(signed_in, "/plans/ethics-review/")
    assert "Plan “Ethics review” drafted" in html
    assert '<span class="status draft">draft</span>' in html
    assert "Add a change" in html and "Propose" in html


def test_drafting_with_a_bad_date_names_the_field_and_writes_nothing(signed_in):
    before = written()
    html = post(signed_in, "/plans/new/", {"title": "X", "effective": "2030-13"}, 400)
    assert "bad month number 13" in html.content.decode()
    assert written() == before


def test_visitors_are_sent_to_sign_in_and_viewers_refused(client, as_role):
    assert "/signin/" in client.get("/plans/new/")["Location"]
    assert client.post("/plans/new/", {"title": "X", "effective": "2030"}).status_code == 302
    viewer = as_role("viewer")
    assert viewer.post("/plans/new/", {"title": "X", "effective": "2030"}).status_code == 403
    assert not m.Plan.objects.filter(title="X").exists()


def test_choosing_and_adding_a_change(signed_in, draft):
    html = page(signed_in, f"/plans/{draft}/changes/new/")
    assert "Choose the kind of change" in html and "?op=merge" in html
    html = page(signed_in, f"/plans/{draft}/changes/new/?op=merge")
    assert 'name="new.name"' in html  # the new unit's own fields
    assert "one name per line" in html  # the merged units, by name
    # Name fields are searched as one types, not a datalist of every id.
    html = page(signed_in, f"/plans/{draft}/changes/new/?op=relocate")
    assert 'data-lookup="unit"' in html and 'data-lookup="source"' in html
    assert "<datalist" not in html
    response = post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=relocate",
        {"op": "relocate", "unit": "ethics", "location": "Manila", "cite": "scpf28",
         "passage": "21"},
    )
    assert response["Location"] == f"/plans/{draft}/"
    html = page(signed_in, f"/plans/{draft}/")
    assert "added to the plan" in html
    assert "Manila" in html
    assert "IOM Headquarters Organizational Review, para. 21" in html


def test_a_change_that_does_not_parse_names_the_field(signed_in, draft):
    before = written()
    response = post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=rename",
        {"op": "rename", "unit": "Ethics Ofice", "name": "X", "date": "2030-13"},
        400,
    )
    html = response.content.decode()
    assert "no unit is called “Ethics Ofice”" in html and "bad month number 13" in html
    assert 'value="Ethics Ofice"' in html  # the input is kept
    assert written() == before


def test_a_change_that_does_not_apply_is_refused_beside_its_field(signed_in, draft):
    before = written()
    response = post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=abolish",
        {"op": "abolish", "unit": "nowhere"},
        400,
    )
    html = response.content.decode()
    assert "Not added:" in html and "no unit is called “nowhere”" in html
    assert written() == before


def test_yaml_fields_that_do_not_read_are_said(signed_in, draft):
    response = post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=split",
        {"op": "split", "unit": "ethics", "into": "[unclosed"},
        400,
    )
    assert "not readable as YAML" in response.content.decode()


def test_an_unknown_kind_of_change_is_said(signed_in, draft):
    assert "is not a kind of change" in page(signed_in, f"/plans/{draft}/changes/new/?op=x", 400)


def test_removing_a_change(signed_in, draft):
    change = store.current_record().plan(draft).changes[0].id
    post(signed_in, f"/plans/{draft}/changes/{change}/remove/", {})
    assert "The plan has no changes yet." in page(signed_in, f"/plans/{draft}/")


def test_the_workflow_to_enactment_and_the_change_on_the_structure_page(signed_in, draft):
    post(signed_in, f"/plans/{draft}/status/", {"to": "proposed", "expected": "draft"})
    post(signed_in, f"/plans/{draft}/status/", {"to": "approved", "note": "agreed"})
    html = page(signed_in, f"/plans/{draft}/")
    assert "Ready to enact" in html and f'href="/plans/{draft}/enact/"' in html
    assert "agreed" in html  # the note, in the history
    assert "Integrity Office" not in page(signed_in, "/?at=2030-01-02")
    post(signed_in, f"/plans/{draft}/enact/", {"expected": "approved"})
    html = page(signed_in, f"/plans/{draft}/")
    assert "Plan enacted: its change is now in the timeline." in html
    assert '<span class="status enacted">enacted</span>' in html
    assert "Integrity Office" in page(signed_in, "/?at=2030-01-02")
    assert "Integrity Office" not in page(signed_in, "/?at=2029-12-31")
    timeline = page(signed_in, f"/timeline/?plan={draft}")
    assert "is renamed the Integrity Office" in timeline
    assert "recorded by boss" in timeline


def test_enacting_a_draft_is_refused_with_the_reason_and_nothing_written(signed_in, draft):
    before = written()
    response = post(signed_in, f"/plans/{draft}/enact/", {"expected": "draft"}, 409)
    html = response.content.decode()
    assert "cannot be enacted" in html and "propose and approve it first" in html
    assert "Nothing was written." in html
    assert written() == before


@pytest.mark.parametrize("to, step", [("enacted", "enact"), ("withdrawn", "withdraw")])
def test_the_status_form_asks_to_confirm_enacting_and_withdrawing(signed_in, draft, to, step):
    """Posting the move directly, as an old page or a hand-made form may, writes nothing:
    it shows the same confirmation page as the buttons lead to."""
    for status in ("proposed", "approved"):
        post(signed_in, f"/plans/{draft}/status/", {"to": status})
    before = written()
    response = post(signed_in, f"/plans/{draft}/status/", {"to": to, "note": "why"}, 200)
    html = response.content.decode()
    assert f'action="/plans/{draft}/{step}/"' in html
    assert "why" in html  # the note is carried to the confirmation
    assert written() == before
    assert store.current_record().plan(draft).status == "approved"


def test_enacting_a_conflicting_plan_shows_every_reason(signed_in, draft):
    for to in ("proposed", "approved"):
        post(signed_in, f"/plans/{draft}/status/", {"to": to})
    m.Plan.objects.filter(pk=draft).update(drafted_at="2000-01-01T00:00:00+00:00")
    store.forget()
    record_change(Rename(date=FuzzyDate.parse("2029"), unit="ethics", name="Ethics Office"), TESTS)
    html = page(signed_in, f"/plans/{draft}/")
    assert "It cannot be enacted now" in html
    assert f'href="/plans/{draft}/enact/"' not in html  # not offered
    conflict = html.split('class="conflict"')[1].split("</article>")[0]
    assert "In the record now</dt><dd>Ethics Office" in conflict
    assert "With the plan</dt><dd>Integrity Office" in conflict
    before = written()
    response = post(signed_in, f"/plans/{draft}/enact/", {"expected": "approved"}, 409)
    assert "conflict: " in response.content.decode()
    assert written() == before


def test_a_rebase_settles_a_conflict(signed_in, draft):
    m.Plan.objects.filter(pk=draft).update(drafted_at="2000-01-01T00:00:00+00:00")
    store.forget()
    record_change(Rename(date=FuzzyDate.parse("2029"), unit="ethics", name="Ethics Office"), TESTS)
    html = page(signed_in, f"/plans/{draft}/")
    assert "Keep the plan's version" in html
    post(signed_in, f"/plans/{draft}/rebase/", {})
    assert "nothing recorded since its base" in page(signed_in, f"/plans/{draft}/")


def test_a_move_from_a_stale_page_is_refused(signed_in, draft):
    post(signed_in, f"/plans/{draft}/status/", {"to": "proposed", "expected": "draft"})
    response = post(
        signed_in, f"/plans/{draft}/status/", {"to": "approved", "expected": "draft"}, 409
    )
    assert "look at it again" in response.content.decode()
    # a withdrawal asked from the stale page is confirmed with what that page saw
    html = post(
        signed_in, f"/plans/{draft}/status/", {"to": "withdrawn", "expected": "draft"}, 200
    ).content.decode()
    assert '<input type="hidden" name="expected" value="draft">' in html
    response = post(signed_in, f"/plans/{draft}/withdraw/", {"expected": "draft"}, 409)
    assert "look at it again" in response.content.decode()


def test_an_editor_may_propose_but_not_approve(as_role, draft):
    editor = as_role("editor")
    html = page(editor, f"/plans/{draft}/")
    assert "Propose" in html and "Withdraw" not in html
    post(editor, f"/plans/{draft}/status/", {"to": "proposed"})
    assert "Approve" not in page(editor, f"/plans/{draft}/")
    assert editor.post(f"/plans/{draft}/status/", {"to": "approved"}).status_code == 403
    assert store.current_record().plan(draft).status == "proposed"


def test_an_approver_approves_and_enacts_but_does_not_edit(as_role, draft):
    add_plan_change(draft, {"op": "relocate", "unit": "ethics", "location": "Manila"}, TESTS)
    from organogram.registry.services import move_plan

    move_plan(draft, "proposed", TESTS)
    approver = as_role("approver")
    html = page(approver, f"/plans/{draft}/")
    assert "Approve" in html and "Add a change" not in html
    post(approver, f"/plans/{draft}/status/", {"to": "approved"})
    post(approver, f"/plans/{draft}/enact/", {"expected": "approved"})
    assert store.current_record().plan(draft).status == "enacted"


def test_visitors_see_plans_but_no_buttons(client, draft):
    html = page(client, f"/plans/{draft}/")
    assert "Sign in</a> to propose, approve or enact it" in html
    assert (
        "Add a change" not in html
        and "<button" not in html.split('id="workflow"')[1].split("</section>")[0]
    )


def test_a_split_written_in_yaml_with_a_checkbox(signed_in, draft):
    into = (
        "- id: ethics-a\n  name: Ethics Advice Unit\n  kind: unit\n"
        "- id: ethics-b\n  name: Ethics Training Unit\n  kind: unit\n"
    )
    post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=split",
        {
            "op": "split",
            "unit": "ethics",
            "into": into,
            "keep": "true",
            "parents": "ethics-a: ethics\nethics-b: ethics",
        },
    )
    change = store.current_record().plan(draft).changes[-1]
    assert change.op == "split" and change.keep is True
    html = page(signed_in, f"/plans/{draft}/")
    assert "Ethics Advice Unit" in html and "Ethics Training Unit" in html


def test_an_enacted_plan_takes_no_more_changes(signed_in):
    html = page(signed_in, f"/plans/{REVIEW}/changes/new/?op=rename", 409)
    # The core's reason, as the action would refuse it.
    assert "is enacted and cannot be edited" in html and "draft a new plan" in html


def test_what_holds_a_plan_up_names_its_changes_by_their_numbers(signed_in, draft):
    """The page numbers a plan's changes and shows no ids: its reasons do the same."""
    bad = add_plan_change(draft, {"op": "move", "node": "ethics", "to": NOT_SENIOR}, TESTS).id
    html = page(signed_in, f"/plans/{draft}/")
    held = html.split('id="held"')[1].split("</div>")[0]
    assert "Fix or remove the change 2 (move):" in held, held
    assert bad not in held
    response = post(signed_in, f"/plans/{draft}/status/", {"to": "proposed"}, 409)
    refusal = response.content.decode().split('class="refusal"')[1].split("</div>")[0]
    assert "change 2 (move)" in refusal and bad not in refusal, refusal


def test_a_split_and_a_merge_take_names_not_ids(signed_in, draft):
    """The new units are described by name (their ids made from it); parents, moves and
    the unit a merge leads to are named as a designer knows them."""
    post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=split",
        {
            "op": "split",
            "unit": "Department of Financial and Administrative Management",
            "into": (
                "- name: Department of Finance\n  kind: department\n"
                "- name: Department of Administration\n  kind: department\n"
            ),
            "keep": "true",
            "parents": (
                "Department of Finance: DFAM\n"
                "Department of Administration: Department of Financial and"
                " Administrative Management"
            ),
            "moves": (
                "Treasury Division: Department of Finance\n"
                "Budget Division: department of finance"
            ),
        },
    )
    split = store.current_record().plan(draft).changes[-1]
    assert split.op == "split"
    assert [u.id for u in split.into] == ["department-of-finance", "department-of-administration"]
    assert dict(split.parents) == {
        "department-of-finance": "dfam",
        "department-of-administration": "dfam",
    }
    assert dict(split.moves) == {
        "treasury": "department-of-finance",
        "budget": "department-of-finance",
    }
    post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=merge",
        {
            "op": "merge",
            "units": "Department of Finance\nDepartment of Administration",
            "into": "Department of Finance",
        },
    )
    merge = store.current_record().plan(draft).changes[-1]
    assert merge.op == "merge" and merge.into == "department-of-finance"
    assert set(merge.units) == {"department-of-finance", "department-of-administration"}


def test_a_split_naming_what_is_not_there_says_so_beside_the_field(signed_in, draft):
    before = written()
    response = post(
        signed_in,
        f"/plans/{draft}/changes/new/?op=split",
        {
            "op": "split",
            "unit": "ethics",
            "into": "- name: Ethics Advice Unit\n  kind: unit\n",
            "keep": "true",
            "parents": "Ethics Training Unit: ethics",
            "moves": "Nowhere Division: Ethics Advice Unit",
        },
        400,
    )
    html = response.content.decode()
    assert "“Ethics Training Unit” is not one of the new units described above" in html
    assert "no unit or senior post is called “Nowhere Division”" in html
    assert written() == before
