"""The registry's writes as functions, for scripts, loaders and tests: each runs one
action (:mod:`organogram.registry.actions`) and returns its result.

The pages, the API and the command line build the actions themselves; these functions
are the same actions under the names a script reaches for. Exporting, a read, is here
too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..core.changes import Change
from ..core.dates import FuzzyDate
from ..core.plans import PlanStatus
from ..core.record import Record
from ..formats import dump_dataset, load_dataset
from ..formats.copies import source_copies
from ..queries.selection import without_people
from . import models as m
from . import store
from .actions import (
    AddPlanChange,
    ChangeRefused,
    DraftPlan,
    EditPlanChange,
    EnactPlan,
    EntryRefused,
    LoadRecord,
    LoadResult,
    MergeConflicts,
    Merged,
    MergePlan,
    MovePlan,
    NotEmpty,
    PlanRefused,
    RebasePlan,
    RecordChange,
    Recorded,
    Refused,
    RemoveEntry,
    RemovePlanChange,
    RemoveSource,
    ReverseChange,
    SavedEntry,
    SavedSource,
    SaveEntry,
    SaveSource,
    SourceRefused,
    StaleEdit,
    StaleEntry,
    run,
)
from .actions.entries import entry_version
from .audit import Actor
from .source_files import Upload

#: Every refusal of a write; nothing was written (the name older callers know).
RegistryError = Refused


def load_dataset_into_registry(
    path: str | os.PathLike[str], actor: Actor, *, replace: bool = False
) -> LoadResult:
    """Load the dataset at ``path``: everything or nothing (see :class:`LoadRecord`);
    a dataset with problems is refused (DatasetError, with file, line and field). The
    copies of documents the folder holds (``files/SOURCE/FILE``) are loaded with it."""
    record = load_dataset(path)
    copies = {
        source_id: Upload(file.name, "", _chunks(file), file.stat().st_size)
        for source_id, file in source_copies(path, record).items()
    }
    action = "organogram.dataset.replace" if replace else "organogram.dataset.load"
    return run(
        LoadRecord(record, replace, action, {"path": Path(path).name}, copies=copies), actor
    )


def _chunks(path: Path, size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of ``path`` in pieces (read when the load reads them)."""
    with path.open("rb") as f:
        while chunk := f.read(size):
            yield chunk


def load_record_into_registry(
    record: Record,
    actor: Actor,
    *,
    replace: bool = False,
    action: str = "organogram.dataset.load",
    origin: dict[str, Any] | None = None,
    progress: bool | None = None,
) -> LoadResult:
    """Put ``record`` in the registry in one transaction (see :class:`LoadRecord`)."""
    return run(LoadRecord(record, replace, action, origin, progress), actor)


def export_registry(
    folder: str | os.PathLike[str], *, overwrite: bool = False, personal: bool = True
) -> Record:
    """Write the registry's record as a dataset folder (atomically); returns the record
    written. ``personal`` False leaves out people, assignments and personal fields. The
    copies of documents uploaded are written as ``files/SOURCE/FILE``."""
    record = store.current_record()
    if not personal:
        record = without_people(record)
    copies = {
        row.source: bytes(row.data)
        for row in m.SourceFile.objects.all()
        if row.source in record.sources and record.sources[row.source].file == row.name
    }
    dump_dataset(record, folder, overwrite=overwrite, copies=copies)
    return record


def record_change(
    change: Change | Mapping[str, Any],
    actor: Actor,
    *,
    expected: int | None = None,
    corrects: str | None = None,
) -> Recorded:
    """Record ``change`` in the timeline (see :class:`RecordChange`)."""
    return run(RecordChange(change, expected, corrects), actor)


def reverse_change(
    change_id: str,
    actor: Actor,
    *,
    date: FuzzyDate | None = None,
    reason: str = "",
    expected: int | None = None,
) -> list[Recorded]:
    """Record the inverse of a timeline change (see :class:`ReverseChange`)."""
    return run(ReverseChange(change_id, date, reason, expected), actor)


def draft_plan(
    actor: Actor, *, title: str, effective: str, description: str = "", plan_id: str = ""
) -> m.Plan:
    """A new draft plan (see :class:`DraftPlan`); returns its row."""
    return run(DraftPlan(title, effective, description, plan_id), actor)


def add_plan_change(
    plan_id: str, data: Mapping[str, Any], actor: Actor, *, phase: str | None = None
) -> Change:
    """Add a change to a draft plan (see :class:`AddPlanChange`)."""
    return run(AddPlanChange(plan_id, data, phase), actor)


def edit_plan_change(
    plan_id: str, change_id: str, data: Mapping[str, Any], actor: Actor
) -> Change:
    """Replace a change of a draft plan (see :class:`EditPlanChange`)."""
    return run(EditPlanChange(plan_id, change_id, data), actor)


def remove_plan_change(plan_id: str, change_id: str, actor: Actor) -> None:
    """Take a change out of a draft plan (see :class:`RemovePlanChange`)."""
    run(RemovePlanChange(plan_id, change_id), actor)


def rebase_plan(plan_id: str, actor: Actor) -> None:
    """Settle a draft plan's conflicts (see :class:`RebasePlan`)."""
    run(RebasePlan(plan_id), actor)


def merge_plan(
    target_id: str, source_id: str, actor: Actor, *, take: Mapping[str, str] | None = None
) -> Merged:
    """Merge a plan into a draft, its conflicts settled by ``take`` (see :class:`MergePlan`)."""
    return run(MergePlan(target_id, source_id, dict(take or {})), actor)


def move_plan(
    plan_id: str, to: str, actor: Actor, *, note: str = "", expected: str | None = None
) -> PlanStatus:
    """Move a plan's status (see :class:`MovePlan`)."""
    return run(MovePlan(plan_id, to, note, expected), actor)


def enact_plan(
    plan_id: str, actor: Actor, *, note: str = "", expected: str | None = None
) -> list[Change]:
    """Enact an approved plan, all or nothing (see :class:`EnactPlan`)."""
    return run(EnactPlan(plan_id, note, expected), actor)


def save_entry(
    section: str,
    data: Mapping[str, Any],
    actor: Actor,
    *,
    expected: int | None = None,
    create: bool | None = None,
) -> SavedEntry:
    """Add or replace a register entry (see :class:`SaveEntry`)."""
    return run(SaveEntry(section, data, expected, create), actor)


def remove_entry(section: str, key: str, actor: Actor, *, expected: int | None = None) -> int:
    """Remove a register entry (see :class:`RemoveEntry`); returns the revision."""
    return run(RemoveEntry(section, key, expected), actor)


def save_source(
    data: Mapping[str, Any],
    actor: Actor,
    *,
    expected: str | None = None,
    create: bool | None = None,
) -> SavedSource:
    """Add or replace a source document (see :class:`SaveSource`)."""
    return run(SaveSource(data, expected, create), actor)


def remove_source(key: str, actor: Actor, *, expected: str | None = None) -> int:
    """Remove a source nothing cites (see :class:`RemoveSource`); returns the revision."""
    return run(RemoveSource(key, expected), actor)


__all__ = [
    "ChangeRefused",
    "EntryRefused",
    "LoadResult",
    "MergeConflicts",
    "Merged",
    "NotEmpty",
    "PlanRefused",
    "Recorded",
    "RegistryError",
    "SourceRefused",
    "StaleEdit",
    "StaleEntry",
    "add_plan_change",
    "draft_plan",
    "edit_plan_change",
    "enact_plan",
    "entry_version",
    "export_registry",
    "load_dataset_into_registry",
    "load_record_into_registry",
    "merge_plan",
    "move_plan",
    "rebase_plan",
    "record_change",
    "remove_entry",
    "remove_plan_change",
    "remove_source",
    "reverse_change",
    "save_entry",
    "save_source",
]
