"""The one write path: every write an action, run by one function for every interface.

What :func:`organogram.registry.actions.run` promises whatever the action: the person
is checked against the role table before anything else, a refusal carries its kind,
message, reasons and fields, a write moves the revision once and leaves its audit
entry, and an action that does not touch the record (accounts) leaves the revision
alone.
"""

from __future__ import annotations

import pytest

from organogram.core.plans import MOVES, PlanStatus
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.accounts import add_user
from organogram.registry.actions import (
    AddPlanChange,
    CreateToken,
    DraftPlan,
    EditPlanChange,
    EnactPlan,
    Forbidden,
    MovePlan,
    PlanRefused,
    RecordChange,
    Refused,
    RevokeToken,
    SaveEntry,
    run,
)
from organogram.registry.audit import Actor
from organogram.registry.permissions import RULES

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
RENAME = {
    "op": "rename",
    "date": "2030-01-01",
    "unit": "ethics",
    "name": "Office of Ethics and Integrity",
    "reason": "a test",
}


def revision() -> int:
    return m.Revision.objects.get(pk=1).number


def person(role: str) -> Actor:
    user, _ = add_user(f"{role}-person", role, TESTS)
    return Actor.for_user(user, "web")


def test_a_person_without_the_permission_is_refused_before_anything_is_read():
    viewer = person("viewer")
    before = (revision(), m.AuditEntry.objects.count())
    with pytest.raises(Forbidden) as refused:
        # Not even a valid change: the person is checked first.
        run(RecordChange({"op": "nonsense"}), viewer)
    assert refused.value.kind == "forbidden" and refused.value.permission == "change.record"
    assert refused.value.as_dict()["detail"] == "your role does not allow change.record"
    assert (revision(), m.AuditEntry.objects.count()) == before


def test_a_write_moves_the_revision_once_and_leaves_one_audit_entry_in_its_revision():
    before = revision()
    done = run(RecordChange(RENAME), person("editor"))
    assert revision() == before + 1 == done.revision
    entry = m.AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.by, entry.via, entry.revision) == (
        "organogram.change.record", "editor-person", "web", before + 1,
    )
    assert entry.after["change"]["name"] == "Office of Ethics and Integrity"
    # The process goes on with the record it checked, without reading the rows back.
    assert store.current().record.timeline.get(done.change.id) is not None


def test_a_refusal_carries_its_kind_message_reasons_and_fields():
    with pytest.raises(Refused) as bad:
        run(RecordChange({"op": "rename", "unit": "ethics"}), TESTS)
    assert bad.value.kind == "invalid" and set(bad.value.fields) >= {"date", "name"}
    # Told in full where only text goes (the command line).
    assert "- date:" in str(bad.value)
    with pytest.raises(Refused) as late:
        run(RecordChange({**RENAME, "unit": "no-such-unit"}), TESTS)
    assert late.value.kind == "conflict" and late.value.reasons
    assert late.value.message == "the change does not apply on 2030-01-01"
    body = late.value.as_dict()
    assert body["reasons"] == late.value.reasons and body["stale"] is False


def test_a_stale_edit_is_a_refusal_of_kind_stale():
    token = max(store.current().sequences.values())
    run(RecordChange(RENAME), TESTS)
    again = {**RENAME, "name": "Ethics Office", "date": "2030-02-01"}
    with pytest.raises(Refused) as stale:
        run(RecordChange(again, expected=token), TESTS)
    assert stale.value.kind == "stale" and stale.value.stale


@pytest.mark.parametrize("move", MOVES, ids=lambda mv: f"{mv.frm}-{mv.to}")
def test_who_may_move_a_plan_is_read_from_the_workflow_table(move):
    """For every move of the table: a role holding none of its permissions is refused
    (the others get past the person and are judged on the plan)."""
    plan = run(DraftPlan("Table", "2031"), TESTS).id
    run(AddPlanChange(plan, RENAME), TESTS)
    path = {
        PlanStatus.DRAFT: [],
        PlanStatus.PROPOSED: ["proposed"],
        PlanStatus.APPROVED: ["proposed", "approved"],
        PlanStatus.WITHDRAWN: ["withdrawn"],
    }[move.frm]
    for to in path:
        run(MovePlan(plan, to), TESTS)
    action = EnactPlan(plan) if move.to is PlanStatus.ENACTED else MovePlan(plan, str(move.to))
    mover = None
    for role in ("viewer", "editor", "approver"):
        actor = person(role)
        if any(role in RULES[p] for p in move.permissions):
            mover = mover or actor
        else:
            with pytest.raises(Forbidden):
                run(action, actor)
    assert mover is not None, f"no role may make the move {move}"
    run(action, mover)
    assert m.Plan.objects.get(pk=plan).status == str(move.to)
    entry = m.AuditEntry.objects.order_by("-id").first()
    assert entry.action == f"organogram.plan.{move.verb}" and entry.by == mover.by


def test_a_plan_change_is_edited_in_its_place_and_audited():
    plan = run(DraftPlan("Edit", "2031"), TESTS).id
    first = run(AddPlanChange(plan, RENAME), TESTS)
    run(AddPlanChange(plan, {**RENAME, "unit": "oig", "name": "Office of the Inspector"}), TESTS)
    edited = run(EditPlanChange(plan, first.id, {**RENAME, "name": "Ethics Office"}), TESTS)
    assert edited.id == first.id and str(edited.date) == "2030-01-01"
    plan_now = store.current().record.plans[plan]
    assert plan_now.changes[0].id == first.id and len(plan_now.changes) == 2
    assert plan_now.changes[0].name == "Ethics Office"
    entry = m.AuditEntry.objects.order_by("-id").first()
    assert entry.action == "organogram.plan.change.edit"
    assert entry.before["change"]["name"] == "Office of Ethics and Integrity"
    with pytest.raises(PlanRefused) as missing:
        run(EditPlanChange(plan, "nope", RENAME), TESTS)
    assert missing.value.kind == "missing"


def test_only_a_draft_is_edited_the_one_rule_of_core_and_registry():
    plan = run(DraftPlan("Frozen", "2031"), TESTS).id
    run(AddPlanChange(plan, RENAME), TESTS)
    run(MovePlan(plan, "proposed"), TESTS)
    with pytest.raises(PlanRefused, match="only a draft can be edited; send it back"):
        run(AddPlanChange(plan, RENAME), TESTS)


def test_accounts_are_audited_without_moving_the_revision():
    before = revision()
    editor = person("editor")
    token, text = run(CreateToken(editor.user, "laptop"), editor)
    assert text.startswith("org_") and revision() == before
    other = person("viewer")
    # Someone else's token is an administrator's business.
    with pytest.raises(Forbidden):
        run(RevokeToken(other.user, token.pk), editor)
    run(RevokeToken(editor.user, token.pk), editor)
    tokens = m.AuditEntry.objects.filter(object_type="token").order_by("-id")
    actions = list(tokens.values_list("action", "revision"))
    assert actions == [("organogram.token.revoke", 0), ("organogram.token.create", 0)]


def test_a_register_names_the_permission_that_edits_it():
    editor_only = person("approver")  # approvers may not edit registers or cost tables
    with pytest.raises(Forbidden):
        run(SaveEntry("exchange_rates", {"id": "x"}), editor_only)


def test_a_reversal_dated_before_the_change_it_reverses_is_refused():
    from organogram.core.dates import FuzzyDate
    from organogram.registry.actions import ReverseChange

    done = run(RecordChange(RENAME), TESTS)
    before = revision()
    with pytest.raises(Refused, match="cannot take effect") as early:
        # A year sorts before its first day: it would apply before the rename.
        run(ReverseChange(done.change.id, FuzzyDate.parse("2030"), "typed in error"), TESTS)
    assert early.value.fields == {"date": ["on or after 2030-01-01"]}
    assert revision() == before
    back = run(ReverseChange(done.change.id, FuzzyDate.parse("2030-01-01"), "typo"), TESTS)
    assert back and revision() == before + 1
