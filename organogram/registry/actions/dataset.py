"""The action that puts a whole record in the registry: load it, or replace the one held.

The record's timeline is folded before the transaction (it needs no lock and may take
a while on a large record); the rows are then written in one transaction: everything
or nothing. They are made a slice at a time as they are written, never all at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...core.collector import paused
from ...core.record import Record
from ...importers.progress import Progress
from .. import models as m
from ..batches import batches, insert
from ..convert import record_tables
from ..source_files import BadUpload, Upload, read_upload, store_copy
from .base import Action, Audit, Context, Outcome, Refused
from .changes import failure_text


class NotEmpty(Refused):
    """Loading into a registry that already holds a record, without ``replace``."""


@dataclass(frozen=True)
class LoadResult:
    """What a load put into the registry."""

    organization: str
    counts: dict[str, int]
    revision: int


#: Rows inserted per statement when loading a whole record.
BATCH = 500


def counts() -> dict[str, int]:
    """How many rows of each kind the registry holds."""
    return {
        "sources": m.Source.objects.count(),
        "people": m.Person.objects.count(),
        "changes": m.Change.objects.count(),
        "plans": m.Plan.objects.count(),
        "claims": m.Claim.objects.count(),
        "entries": m.Entry.objects.count(),
    }


def _clear() -> None:
    for model in (
        m.Change,
        m.PlanEvent,
        m.Plan,
        m.Claim,
        m.Entry,
        m.Person,
        m.Source,
        m.SourceFile,
        m.Organization,
    ):
        model.objects.all().delete()


@dataclass
class LoadRecord(Action):
    """Put ``record`` in the registry, or refuse and write nothing.

    Refuses (:class:`NotEmpty`) a registry that already holds a record unless
    ``replace`` is given, and a timeline with changes that do not apply at their dates.
    ``copies`` are the copies of its documents (source id -> the upload), each read
    within the size limit before anything is written.
    The audit entry is ``audit_action`` (the loader's own name for it), with ``origin``
    (where the record came from: a folder, an import's kind and files) and the counts
    in ``after``; ``before`` tells what was replaced. ``progress`` draws a bar of the
    rows written on standard error (None: only when it is a terminal).
    """

    record: Record
    replace: bool = False
    audit_action: str = "organogram.dataset.load"
    origin: dict[str, Any] | None = None
    progress: bool | None = None
    copies: Mapping[str, Upload] = field(default_factory=dict)

    permissions = ("dataset.load",)
    step = m.Step.Kind.OTHER

    def prepare(self) -> None:
        """Every copy is within the limit; every change of the record applies at its date."""
        self._copies = {}
        for source_id, upload in self.copies.items():
            try:
                self._copies[source_id] = read_upload(upload)
            except BadUpload as exc:
                why = f"the copy of the source {source_id!r} cannot be kept: {exc}"
                raise Refused(why) from None
        # On a fresh structure, so that the fold keeps no checkpoints: nothing reads this
        # record at a date again (the search index folds it from the start), and a large
        # record's copies of its structure would only take memory.
        timeline = self.record.timeline
        with paused():  # as a fold from a checkpoint pauses it (see core.collector)
            _, failures = timeline.fold(structure=timeline.empty())
        if failures:
            raise Refused(
                f"{len(failures)} change(s) of the dataset do not apply at their dates "
                "(`organogram validate` tells more)",
                [failure_text(f) for f in failures],
            )

    def check(self, ctx: Context) -> dict[str, Any] | None:
        """An empty registry, or ``replace``; returns what is replaced."""
        existing = m.Organization.objects.first()
        if existing is None:
            return None
        if not self.replace:
            raise NotEmpty(
                f"the registry already holds {existing.name!r}; "
                "replace it with --replace (its export is a good backup first)"
            )
        return {"organization": existing.key, **counts()}

    def execute(self, ctx: Context, before: dict[str, Any] | None) -> Outcome:
        """Write every row, in slices made as they are written, with a progress bar."""
        if before is not None:
            _clear()
        organization, tables = record_tables(self.record)
        total = 1 + sum(t.count for t in tables)
        with Progress("Writing the registry", total, enabled=self.progress) as bar:
            organization.save()
            bar.advance()
            for source_id, copy in self._copies.items():
                store_copy(source_id, copy, ctx.now)
            for table in tables:
                # In slices, made as they are written, so that a large record's rows are
                # never all held at once; the slices also show the load's progress and
                # keep within the databases' limits on parameters per statement.
                for batch in batches(table.rows, BATCH):
                    insert(table.model, batch)
                    bar.advance(len(batch))
        held = counts()
        org = self.record.organization
        audit = Audit(
            self.audit_action, "dataset", org.id,
            before=before, after={**(self.origin or {}), **held},
        )
        return Outcome(
            None,
            audit,
            numbered=lambda number: LoadResult(org.name, held, number),
            record=self.record,
        )
