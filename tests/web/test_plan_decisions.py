"""A plan's page without dead ends: what cannot be done is not offered (and says why),
enacting and withdrawing are confirmed on a page of their own, a conflict is shown side
by side and settled in one step."""

from __future__ import annotations

import pytest

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan, move_plan, record_change

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:800]
    return response.content.decode()


def workflow(html: str) -> str:
    """The "Where it stands" section of a plan's page."""
    return html.split('id="workflow"')[1].split("</section>")[0]


def written() -> tuple[int, int, int]:
    return store.revision(), m.AuditEntry.objects.count(), m.Change.objects.count()


@pytest.fixture
def draft():
    """A draft plan renaming the ethics office in 2030."""
    plan_id = draft_plan(TESTS, title="Ethics review", effective="2030-01-01").id
    add_plan_change(plan_id, {"op": "rename", "unit": "ethics", "name": "Integrity Office"}, TESTS)
    return plan_id


def conflict_with(plan_id: str) -> None:
    """Record, since the plan's base, another rename of the office it renames."""
    m.Plan.objects.filter(pk=plan_id).update(drafted_at="2000-01-01T00:00:00+00:00")
    store.forget()
    record_change(Rename(date=FuzzyDate.parse("2029"), unit="ethics", name="Ethics Office"), TESTS)


@pytest.fixture
def as_role(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    def make(role: str):
        user, _ = add_user(f"{role}-user", role, TESTS)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def approved(draft):
    move_plan(draft, "proposed", TESTS)
    move_plan(draft, "approved", TESTS)
    return draft


def test_a_draft_with_a_conflict_is_not_offered_for_proposal_and_says_why(signed_in, draft):
    conflict_with(draft)
    html = workflow(page(signed_in, f"/plans/{draft}/"))
    assert 'value="proposed"' not in html
    assert "It cannot be proposed yet" in html
    assert "Settle the conflict on Office of Ethics" in html
    # The rule is the action's: a POST all the same is refused with the reason.
    before = written()
    response = signed_in.post(f"/plans/{draft}/status/", {"to": "proposed"})
    assert response.status_code == 409
    assert "cannot be proposed yet" in response.content.decode()
    assert written() == before


def test_a_sound_draft_offers_proposing_as_the_main_button(signed_in, draft):
    html = workflow(page(signed_in, f"/plans/{draft}/"))
    assert '<button type="submit" name="to" value="proposed" class="primary">' in html
    assert "cannot be proposed" not in html


def test_a_conflict_shows_three_versions_and_is_settled_in_one_step(signed_in, draft):
    conflict_with(draft)
    html = page(signed_in, f"/plans/{draft}/")
    conflict = html.split('<article class="conflict"')[1].split("</article>")[0]
    assert "When the plan was drafted</dt><dd>Office of Ethics and Conduct" in conflict
    assert "In the record now</dt><dd>Ethics Office" in conflict
    assert "Rename of 2029, recorded by tests" in conflict  # what made it so, in words
    assert "With the plan</dt><dd>Integrity Office" in conflict
    change = store.current_record().plan(draft).changes[0].id
    remove = f'action="/plans/{draft}/changes/{change}/remove/"'
    assert remove in conflict and "Take the record's version" in conflict
    response = signed_in.post(f"/plans/{draft}/changes/{change}/remove/", {})
    assert response.status_code == 302
    html = page(signed_in, f"/plans/{draft}/")
    assert "None: nothing recorded since its base" in html
    assert store.current_record().plan(draft).changes == []


def test_keeping_the_plans_changes_settles_every_conflict_and_allows_proposing(signed_in, draft):
    conflict_with(draft)
    assert signed_in.post(f"/plans/{draft}/rebase/", {}).status_code == 302
    html = workflow(page(signed_in, f"/plans/{draft}/"))
    assert 'value="proposed"' in html
    assert signed_in.post(f"/plans/{draft}/status/", {"to": "proposed"}).status_code == 302
    assert store.current_record().plan(draft).status == "proposed"


def test_an_approved_plan_that_cannot_be_enacted_offers_no_enact_button(signed_in, approved):
    conflict_with(approved)
    html = workflow(page(signed_in, f"/plans/{approved}/"))
    assert "It cannot be enacted now" in html and "enacting is not offered" in html
    assert f"/plans/{approved}/enact/" not in html
    assert "Enact the plan" not in html
    # The moves back stay: reopening the approval, withdrawing.
    assert 'value="proposed"' in html and f'href="/plans/{approved}/withdraw/"' in html


def test_enacting_is_confirmed_on_a_page_that_says_what_will_happen(signed_in, approved):
    html = page(signed_in, f"/plans/{approved}/enact/")
    assert "Enacting puts the plan's 1 change in the timeline" in html
    assert "1 change taking effect on <time datetime=\"2030-01-01\">1 January 2030</time>" in html
    assert "This cannot be undone." in html
    assert f'<a href="/plans/{approved}/">Cancel</a>' in html
    assert store.current_record().plan(approved).status == "approved"  # a GET writes nothing
    response = signed_in.post(
        f"/plans/{approved}/enact/", {"expected": "approved", "note": "as decided"}
    )
    assert response.status_code == 302 and response["Location"] == f"/plans/{approved}/"
    plan = store.current_record().plan(approved)
    assert plan.status == "enacted" and plan.events[-1].note == "as decided"


def test_the_enact_page_of_a_plan_that_cannot_be_enacted_has_no_button(signed_in, draft):
    html = page(signed_in, f"/plans/{draft}/enact/")
    assert "It cannot be enacted now" in html and "propose and approve it first" in html
    assert "<button" not in html.split("<main")[1]
    before = written()
    assert signed_in.post(f"/plans/{draft}/enact/", {}).status_code == 409
    assert written() == before


def test_withdrawing_is_confirmed_and_the_plan_stops(signed_in, draft):
    html = workflow(page(signed_in, f"/plans/{draft}/"))
    assert f'<a class="button danger" href="/plans/{draft}/withdraw/">' in html
    assert 'value="withdrawn"' not in html  # not a button of the moves form
    html = page(signed_in, f"/plans/{draft}/withdraw/")
    assert "Withdrawing stops the plan" in html and "reopened as a draft" in html
    assert "Withdraw the plan</button>" in html
    assert store.current_record().plan(draft).status == "draft"
    signed_in.post(f"/plans/{draft}/withdraw/", {"expected": "draft"})
    assert store.current_record().plan(draft).status == "withdrawn"
    # Stale: the page was drawn while it was a draft.
    response = signed_in.post(f"/plans/{draft}/withdraw/", {"expected": "draft"})
    assert response.status_code == 409 and "look at it again" in response.content.decode()


def test_confirmation_pages_follow_the_actions_permissions(client, as_role, approved):
    assert "/signin/" in client.get(f"/plans/{approved}/enact/")["Location"]
    editor = as_role("editor")
    assert editor.get(f"/plans/{approved}/enact/").status_code == 403
    assert editor.post(f"/plans/{approved}/enact/", {}).status_code == 403
    assert store.current_record().plan(approved).status == "approved"
