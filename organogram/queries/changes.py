"""Changes as data: their fields, citations and a sentence telling each."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from enum import Enum
from typing import Any

from ..core.changes import Change
from ..core.model import Source
from ..core.narration import narrate_changes
from ..core.structure import Structure
from .names import citations

#: Parameters that name a person: personal data, left out when people are not shown.
PERSONAL_PARAMS = frozenset({"person"})


def change_data(
    change: Change, sources: dict[str, Source], sentence: str = "", *, people: bool = True
) -> dict[str, Any]:
    """One change: op, id, date, its own parameters, citations and its sentence.

    ``people`` False leaves out the parameters that name a person.
    """
    return {
        "id": change.id,
        "op": change.op,
        "date": str(change.date),
        "params": {
            k: _plain(v)
            for k, v in change.params().items()
            if people or k not in PERSONAL_PARAMS
        },
        "sources": citations(change.cites, sources),
        "reason": change.reason,
        "basis": str(change.basis),
        "note": change.note,
        "text": sentence,
    }


def changes_data(
    changes: list[Change],
    start: Structure,
    sources: dict[str, Source],
    *,
    show_people: bool = True,
) -> list[dict[str, Any]]:
    """Changes as data, each told in a sentence using the names in force at its turn.

    ``show_people`` False names no holder of a post, in the sentences or the parameters.
    """
    sentences = narrate_changes(changes, start, sources, show_people=show_people)
    return [
        change_data(c, sources, text, people=show_people)
        for c, text in zip(changes, sentences, strict=True)
    ]


def node_refs(change: Change, *structures: Structure) -> list[dict[str, str]]:
    """The units and posts ``change`` touches, each named by the first structure that knows it."""

    def name(node: str) -> str:
        for s in structures:
            label = s.label(node)
            if label != node:
                return label
        return node

    named = [{"id": n, "name": name(n)} for n in change.subjects()]
    return sorted(named, key=lambda r: r["name"].casefold())


def _plain(value: Any) -> Any:
    """Parameters as JSON-ready values: dataclasses to dicts, enums to their values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Enum):
        return value.value
    return value
