"""Downloads of what the Structure, Unit and Plan pages show, in every export format.

The structure on the day asked, a unit's subtree on that day, or a plan's result (the
structure its preview shows) is selected by :func:`organogram.queries.selection.select`
and written by :mod:`organogram.exporters.download`, the code ``organogram export-as``
runs too. Names of post holders are in a download only for readers who may see them
(``people.view``).

:func:`sheet_links` gives the "Download as spreadsheet" links of the pages that have a
flat table of what they show (:mod:`.sheets`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse

from ...core.errors import NotFound
from ...exporters import flat
from ...exporters.download import FORMATS, download
from ...queries.selection import Selection, select
from ...registry.store import State
from ..reversing import fast_reverse
from .common import as_of, may_see_people, registry_page


def download_links(
    request: HttpRequest, name: str, *args: str, at: str = ""
) -> dict[str, Any]:
    """The links of a page's download list: each format's label and address."""
    query = f"?{urlencode({'at': at})}" if at else ""
    return {
        "links": [
            {"key": f.key, "label": f.label, "url": fast_reverse(name, [*args, f.key]) + query}
            for f in FORMATS.values()
        ],
        "people": may_see_people(request),
    }


#: Query parameters that choose a page of a list, not what the list holds.
PAGING = ("page",)


def sheet_links(request: HttpRequest, name: str) -> dict[str, Any]:
    """The page's "Download as spreadsheet" links (XLSX and CSV), keeping its query."""
    kept = [(k, v) for k, v in request.GET.items() if k not in PAGING and v]
    query = f"?{urlencode(kept)}" if kept else ""
    return {
        "links": [
            {"key": fmt, "label": fmt.upper(), "url": fast_reverse(name, [fmt]) + query}
            for fmt in flat.WRITERS
        ],
        "people": may_see_people(request),
    }


def _send(selection: Selection, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(f"no download format {fmt!r} (formats: {', '.join(FORMATS)})")
    d = download(selection, fmt)
    response = HttpResponse(d.data, content_type=d.media_type)
    response["Content-Disposition"] = f'attachment; filename="{d.filename}"'
    return response


def _selection(request: HttpRequest, state: State, **what: str | None) -> Selection:
    when = as_of(request)
    at = when.date if (request.GET.get("at") or not what.get("plan")) else None
    try:
        return select(state.record, at, people=may_see_people(request), **what)
    except NotFound as exc:
        raise Http404(str(exc)) from None


@registry_page
def structure_download(request: HttpRequest, state: State, fmt: str) -> HttpResponse:
    """The structure as of ``?at=`` (default today) in format ``fmt``."""
    return _send(_selection(request, state), fmt)


@registry_page
def unit_download(request: HttpRequest, state: State, node: str, fmt: str) -> HttpResponse:
    """The subtree under a unit or senior post as of ``?at=`` in format ``fmt``."""
    return _send(_selection(request, state, unit=node), fmt)


@registry_page
def plan_download(request: HttpRequest, state: State, plan_id: str, fmt: str) -> HttpResponse:
    """A plan's result, the structure its preview shows, in format ``fmt``."""
    return _send(_selection(request, state, plan=plan_id), fmt)
