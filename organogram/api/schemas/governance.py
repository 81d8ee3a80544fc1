"""Answers about governing bodies and calls for nominations, worked out from the entries."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class BodyOut(Schema):
    """A governing body: its sessions and documents, its bureau at the date and over time."""

    id: str
    name: str
    abbreviation: str
    kind: str
    parent: str | None
    parent_name: str
    established: str
    ended: str
    cite: list[dict[str, Any]]
    note: str
    committees: list[dict[str, Any]]
    sessions: list[dict[str, Any]]
    bureau_at: list[dict[str, Any]]
    bureau: list[dict[str, Any]]
    bureau_sessions: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    claims: dict[str, Any]


class BodiesOut(Schema):
    """Every body (councils first), the membership at ``at``, and sources tied to none."""

    at: str
    bodies: list[BodyOut]
    #: members and observers at the date, with their counts
    membership: dict[str, Any]
    unlinked: list[dict[str, Any]]


class CallOut(Schema):
    """A call for nominations: its deadline and posts, and its nominations counted at
    ``at`` (null counts: not known)."""

    id: str
    reference: str
    title: str
    issued: str
    deadline: str
    deadline_text: str
    open: bool
    posts: list[dict[str, Any]]
    addressed_to: str
    channel: str
    requirements: list[str]
    body: str | None
    cite: list[dict[str, Any]]
    note: str
    at: str
    received: int | None
    received_basis: str | None
    received_as_of: str | None
    received_cite: list[dict[str, Any]]
    received_text: str
    complete: bool
    late: int | None
    uncertain: int | None
    recorded: int
    recorded_late: int
    recorded_uncertain: int
    by_status: dict[str, int]


class CallsOut(Schema):
    """Every call with its counts at ``at``."""

    at: str
    calls: list[CallOut]


class CallDetail(CallOut):
    """A call and its nominations, each flagged late, with status and outcome; candidates'
    names and documents only when ``personal``."""

    personal: bool
    nominations: list[dict[str, Any]]
