"""A document drafted for a person to decide on: the draft as plain data (what the
drafting page keeps between requests), and its proposals told in words against the
structure they would change. Framework-free: the record and the drafting package only.

Nothing here writes. The changes a person accepts are saved by the plan actions
(:class:`~organogram.registry.actions.ImportPlanChanges`,
:class:`~organogram.registry.actions.DraftPlanWithChanges`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.changes import Change, step
from ..core.errors import OrganogramError
from ..core.narration import narrate_change
from ..core.record import Record
from ..core.structure import Structure
from ..drafting.paragraphs import find_paragraphs
from ..formats.codec import change_from_dict
from ..registry.papers import drafted

#: A person's decision on a proposal, as the page keeps it.
ACCEPTED, REJECTED, EDITED = "accepted", "rejected", "edited"
DECISIONS = (ACCEPTED, REJECTED, EDITED)


def draft_document(record: Record, text: str, *, name: str, source: str, at: str) -> dict:
    """The draft of ``text`` (a document called ``name``) as plain data: the package's
    JSON (``operations``, ``unresolved``, ``unread``, ``effective``; see
    :meth:`organogram.drafting.Draft.as_dict`), the document's ``paragraphs`` as the
    drafting cut them, and for each operation ``change``: the mapping a plan would hold.
    ``source`` is the id of the source cited (empty: none, and each change notes the
    paragraph it comes from instead). ``at``: the date names are read as of; empty, the
    one the drafting proposes for the paper (see :func:`~organogram.registry.papers.drafted`)."""
    draft = drafted(record, text, source=source, at=at)
    out = draft.as_dict()
    out["name"] = name
    paragraphs, _ = find_paragraphs(text)
    out["document"] = [
        {"number": p.number, "heading": p.heading, "text": p.text, "items": list(p.items or [])}
        for p in paragraphs
    ]
    for op, proposal in zip(out["operations"], draft.proposals, strict=True):
        # Undated unless the sentence dates it: the plan's own date is the default.
        change = proposal.change()
        if not source:
            change.pop("cite", None)
            where = f"From paragraph {proposal.paragraph} of {name}."
            change["note"] = f"{where} {change['note']}" if change.get("note") else where
        op["change"] = change
    return out


def with_date(change: dict[str, Any], date: str) -> dict[str, Any]:
    """``change`` dated ``date`` unless it has a date of its own."""
    return change if change.get("date") else {**change, "date": date}


def told(
    record: Record, at: str, changes: Sequence[dict[str, Any] | None], date: str
) -> list[dict[str, Any]]:
    """Each change told in words, in order, each on the structure as of ``at`` with the
    changes before it applied (those that apply): ``{"words", "problems"}``. ``words``
    is the core's narration when the change reads and applies, else the op and its
    fields in words; ``problems`` why it does not apply there. None (a change left out,
    rejected) is told as None and changes nothing."""
    s = record.timeline.snapshot(at).structure.copy()
    out: list[dict[str, Any]] = []
    for data in changes:
        if data is None:
            out.append({"words": "", "problems": []})
            continue
        out.append(_tell(data, s, date))
    return out


def structure_after(
    record: Record, at: str, changes: Sequence[dict[str, Any] | None], date: str
) -> Structure:
    """The structure as of ``at`` with ``changes`` applied in order (those that read and
    apply): the names a form editing the next change resolves against."""
    s = record.timeline.snapshot(at).structure.copy()
    for data in changes:
        if data is not None:
            change = _read(with_date(data, date))
            if change is not None:
                step(change, s)
    return s


def _read(data: dict[str, Any]) -> Change | None:
    try:
        return change_from_dict(data)
    except OrganogramError:
        return None


def _tell(data: dict[str, Any], s: Structure, date: str) -> dict[str, Any]:
    # Told without its citation: the page shows the paragraph apart.
    change = _read(with_date({k: v for k, v in data.items() if k != "cite"}, date))
    if change is None:
        return {"words": in_words(data, s), "problems": []}
    sentence: list[str] = []

    def narrate(c: Change, before: Structure) -> None:
        try:
            sentence.append(narrate_change(c, before, show_people=False))
        except (KeyError, OrganogramError):
            sentence.append(in_words(data, before))

    problems = step(change, s, before=narrate)
    if problems:
        return {"words": in_words(data, s), "problems": problems}
    return {"words": sentence[0] if sentence else in_words(data, s), "problems": []}


#: Fields that say where a change comes from or how it is recorded, not what it does.
_NOT_TOLD = frozenset({"op", "cite", "basis", "note", "reason", "id", "date"})


def in_words(data: dict[str, Any], s: Structure) -> str:
    """A change as its op and fields, with each id the structure knows named: for a
    change the narration cannot tell (it does not read, or does not apply)."""
    parts = [
        f"{key.replace('_', ' ')}: {_value(value, s)}"
        for key, value in data.items()
        if key not in _NOT_TOLD
    ]
    op = str(data.get("op", "")).replace("-", " ")
    return f"{op[:1].upper()}{op[1:]} — {'; '.join(parts)}" if parts else op


def _value(value: Any, s: Structure) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_value(v, s)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value(v, s) for v in value)
    if isinstance(value, str):
        return s.label(value)
    return str(value)
