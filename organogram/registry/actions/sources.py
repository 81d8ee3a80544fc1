"""Actions on source documents: add or edit one, remove one nothing cites.

A source is checked with the dataset format's rules for a ``sources:`` entry (its id,
its required title, its date's form, its citations of other sources, its passages). An
edit names the version of the source the editor saw — a fingerprint of what it held — and
is refused as stale if the source has changed since, so that nothing is overwritten
unseen. A copy of the document may be uploaded with it: read within the size limit
before anything is written, kept in the same transaction as the source, audited by its
name, size and SHA-256, and named by the source's ``file`` field.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Max

from ...core.model import Source
from ...core.record import Record
from ...formats.references import dangling
from ...formats.register import EntryDataError, entry_from_dict
from ...formats.registers import BY_SECTION as _REGISTERS
from ...formats.source_entry import source_from_dict, source_to_dict
from .. import models as m
from ..convert import source_row
from ..source_files import BadUpload, Upload, read_upload, store_copy, stored
from .base import Action, Audit, Context, Outcome, Refused


class SourceRefused(Refused):
    """A source that is not valid, is not there, or may not go."""


@dataclass(frozen=True)
class SavedSource:
    """A source as written: the source, its new version and the new revision."""

    source: Source
    version: str
    revision: int


def source_version(source: Source) -> str:
    """The version of ``source`` an editor names: a fingerprint of its fields."""
    text = json.dumps(source_to_dict(source), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _check_version(source: Source, expected: str | None) -> None:
    if expected is None:
        return
    if source_version(source) != expected:
        raise SourceRefused(
            f"the source {source.id!r} has changed since you read it; read it again and retry",
            kind="stale",
        )


class _SourceAction(Action):
    """What the writes of sources share: their permission and the step they leave."""

    permissions = ("source.edit",)
    step = m.Step.Kind.SOURCES


@dataclass
class SaveSource(_SourceAction):
    """Add or replace the source described by ``data`` (a dataset's ``sources:`` entry).

    ``expected`` is the version the editor read; None skips the check, as a script that
    owns the data may. ``create`` True refuses to replace an existing source, False
    refuses to add one. ``key``, when editing, is the id of the source edited: a
    source's id never changes (changes and claims cite it). ``upload`` is a copy of the
    document to keep (its name becomes the ``file`` field; refused, field ``upload``,
    above the size limit); ``drop_file`` removes the copy kept. While a copy is kept,
    ``file`` names it: naming another is refused until the copy is removed.
    """

    data: Mapping[str, Any]
    expected: str | None = None
    create: bool | None = None
    key: str | None = None
    upload: Upload | None = None
    drop_file: bool = False

    def prepare(self) -> None:
        """Read the upload within its limit, then the source with the format's field
        table (its ``file`` is the upload's name)."""
        self._copy = None
        if self.upload is not None:
            try:
                self._copy = read_upload(self.upload)
            except BadUpload as exc:
                raise SourceRefused(
                    "the file cannot be kept", fields={"upload": [str(exc)]}, kind="invalid"
                ) from None
            self.data = {**self.data, "file": self._copy.name}
        if self.key is not None:
            given = self.data.get("id", self.key)
            if given != self.key:
                raise SourceRefused(
                    f"the source's id {given!r} is not {self.key!r}: an id cannot change",
                    fields={"id": ["a source's id cannot change"]},
                    kind="invalid",
                )
            self.data = {**self.data, "id": self.key}
        try:
            self._source, self._refs = source_from_dict(self.data)
        except EntryDataError as exc:
            raise SourceRefused(
                "not a valid source",
                [f"{p.field or 'source'}: {p.message}" for p in exc.problems],
                exc.by_field(),
                kind="invalid",
            ) from None

    def check(self, ctx: Context) -> Source | None:
        """Existence, version, and the sources it cites (itself included)."""
        record = ctx.state.record
        source = self._source
        held = record.sources.get(source.id)
        if self.create is True and held is not None:
            raise SourceRefused(
                f"there is already a source {source.id!r}",
                fields={"id": [f"{source.id!r} is taken: choose another id"]},
            )
        if self.create is False and held is None:
            raise SourceRefused(f"there is no source {source.id!r} to edit", kind="missing")
        if held is not None:
            _check_version(held, self.expected)
        joined = replace(record, sources={**record.sources, source.id: source})
        problems = dangling(joined, self._refs)
        if problems:
            raise SourceRefused(
                f"the source {source.id!r} cites what the record does not hold",
                [f"{path}: {why}" for path, why in problems],
                _by_field(problems),
            )
        self._check_copy(stored(source.id) if held is not None else None)
        return held

    def _check_copy(self, kept: m.SourceFile | None) -> None:
        """``file`` names the copy kept, unless it is replaced or removed (then a ``file``
        that named it is cleared)."""
        source = self._source
        if kept is None or self._copy is not None:
            return
        if self.drop_file:
            if source.file == kept.name:
                self._source = replace(source, file="")
            return
        if source.file != kept.name:
            raise SourceRefused(
                "the source's copy is kept here",
                fields={
                    "file": [
                        f"the copy kept is {kept.name!r}: remove it to name another, "
                        "or upload the new one"
                    ]
                },
                kind="invalid",
            )

    def execute(self, ctx: Context, held: Source | None) -> Outcome:
        """Write the row (a new one at the end, or the same place); the result is the
        :class:`SavedSource`."""
        source = self._source
        row = m.Source.objects.filter(pk=source.id).first()
        if row is None:
            top = m.Source.objects.aggregate(top=Max("position"))["top"]
            position = 0 if top is None else top + 1
        else:
            position = row.position
        source_row(source, position).save()
        before = source_to_dict(held) if held is not None else None
        after: dict[str, Any] = source_to_dict(source)
        if self._copy is not None:
            store_copy(source.id, self._copy, ctx.now)
            after["copy"] = self._copy.describe()  # what was kept; its bytes are not audited
        elif self.drop_file and m.SourceFile.objects.filter(pk=source.id).delete()[0]:
            after["copy"] = None
        verb = "edit" if held is not None else "add"
        audit = Audit(f"organogram.source.{verb}", "source", source.id, before=before, after=after)
        version = source_version(source)
        return Outcome(None, audit, numbered=lambda number: SavedSource(source, version, number))


@dataclass
class RemoveSource(_SourceAction):
    """Remove one source; refused while anything cites it. Returns the revision."""

    key: str
    expected: str | None = None

    def check(self, ctx: Context) -> Source:
        """The source exists, is the version seen, and nothing cites it."""
        record = ctx.state.record
        held = record.sources.get(self.key)
        if held is None:
            raise SourceRefused(f"there is no source {self.key!r}", kind="missing")
        _check_version(held, self.expected)
        users = citers(record, self.key)
        if users:
            raise SourceRefused(
                f"the source {self.key!r} is cited; remove or change what cites it first",
                users,
            )
        return held

    def execute(self, ctx: Context, held: Source) -> Outcome:
        """Delete the row, and the copy kept of the document."""
        m.Source.objects.filter(pk=self.key).delete()
        before: dict[str, Any] = source_to_dict(held)
        kept = stored(self.key)
        if kept is not None:
            before["copy"] = {"name": kept.name, "size": kept.size, "sha256": kept.sha256}
            kept.delete()
        audit = Audit("organogram.source.remove", "source", self.key, before=before)
        return Outcome(None, audit, numbered=lambda number: number)


def _by_field(problems: list[tuple[str, str]]) -> dict[str, list[str]]:
    """(path, why) problems as field -> its problems (``cites[2]`` is ``cites``)."""
    out: dict[str, list[str]] = {}
    for path, why in problems:
        out.setdefault(path.split("[")[0], []).append(why)
    return out


def citers(record: Record, source_id: str) -> list[str]:
    """What cites source ``source_id``, each named: changes (of the timeline and of
    plans), claims, other sources, the organization, plans' documents, register entries."""
    out: list[str] = []
    in_plans = {c: p for p in record.plans.values() for c in p.changes}
    seen = set()
    for change in [*record.timeline.changes, *in_plans]:
        if change in seen or all(c.source != source_id for c in change.cites):
            continue
        seen.add(change)
        plan = in_plans.get(change)
        out.append(f"change {change.id}" + (f" (plan {plan.id})" if plan else ""))
    for claim in record.claims:
        if claim.citation.source == source_id:
            out.append(f"claim about {claim.subject}: {claim.field}")
    for other in record.sources.values():
        if other.id != source_id and any(c.split(":")[0] == source_id for c in other.cites):
            out.append(f"source {other.id}")
    if source_id in record.organization.sources:
        out.append("the organization's sources")
    for plan in record.plans.values():
        if source_id in plan.documents:
            out.append(f"plan {plan.id} (its documents)")
    for row in m.Entry.objects.all():
        register = _REGISTERS.get(row.register)
        if register is None:
            continue
        _entry, refs = entry_from_dict(register, row.data)
        if any(r.category == "source" and r.value == source_id for r in refs):
            out.append(f"{row.register}: {row.key}")
    return out
