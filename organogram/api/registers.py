"""Register entries (governing bodies, terms of reference, budgets…): read and write.

One router serves every register the dataset format knows
(:mod:`organogram.formats.registers`): entries are the mappings a dataset file would
hold, checked by the same field tables on the way in. Each entry carries a
``version``; an edit or removal names the version it read and is refused (409) if
someone saved the entry since.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from ..core.errors import NotFound
from ..formats.register import Register
from ..formats.registers import ALL, BY_SECTION
from ..registry import models as m
from ..registry import store
from ..registry.actions import RemoveEntry, SaveEntry, run
from ..registry.permissions import can
from .auth import actor, need
from .common import offset_field
from .schemas.refusal import REFUSALS
from .schemas.registers import EntryOut, EntryPage, RegistersOut, SavedEntryOut

router = Router(tags=["registers"])


class EntryIn(Schema):
    """An entry as a dataset's register section holds it, and the version read."""

    #: e.g. {"id": "scpf", "name": "Standing Committee on Programmes and Finance",
    #: "parent": "council", "cite": "c109-report:12"}
    entry: dict[str, Any]
    #: the version read with the entry (0: "I expect it not to exist"); None: no check.
    expected: int | None = None


class Page(Schema):
    """Paging of a register's entries."""

    limit: int = 100
    offset: int = offset_field()


def _register(section: str) -> Register:
    try:
        return BY_SECTION[section]
    except KeyError:
        known = ", ".join(sorted(BY_SECTION))
        raise NotFound(f"no register {section!r} (registers: {known})") from None


def _shown(request: HttpRequest, register: Register, row: m.Entry) -> dict[str, Any]:
    data = row.data
    if register.personal and not can(request.auth, "people.view"):  # type: ignore[attr-defined]
        data = register.without_personal(data)
    return {"id": row.key, "version": row.version, "entry": data}


@router.get("", response=RegistersOut, summary="The registers and how many entries each holds")
def list_registers(request: HttpRequest) -> dict[str, Any]:
    """Each register's section name, what an entry is, its fields and its count."""
    need(request, "structure.view")
    store.current()  # 503 while nothing is loaded, as every read
    counts = dict(
        m.Entry.objects.values("register").annotate(n=Count("id")).values_list("register", "n")
    )
    return {
        "registers": [
            {
                "section": r.section,
                "noun": r.noun,
                "doc": r.doc,
                "count": counts.get(r.section, 0),
                "fields": [
                    {"name": f.name, "required": f.required, "doc": f.doc} for f in r.fields
                ],
            }
            for r in ALL
            if can(request.auth, r.view_action)  # type: ignore[attr-defined]
        ]
    }


@router.get("/{section}", response=EntryPage, summary="The entries of one register")
def list_entries(request: HttpRequest, section: str, page: Query[Page]) -> dict[str, Any]:
    """Entries in the order written, ``limit``/``offset`` paged; personal fields only
    for readers allowed to see people's data."""
    register = _register(section)
    need(request, register.view_action)
    store.current()
    rows = m.Entry.objects.filter(register=section).order_by("position")
    limit = max(1, min(page.limit, 1000))
    return {
        "section": section,
        "count": rows.count(),
        "offset": page.offset,
        "limit": limit,
        "entries": [_shown(request, register, r) for r in rows[page.offset : page.offset + limit]],
    }


@router.get("/{section}/{key}", response=EntryOut, summary="One register entry")
def get_entry(request: HttpRequest, section: str, key: str) -> dict[str, Any]:
    """The entry's mapping and its version (needed to edit or remove it)."""
    register = _register(section)
    need(request, register.view_action)
    row = m.Entry.objects.filter(register=section, key=key).first()
    if row is None:
        raise NotFound(f"no {register.noun} {key!r}")
    return _shown(request, register, row)


@router.post(
    "/{section}", response={201: SavedEntryOut, **REFUSALS}, summary="Add a register entry"
)
def add_entry(request: HttpRequest, section: str, body: EntryIn) -> Status:
    """Checked as a dataset entry and its references against the record; 422 names the
    fields at fault, 409 when an entry with that id exists."""
    saved = run(SaveEntry(section, body.entry, body.expected, create=True), actor(request))
    return Status(201, _saved(request, _register(section), saved))


@router.put(
    "/{section}/{key}",
    response={200: SavedEntryOut, **REFUSALS},
    summary="Replace a register entry",
)
def edit_entry(request: HttpRequest, section: str, key: str, body: EntryIn) -> dict[str, Any]:
    """The entry as a whole (its id unchanged); 409 if someone saved it since ``expected``."""
    saved = run(
        SaveEntry(section, body.entry, body.expected, create=False, key=key), actor(request)
    )
    return _saved(request, _register(section), saved)


@router.delete(
    "/{section}/{key}", response={204: None, **REFUSALS}, summary="Remove a register entry"
)
def remove_entry(
    request: HttpRequest, section: str, key: str, expected: int | None = None
) -> Status:
    """Refused (409) while other entries refer to it, or if it changed since ``expected``."""
    run(RemoveEntry(section, key, expected), actor(request))
    return Status(204, None)


def _saved(request: HttpRequest, register: Register, saved: Any) -> dict[str, Any]:
    row = m.Entry.objects.get(register=register.section, key=saved.entry.id)
    return {**_shown(request, register, row), "revision": saved.revision}
