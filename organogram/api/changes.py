"""The timeline's changes: list and filter them, read one, record one, reverse one."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from ..core.changes import Change
from ..core.errors import NotFound
from ..registry import store
from ..registry.actions import RecordChange, ReverseChange, run
from .auth import actor, need
from .common import change_rows, offset_field, when
from .schemas.changes import ChangeOut, ChangePage, RecordedOut, ReversedOut
from .schemas.refusal import REFUSALS

router = Router(tags=["changes"])


class ChangeIn(Schema):
    """A change to record: the mapping a dataset's ``changes:`` entry holds."""

    #: e.g. {"op": "rename", "date": "2024-03-01", "unit": "dfam", "name": "…",
    #: "reason": "…", "cite": "src:12"}
    change: dict[str, Any]
    #: the ``token`` read with the unit (or structure): refused if someone changed it since.
    expected: int | None = None
    #: the id of an earlier change this one corrects.
    corrects: str | None = None


class ReverseIn(Schema):
    """When the reversal takes effect (default: the reversed change's date) and why."""

    date: str | None = None
    reason: str = ""
    expected: int | None = None


class ChangeFilter(Schema):
    """Filters of the list; all optional."""

    start: str | None = None
    end: str | None = None
    unit: str | None = None
    op: str | None = None
    source: str | None = None
    plan: str | None = None
    limit: int = 100
    offset: int = offset_field()


@router.get("", response=ChangePage, exclude_unset=True, summary="Timeline changes, filtered")
def list_changes(request: HttpRequest, filters: Query[ChangeFilter]) -> dict[str, Any]:
    """Changes in the order they apply: from ``start`` to ``end``, touching ``unit``,
    of one ``op``, citing ``source`` or enacted with ``plan``; ``limit``/``offset`` page."""
    need(request, "structure.view")
    state = store.current()
    record = state.record
    start = when(filters.start).start if filters.start else None
    end = when(filters.end).end if filters.end else None
    in_plan: set[Change] = set()
    if filters.plan is not None:
        in_plan = set(record.plan(filters.plan).changes)
    found = [
        c
        for c in record.timeline
        if (start is None or c.date.end >= start)
        and (end is None or c.date.start <= end)
        and (filters.unit is None or filters.unit in c.subjects())
        and (filters.op is None or c.op == filters.op)
        and (filters.source is None or any(x.source == filters.source for x in c.cites))
        and (filters.plan is None or c in in_plan)
    ]
    limit = max(1, min(filters.limit, 1000))
    page = found[filters.offset : filters.offset + limit]
    return {
        "count": len(found),
        "offset": filters.offset,
        "limit": limit,
        "changes": change_rows(request, state, page),
    }


@router.get("/{change_id}", response=ChangeOut, exclude_unset=True, summary="One timeline change")
def get_change(request: HttpRequest, change_id: str) -> dict[str, Any]:
    """The change as data, told in a sentence."""
    need(request, "structure.view")
    state = store.current()
    change = state.record.timeline.get(change_id)
    if change is None:
        raise NotFound(f"no change {change_id!r} in the timeline")
    return change_rows(request, state, [change])[0]


@router.post(
    "",
    response={201: RecordedOut, **REFUSALS},
    exclude_unset=True,
    summary="Record a change in the timeline",
)
def record(request: HttpRequest, body: ChangeIn) -> Status:
    """Checked as a dataset entry, then against the timeline; 409 with reasons if refused."""
    done = run(RecordChange(body.change, body.expected, body.corrects), actor(request))
    state = store.current()
    # The change as the new record holds it, so that it is told in a sentence.
    row = change_rows(request, state, [state.record.timeline.get(done.change.id)])[0]
    return Status(201, {**row, "revision": done.revision})


@router.post(
    "/{change_id}/reverse",
    response={201: ReversedOut, **REFUSALS},
    exclude_unset=True,
    summary="Reverse a change",
)
def reverse(request: HttpRequest, change_id: str, body: ReverseIn) -> Status:
    """Record the inverse change(s), which restore what the change altered."""
    date = when(body.date) if body.date else None
    done = run(ReverseChange(change_id, date, body.reason, body.expected), actor(request))
    state = store.current()
    recorded = [state.record.timeline.get(d.change.id) for d in done]
    body = {
        "reverses": change_id,
        "changes": change_rows(request, state, recorded),
        "revision": done[-1].revision if done else state.revision,
    }
    return Status(201, body)
