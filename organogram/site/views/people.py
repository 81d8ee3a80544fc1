"""The person page: the posts someone held, with dates and citations (``people.view``
only: visitors are sent to sign in)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.errors import NotFound
from ...queries.people import person_detail
from ...registry.store import State
from .common import registry_page, requires


@registry_page
@requires("people.view")
def person(request: HttpRequest, state: State, person_id: str) -> HttpResponse:
    """One person: name, contact and CV where recorded, and every post held."""
    try:
        data = person_detail(state.record, person_id)
    except NotFound as exc:
        raise Http404(str(exc)) from None
    return render(request, "site/person.html", {"person": data})
