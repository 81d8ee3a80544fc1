"""Adding, editing and removing a source document from forms.

Every save is a :class:`~organogram.registry.actions.SaveSource` action with the
version of the source the form was drawn with: if someone saved the source since, the
form comes back saying so, with the input kept and the new version, so that saving
again is a decision and not an accident. Removing is a
:class:`~organogram.registry.actions.RemoveSource`, refused while anything cites it.

The form also takes the source's passages (one a line, ``id — title``) and a copy of
the document to upload, which the same action keeps with the source; a copy kept can be
downloaded from the source's page (:func:`source_file`) or removed here.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ...formats.entries import FieldSet
from ...formats.fields import SOURCE_ENTRY
from ...formats.source_entry import source_to_dict
from ...registry import store
from ...registry.actions import Refused, RemoveSource, SaveSource, run
from ...registry.actions.sources import source_version
from ...registry.source_files import Upload, limit, size_text, stored
from ...registry.store import State
from ..entry_form import Input, inputs, posted
from ..passage_lines import line_errors, passages_text, read_passage_lines
from .common import actor, registry_page, requires

#: The fields read by the generic entry inputs; the passages have their own text area.
_FIELDS = FieldSet([f for f in SOURCE_ENTRY if f.name != "passages"])

#: Labels in plain words where a field's name is not one.
_LABELS = {"body": "Issued by", "url": "Link", "file": "Copy kept at", "cites": "Refers to"}
_HINTS = {
    "id": "how changes cite it: lowercase letters, digits, - . or _ (e.g. scpf33-5); "
    "it cannot be changed later",
    "title": "the document's title",
    "date": "as precisely as the document gives it",
    "url": "where the document can be read (https://…)",
    "file": "where a copy of the document is kept (a file name or a shelf mark)",
    "cites": "other sources it refers to, as SOURCE or SOURCE:PASSAGE",
    "passages": "the paragraphs or sections changes may cite, one a line: its id (no "
    "spaces: 21, annex-1), then what it is about, e.g. “21 — New department”; "
    "empty: any passage may be cited",
}
#: What a refused removal lists on the page (the API lists everything).
_SHOWN = 12


def _inputs(
    state: State, data: dict[str, Any], errors: dict[str, list[str]], kept: bool = False
) -> list[Input]:
    out = inputs(_FIELDS, state.record, data, errors)
    for i in out:
        i.label = _LABELS.get(i.name, i.label)
        i.doc = _HINTS.get(i.name, i.doc)
        if i.name == "note":
            i.widget = "paragraph"  # a note runs to sentences; read back as text all the same
        if i.name == "file" and kept:
            i.widget = "readonly"
            i.doc = "the name of the copy uploaded; remove the copy below to name another"
    passages = data.get("passages", "")
    out.append(
        Input(
            name="passages",
            label="Passages",
            doc=_HINTS["passages"],
            required=False,
            widget="passages",
            value=passages if isinstance(passages, str) else passages_text(passages),
            errors=line_errors(errors),
        )
    )
    return out


def _upload(request: HttpRequest) -> Upload | None:
    """The file sent with the form, read in pieces by the action (None: no file)."""
    return Upload.sent(request.FILES.get("upload"))


def _copy(key: str | None) -> dict[str, Any] | None:
    """The copy kept of the source, as the form tells it."""
    row = stored(key) if key else None
    if row is None:
        return None
    return {"name": row.name, "size": size_text(row.size), "type": row.content_type}


def _refusal(exc: Refused) -> dict[str, Any]:
    """A refusal as the form shows it: problems of fields are shown beside them, not
    again above; a long list (what cites a source) is cut short."""
    reasons = [] if exc.fields else exc.reasons
    more = max(0, len(reasons) - _SHOWN)
    return {
        "message": exc.message + ("; see the fields marked below" if exc.fields else ""),
        "reasons": reasons[:_SHOWN] + ([f"and {more} more"] if more else []),
        "stale": exc.stale,
    }


def _current_version(state: State, key: str) -> str:
    held = state.record.sources.get(key)
    return source_version(held) if held is not None else ""


def _form(request: HttpRequest, state: State, key: str | None) -> HttpResponse:
    held = state.record.sources.get(key) if key else None
    if key and held is None:
        raise Http404(f"no source {key!r}")
    errors: dict[str, list[str]] = {}
    refusal: dict[str, Any] | None = None
    version = source_version(held) if held is not None else ""
    lines = ""
    if request.method == "POST":
        data, errors = posted(_FIELDS, request.POST)
        if key:
            data["id"] = key  # a source's id is not edited here
        lines = request.POST.get("passages", "")
        passages = read_passage_lines(lines, held.passages if held is not None else ())
        if passages:
            data["passages"] = passages
        expected = request.POST.get("version") or None
        version = expected or ""
        if not errors:
            action = SaveSource(
                data,
                expected,
                create=key is None,
                key=key,
                upload=_upload(request),
                drop_file=bool(request.POST.get("drop_file")),
            )
            try:
                saved = run(action, actor(request))
            except Refused as exc:
                refusal = _refusal(exc)
                errors = exc.fields
                if exc.stale:  # the version now held: saving again is a decision
                    version = _current_version(store.current(), key or "")
            else:
                verb = "Saved" if key else "Added"
                messages.success(request, f"{verb} the source {saved.source.id}.")
                return redirect(reverse("site:source", args=[saved.source.id]))
    else:
        data = source_to_dict(held) if held is not None else {}
    if lines:
        data["passages"] = lines  # shown as typed, with the problems by line
    copy = _copy(key)
    context = {
        "key": key,
        "source": held,
        "inputs": _inputs(state, data, errors, kept=copy is not None),
        "version": version,
        "refusal": refusal,
        "copy": copy,
        "upload_errors": errors.get("upload", []),
        "upload_limit": size_text(limit()),
    }
    status = 409 if refusal and refusal["stale"] else 422 if refusal or errors else 200
    return render(request, "site/source_form.html", context, status=status)


@registry_page
@requires(SaveSource.permissions)
def source_new(request: HttpRequest, state: State) -> HttpResponse:
    """GET: an empty form; POST: add the source."""
    return _form(request, state, None)


@registry_page
@requires(SaveSource.permissions)
def source_edit(request: HttpRequest, state: State, source_id: str) -> HttpResponse:
    """GET: the source's form with its version; POST: save it unless saved since."""
    return _form(request, state, source_id)


@require_POST
@requires(RemoveSource.permissions)
@registry_page
def source_remove(request: HttpRequest, state: State, source_id: str) -> HttpResponse:
    """Remove the source; while anything cites it, its form comes back naming them."""
    if source_id not in state.record.sources:
        raise Http404(f"no source {source_id!r}")
    expected = request.POST.get("version") or None
    try:
        run(RemoveSource(source_id, expected), actor(request))
    except Refused as exc:
        held = state.record.sources[source_id]
        copy = _copy(source_id)
        context = {
            "key": source_id,
            "source": held,
            "inputs": _inputs(state, source_to_dict(held), {}, kept=copy is not None),
            "version": source_version(held),
            "refusal": _refusal(exc),
            "removing": True,
            "copy": copy,
            "upload_limit": size_text(limit()),
        }
        return render(request, "site/source_form.html", context, status=409)
    messages.success(request, f"Removed the source {source_id}.")
    return redirect(reverse("site:sources"))


@registry_page
def source_file(request: HttpRequest, state: State, source_id: str) -> HttpResponse:
    """The copy kept of a source, downloaded: an attachment of its own type, which the
    browser may not guess another type for (never shown in the page)."""
    row = stored(source_id) if source_id in state.record.sources else None
    if row is None:
        raise Http404(f"no copy of the source {source_id!r} is kept")
    response = FileResponse(
        io.BytesIO(bytes(row.data)),
        as_attachment=True,
        filename=row.name,
        content_type=row.content_type,
    )
    response["Content-Length"] = str(row.size)
    response["X-Content-Type-Options"] = "nosniff"
    return response
