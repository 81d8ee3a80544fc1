"""Reading the record: structure as of a date, units, history and lineage, diffs (the
sources are read and written in :mod:`.sources`)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.responses import NinjaJSONEncoder

from ..queries.diff import diff_dates
from ..queries.unit import unit_at
from ..registry import store
from ..registry.permissions import allowed_actions, can, role_of
from ..registry.reading.structure import cached_snapshot, cached_structure
from ..registry.reading.timeline import node_history
from ..registry.reading.tokens import latest_token
from .auth import need
from .common import change_rows, offset_field, required_date, when
from .schemas.record import (
    DiffOut,
    HistoryOut,
    LineageOut,
    Me,
    StructureOut,
    UnitOut,
)
from .structure_pages import DEFAULT_LIMIT, MAX_LIMIT, part

router = Router(tags=["record"])


@router.get("/me", response=Me, summary="Who is calling, their role and what they may do")
def me(request: HttpRequest) -> dict[str, Any]:
    """The caller's account name (empty for a visitor), role and allowed actions."""
    user = request.auth  # type: ignore[attr-defined]
    return {
        "user": user.get_username() if user.is_authenticated else "",
        "role": role_of(user),
        "can": sorted(allowed_actions(user)),
    }


class StructureQuery(Schema):
    """What part of the structure to answer with (see :mod:`.structure_pages`)."""

    at: str | None = Field(None, description="the date (default today)")
    unit: str | None = Field(None, description="only this unit's (or post's) subtree")
    plan: str | None = Field(None, description="the structure the plan would make")
    depth: int | None = Field(
        None, ge=0, le=10000, description="levels below the root(s): 0 for the roots only"
    )
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="nodes in the answer at most"
    )
    offset: int = offset_field()
    all: bool = Field(False, description="every node in one answer (limit and offset unused)")


@router.get(
    "/structure",
    response=StructureOut,
    summary="The structure as of a date (or a subtree, some levels, a page, or a plan's)",
)
def structure(request: HttpRequest, query: Query[StructureQuery]) -> HttpResponse:
    """The units and senior posts in force, in tree order, as the Structure page shows:
    ``limit`` of them from ``offset`` (``next`` is the following page's offset), down to
    ``depth`` levels below the roots, of the subtree of ``unit``; ``all=true`` for every
    one at once."""
    need(request, "structure.view")
    if query.plan is not None:
        need(request, "plan.view")
    state = store.current()
    day, people = when(query.at), can(request.auth, "people.view")
    limit = None if query.all else query.limit

    def body() -> bytes:
        data = cached_structure(state, day, unit=query.unit, plan=query.plan, people=people)
        data = part(data, query.depth, 0 if query.all else query.offset, limit)
        return json.dumps({**data, "token": latest_token(state)}, cls=NinjaJSONEncoder).encode()

    if query.depth is not None or query.offset or (limit not in (None, DEFAULT_LIMIT)):
        # Any other part is written afresh: keeping one per offset or limit asked would
        # let a client fill the memory.
        return _json(body())
    # The answer as written, kept per revision: on a large organization writing the JSON
    # of every node costs more than all the rest of the request.
    key = (str(day), query.unit, query.plan, people, limit)
    return _json(state.memo.kept("structure.json", key, body))


def _json(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="application/json; charset=utf-8")


@router.get(
    "/units/{node}",
    response=UnitOut,
    exclude_unset=True,
    summary="One unit or senior post as of a date",
)
def unit(request: HttpRequest, node: str, at: str | None = None) -> dict[str, Any]:
    """What the Unit page shows of the day, with ``token`` for editing it."""
    need(request, "structure.view")
    state = store.current()
    day = when(at)
    people = can(request.auth, "people.view")
    data = unit_at(state.record, node, day, people=people, snapshot=cached_snapshot(state, day))
    return {**data, "token": state.token([node])}


@router.get(
    "/units/{node}/history",
    response=HistoryOut,
    exclude_unset=True,
    summary="Every version of a unit, and its lineage",
)
def history(request: HttpRequest, node: str) -> dict[str, Any]:
    """Versions with their dates and sources, predecessors, successors, its changes, and
    the claims kept about it (sources that differ shown as such)."""
    need(request, "structure.view")
    state = store.current()
    data = node_history(state, node, can(request.auth, "people.view"))
    data["changes"] = change_rows(
        request, state, [state.record.timeline.get(c) for c in data["changes"]]
    )
    return data


@router.get(
    "/units/{node}/lineage",
    response=LineageOut,
    summary="What a unit came from and what it became",
)
def lineage(request: HttpRequest, node: str) -> dict[str, Any]:
    """Predecessors and successors through merges, splits and replacements."""
    need(request, "structure.view")
    data = node_history(store.current(), node)
    return {k: data[k] for k in ("id", "name", "in_force", "predecessors", "successors")}


@router.get("/diff", response=DiffOut, by_alias=True, summary="What changed between two dates")
def diff(
    request: HttpRequest,
    start: str = Query(..., alias="from"),
    end: str = Query(..., alias="to"),
) -> dict[str, Any]:
    """Net changes from ``from`` to ``to``, a summary, and the recorded events between."""
    need(request, "structure.view")
    required_date("from", start)
    required_date("to", end)
    return diff_dates(store.current().record, start, end, people=can(request.auth, "people.view"))
