"""Plans: list, read, preview, validate, narrate, conflicts, compare two; draft, fill, merge,
move and enact."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, File, Router, Schema, Status, UploadedFile

from ..queries import plans as q
from ..queries.plan_pairs import compare_two_plans
from ..registry import store
from ..registry.actions import (
    AddPlanChange,
    DraftPlan,
    EditPlanChange,
    EnactPlan,
    ImportPlanChanges,
    MergePlan,
    MovePlan,
    RebasePlan,
    RemovePlanChange,
    run,
)
from ..registry.permissions import can
from .auth import actor, need
from .schemas.plans import (
    EnactedOut,
    MergedOut,
    MergeRefusalOut,
    PlanChangeOut,
    PlanComparisonOut,
    PlanConflictsOut,
    PlanImportOut,
    PlanNarrativeOut,
    PlanOut,
    PlanPreviewOut,
    PlanRow,
    PlanValidationOut,
)
from .schemas.refusal import REFUSALS, RefusalOut

router = Router(tags=["plans"])


def _people(request: HttpRequest) -> bool:
    return can(request.auth, "people.view")  # type: ignore[attr-defined]


@router.get("", response=list[PlanRow], summary="Every plan")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    """Each plan with its status, effective date, number of changes and latest move."""
    need(request, "plan.view")
    return q.plan_list(store.current().record)


@router.get("/compare", response=PlanComparisonOut, summary="Two plans side by side")
def compare(request: HttpRequest, a: str, b: str) -> dict[str, Any]:
    """What each plan's structure has that the other's has not, their changes, their cost
    (the cost only with cost.view)."""
    need(request, "plan.view")
    return compare_two_plans(
        store.current().record, a, b, people=_people(request),
        cost=can(request.auth, "cost.view"),  # type: ignore[attr-defined]
    )


@router.get("/{plan_id}", response=PlanOut, summary="One plan, its changes by phase")
def plan(request: HttpRequest, plan_id: str) -> dict[str, Any]:
    """What the plan's page shows: phases, documents, status history, changes told."""
    need(request, "plan.view")
    return q.plan_detail(store.current().record, plan_id, people=_people(request))


@router.get(
    "/{plan_id}/preview",
    response=PlanPreviewOut,
    summary="The structure the plan would make",
)
def preview(request: HttpRequest, plan_id: str, at: str | None = None) -> dict[str, Any]:
    """The structure at the plan's effective date (or ``at``), what would not apply, the diff."""
    need(request, "plan.view")
    return q.plan_preview(store.current().record, plan_id, at, people=_people(request))


@router.get(
    "/{plan_id}/validation",
    response=PlanValidationOut,
    summary="Validation findings with the plan",
)
def validation(request: HttpRequest, plan_id: str) -> dict[str, Any]:
    """Every rule run on the record with the plan; ``new`` marks what the plan brings."""
    need(request, "plan.view")
    return q.plan_validation(store.current().record, plan_id)


@router.get(
    "/{plan_id}/narrative",
    response=PlanNarrativeOut,
    summary="The plan told in plain language",
)
def narrative(request: HttpRequest, plan_id: str) -> dict[str, Any]:
    """Sentences by phase, as a governing-body paper would tell them."""
    need(request, "plan.view")
    return q.plan_narrative(store.current().record, plan_id, people=_people(request))


@router.get(
    "/{plan_id}/conflicts",
    response=PlanConflictsOut,
    summary="Conflicts with what was recorded since its base",
)
def conflicts(request: HttpRequest, plan_id: str) -> dict[str, Any]:
    """Change by change: where the plan, its base and the record now all differ."""
    need(request, "plan.view")
    return q.plan_conflicts(store.current().record, plan_id, people=_people(request))


class PlanIn(Schema):
    """A new draft plan."""

    title: str
    #: when it takes effect: a date or a period (2025-Q1)
    effective: str
    description: str = ""
    #: default: made from the title
    id: str = ""


class PlanChangeIn(Schema):
    """A change to add to a draft plan: a dataset entry's mapping (date defaults to the plan's)."""

    change: dict[str, Any]
    phase: str | None = None


class MoveIn(Schema):
    """A move of the plan's status: to ``proposed``, ``approved``, ``draft`` or ``withdrawn``."""

    to: str
    note: str = ""
    #: the status you saw; refused if the plan has moved since
    expected: str | None = None


class MergeIn(Schema):
    """A plan to merge into this draft, and how to settle the conflicts."""

    #: the plan merged in (left as it is)
    source: str = Field(alias="from")
    #: conflict id -> the id of the plan whose change stands
    resolutions: dict[str, str] = Field(default_factory=dict)


class EnactIn(Schema):
    """Enacting an approved plan."""

    note: str = ""
    expected: str | None = None


@router.post("", response={201: PlanOut, **REFUSALS}, summary="Draft a new plan")
def draft(request: HttpRequest, body: PlanIn) -> Status:
    """A draft based on the record as it stands now."""
    row = run(DraftPlan(body.title, body.effective, body.description, body.id), actor(request))
    return Status(201, q.plan_detail(store.current().record, row.id, people=_people(request)))


@router.post(
    "/{plan_id}/changes",
    response={201: PlanChangeOut, **REFUSALS},
    summary="Add a change to a draft plan",
)
def add_change(
    request: HttpRequest, plan_id: str, body: PlanChangeIn
) -> Status:
    """Checked as a dataset entry, then where it falls in the plan; 409/422 if refused."""
    change = run(AddPlanChange(plan_id, body.change, body.phase), actor(request))
    detail = q.plan_detail(store.current().record, plan_id, people=_people(request))
    return Status(201, {"plan": plan_id, "change": change.id, **detail})


@router.put(
    "/{plan_id}/changes/{change_id}",
    response={200: PlanChangeOut, **REFUSALS},
    summary="Replace a change of a draft plan",
)
def edit_change(
    request: HttpRequest, plan_id: str, change_id: str, body: PlanChangeIn
) -> dict[str, Any]:
    """The change as a whole, in its place (its id kept; the date defaults to its own)."""
    run(EditPlanChange(plan_id, change_id, body.change), actor(request))
    detail = q.plan_detail(store.current().record, plan_id, people=_people(request))
    return {"plan": plan_id, "change": change_id, **detail}


@router.delete(
    "/{plan_id}/changes/{change_id}",
    response={204: None, **REFUSALS},
    summary="Remove a change",
)
def remove_change(request: HttpRequest, plan_id: str, change_id: str) -> Status:
    """Take a change out of a draft plan."""
    run(RemovePlanChange(plan_id, change_id), actor(request))
    return Status(204, None)


@router.post(
    "/{plan_id}/import",
    response={200: PlanImportOut, **REFUSALS},
    summary="Import changes into a draft plan from a spreadsheet, all or nothing",
)
def import_changes(request: HttpRequest, plan_id: str, sheet: File[UploadedFile]) -> dict[str, Any]:
    """``sheet``: an .xlsx workbook with a ``changes`` sheet, or a .csv file, one change a
    row with the dataset's field names; 422 listing every row's problems, nothing written."""
    upload = ImportPlanChanges(plan_id, sheet.name or "sheet", sheet.chunks(), sheet.size or 0)
    added = run(upload, actor(request))
    detail = q.plan_detail(store.current().record, plan_id, people=_people(request))
    return {"plan": plan_id, "imported": [c.id for c in added], **detail}


@router.post(
    "/{plan_id}/rebase",
    response={200: PlanOut, **REFUSALS},
    summary="Settle the plan's conflicts: its base becomes now",
)
def rebase(request: HttpRequest, plan_id: str) -> dict[str, Any]:
    """For a draft reviewed against what was recorded since its base."""
    run(RebasePlan(plan_id), actor(request))
    return q.plan_detail(store.current().record, plan_id, people=_people(request))


@router.post(
    "/{plan_id}/merge",
    response={200: MergedOut, 403: RefusalOut, 404: RefusalOut, 409: MergeRefusalOut,
              422: RefusalOut},
    summary="Merge another plan into a draft",
)
def merge(request: HttpRequest, plan_id: str, body: MergeIn) -> dict[str, Any]:
    """409 listing the conflicts (each with its id) until every one is settled in
    ``resolutions``; then the draft with the other plan's changes."""
    done = run(MergePlan(plan_id, body.source, body.resolutions), actor(request))
    detail = q.plan_detail(store.current().record, plan_id, people=_people(request))
    return {
        **detail,
        "merged_from": done.source,
        "added": done.added,
        "dropped": done.dropped,
        "left_out": done.left_out,
    }


@router.post(
    "/{plan_id}/transition",
    response={200: PlanOut, **REFUSALS},
    summary="Propose, approve, send back, withdraw or reopen a plan",
)
def transition(request: HttpRequest, plan_id: str, body: MoveIn) -> dict[str, Any]:
    """Who may make which move is the plan workflow's table's to say."""
    run(MovePlan(plan_id, body.to, body.note, body.expected), actor(request))
    return q.plan_detail(store.current().record, plan_id, people=_people(request))


@router.post(
    "/{plan_id}/enact",
    response={200: EnactedOut, **REFUSALS},
    summary="Enact an approved plan, all or nothing",
)
def enact(request: HttpRequest, plan_id: str, body: EnactIn) -> dict[str, Any]:
    """Its changes join the timeline; refused with every reason (conflicts, failures)."""
    changes = run(EnactPlan(plan_id, body.note, body.expected), actor(request))
    return {
        "plan": plan_id,
        "status": "enacted",
        "changes": [c.id for c in changes],
        "revision": store.revision(),
    }
