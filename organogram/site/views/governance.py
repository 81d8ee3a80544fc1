"""The Governing bodies pages: every body with its members at a date, and one body."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.errors import NotFound
from ...queries.governance import body_detail, governance
from ...registry.permissions import can
from ...registry.store import State
from .common import as_of, dated_context, registry_page


@registry_page
def bodies(request: HttpRequest, state: State) -> HttpResponse:
    """The bodies with their latest session and bureau, and the members and observers."""
    when = as_of(request)
    people = can(request.user, "people.view")
    data = governance(state.record, when.day, people)
    context = dated_context(request, when, data=data, show_people=people)
    return render(request, "site/bodies.html", context)


@registry_page
def body(request: HttpRequest, state: State, body_id: str) -> HttpResponse:
    """One body: its sessions with their documents, its bureau at the date and over time."""
    when = as_of(request)
    try:
        people = can(request.user, "people.view")
        data = body_detail(state.record, body_id, when.day, people)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    context = dated_context(request, when, body=data, show_people=people)
    return render(request, "site/body.html", context)
