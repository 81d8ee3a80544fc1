"""Merging one plan into a draft through the write path, and comparing two plans."""

from __future__ import annotations

import pytest

from organogram.queries.plan_pairs import compare_two_plans, merge_preview
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import (
    MergeConflicts,
    PlanRefused,
    add_plan_change,
    draft_plan,
    merge_plan,
    move_plan,
)

pytestmark = pytest.mark.django_db

ANA = Actor("ana", "web")


def plan_renaming(title: str, name: str | None, unit: str = "ethics") -> str:
    plan_id = draft_plan(ANA, title=title, effective="2030-01-01").id
    if name is not None:
        add_plan_change(plan_id, {"op": "rename", "unit": unit, "name": name}, ANA)
    return plan_id


def rows(plan_id: str) -> list[tuple[str, str]]:
    return list(
        m.Change.objects.filter(plan_id=plan_id)
        .order_by("position")
        .values_list("id", "params__name")
    )


def test_a_merge_without_conflicts_adds_the_other_plans_changes_under_new_ids():
    target = plan_renaming("Ethics", "Office of Ethics and Integrity")
    source = plan_renaming("Audit", "Office of Internal Oversight", unit="oig")
    merged = merge_plan(target, source, ANA)
    assert merged.added == [f"{target}-2"]
    assert rows(target) == [
        (f"{target}-1", "Office of Ethics and Integrity"),
        (f"{target}-2", "Office of Internal Oversight"),
    ]
    assert rows(source) == [(f"{source}-1", "Office of Internal Oversight")]  # untouched
    plan = store.current_record().plan(target)
    assert [c.id for c in plan.changes] == [f"{target}-1", f"{target}-2"]
    entry = m.AuditEntry.objects.latest("id")
    assert (entry.action, entry.object_id, entry.after["from"]) == (
        "organogram.plan.merge", target, source,
    )


def test_a_conflict_is_refused_listing_it_and_nothing_is_written():
    target = plan_renaming("Ethics", "Office A")
    source = plan_renaming("Ethics again", "Office B")
    before = (rows(target), store.revision(), m.AuditEntry.objects.count())
    with pytest.raises(MergeConflicts) as caught:
        merge_plan(target, source, ANA)
    [conflict] = caught.value.conflicts
    assert conflict["id"] == "ethics:name"
    assert conflict["label"] == "Office of Ethics and Conduct"
    assert (conflict["target"]["value"], conflict["source"]["value"]) == (
        "'Office A'", "'Office B'",
    )
    assert caught.value.as_dict()["conflicts"] == caught.value.conflicts
    assert caught.value.kind == "conflict"
    assert (rows(target), store.revision(), m.AuditEntry.objects.count()) == before


@pytest.mark.parametrize("winner", ["target", "source"])
def test_a_settled_conflict_keeps_the_winning_change_only(winner):
    target = plan_renaming("Ethics", "Office A")
    source = plan_renaming("Ethics again", "Office B")
    chosen = target if winner == "target" else source
    merged = merge_plan(target, source, ANA, take={"ethics:name": chosen})
    names = [name for _, name in rows(target)]
    if winner == "target":
        assert names == ["Office A"] and merged.left_out == [f"{source}-1"]
    else:
        assert names == ["Office B"] and merged.dropped == [f"{target}-1"]
    plan = store.current_record().plan(target)
    assert [c.name for c in plan.changes] == names


def test_a_choice_naming_no_conflict_or_no_plan_is_refused():
    target = plan_renaming("Ethics", "Office A")
    source = plan_renaming("Ethics again", "Office B")
    with pytest.raises(PlanRefused) as caught:
        merge_plan(target, source, ANA, take={"ethics:name": source, "dg:name": source})
    assert caught.value.fields == {"resolutions": ["there is no conflict 'dg:name'"]}
    with pytest.raises(PlanRefused, match="neither"):
        merge_plan(target, source, ANA, take={"ethics:name": "someone-else"})


def test_only_a_draft_takes_a_merge():
    target = plan_renaming("Ethics", "Office A")
    source = plan_renaming("Audit", "Office B", unit="oig")
    move_plan(target, "proposed", ANA)
    with pytest.raises(PlanRefused, match="draft"):
        merge_plan(target, source, ANA)
    with pytest.raises(PlanRefused, match="enacted"):
        merge_plan(source, "hq-review-2021", ANA)


def test_comparing_two_plans_tells_what_each_does_that_the_other_does_not():
    a = plan_renaming("Ethics", "Office A")
    b = plan_renaming("Ethics again", "Office B")
    data = compare_two_plans(store.current_record(), a, b)
    assert [r["text"] for r in data["only_a"]] == ["The Office B is renamed the Office A."]
    assert [r["text"] for r in data["only_b"]] == ["The Office A is renamed the Office B."]
    assert [r["shared"] for r in data["changes"]["a"]] == [False]
    assert data["cost"]["a"]["currency"] and data["cost"]["years"]
    same = plan_renaming("Ethics once more", "Office A")
    data = compare_two_plans(store.current_record(), a, same, cost=False)
    assert data["only_a"] == data["only_b"] == []
    assert data["changes"]["b"][0]["shared"] and data["cost"] is None


def test_the_merge_preview_lists_conflicts_and_what_would_be_added():
    a = plan_renaming("Ethics", "Office A")
    b = plan_renaming("Ethics again", "Office B")
    data = merge_preview(store.current_record(), a, b)
    assert [c["id"] for c in data["conflicts"]] == ["ethics:name"]
    assert data["conflicts"][0]["source"]["sentence"] == (
        "The Office of Ethics and Conduct is renamed the Office B."
    )
    assert data["added"] == 1
