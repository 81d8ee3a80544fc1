"""Answers about timeline changes: one change as the API tells it, and a page of them."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ChangeOut(Schema):
    """A timeline change: its data, the sentence telling it, its place in the recording."""

    id: str
    op: str
    #: a date or a period, as the dataset writes it
    date: str
    #: the change's own parameters (which depend on ``op``); without those naming a
    #: person for readers who may not see people's data
    params: dict[str, Any]
    #: each: source, title, symbol, passage…
    sources: list[dict[str, Any]]
    reason: str
    basis: str
    note: str
    #: the change told in a sentence
    text: str
    #: the order it was recorded in (the editing token it sets)
    sequence: int
    #: the change as a dataset's ``changes:`` entry writes it: the shape ``POST
    #: /api/changes`` accepts (without the fields naming people, for visitors)
    change: dict[str, Any]
    #: who recorded it and when: for signed-in readers only
    recorded_by: str | None = None
    recorded_at: str | None = None


class ChangePage(Schema):
    """Changes in the order they apply, ``limit`` from ``offset`` of ``count`` found."""

    count: int
    offset: int
    limit: int
    changes: list[ChangeOut]


class RecordedOut(ChangeOut):
    """A change just recorded, and the revision the registry is at with it."""

    revision: int


class ReversedOut(Schema):
    """The changes recorded to undo ``reverses``, and the revision with them."""

    reverses: str
    changes: list[ChangeOut]
    revision: int
