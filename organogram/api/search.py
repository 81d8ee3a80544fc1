"""Search: who deals with what, by name, former name, mandate, terms of reference or text.

``/api/search?q=…`` searches the record as of ``at`` (default today): units, posts,
people (only for those who may see names), sources and changes, ranked, each hit with
its citation and the span in which the matching text held.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from ..registry import store
from ..registry.permissions import can
from ..registry.reading.search import search_registry
from ..search.documents import KINDS
from .auth import need
from .common import when
from .schemas.refusal import RefusalOut
from .schemas.search import SearchResults

router = Router(tags=["search"])

#: The most hits one answer lists.
MOST = 200


@router.get(
    "/search", response={200: SearchResults, 403: RefusalOut}, summary="Search the record"
)
def search(
    request: HttpRequest,
    q: str = "",
    at: str | None = None,
    kind: list[str] = Query(None),  # noqa: B008  (ninja reads a repeated parameter so)
    limit: int | None = None,
    typeahead: bool = False,
) -> dict[str, Any]:
    """Units, posts, people, sources and changes matching ``q`` as of ``at``: ranked (an
    exact name first, a current name before a former one, what a unit does after names,
    changes last), each with the field that matched, a snippet with the words marked, the
    span in which the text held and its citation. ``kind`` (repeatable) narrows it;
    ``typeahead`` searches names only, the last word as a prefix. ``limit``: how many
    things (default 50, 8 on a typeahead; at most 200). Any text is a valid query.
    People are searched only for those who may see their names."""
    need(request, "structure.view")
    kinds = kind or list(KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise HttpError(400, f"kind must be one of {', '.join(KINDS)}")
    people = can(request.auth, "people.view")  # type: ignore[attr-defined]
    if "person" in kinds and kind and not people:
        need(request, "people.view")  # 401 for a visitor, 403 for a role without it
    state = store.current()
    results = search_registry(
        state,
        q,
        at=when(at).end,
        kinds=kinds,
        people=people,
        limit=None if limit is None else max(1, min(limit, MOST)),
        typeahead=typeahead,
    )
    return results.as_dict()
