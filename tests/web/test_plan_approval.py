"""A plan is approved by someone other than whoever proposed it (four eyes), unless the
deployment turns the rule off (an organization of one)."""

import pytest

from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.actions import Refused
from organogram.registry.audit import Actor
from organogram.registry.services import add_plan_change, draft_plan, move_plan

TESTS = Actor("tests")


@pytest.fixture
def four_eyes(settings):
    settings.ORGANOGRAM_SEPARATE_APPROVAL = True


@pytest.fixture
def proposed(db):
    """A plan renaming the ethics office, proposed by ana."""
    plan_id = draft_plan(TESTS, title="Ethics review", effective="2030-01-01").id
    add_plan_change(plan_id, {"op": "rename", "unit": "ethics", "name": "Integrity Office"}, TESTS)
    move_plan(plan_id, "proposed", Actor("ana"))
    return plan_id


def written() -> tuple[int, int]:
    return store.revision(), m.AuditEntry.objects.count()


def test_the_proposer_cannot_approve_and_nothing_is_written(four_eyes, proposed):
    before = written()
    with pytest.raises(Refused) as refused:
        move_plan(proposed, "approved", Actor("ana"))
    assert refused.value.kind == "forbidden"
    assert "ana proposed this plan, so another person must approve it" in refused.value.reasons[0]
    assert written() == before
    assert move_plan(proposed, "approved", Actor("bea")) == "approved"


def test_proposing_again_makes_the_new_proposer_the_one_who_may_not_approve(four_eyes, proposed):
    move_plan(proposed, "draft", Actor("bea"))
    move_plan(proposed, "proposed", Actor("bea"))
    with pytest.raises(Refused):
        move_plan(proposed, "approved", Actor("bea"))
    assert move_plan(proposed, "approved", Actor("ana")) == "approved"


def test_the_rule_can_be_turned_off(settings, proposed):
    settings.ORGANOGRAM_SEPARATE_APPROVAL = False
    assert move_plan(proposed, "approved", Actor("ana")) == "approved"


def test_the_page_does_not_offer_approval_to_the_proposer(four_eyes, client, proposed, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ana, _ = add_user("ana", "approver", TESTS)
    client.force_login(ana)
    html = client.get(f"/plans/{proposed}/").content.decode()
    workflow = html.split('id="workflow"')[1].split("</section>")[0]
    assert ">Approve<" not in workflow
    assert "You proposed this plan: another person approves it." in workflow
    response = client.post(f"/plans/{proposed}/status/", {"to": "approved"})
    assert response.status_code == 403
    assert "another person must approve it" in response.content.decode()
    bea, _ = add_user("bea", "approver", TESTS)
    client.force_login(bea)
    assert ">Approve<" in client.get(f"/plans/{proposed}/").content.decode()
