"""Drafting a plan from a document: a paper read into proposed changes. Nothing is
written; the changes accepted are saved through the plan endpoints (``POST
/api/plans`` to draft a plan, ``POST /api/plans/{id}/changes`` for each change)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, UploadedFile

from ..core.dates import DateError, FuzzyDate
from ..queries.resolve import NotResolved
from ..registry import store
from ..registry.actions import AddPlanChange, DraftPlan, Forbidden, Invalid, allowed
from ..registry.papers import PaperError, drafted, paper_text
from ..registry.reading.names import cached_names
from ..registry.source_files import Upload
from .auth import actor
from .schemas.drafts import DraftOut
from .schemas.refusal import REFUSALS

router = Router(tags=["plans"])

#: Who may draft from a paper: whoever may draft a plan or fill one in.
DRAFTERS = DraftPlan.permissions + AddPlanChange.permissions



@router.post(
    "/draft",
    response={200: DraftOut, **REFUSALS},
    summary="Propose a plan's changes from a paper (no write)",
)
def draft(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    text: Form[str] = "",
    at: Form[str] = "",
    source: Form[str] = "",
) -> dict[str, Any]:
    """``multipart/form-data`` with the paper as ``file`` (.txt, .md or .pdf, within the
    size limit of a source's copy) or its ``text``; ``at``: the date names are read as
    of (default: the date the paper suggests, as the command line takes it); ``source``:
    the source cited, by id, symbol or title (default none). 422 naming the field when
    one is wrong; nothing is written."""
    # As on the drafting page: whoever may draft a plan or fill one in.
    if not allowed(actor(request), DRAFTERS):
        raise Forbidden(DRAFTERS[0])
    state = store.current()
    fields: dict[str, list[str]] = {}
    when = at.strip()
    if when:
        try:
            when = str(FuzzyDate.parse(when))
        except DateError as exc:
            fields["at"] = [str(exc)]
    cited = ""
    if source.strip():
        try:
            names = cached_names(state, "source", FuzzyDate.day(dt.date.today()))
            cited = names.resolve(source).id
        except NotResolved as exc:
            fields["source"] = [exc.message]
    paper = ""
    if file is not None and text.strip():
        fields["file"] = ["give a file or the text, not both"]
    elif file is None and not text.strip():
        fields["text"] = ["give the paper as a file or as text"]
    elif file is not None:
        try:
            paper = paper_text(
                Upload(file.name or "", file.content_type or "", file.chunks(), file.size)
            )
        except PaperError as exc:
            fields["file"] = [str(exc)]
    else:
        paper = text
    if fields:
        raise Invalid("the paper cannot be drafted", fields=fields)
    return drafted(state.record, paper, source=cited, at=when).as_dict()
