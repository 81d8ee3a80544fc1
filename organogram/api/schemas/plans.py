"""Answers of the plans' read endpoints: the list, one plan, its preview, validation,
narrative and conflicts."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from .refusal import RefusalOut


class PlanRow(Schema):
    """A plan in the list: status, effective date, number of changes, latest move."""

    id: str
    title: str
    status: str
    effective: str
    changes: int
    last_event: dict[str, Any] | None


class PlanOut(Schema):
    """A plan as its page shows it: phases, documents, status history, changes told."""

    id: str
    title: str
    status: str
    effective: str
    effective_words: str
    description: str
    drafted_at: str
    documents: list[dict[str, Any]]
    phases: list[dict[str, Any]]
    events: list[dict[str, Any]]
    headline: str
    #: the changes by phase, each told in a sentence
    sections: list[dict[str, Any]]
    count: int


class PlanPreviewOut(Schema):
    """The structure the plan would make at ``date``, what would not apply, the diff."""

    plan: str
    title: str
    status: str
    date: str
    ok: bool
    #: each failure, or recorded change the plan would break, in a sentence
    problems: list[str]
    nodes: list[dict[str, Any]]
    unplaced: list[str]
    touched: list[str]
    diff: list[dict[str, Any]]
    #: counts of what differs (units added, moved…), as a comparison of two dates gives
    summary: dict[str, int]
    #: each of the plan's changes (by id) -> the department it falls under, or None
    departments: dict[str, dict[str, str] | None]


class PlanValidationOut(Schema):
    """Every finding on the record with the plan; ``new`` marks what the plan brings."""

    plan: str
    ok: bool
    new_errors: int
    findings: list[dict[str, Any]]


class PlanNarrativeOut(Schema):
    """The plan told in plain language, by phase."""

    plan: str
    title: str
    description: str
    phases: list[str]
    sections: list[dict[str, Any]]
    text: str


class PlanConflictsOut(Schema):
    """Where the plan, its base and the record now all differ, change by change."""

    plan: str
    ok: bool
    drafted_at: str
    conflicts: list[dict[str, Any]]


class PlanChangeOut(PlanOut):
    """A plan after one of its changes was added or replaced: ``change`` is its id."""

    plan: str
    change: str


class EnactedOut(Schema):
    """An enacted plan: the ids of its changes, now in the timeline, and the revision."""

    plan: str
    status: str
    changes: list[str]
    revision: int


class PlanImportOut(PlanOut):
    """A plan after a spreadsheet's rows were added: ``imported`` are their ids."""

    plan: str
    imported: list[str]
class PlanSummary(Schema):
    """A plan named in a comparison or a merge."""

    id: str
    title: str
    status: str
    effective: str
    #: how many changes it makes
    count: int


class PlanCostSide(Schema):
    """One plan's cost in a comparison: its currency and total, or why it has none."""

    error: str
    currency: str
    total: str | None
    illustrative: bool = False


class PlanCostYear(Schema):
    """One year's cost of each plan (null: the plan costs nothing that year)."""

    year: int
    a: str | None
    b: str | None


class PlanCostComparison(Schema):
    """Both plans' cost, year by year."""

    a: PlanCostSide
    b: PlanCostSide
    #: a figure rests on illustrative cost tables
    warning: bool
    years: list[PlanCostYear]


class PlanComparisonOut(Schema):
    """Two plans side by side, as of ``date`` (the later of their effective dates)."""

    a: PlanSummary
    b: PlanSummary
    date: str
    #: what plan A's structure has that B's has not: the changes turning B's into A's,
    #: each told in a sentence (``text``)
    only_a: list[dict[str, Any]]
    #: what plan B's structure has that A's has not
    only_b: list[dict[str, Any]]
    #: each plan's own changes ("a", "b"), ``shared`` when the other makes it too
    changes: dict[str, list[dict[str, Any]]]
    #: null without the cost.view permission
    cost: PlanCostComparison | None


class MergeSide(Schema):
    """One side of a merge conflict: the plan, its change told, the value it sets."""

    plan: str
    title: str
    change: str
    sentence: str
    value: str


class MergeConflictOut(Schema):
    """Two plans setting one attribute of one unit or post to different values."""

    #: what a resolution names: {"resolutions": {ID: PLAN whose change stands}}
    id: str
    node: str
    #: the unit or post by name
    label: str
    attribute: str
    #: the attribute in words
    words: str
    target: MergeSide
    source: MergeSide
    message: str


class MergeRefusalOut(RefusalOut):
    """A merge refused; with ``conflicts`` when some are not settled yet."""
    #: the conflicts still to settle, each with the id a resolution names
    conflicts: list[MergeConflictOut] = Field(default_factory=list)


class MergedOut(PlanOut):
    """The target plan after the merge, and what the merge did to it."""

    merged_from: str
    #: ids of the changes it gained
    added: list[str]
    #: ids of its own changes left out because the other plan's won
    dropped: list[str]
    #: ids of the other plan's changes left out because its own won
    left_out: list[str]
