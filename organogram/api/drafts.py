"""Drafting a plan from a document: a paper read into proposed changes. Nothing is
written; the changes accepted are saved through the plan endpoints (``POST
/api/plans`` to draft a plan, ``POST /api/plans/{id}/changes`` for each change)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, UploadedFile

from ..registry import store
from ..registry.actions import AddPlanChange, DraftPlan, Forbidden, Invalid, allowed
from ..registry.papers import asked_paper, drafted
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
    asked = asked_paper(
        state,
        upload=Upload.sent(file),
        pasted=text,
        at=at,
        source=source,
        file_field="file",
        text_field="text",
    )
    if asked.errors:
        raise Invalid("the paper cannot be drafted", fields=asked.errors)
    return drafted(state.record, asked.text, source=asked.source, at=asked.at).as_dict()
