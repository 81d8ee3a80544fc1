"""The Nominations pages: calls for nominations, and one call with its nominations.

Candidates' names and documents are personal data: they are shown only to readers who
may see people's data (``people.view``); others see each nomination counted, dated and
flagged, without them.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.errors import NotFound
from ...queries.nominations import call_detail, calls
from ...registry.actions.entries import entry_version
from ...registry.store import State
from .common import as_of, dated_context, may_see_people, registry_page


@registry_page
def nominations(request: HttpRequest, state: State) -> HttpResponse:
    """Every call with its deadline, posts and nominations counted by status at the date."""
    when = as_of(request)
    data = calls(state.record, when.day)
    return render(request, "site/calls.html", dated_context(request, when, data=data))


@registry_page
def call(request: HttpRequest, state: State, call_id: str) -> HttpResponse:
    """One call: what it asks for, and its nominations with late flags and outcomes."""
    when = as_of(request)
    try:
        data = call_detail(state.record, call_id, when.day, personal=may_see_people(request))
    except NotFound as exc:
        raise Http404(str(exc)) from None
    return render(
        request,
        "site/call.html",
        dated_context(request, when, call=data, version=entry_version("calls", call_id)),
    )
