"""Answers about posts: the posts at a date, the vacancies, one post in full."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class PostsOut(Schema):
    """The posts in force at ``date`` (in ``unit`` and below, if asked), with their FTE."""

    date: str
    #: the unit asked for (id and name), or null for the whole structure
    unit: dict[str, Any] | None
    #: each: id, title, grade, unit, status, funding, fte, holding (holders if allowed)…
    posts: list[dict[str, Any]]
    count: int
    fte: float


class VacanciesOut(Schema):
    """Established posts nobody holds at ``date``; frozen posts apart; names no one."""

    date: str
    unit: dict[str, Any] | None
    vacant: list[dict[str, Any]]
    no_holder_recorded: list[dict[str, Any]]
    frozen: list[dict[str, Any]]


class PostOut(Schema):
    """One post at ``date``: its attributes, terms of reference, classification history,
    claims and, for readers who may see people, who held it."""

    id: str
    title: str
    grade: str
    category: str
    unit: dict[str, Any] | None
    duty_station: str
    senior: bool
    status: str
    funding: str
    fte: float
    filled: bool
    vacant: bool
    #: "held", "vacant" or "no holder recorded"
    holding: str
    certainty: str
    uncertain: list[dict[str, Any]]
    date: str
    #: "in-force", "abolished" or "not-yet"
    state: str
    in_force: bool
    #: the terms of reference in force at the date, by part
    terms: dict[str, Any] | None
    versions: list[dict[str, Any]]
    #: the generic description the terms follow
    description: dict[str, Any] | None
    classification: list[dict[str, Any]]
    claims: dict[str, Any]
    holders: list[dict[str, Any]] | None = None
    assignments: list[dict[str, Any]] | None = None
