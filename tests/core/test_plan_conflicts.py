"""Three-way conflicts between a plan and the changes recorded since its base."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.core.changes import (
    Abolish,
    AddLine,
    AmendPost,
    Change,
    CreateUnit,
    Move,
    Redescribe,
    Rename,
    UnitSpec,
)
from organogram.core.plans import (
    Plan,
    PlanError,
    base_timeline,
    conflicts,
    enact,
    preview,
    rebase,
    since_base,
)
from organogram.core.plans.conflicts import BROKEN, PRECONDITION, VALUE
from organogram.core.timeline import Timeline

from .test_plans import DRAFTED, ENACTED_AT, RECORDED, D, approved, at, record, review

SINCE = dt.datetime(2021, 8, 1, 9, 30)  # after the plan was drafted


def since(change: Change, by: str = "bea") -> Change:
    """``change`` as recorded after the plan was drafted."""
    return replace(change, recorded_at=SINCE, recorded_by=by)


def with_since(*changes: Change) -> Timeline:
    """The record with changes recorded since the plan's base."""
    return record().with_changes(changes)


def test_base_is_the_record_as_it_stood_when_the_plan_was_drafted():
    tl = with_since(since(Rename(id="s1", date=D("2021-07"), unit="pol", name="Research Hub")))
    plan = review()
    assert len(base_timeline(tl, plan)) == len(tl) - 1
    assert [c.id for c in since_base(tl, plan)] == ["s1"]
    assert since_base(tl, review(drafted_at=None)) == []


def test_no_change_since_the_base_no_conflict():
    assert conflicts(record(), review()) == []


def test_concurrent_rename_to_another_name_is_a_conflict():
    tl = with_since(
        since(Rename(id="s1", date=D("2021-08"), unit="dom", name="Department of Field Work"))
    )
    (c,) = conflicts(tl, review())
    assert (c.kind, c.node, c.attribute) == (VALUE, "dom", "name")
    assert c.base == "Department of Operations"
    assert c.want == "Department of Operations and Emergencies"
    assert c.now == "Department of Field Work"
    assert [x.id for x in c.since] == ["s1"]
    assert c.plan_change is not None and c.plan_change.id == "review-2"
    text = c.message()
    for part in (
        "Department of Field Work",
        "Department of Operations and Emergencies",
        "s1",
        "review-2",
        "bea",
    ):
        assert part in text


def test_concurrent_rename_to_the_same_name_is_no_conflict():
    tl = with_since(
        since(
            Rename(
                id="s1",
                date=D("2021-08"),
                unit="dom",
                name="Department of Operations and Emergencies",
            )
        )
    )
    assert conflicts(tl, review()) == []


def test_concurrent_changes_to_different_units_are_no_conflict():
    tl = with_since(
        since(Rename(id="s1", date=D("2021-08"), unit="pol", name="Research Hub")),
        since(Move(id="s2", date=D("2021-08"), node="odg", to="ddg")),
    )
    assert conflicts(tl, review()) == []


def test_concurrent_changes_to_different_attributes_are_no_conflict():
    tl = with_since(
        since(Redescribe(id="s1", date=D("2021-08"), unit="dom", mandate="Field operations"))
    )
    assert conflicts(tl, review()) == []


def test_change_recorded_before_drafting_is_in_the_base():
    tl = record().with_changes(
        [
            Rename(
                id="b1",
                date=D("2021-08"),
                unit="dom",
                name="Department of Field Work",
                recorded_at=dt.datetime(2021, 5, 1),
            )
        ]
    )
    assert conflicts(tl, review()) == []


def test_unit_abolished_since_the_base_is_a_precondition_conflict():
    tl = with_since(
        since(Move(id="s1", date=D("2021-07"), node="cmt", to="dom")),
        since(Abolish(id="s2", date=D("2021-08"), unit="prd")),
    )
    found = conflicts(tl, review())
    (c,) = [x for x in found if x.kind == PRECONDITION]
    assert c.plan_change is not None and c.plan_change.id == "review-3"
    assert "Protection Division (prd) was abolished" in " ".join(c.problems)
    assert "s2" in [x.id for x in c.since]
    assert "no longer applies" in c.message()


def test_rename_of_a_unit_abolished_since_is_one_conflict():
    plan = review()
    plan.changes.append(Rename(id="review-4", **at(), unit="pol", name="Research Hub"))
    tl = with_since(since(Abolish(id="s1", date=D("2021-08"), unit="pol")))
    (c,) = conflicts(tl, plan)
    assert (c.kind, c.node, c.plan_change.id) == (PRECONDITION, "pol", "review-4")
    assert [x.id for x in c.since] == ["s1"]


def test_concurrent_moves_to_different_parents_conflict_on_the_parent():
    plan = review()
    plan.changes.append(Move(id="review-4", **at(), node="odg", to="ddg"))
    tl = with_since(since(Move(id="s1", date=D("2021-08"), node="odg", to="dom")))
    (c,) = conflicts(tl, plan)
    assert (c.attribute, c.base, c.want, c.now) == ("parent", "dg", "ddg", "dom")


def test_a_node_the_plan_reparents_is_compared_too():
    # The plan merges prd away, handing its unit cmt to the new division; since the
    # base, cmt was placed under the DDG.
    tl = with_since(since(Move(id="s1", date=D("2021-08"), node="cmt", to="ddg")))
    (c,) = conflicts(tl, review())
    assert (c.node, c.attribute, c.base, c.want, c.now) == ("cmt", "parent", "prd", "pad", "ddg")
    assert c.plan_change is not None and c.plan_change.id == "review-3"


def test_concurrent_creation_of_one_id_conflicts_unless_identical():
    other = CreateUnit(
        id="s1",
        date=D("2021-08"),
        parent="ddg",
        unit=UnitSpec(id="dpr", name="Department of Peace", kind="department"),
    )
    (c,) = conflicts(with_since(since(other)), review())
    assert c.kind == PRECONDITION and c.plan_change.id == "review-1"
    same = CreateUnit(
        id="s1",
        **at(),
        parent="dg",
        unit=UnitSpec(id="dpr", name="Department of Policy and Research", kind="department"),
    )
    assert conflicts(with_since(since(same)), review()) == []


def test_recorded_change_the_plan_would_break_is_a_conflict():
    tl = with_since(since(Rename(id="s1", date=D("2023"), unit="mad", name="Assistance")))
    (c,) = conflicts(tl, review())
    assert c.kind == BROKEN and [x.id for x in c.since] == ["s1"]
    assert "would no longer apply" in c.message()


def test_lines_added_on_both_sides_do_not_conflict():
    plan = review()
    plan.changes.append(
        AddLine(id="review-4", **at(), source="pol", kind="functional", target="dom")
    )
    tl = with_since(
        since(AddLine(id="s1", date=D("2021-08"), source="pol", kind="functional", target="ddg"))
    )
    assert conflicts(tl, plan) == []


def test_without_a_drafting_time_only_failures_on_the_present_count():
    plan = review(drafted_at=None)
    tl = record().with_changes(
        [
            Rename(
                id="s1",
                date=D("2021-08"),
                unit="dom",
                name="Department of Field Work",
                recorded_at=SINCE,
            )
        ]
    )
    assert conflicts(tl, plan) == []
    plan.changes.append(Rename(id="review-4", **at(), unit="nope", name="Nowhere"))
    (c,) = conflicts(tl, plan)
    assert c.kind == PRECONDITION and c.plan_change.id == "review-4"


def test_record_times_with_and_without_time_zone_compare():
    plan = review(drafted_at=DRAFTED.replace(tzinfo=dt.UTC))
    tl = with_since(
        since(Rename(id="s1", date=D("2021-08"), unit="dom", name="Department of Field Work"))
    )
    assert len(conflicts(tl, plan)) == 1
    assert RECORDED.tzinfo is None  # the base was recorded without a time zone


def test_plan_with_phases_is_compared_after_its_last_phase():
    plan = review()
    plan.changes.append(Rename(id="review-4", date=D("2022-06"), unit="pol", name="Research Hub"))
    tl = with_since(since(Rename(id="s1", date=D("2022-03"), unit="pol", name="Data Hub")))
    (c,) = conflicts(tl, plan)
    assert (c.node, c.want, c.now) == ("pol", "Research Hub", "Data Hub")


def test_conflicts_leave_the_inputs_alone():
    tl = with_since(
        since(Rename(id="s1", date=D("2021-08"), unit="dom", name="Department of Field Work"))
    )
    plan = review()
    before = (len(tl), list(plan.changes), plan.status)
    conflicts(tl, plan)
    assert (len(tl), list(plan.changes), plan.status) == before
    assert isinstance(plan, Plan)


def test_rebasing_settles_a_conflict_and_the_plan_can_then_be_enacted():
    tl = with_since(
        since(Rename(id="s1", date=D("2021-08"), unit="dom", name="Department of Field Work"))
    )
    plan = review()
    assert conflicts(tl, plan)
    with pytest.raises(PlanError, match="only a draft can be edited"):
        rebase(approved(plan), at=dt.datetime(2021, 9, 15))
    settled = rebase(plan, at=dt.datetime(2021, 9, 15))
    assert conflicts(tl, settled) == [] and plan.drafted_at == DRAFTED
    result = enact(tl, approved(settled), by="ana", at=ENACTED_AT)
    assert result.timeline.snapshot("2022").structure.units["dom"].name == (
        "Department of Operations and Emergencies"
    )
    with pytest.raises(PlanError, match="enacted"):
        rebase(result.plan, at=dt.datetime(2022, 1, 1))


# ----------------------------------------------------------------- properties
UNITS = ["odg", "dom", "prd", "mad", "cmt", "pol"]
PARENTS = ["dg", "ddg", "odg", "dom"]
NAMES = ["Alpha", "Beta", "Gamma"]


@st.composite
def edits(draw: st.DrawFn, prefix: str, date: str) -> list[Change]:
    """A few renames, moves and redescriptions of the fixture's units."""
    out: list[Change] = []
    for i in range(draw(st.integers(0, 4))):
        u = draw(st.sampled_from(UNITS))
        kind = draw(st.sampled_from(["rename", "move", "redescribe"]))
        common = {"id": f"{prefix}-{i}", "date": D(date)}
        if kind == "rename":
            out.append(Rename(**common, unit=u, name=draw(st.sampled_from(NAMES))))
        elif kind == "move":
            out.append(Move(**common, node=u, to=draw(st.sampled_from(PARENTS))))
        else:
            out.append(Redescribe(**common, unit=u, mandate=draw(st.sampled_from(NAMES))))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mine=edits("p", "2021-Q4"), theirs=edits("s", "2021-08"))
def test_conflict_properties(mine, theirs):
    plan = Plan(id="p", title="P", effective=D("2021-Q4"), drafted_at=DRAFTED, changes=mine)
    alone = conflicts(record(), plan)
    assert [c for c in alone if c.kind != PRECONDITION] == []
    tl = record().with_changes([since(c) for c in theirs])
    found = conflicts(tl, plan)
    touched = {n for c in theirs for n in c.subjects()}
    for c in found:
        if c.kind == VALUE:
            assert len({repr(c.base), repr(c.want), repr(c.now)}) == 3
            assert c.node in touched and c.since
    # Nothing the plan touches was changed since its base: no conflict at all.
    if not touched & {n for c in mine for n in c.subjects()}:
        assert [c for c in found if c.kind == VALUE] == []
    # Whatever is found, an enacted plan's timeline shows the preview.
    try:
        result = enact(tl, approved(plan), by="ana", at=ENACTED_AT)
    except PlanError:
        return
    after = result.timeline.snapshot("2021-Q4").structure
    expected = preview(tl, plan).structure
    assert (after.units, after.oversight) == (expected.units, expected.oversight)


def test_concurrent_amendments_of_a_post_conflict_on_the_attribute_they_both_set():
    plan = review(
        changes=[
            AmendPost(id="review-1", **at(), post="ddg", status="frozen", funding="core"),
        ]
    )
    tl = with_since(
        since(AmendPost(id="s1", date=D("2021-08"), post="ddg", status="proposed", fte=0.5))
    )
    (c,) = conflicts(tl, plan)
    assert (c.kind, c.node, c.attribute) == (VALUE, "ddg", "status")
    assert (c.want, c.now) == ("frozen", "proposed")
    # Amending different attributes of the same post is no conflict.
    tl = with_since(since(AmendPost(id="s1", date=D("2021-08"), post="ddg", fte=0.5)))
    assert conflicts(tl, plan) == []
