"""The Governing bodies pages: every body with its members at a date, and one body."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.errors import NotFound
from ...queries.governance import body_detail, governance
from ...registry.store import State
from .common import as_of, dated_context, registry_page


@registry_page
def bodies(request: HttpRequest, state: State) -> HttpResponse:
    """The bodies with their latest session and bureau, and the members and observers."""
    when = as_of(request)
    data = governance(state.record, when.day)
    return render(request, "site/bodies.html", dated_context(request, when, data=data))


@registry_page
def body(request: HttpRequest, state: State, body_id: str) -> HttpResponse:
    """One body: its sessions with their documents, its bureau at the date and over time."""
    when = as_of(request)
    try:
        data = body_detail(state.record, body_id, when.day)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    return render(request, "site/body.html", dated_context(request, when, body=data))
