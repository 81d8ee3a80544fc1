"""Search as you type: the units, posts, people, sources or plans whose names match a few
letters, as JSON, for the name fields of the change forms.

``/lookup/?kind=unit&q=budg&at=2022&plan=ID`` answers the best matches as of ``at``
(default today; inside a plan, on its timeline), each with its name, former names,
abbreviation, id, what tells it apart, and ``fill``: the text that names it alone, which
the form's field takes. It only reads; people are listed only to those who may see them.

``&draft=KEY&n=N`` (the person's own draft from a document, kept in their session)
answers instead as the form of its proposal N resolves names: units and posts as the
paper's earlier proposals leave them, so that a unit the paper creates can be picked.

``/lookup/passages/?source=TEXT`` answers the passages the source TEXT names (a title,
symbol or id, as the source fields take) declares, for the passage field beside it.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from ...core.dates import DateError, FuzzyDate
from ...core.passages import passage_label
from ...queries.resolve import KINDS, MATCHES, NotResolved
from ...registry.permissions import can
from ...registry.reading.names import cached_names
from ...registry.store import State
from .. import draft_session
from ..draft_names import draft_names
from .common import may_see_people, registry_page


@registry_page
def lookup(request: HttpRequest, state: State) -> HttpResponse:
    """The best matches for ``q`` among the things of ``kind``, as JSON."""
    kind = request.GET.get("kind", "")
    if kind not in KINDS:
        return JsonResponse({"error": f"kind must be one of {', '.join(KINDS)}"}, status=400)
    if kind == "person" and not may_see_people(request):
        return JsonResponse({"error": "people are listed only to those signed in"}, status=403)
    if kind == "plan" and not can(request.user, "plan.view"):
        return JsonResponse({"error": "plans are not shown to you"}, status=403)
    plan = request.GET.get("plan") or None
    if plan is not None and plan not in state.record.plans:
        return JsonResponse({"error": f"no plan {plan!r}"}, status=404)
    raw = request.GET.get("at", "").strip()
    try:
        at = FuzzyDate.parse(raw) if raw else FuzzyDate.day(dt.date.today())
    except DateError as exc:
        return JsonResponse({"error": f"at: {exc}"}, status=400)
    draft = request.GET.get("draft")
    if draft:
        try:
            n = int(request.GET.get("n", ""))
        except ValueError:
            return JsonResponse({"error": "n must be the proposal's number"}, status=400)
        try:
            kept = draft_session.kept(request, draft)
            draft_session.proposal(kept, n)
        except Http404 as exc:
            return JsonResponse({"error": str(exc)}, status=404)
        names = draft_names(state, kept, n, people=may_see_people(request))(kind)
        at = FuzzyDate.parse(kept["at"])
    else:
        names = cached_names(state, kind, at, plan)
    found = names.search(request.GET.get("q", ""), MATCHES)
    return JsonResponse(
        {
            "kind": kind,
            "at": str(at),
            "matches": [{**e.as_dict(), "fill": names.fill(e)} for e in found],
        }
    )


@registry_page
def source_passages(request: HttpRequest, state: State) -> HttpResponse:
    """The passages of the source ``source`` names, as JSON (an empty list: the source
    declares none, so any passage may be cited); 404 when it names no one source."""
    names = cached_names(state, "source", FuzzyDate.day(dt.date.today()), None)
    try:
        found = names.resolve(request.GET.get("source", ""))
    except NotResolved as exc:
        return JsonResponse({"error": exc.message}, status=404)
    source = state.record.sources[found.id]
    return JsonResponse(
        {
            "source": {"id": source.id, "name": found.name},
            "passages": [
                {"id": p.id, "title": p.title, "label": passage_label(p)} for p in source.passages
            ],
        }
    )
