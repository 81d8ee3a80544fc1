"""Answers of the plans' read endpoints: the list, one plan, its preview, validation,
narrative and conflicts."""

from __future__ import annotations

from typing import Any

from ninja import Schema


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
