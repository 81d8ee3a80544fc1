"""The Timeline page: every enacted change told in a sentence, filtered and paginated."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.changes import Change
from ...queries.timeline import (
    FIELDS,
    NO_PLAN,
    TimelineFilter,
    count_by_op,
    filter_changes,
    read_filter,
    timeline_options,
    timeline_rows,
)
from ...registry.reading.timeline import sentences
from ...registry.store import State
from .common import may_see_people, registry_page
from .downloads import sheet_links

#: Changes shown per page.
PER_PAGE = 50
#: Units offered as suggestions only up to this many: a larger list would weigh more
#: than the page (the field still takes any id or name).
MAX_SUGGESTIONS = 3000


def options(state: State) -> dict:
    """The filters' choices, computed once per revision."""
    return state.memo.once("timeline.options", lambda: timeline_options(state.record))


def changes_asked(
    request: HttpRequest, state: State
) -> tuple[dict[str, str], TimelineFilter, dict[str, str], list[Change], bool]:
    """The filters as typed, as read, the errors, the changes kept (in the order asked)
    and whether newest first: what the page shows and its spreadsheet holds."""
    values = {name: request.GET.get(name, "").strip() for name in FIELDS}
    wanted, errors = read_filter(state.record, values)
    found = filter_changes(state.record, wanted)
    newest = request.GET.get("order") == "newest"
    if newest:
        found.reverse()
    return values, wanted, errors, found, newest


@registry_page
def timeline(request: HttpRequest, state: State) -> HttpResponse:
    """Every change of the timeline; ``from``, ``to``, ``unit``, ``op``, ``source`` and
    ``plan`` filter it (together), ``order=newest`` turns it round, ``page`` pages it."""
    record = state.record
    people = may_see_people(request)
    values, wanted, errors, found, newest = changes_asked(request, state)
    # A bad page number shows the first (or last) page rather than an error.
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    told = sentences(state, people)
    rows = timeline_rows(record, page.object_list, lambda c: told.get(c, ""), people=people)
    kept = {k: v for k, v in values.items() if v}
    if newest:
        kept["order"] = "newest"
    context = {
        "values": values,
        "sheets": sheet_links(request, "site:timeline_sheet"),
        "errors": errors,
        "filtered": wanted.active(),
        "options": options(state),
        "no_plan": NO_PLAN,
        "newest": newest,
        "rows": rows,
        "page": page,
        "total": len(record.timeline),
        "matched": len(found),
        "by_op": count_by_op(found) if wanted.active() else [],
        # Links to other pages keep the filters.
        "query": urlencode(kept),
        "unit_name": next(
            (u["name"] for u in options(state)["units"] if u["id"] == wanted.unit), ""
        ),
        "suggested_units": units
        if len(units := options(state)["units"]) <= MAX_SUGGESTIONS
        else [],
    }
    return render(request, "site/timeline.html", context, status=400 if errors else 200)
