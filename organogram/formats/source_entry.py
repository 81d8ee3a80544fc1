"""A source given as data (a web form, an API body), read and written as a dataset's
``sources:`` entry is: the same field table, the same id and date rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.model import Passage, Source
from .codec import plain, to_node
from .entries import dump_fields, read_entry
from .fields import PASSAGE_ENTRY, SOURCE_ENTRY
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


def passages_to_data(passages: tuple[Passage, ...]) -> list[dict[str, str]]:
    """A source's passages as its dataset entry lists them (fields at their default left
    out), for a database row or a form."""
    return [plain(dump_fields(PASSAGE_ENTRY, entry_values(p, PASSAGE_ENTRY))) for p in passages]


def passages_from_data(data: list[Mapping[str, Any]]) -> tuple[Passage, ...]:
    """The passages :func:`passages_to_data` wrote (a row holds only what was checked)."""
    return tuple(Passage(**{k: str(v) for k, v in p.items()}) for p in data)
