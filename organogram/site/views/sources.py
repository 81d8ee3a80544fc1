"""The Sources pages: every document, and what each one supports."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.errors import NotFound
from ...queries.changes import change_data
from ...queries.governance import source_body_links
from ...queries.sources import source_detail, source_list
from ...queries.unit import is_personal
from ...registry.reading.timeline import sentences
from ...registry.source_files import size_text, stored
from ...registry.store import State
from .common import may_see_people, registry_page


@registry_page
def sources(request: HttpRequest, state: State) -> HttpResponse:
    """Every source with the number of changes and claims that cite it."""
    return render(request, "site/sources.html", {"sources": source_list(state.record)})


@registry_page
def source(request: HttpRequest, state: State, source_id: str) -> HttpResponse:
    """One source: its changes (told in sentences) and its claims, disagreements marked."""
    record = state.record
    people = may_see_people(request)
    try:
        data = source_detail(
            record, source_id, personal=None if people else (lambda c: is_personal(c, record))
        )
    except NotFound as exc:
        raise Http404(str(exc)) from None
    told = sentences(state, people)
    changes = [
        change_data(c, record.sources, told.get(c, ""), people=people) for c in data["changes"]
    ]
    final, _ = record.timeline.fold()
    for claim in data["claims"]:
        claim["subject_name"] = final.label(claim["subject"])
        claim["is_node"] = final.label(claim["subject"]) != claim["subject"]
    links = source_body_links(record, source_id)
    # Linked only when it is a web address: a ``javascript:`` one would run on a click.
    link = data["url"] if data["url"].startswith(("https://", "http://")) else ""
    kept = stored(source_id)
    copy = {"name": kept.name, "size": size_text(kept.size)} if kept is not None else None
    context = {"source": data, "changes": changes, "links": links, "link": link, "copy": copy}
    return render(request, "site/source.html", context)
