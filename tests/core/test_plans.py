"""Plans: preview, validation, diff, narration, workflow, enacting and merging."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from organogram.core.changes import (
    Abolish,
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    Reclassify,
    Redescribe,
    Rename,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.errors import OrganogramError
from organogram.core.model import Citation, Source
from organogram.core.plans import (
    Phase,
    Plan,
    PlanError,
    PlanStatus,
    add_changes,
    check_plan,
    enact,
    merge_conflicts,
    merge_plans,
    narrate_plan,
    plan_timeline,
    preview,
    remove_changes,
    transition,
    validate_plan,
)
from organogram.core.timeline import Timeline

D = FuzzyDate.parse
RECORDED = dt.datetime(2020, 1, 1, 9, 0)
DRAFTED = dt.datetime(2021, 6, 1, 12, 0)
LATER = dt.datetime(2021, 9, 1, 12, 0)
ENACTED_AT = dt.datetime(2021, 10, 15, 10, 0)


def unit(uid: str, name: str, kind: str, parent: str | None, date: str = "2010") -> CreateUnit:
    """A recorded unit creation."""
    return CreateUnit(
        id=f"create-{uid}",
        date=D(date),
        unit=UnitSpec(id=uid, name=name, kind=kind),
        parent=parent,
        recorded_at=RECORDED,
    )


def record() -> Timeline:
    """A small headquarters: the DG, a DDG, an office, a department with three divisions."""
    return Timeline(
        [
            CreatePost(
                id="create-post-dg",
                date=D("2010"),
                post="dg",
                title="Director General",
                grade="UG",
                senior=True,
                recorded_at=RECORDED,
            ),
            CreatePost(
                id="create-post-ddg",
                date=D("2010"),
                post="ddg",
                senior=True,
                title="Deputy Director General",
                reports_to="dg",
                recorded_at=RECORDED,
            ),
            unit("odg", "Office of the Director General", "office", "dg"),
            unit("dom", "Department of Operations", "department", "ddg"),
            unit("prd", "Protection Division", "division", "dom"),
            unit("mad", "Migrant Assistance Division", "division", "dom"),
            unit("cmt", "Counter-Trafficking Unit", "unit", "prd"),
            unit("pol", "Policy Hub", "unit", "odg", date="2018"),
        ]
    )


def at(date: str = "2021-Q4", **kw: object) -> dict[str, object]:
    """Common fields of a plan change."""
    return {"date": D(date), **kw}


def review(**kw: object) -> Plan:
    """A draft plan: a new department, a rename, a merge of two divisions."""
    changes: list[Change] = [
        CreateUnit(
            id="review-1",
            **at(),
            unit=UnitSpec(id="dpr", name="Department of Policy and Research", kind="department"),
            parent="dg",
            cites=(Citation("scpf28", "21"),),
        ),
        Rename(id="review-2", **at(), unit="dom", name="Department of Operations and Emergencies"),
        Merge(
            id="review-3",
            **at(),
            units=("prd", "mad"),
            into="pad",
            new=UnitSpec(id="pad", name="Protection and Assistance Division", kind="division"),
            parent="dom",
        ),
    ]
    values: dict[str, object] = {
        "id": "review",
        "title": "Headquarters review",
        "effective": D("2021-Q4"),
        "description": "Regroups the departments under the two Deputy Directors General.",
        "drafted_at": DRAFTED,
        "changes": changes,
    }
    values.update(kw)
    return Plan(**values)  # type: ignore[arg-type]


def approved(plan: Plan) -> Plan:
    """``plan`` proposed then approved."""
    plan = transition(plan, PlanStatus.PROPOSED, by="ana", at="2021-07-01")
    return transition(plan, PlanStatus.APPROVED, by="council", at="2021-08-01")


# ----------------------------------------------------------------- timeline & preview
def test_plan_timeline_adds_the_changes_and_leaves_the_timeline_alone():
    tl = record()
    plan = review()
    branch = plan_timeline(tl, plan)
    assert len(branch) == len(tl) + 3
    assert len(tl) == 8
    assert branch.get("review-2") is plan.changes[1]


def test_preview_creates_renames_and_merges():
    tl = record()
    p = preview(tl, review())
    s = p.structure
    assert p.ok and p.failures == [] and p.broken == []
    assert p.day == dt.date(2021, 12, 31)
    assert s.units["dpr"].name == "Department of Policy and Research"
    assert s.parent("dpr") == "dg"
    assert s.units["dom"].name == "Department of Operations and Emergencies"
    assert "prd" not in s.units and "mad" not in s.units and "prd" in s.retired_units
    assert s.parent("pad") == "dom"
    assert s.parent("cmt") == "pad", "the merged division's unit is handed to the successor"
    assert {(ln.predecessor, ln.successor) for ln in s.lineage} == {("prd", "pad"), ("mad", "pad")}
    # The base is the present record on the same day, untouched by the plan.
    assert p.base.units["dom"].name == "Department of Operations"
    assert "dpr" not in p.base.units and "prd" in p.base.units


def test_preview_at_another_date_and_by_phase():
    tl = record()
    plan = review(
        phases=(Phase("one", "First steps", D("2021-Q4")), Phase("two", "Full", D("2022"))),
    )
    plan.changes.append(
        Reclassify(
            id="review-4",
            date=D("2022"),
            unit="pad",
            kind="department",
            name="Department of Protection",
        )
    )
    first = preview(tl, plan)
    assert first.structure.units["pad"].kind == "division"
    later = preview(tl, plan, at="2022")
    assert later.structure.units["pad"].kind == "department"
    before = preview(tl, plan, at="2021-06")
    assert "dpr" not in before.structure.units
    assert before.structure.units == before.base.units


def test_failing_plan_change_is_reported_with_its_reason_and_the_rest_applies():
    tl = record()
    plan = review()
    plan.changes.append(Rename(id="review-4", **at(), unit="nope", name="Nowhere"))
    plan.changes.append(Abolish(id="review-5", **at(), unit="dom"))
    p = preview(tl, plan)
    assert not p.ok
    reasons = {f.change.id: " ".join(f.problems) for f in p.failures}
    assert set(reasons) == {"review-4", "review-5"}
    assert "'nope' does not exist" in reasons["review-4"]
    assert "still oversees" in reasons["review-5"]
    assert "dpr" in p.structure.units
    assert any("review-4" in line for line in p.problems())


def test_failure_in_a_later_phase_is_reported_in_an_earlier_preview():
    plan = review()
    plan.changes.append(Rename(id="review-4", date=D("2023"), unit="nope", name="Nowhere"))
    p = preview(record(), plan, at="2021-Q4")
    assert [f.change.id for f in p.failures] == ["review-4"]


def test_preview_reports_recorded_changes_the_plan_would_break():
    tl = record().with_changes(
        [
            Rename(
                id="later-1",
                date=D("2023"),
                unit="mad",
                name="Assistance Division",
                recorded_at=RECORDED,
            )
        ]
    )
    p = preview(tl, review())
    assert [f.change.id for f in p.broken] == ["later-1"]
    assert "abolished" in p.broken[0].problems[0]


# ----------------------------------------------------------------- validation
def test_validation_marks_only_new_findings():
    tl = record().with_changes(
        # Already in the record: two units called "Policy Hub".
        [unit("pol2", "Policy Hub", "unit", "ddg", date="2019")]
    )
    plan = review()
    plan.changes.append(
        Rename(id="review-4", **at(), unit="odg", name="Protection and Assistance Division")
    )
    findings = validate_plan(tl, plan)
    dup = [f for f in findings if f.code == "duplicate-name"]
    assert {f.new for f in dup} == {True, False}
    assert all("Policy Hub" in f.message for f in dup if not f.new)
    assert all("Protection and Assistance Division" in f.message for f in dup if f.new)
    # Nothing the plan did not bring is marked new.
    assert all(not f.new for f in findings if "Policy Hub" in f.message)


def test_validation_lists_problems_the_plan_resolves():
    tl = record().with_changes([unit("pol2", "Policy Hub", "unit", "ddg", date="2019")])
    plan = review()
    plan.changes.append(Rename(id="review-4", **at(), unit="pol2", name="Research Hub"))
    result = check_plan(tl, plan)
    assert not [f for f in result.new if f.code == "duplicate-name"]
    assert any(f.code == "duplicate-name" for f in result.resolved)


def test_validation_reports_a_failing_plan_change_as_new():
    plan = review()
    plan.changes.append(Rename(id="review-4", **at(), unit="nope", name="Nowhere"))
    new = [f for f in validate_plan(record(), plan) if f.new]
    assert any(f.change_id == "review-4" for f in new)


# ----------------------------------------------------------------- diff
def test_plan_diff_turns_the_present_into_the_plan():
    diff = pytest.importorskip("organogram.core.diff")
    if not hasattr(diff, "diff"):
        pytest.skip("organogram.core.diff.diff is not available yet")
    from organogram.core.plans import plan_diff

    tl = record()
    plan = review()
    changes = plan_diff(tl, plan)
    p = preview(tl, plan)
    s = p.base.copy()
    for c in changes:
        c.apply(s)
    assert diff.same_structure(s, p.structure)


# ----------------------------------------------------------------- narration
def test_narration_has_title_description_phases_and_a_sentence_per_change():
    plan = review(
        phases=(Phase("one", "First steps", D("2021-Q4")), Phase("two", "Full", D("2022"))),
        phase_of={"review-1": "two"},
    )
    plan.changes[0] = replace(plan.changes[0], date=D("2022"))
    sources = {"scpf28": Source("scpf28", "HQ Organizational Review", symbol="S/28/8")}
    story = narrate_plan(record(), plan, sources)
    assert story.title.startswith("Headquarters review")
    assert "draft" in story.title and "Q4 2021" in story.title
    assert story.phases == ["Phase 1: First steps: Q4 2021", "Phase 2: Full: 2022"]
    assert [s.title for s in story.sections] == ["Phase 1: First steps", "Phase 2: Full"]
    assert len(story.sentences()) == 3
    first, second = story.sections
    assert len(first.sentences) == 2 and len(second.sentences) == 1
    assert "Department of Operations" in first.sentences[0]
    assert "S/28/8" in second.sentences[0]
    text = story.text()
    assert text.startswith("# Headquarters review")
    assert "Regroups the departments" in text
    assert "## Phase 2: Full (2022)" in text and "3. " in text


def test_narration_without_phases_tells_a_failing_change_as_left_out():
    plan = review()
    plan.changes.append(Rename(id="review-4", **at(), unit="nope", name="Nowhere"))
    story = narrate_plan(record(), plan)
    assert [s.title for s in story.sections] == ["Changes"]
    assert len(story.sentences()) == 4
    assert "review-4" in story.sentences()[-1] and "does not exist" in story.sentences()[-1]


# ----------------------------------------------------------------- workflow
def test_workflow_moves_and_records_events_without_touching_the_input():
    plan = review()
    proposed = transition(plan, "proposed", by="ana", at="2021-07-01", note="for the SCPF")
    assert plan.status is PlanStatus.DRAFT and plan.events == []
    assert proposed.status is PlanStatus.PROPOSED
    assert proposed.events[-1].by == "ana" and proposed.events[-1].note == "for the SCPF"
    assert proposed.events[-1].at == D("2021-07-01")
    back = transition(proposed, PlanStatus.DRAFT, by="ana", at=dt.date(2021, 7, 2))
    assert back.status is PlanStatus.DRAFT and len(back.events) == 2
    gone = transition(back, PlanStatus.WITHDRAWN, by="ana", at="2021-07-03")
    reopened = transition(gone, PlanStatus.DRAFT, by="ana", at="2021-07-04")
    assert reopened.status is PlanStatus.DRAFT


@pytest.mark.parametrize(
    ("path", "to", "words"),
    [
        ((), PlanStatus.ENACTED, "a draft plan cannot be enacted: propose and approve it first"),
        ((), PlanStatus.APPROVED, "a draft plan cannot be approved: propose it first"),
        ((PlanStatus.PROPOSED,), PlanStatus.ENACTED, "approve it first"),
        ((PlanStatus.WITHDRAWN,), PlanStatus.PROPOSED, "reopen it as a draft"),
        ((PlanStatus.PROPOSED, PlanStatus.APPROVED), PlanStatus.ENACTED, "enact()"),
    ],
)
def test_forbidden_moves_are_refused_with_a_clear_message(path, to, words):
    plan = review()
    for step in path:
        plan = transition(plan, step, by="ana", at="2021-07-01")
    with pytest.raises(PlanError) as err:
        transition(plan, to, by="ana", at="2021-07-02")
    assert words in str(err.value)
    assert isinstance(err.value, OrganogramError)


def test_editing_a_plan_and_enacted_plans_are_immutable():
    plan = review()
    more = add_changes(plan, [Redescribe(**at(), unit="pol", mandate="Research")], phase=None)
    assert len(more.changes) == 4 and len(plan.changes) == 3
    assert more.changes[-1].id == "review-4"
    with pytest.raises(PlanError, match="already has a change 'review-2'"):
        add_changes(plan, [Rename(id="review-2", **at(), unit="pol", name="X")])
    assert [c.id for c in remove_changes(more, ["review-4"]).changes] == [
        "review-1",
        "review-2",
        "review-3",
    ]
    done = enact(record(), approved(plan), by="ana", at=ENACTED_AT).plan
    with pytest.raises(PlanError, match="enacted and cannot be edited"):
        add_changes(done, [Redescribe(**at(), unit="pol", mandate="Research")])
    with pytest.raises(PlanError, match="enacted and cannot be edited"):
        remove_changes(done, ["review-1"])
    with pytest.raises(PlanError, match="part of the record"):
        transition(done, PlanStatus.WITHDRAWN, by="ana", at="2022")


# ----------------------------------------------------------------- enacting
def test_enact_refuses_a_plan_that_is_not_approved_and_changes_nothing():
    tl = record()
    plan = transition(review(), PlanStatus.PROPOSED, by="ana", at="2021-07-01")
    with pytest.raises(PlanError, match="approve it first") as err:
        enact(tl, plan, by="ana", at=ENACTED_AT)
    assert err.value.reasons
    assert len(tl) == 8 and plan.status is PlanStatus.PROPOSED
    assert all(c.recorded_at is None for c in plan.changes)


def test_enact_refuses_failing_and_conflicting_plans_with_every_reason():
    tl = record().with_changes(
        [
            Rename(
                id="since-1",
                date=D("2021-08"),
                unit="dom",
                name="Department of Field Work",
                recorded_at=LATER,
                recorded_by="bea",
            )
        ]
    )
    plan = review()
    plan.changes.append(Rename(id="review-4", **at(), unit="nope", name="Nowhere"))
    plan = approved(plan)
    with pytest.raises(PlanError) as err:
        enact(tl, plan, by="ana", at=ENACTED_AT)
    reasons = err.value.reasons
    assert any("conflict" in r and "since-1" in r and "review-2" in r for r in reasons)
    assert any("review-4" in r and "does not exist" in r for r in reasons)
    assert len(tl) == 9 and tl.get("review-1") is None
    assert plan.status is PlanStatus.APPROVED


def test_enact_puts_the_changes_in_the_timeline():
    tl = record()
    plan = approved(review())
    result = enact(tl, plan, by="ana", at=ENACTED_AT)
    assert len(tl) == 8 and plan.status is PlanStatus.APPROVED  # inputs untouched
    assert all(c.recorded_at is None for c in plan.changes)
    new = result.timeline
    assert len(new) == 11
    stamped = new.get("review-2")
    assert stamped is not None
    assert (stamped.recorded_by, stamped.recorded_at) == ("ana", ENACTED_AT)
    after = new.snapshot("2022-01-15").structure
    assert after.units["dom"].name == "Department of Operations and Emergencies"
    assert "dpr" in after.units and "prd" not in after.units
    before = new.snapshot("2021-06").structure
    assert before.units["dom"].name == "Department of Operations"
    assert result.plan.status is PlanStatus.ENACTED
    assert result.plan.events[-1].status is PlanStatus.ENACTED
    assert result.plan.events[-1].by == "ana"
    assert result.plan.changes == list(result.changes)
    # Enacted: its changes are in the timeline, so the branch adds nothing and a
    # second enactment is refused.
    assert len(plan_timeline(new, result.plan)) == 11
    with pytest.raises(PlanError):
        enact(new, result.plan, by="ana", at=ENACTED_AT)


def test_enact_refuses_ids_already_in_the_timeline():
    tl = record()
    plan = review()
    plan.changes.append(Redescribe(id="create-pol", **at(), unit="pol", mandate="Research"))
    with pytest.raises(PlanError, match="already has a change with id 'create-pol'"):
        enact(tl, approved(plan), by="ana", at=ENACTED_AT)


# ----------------------------------------------------------------- merging
def test_merge_plans_unites_changes_phases_and_documents():
    target = review(documents=("scpf28",), phases=(Phase("one", "First", D("2021-Q4")),))
    other = Plan(
        id="oversight",
        title="Oversight",
        effective=D("2022"),
        drafted_at=dt.datetime(2021, 3, 1),
        documents=("scpf28", "memo"),
        phases=(Phase("two", "Second", D("2022")),),
        changes=[
            Move(id="review-1", date=D("2022"), node="odg", to="ddg"),
            # The same decision as the target's: kept once.
            Rename(
                id="oversight-2",
                **at(),
                unit="dom",
                name="Department of Operations and Emergencies",
            ),
        ],
        phase_of={"review-1": "two"},
    )
    merged = merge_plans(target, other)
    ids = [c.id for c in merged.changes]
    assert ids == ["review-1", "review-2", "review-3", "oversight-review-1"]
    assert len(set(ids)) == len(ids)
    assert [p.id for p in merged.phases] == ["one", "two"]
    assert merged.documents == ("scpf28", "memo")
    assert merged.phase_of == {"oversight-review-1": "two"}
    assert merged.drafted_at == dt.datetime(2021, 3, 1)
    assert merged.id == "review" and len(target.changes) == 3
    assert preview(record(), merged, at="2022").structure.parent("odg") == "ddg"


def test_merge_conflict_names_both_changes():
    target = review()
    other = Plan(
        id="other",
        title="Other",
        effective=D("2021-Q4"),
        changes=[Rename(id="other-1", **at(), unit="dom", name="Department of Field Operations")],
    )
    assert [(c.node, c.attribute) for c in merge_conflicts(target, other)] == [("dom", "name")]
    with pytest.raises(PlanError) as err:
        merge_plans(target, other)
    (reason,) = err.value.reasons
    assert "review-2" in reason and "other-1" in reason
    assert "Department of Field Operations" in reason
    assert "Department of Operations and Emergencies" in reason


def test_merge_refuses_enacted_plans_and_clashing_phases():
    target = review(phases=(Phase("one", "First", D("2021-Q4")),))
    other = Plan(id="o", title="O", effective=D("2022"), phases=(Phase("one", "Other", D("2022")),))
    with pytest.raises(PlanError, match="phase 'one'"):
        merge_plans(target, other)
    done = enact(record(), approved(review()), by="ana", at=ENACTED_AT).plan
    with pytest.raises(PlanError, match="enacted"):
        merge_plans(Plan(id="n", title="N", effective=D("2022")), done)


def test_merge_conflict_when_one_plan_ends_a_unit_the_other_edits():
    other = Plan(
        id="other",
        title="Other",
        effective=D("2021-Q4"),
        changes=[Rename(id="other-1", **at(), unit="prd", name="Protection Service")],
    )
    (c,) = merge_conflicts(review(), other)
    assert (c.node, c.attribute, c.ours.id, c.theirs.id) == (
        "prd",
        "existence",
        "review-3",
        "other-1",
    )
    assert "abolished" in c.message() and "in force" in c.message()


def test_an_enacted_plan_is_still_shown_against_the_record_without_it():
    tl = record()
    plan = approved(review())
    result = enact(tl, plan, by="ana", at=ENACTED_AT)
    p = preview(result.timeline, result.plan)
    assert "dpr" in p.structure.units and "dpr" not in p.base.units and p.ok
    told = narrate_plan(result.timeline, result.plan).sentences()
    assert told == narrate_plan(tl, plan).sentences()
    assert "enacted plan" in narrate_plan(result.timeline, result.plan).title
    assert [f.new for f in validate_plan(result.timeline, result.plan)] == [
        f.new for f in validate_plan(tl, plan)
    ]
    with pytest.raises(PlanError, match="already enacted"):
        enact(result.timeline, result.plan, by="ana", at=ENACTED_AT)
