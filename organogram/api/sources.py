"""Source documents: read every one or one, add, edit and remove them.

A source is given as a dataset's ``sources:`` entry holds it, checked by the same field
table. Each carries a ``version``; an edit or removal names the version it read and is
refused (409) if someone saved the source since. Removal is refused (409) while a
change, claim, plan, register entry or another source cites it, naming them.

A copy of the document is uploaded apart, as ``multipart/form-data`` (the JSON body of
the other writes cannot carry a file): ``POST /api/sources/{id}/file`` keeps it (the
source's ``file`` then names it) and ``DELETE`` removes it, each through the same action
as the source's form. The copy is downloaded from the source's page
(``/sources/{id}/file/``, given as ``stored_file.url``): the API answers JSON only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from ..core.errors import NotFound
from ..core.model import Source
from ..formats.source_entry import source_to_dict
from ..queries.sources import source_detail, source_list
from ..queries.unit import is_personal
from ..registry import store
from ..registry.actions import RemoveSource, SavedSource, SaveSource, run
from ..registry.actions.sources import source_version
from ..registry.permissions import can
from ..registry.source_files import Upload, stored
from .auth import actor, need
from .common import change_rows
from .schemas.record import SourceDetail, SourceRow
from .schemas.refusal import REFUSALS
from .schemas.sources import SavedSourceOut

router = Router(tags=["sources"])


class SourceIn(Schema):
    """A source as a dataset's ``sources:`` entry holds it, and the version read."""

    #: e.g. {"id": "scpf33-5", "title": "Structural review", "symbol": "S/33/5",
    #: "date": "2023-10-20", "url": "https://…", "cites": ["scpf28:21"]}
    source: dict[str, Any]
    #: the version read with the source (GET /api/sources/{id}); None: no check.
    expected: str | None = None


@router.get("", response=list[SourceRow], summary="Every source document")
def sources(request: HttpRequest) -> list[dict[str, Any]]:
    """Each document with how many changes and claims cite it."""
    need(request, "structure.view")
    return source_list(store.current().record)


@router.get(
    "/{source_id}",
    response=SourceDetail,
    exclude_unset=True,
    summary="One source, what it claims and supports",
)
def source(request: HttpRequest, source_id: str) -> dict[str, Any]:
    """Its claims (disputes marked), the changes it supports and its version."""
    need(request, "structure.view")
    state = store.current()
    record = state.record
    people = can(request.auth, "people.view")  # type: ignore[attr-defined]
    data = source_detail(
        record, source_id, personal=None if people else (lambda c: is_personal(c, record))
    )
    data["changes"] = change_rows(request, state, data["changes"])
    data["version"] = source_version(record.sources[source_id])
    kept = stored(source_id)
    if kept is not None:
        data["stored_file"] = {
            "url": reverse("site:source_file", args=[source_id]),
            "name": kept.name,
            "content_type": kept.content_type,
            "size": kept.size,
            "sha256": kept.sha256,
        }
    return data


#: The source's fields that are text, answered as given (empty when not).
_TEXT_FIELDS = ("symbol", "body", "session", "date", "language", "file", "url")


def _saved(saved: SavedSource) -> dict[str, Any]:
    return {
        **_fields(saved.source),
        "version": saved.version,
        "revision": saved.revision,
    }


def _fields(s: Source) -> dict[str, Any]:
    """Every field of :class:`SourceOut` (empty when not given)."""
    given = source_to_dict(s)
    return {
        "id": s.id,
        "title": s.title,
        **{k: given.get(k, "") for k in _TEXT_FIELDS},
        "cites": list(s.cites),
        "note": s.note,
        "passages": given.get("passages", []),
    }


@router.post("", response={201: SavedSourceOut, **REFUSALS}, summary="Add a source")
def add_source(request: HttpRequest, body: SourceIn) -> Status:
    """Checked as a dataset's source entry (id, title, date form, the sources it cites);
    422 names the fields at fault, 409 when a source with that id exists."""
    saved = run(SaveSource(body.source, create=True), actor(request))
    return Status(201, _saved(saved))


@router.put("/{source_id}", response={200: SavedSourceOut, **REFUSALS}, summary="Edit a source")
def edit_source(request: HttpRequest, source_id: str, body: SourceIn) -> dict[str, Any]:
    """The source as a whole (its id unchanged); 409 if someone saved it since
    ``expected``."""
    action = SaveSource(body.source, body.expected, create=False, key=source_id)
    return _saved(run(action, actor(request)))


@router.delete("/{source_id}", response={204: None, **REFUSALS}, summary="Remove a source")
def remove_source(request: HttpRequest, source_id: str, expected: str | None = None) -> Status:
    """Refused (409) while anything cites it, naming what does, or if it changed since
    ``expected``."""
    run(RemoveSource(source_id, expected), actor(request))
    return Status(204, None)


def _held(source_id: str) -> Source:
    held = store.current().record.sources.get(source_id)
    if held is None:
        raise NotFound(f"no source {source_id!r}")
    return held


@router.post(
    "/{source_id}/file",
    response={200: SavedSourceOut, **REFUSALS},
    summary="Upload the copy of a source",
)
def upload_source_file(
    request: HttpRequest,
    source_id: str,
    file: File[UploadedFile],
    expected: Form[str | None] = None,
) -> dict[str, Any]:
    """``multipart/form-data`` with ``file`` (and ``expected``, the version read): kept
    as the source's copy, replacing one kept before; its name becomes the source's
    ``file``. 422 (field ``upload``) above the size limit; 409 if the source changed
    since ``expected``."""
    held = _held(source_id)
    upload = Upload.sent(file)
    action = SaveSource(
        source_to_dict(held), expected, create=False, key=source_id, upload=upload
    )
    return _saved(run(action, actor(request)))


@router.delete(
    "/{source_id}/file",
    response={200: SavedSourceOut, **REFUSALS},
    summary="Remove the copy of a source",
)
def remove_source_file(
    request: HttpRequest, source_id: str, expected: str | None = None
) -> dict[str, Any]:
    """The copy is removed and the source's ``file`` cleared; 409 if the source changed
    since ``expected``."""
    held = _held(source_id)
    action = SaveSource(
        source_to_dict(held), expected, create=False, key=source_id, drop_file=True
    )
    return _saved(run(action, actor(request)))
