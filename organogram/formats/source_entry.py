"""A source given as data (a web form, an API body), read and written as a dataset's
``sources:`` entry is: the same field table, the same id and date rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.model import Source
from .codec import plain, to_node
from .entries import dump_fields, read_entry
from .fields import SOURCE_ENTRY
from .kinds import BAD, Ctx, Ref
from .problems import Problems
from .register import EntryDataError
from .values import entry_values


def source_from_dict(data: Mapping[str, Any]) -> tuple[Source, list[Ref]]:
    """(the source a mapping describes, the citations it makes), checked as in a file.

    Raises :class:`~organogram.formats.register.EntryDataError` naming each field at
    fault. Whether the sources it cites exist is for the caller to check against its
    record (:func:`organogram.formats.references.dangling`).
    """
    problems = Problems()
    ctx = Ctx("source", problems)
    values = read_entry(to_node(dict(data)), SOURCE_ENTRY, ctx, "")
    if values is BAD or problems:
        raise EntryDataError("source", problems.items)
    cites = tuple(str(c) for c in values.pop("cites", ()))
    return Source(**values, cites=cites), ctx.refs


def source_to_dict(source: Source) -> dict[str, Any]:
    """The source as a JSON-ready mapping, as a dataset's ``sources:`` entry holds it."""
    return plain(dump_fields(SOURCE_ENTRY, entry_values(source, SOURCE_ENTRY)))
