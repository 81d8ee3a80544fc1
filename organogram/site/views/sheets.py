""" "Download as spreadsheet": what the Structure, Posts, Timeline, Compare and Cost pages
show, as a flat XLSX sheet or CSV file (:mod:`organogram.exporters.flat`).

Each download reads the query string as its page does and asks the same query, so the
file holds what the page shows (every page of the Timeline, not only the one on
screen). Names of post holders only for readers who may see them (``people.view``).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from ...core.dates import DateError, FuzzyDate
from ...exporters import flat
from ...queries.diff import diff_dates
from ...queries.timeline import timeline_rows
from ...registry.reading.structure import cached_snapshot, cached_structure
from ...registry.reading.timeline import sentences
from ...registry.store import State
from .common import as_of, may_see_people, registry_page, requires
from .cost import cost_asked
from .posts import posts_asked
from .timeline import changes_asked


def _send(table: flat.FlatTable, fmt: str) -> HttpResponse:
    if fmt not in flat.WRITERS:
        raise Http404(f"no spreadsheet format {fmt!r} (formats: {', '.join(flat.WRITERS)})")
    data, filename, media_type = flat.write(table, fmt)
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@registry_page
def structure_sheet(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """The Structure page's units and senior posts as of ``?at=``."""
    when = as_of(request)
    people = may_see_people(request)
    data = cached_structure(state, when.date, people=people)
    label = cached_snapshot(state, when.date).structure.label
    return _send(flat.structure_table(data, label, people=people), fmt)


@registry_page
def posts_sheet(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """The Posts page's list, with its filters."""
    *_, data = posts_asked(request, state)
    return _send(flat.posts_table(data, people=may_see_people(request)), fmt)


@registry_page
def timeline_sheet(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """Every change the Timeline's filters keep, in the order asked."""
    people = may_see_people(request)
    *_, found, _newest = changes_asked(request, state)
    told = sentences(state, people)
    rows = timeline_rows(state.record, found, lambda c: told.get(c, ""), people=people)
    return _send(flat.timeline_table(rows), fmt)


@registry_page
def compare_sheet(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """The Compare page's differences and changes between ``?from=`` and ``?to=``."""
    raw = {k: request.GET.get(k, "").strip() for k in ("from", "to")}
    try:
        for text in raw.values():
            FuzzyDate.parse(text)
    except DateError as exc:
        raise Http404(f"two dates to compare are needed: {exc}") from None
    data = diff_dates(state.record, raw["from"], raw["to"], people=may_see_people(request))
    return _send(flat.compare_table(data), fmt)


@registry_page
@requires("cost.view")
def cost_sheet(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """The Cost page's table in its grouping (``?by=``), currency and cost table."""
    *_, data, error = cost_asked(request, state)
    if data is None:
        raise Http404(f"cannot cost the structure on this day: {error}")
    return _send(flat.cost_table(data), fmt)
