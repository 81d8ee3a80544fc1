"""The search pages: the results for what was typed in the header's box, grouped by kind,
and the typeahead's suggestions (names only) as JSON for the box's script."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from ...core.model import Citation
from ...queries.names import citation_text
from ...registry.reading.search import search_registry
from ...registry.store import State
from ...search import Hit
from ...search.documents import KINDS
from ...search.find import TYPEAHEAD
from .common import as_of, dated_context, may_see_people, registry_page

#: Each kind's heading on the results page, and its word in a suggestion.
HEADINGS = {
    "unit": "Units",
    "post": "Posts",
    "person": "People",
    "source": "Sources",
    "change": "Changes",
}


def hit_url(hit: Hit, state: State, at_query: str) -> str:
    """Where a hit is shown: its unit, post or source page; a change on the timeline of
    the first thing it touched; a person has no page of their own ("")."""
    if hit.kind == "unit":
        return reverse("site:unit", args=[hit.id]) + at_query
    if hit.kind == "post":
        return reverse("site:post", args=[hit.id]) + at_query
    if hit.kind == "source":
        url = reverse("site:source", args=[hit.id]) + at_query
        if hit.field == "passage" and hit.citations:
            url += "#passage-" + hit.citations[0].partition(":")[2]
        return url
    if hit.kind == "change":
        change = state.record.timeline.get(hit.id)
        subjects = sorted(change.subjects()) if change is not None else []
        url = reverse("site:timeline")
        return f"{url}?unit={subjects[0]}" if subjects else url
    return ""


def _cite(cite: str, state: State, at_query: str) -> dict[str, str]:
    """A citation in words ("IOM Headquarters Organizational Review, para. 12", as the
    other pages cite), with the link to its source's page (none for an unknown source)."""
    source, _, passage = cite.partition(":")
    found = state.record.sources.get(source)
    if found is None:
        return {"text": cite, "url": ""}
    text = citation_text(Citation(source, passage), state.record.sources)
    url = reverse("site:source", args=[source]) + at_query
    if passage and found.passage(passage) is not None:
        url += f"#passage-{passage}"
    return {"text": text, "url": url}


def _kinds(request: HttpRequest, people: bool) -> list[str]:
    asked = [k for k in request.GET.getlist("kind") if k in KINDS]
    allowed = [k for k in KINDS if people or k != "person"]
    return [k for k in allowed if k in asked] or allowed


@registry_page
def search(request: HttpRequest, state: State) -> HttpResponse:
    """The results for ``q`` as of ``at``, grouped by kind, the words sought marked."""
    when = as_of(request)
    q = request.GET.get("q", "")
    people = may_see_people(request)
    kinds = _kinds(request, people)
    results = search_registry(state, q, at=when.day, kinds=kinds, people=people)
    groups: list[dict[str, Any]] = [
        {
            "kind": kind,
            "heading": HEADINGS[kind],
            "hits": [
                {
                    "hit": h,
                    "url": hit_url(h, state, when.query),
                    "cites": [_cite(c, state, when.query) for c in h.citations],
                }
                for h in hits
            ],
        }
        for kind, hits in results.groups()
    ]
    context = dated_context(
        request,
        when,
        q=q,
        results=results,
        groups=groups,
        kinds=[(k, HEADINGS[k], k in kinds) for k in KINDS if people or k != "person"],
        narrowed=len(kinds) < len([k for k in KINDS if people or k != "person"]),
    )
    return render(request, "site/search.html", context)


@registry_page
def search_suggest(request: HttpRequest, state: State) -> HttpResponse:
    """The best few things whose names begin with what is typed, as JSON."""
    when = as_of(request)
    people = may_see_people(request)
    results = search_registry(
        state,
        request.GET.get("q", ""),
        at=when.day,
        kinds=_kinds(request, people),
        people=people,
        limit=TYPEAHEAD,
        typeahead=True,
    )
    return JsonResponse(
        {
            "q": results.query.typed,
            "at": when.day.isoformat(),
            "hits": [
                {
                    "id": h.id,
                    "kind": h.kind,
                    "kind_words": HEADINGS[h.kind][:-1] if h.kind != "person" else "Person",
                    "name": h.name,
                    "snippet": [{"text": t, "match": m} for t, m in h.snippet],
                    "when": h.when,
                    "url": hit_url(h, state, when.query),
                }
                for h in results.hits
            ],
        }
    )
