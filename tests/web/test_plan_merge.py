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


def test_the_api_compares_two_plans(client):
    a = plan_renaming("Ethics", "Office A")
    answer = client.get(f"/api/plans/compare?a={a}&b=hq-review-2021")
    assert answer.status_code == 200
    body = answer.json()
    assert body["a"]["title"] == "Ethics" and body["b"]["id"] == "hq-review-2021"
    assert [r["text"] for r in body["only_a"]] == [
        "The Office of Ethics and Conduct is renamed the Office A."
    ]
    assert body["cost"]["years"]
    assert client.get(f"/api/plans/compare?a={a}&b=no-such-plan").status_code == 404


def test_the_api_merge_answers_409_with_the_conflicts_then_200_once_settled(client, auth):
    target = plan_renaming("Ethics", "Office A")
    source = plan_renaming("Ethics again", "Office B")
    url = f"/api/plans/{target}/merge"
    answer = client.post(url, {"from": source}, content_type="application/json", **auth)
    assert answer.status_code == 409
    body = answer.json()
    assert body["kind"] == "conflict"
    assert [(c["id"], c["target"]["value"], c["source"]["value"]) for c in body["conflicts"]] == [
        ("ethics:name", "'Office A'", "'Office B'")
    ]
    answer = client.post(
        url, {"from": source, "resolutions": {"ethics:name": source}},
        content_type="application/json", **auth,
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["id"] == target and body["merged_from"] == source
    assert body["dropped"] == [f"{target}-1"] and body["added"] == [f"{target}-2"]
    assert body["sections"][0]["changes"][0]["text"].endswith("renamed the Office B.")


def test_the_compare_page_shows_both_plans_side_by_side(client):
    a = plan_renaming("Ethics", "Office A")
    b = plan_renaming("Ethics again", "Office B")
    page = client.get(f"/plans/compare/?a={a}&b={b}").content.decode()
    assert "“Ethics” and “Ethics again”" in page
    assert "The Office B is renamed the Office A." in page  # only with A
    assert "The Office A is renamed the Office B." in page  # only with B
    assert 'id="cost"' in page
    chooser = client.get("/plans/compare/").content.decode()
    assert '<option value="ethics">Ethics (draft)</option>' in chooser
    assert client.get(f"/plans/compare/?a={a}&b={a}").status_code == 400
    assert client.get(f"/plans/compare/?a={a}&b=no-such").status_code == 404


def test_the_plan_pages_lead_to_comparing_and_merging(signed_in):
    a = plan_renaming("Ethics", "Office A")
    page = signed_in.get(f"/plans/{a}/").content.decode()
    assert f"/plans/compare/?a={a}" in page and f"/plans/{a}/merge/" in page
    assert "/plans/compare/" in signed_in.get("/plans/").content.decode()


def test_the_merge_page_settles_a_conflict_and_merges(signed_in):
    target = plan_renaming("Ethics", "Office A")
    source = plan_renaming("Ethics again", "Office B")
    page = signed_in.get(f"/plans/{target}/merge/?from={source}").content.decode()
    assert "Office of Ethics and Conduct: its name" in page
    assert f'name="take:ethics:name" value="{source}"' in page
    refused = signed_in.post(f"/plans/{target}/merge/", {"from": source})
    assert refused.status_code == 409 and "Nothing was written" in refused.content.decode()
    assert [name for _, name in rows(target)] == ["Office A"]
    done = signed_in.post(f"/plans/{target}/merge/", {"from": source, "take:ethics:name": source})
    assert done.status_code == 302 and done["Location"] == f"/plans/{target}/"
    assert [name for _, name in rows(target)] == ["Office B"]


def test_the_merge_page_says_when_the_plan_is_not_a_draft(signed_in):
    target = plan_renaming("Ethics", "Office A")
    move_plan(target, "proposed", ANA)
    page = signed_in.get(f"/plans/{target}/merge/").content.decode()
    assert "Only a draft takes another plan" in page and 'name="from"' not in page
