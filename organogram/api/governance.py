"""Computed answers about governing bodies and calls for nominations (read only).

The entries themselves are read and written through ``/api/registers/…``; these
endpoints answer what is worked out from them: the bodies with their bureau and the
members at a date, and each call's counts, late flags and outcomes.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ..queries.governance import body_detail, governance
from ..queries.nominations import call_detail, calls
from ..registry import store
from ..registry.permissions import can
from .auth import need
from .common import when
from .schemas.governance import BodiesOut, BodyOut, CallDetail, CallsOut

router = Router(tags=["governance"])


@router.get(
    "/bodies",
    response=BodiesOut,
    summary="Governing bodies, their bureau and the members at a date",
)
def bodies(request: HttpRequest, at: str | None = None) -> dict[str, Any]:
    """Every body with its sessions and bureau, and the members and observers held."""
    need(request, "structure.view")
    people = can(request.auth, "people.view")  # type: ignore[attr-defined]
    return governance(store.current().record, when(at), people)


@router.get("/bodies/{body_id}", response=BodyOut, summary="One governing body at a date")
def body(request: HttpRequest, body_id: str, at: str | None = None) -> dict[str, Any]:
    """The body's sessions with their documents, its bureau at the date and over time."""
    need(request, "structure.view")
    people = can(request.auth, "people.view")  # type: ignore[attr-defined]
    return body_detail(store.current().record, body_id, when(at), people)


@router.get(
    "/calls",
    response=CallsOut,
    summary="Calls for nominations with their counts at a date",
)
def call_list(request: HttpRequest, at: str | None = None) -> dict[str, Any]:
    """Each call's deadline, posts, and nominations by status, late ones counted."""
    need(request, "structure.view")
    return calls(store.current().record, when(at))


@router.get(
    "/calls/{call_id}",
    response=CallDetail,
    summary="One call and its nominations at a date",
)
def call(request: HttpRequest, call_id: str, at: str | None = None) -> dict[str, Any]:
    """The call's nominations flagged late, with status and outcome; candidates' names
    and documents only for callers who may see people's data."""
    need(request, "structure.view")
    people = can(request.auth, "people.view")  # type: ignore[attr-defined]
    return call_detail(store.current().record, call_id, when(at), personal=people)
