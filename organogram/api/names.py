"""Names: find units, posts, people, sources and plans by what people call them.

The same resolver as the pages' name fields (:mod:`organogram.queries.resolve`), as of a
date and, with ``plan``, on the plan's timeline: ``/api/names`` lists the best matches
for a few letters; ``/api/names/resolve`` says which one thing a text names, or why it
names none or several.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from ..core.errors import NotFound
from ..queries.resolve import KINDS, MATCHES, Names, NotResolved
from ..registry import store
from ..registry.reading.names import cached_names
from .auth import need
from .common import when
from .schemas.names import NameMatches, Resolved
from .schemas.refusal import RefusalOut

router = Router(tags=["names"])


def _names(request: HttpRequest, kind: str, at: str | None, plan: str | None) -> Names:
    need(request, "structure.view")
    if kind not in KINDS:
        raise HttpError(400, f"kind must be one of {', '.join(KINDS)}")
    if kind == "person":
        need(request, "people.view")
    if kind == "plan" or plan:
        need(request, "plan.view")
    state = store.current()
    if plan is not None and plan not in state.record.plans:
        raise NotFound(f"no plan {plan!r}")
    return cached_names(state, kind, when(at), plan)


@router.get("/names", response=NameMatches, summary="What a few letters may name")
def matches(
    request: HttpRequest, kind: str, q: str = "", at: str | None = None, plan: str | None = None
) -> dict[str, Any]:
    """The best matches for ``q`` among the ``kind`` (unit, post, node, person, source,
    plan) in force on ``at`` (with ``plan``: with the plan's changes): names, former names
    as of the date, abbreviations and ids. People only for those who may see them."""
    names = _names(request, kind, at, plan)
    found = names.search(q, MATCHES)
    return {
        "kind": kind,
        "at": str(when(at)),
        "matches": [{**e.as_dict(), "fill": names.fill(e)} for e in found],
    }


@router.get(
    "/names/resolve",
    # A 404 is a text naming nothing (with suggestions), or a plan not held (a refusal).
    response={200: Resolved, 404: Resolved | RefusalOut, 409: Resolved},
    summary="The one thing a text names",
)
def resolve(
    request: HttpRequest, kind: str, text: str, at: str | None = None, plan: str | None = None
) -> Status:
    """200 with ``match`` when ``text`` names one thing; 409 with ``candidates`` when it
    names several (write one as its ``fill``); 404 with ``suggestions`` when it names
    nothing."""
    names = _names(request, kind, at, plan)
    try:
        found = names.resolve(text)
    except NotResolved as exc:
        status = 409 if exc.candidates else 404
        return Status(
            status,
            {
                "text": text,
                "detail": exc.message,
                "candidates": [{**e.as_dict(), "fill": names.fill(e)} for e in exc.candidates],
                "suggestions": [{**e.as_dict(), "fill": names.fill(e)} for e in exc.suggestions],
            },
        )
    return Status(200, {"text": text, "match": {**found.as_dict(), "fill": names.fill(found)}})
