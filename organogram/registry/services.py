"""The write path: the one place where the registry is written.

Each service runs in one transaction that locks the revision row first, so writes
are serialized; it checks with the core, writes the rows, bumps the revision and
leaves an audit entry, or refuses and writes nothing. The command line, the pages
and the API all call these functions.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..core.changes import Change
from ..core.dates import FuzzyDate
from ..core.errors import OrganogramError
from ..core.record import Record
from ..core.timeline import Failure, Timeline
from ..formats import dump_dataset, load_dataset
from ..formats.codec import change_to_dict
from ..history.inverse import NotReversible, inverse
from ..importers.progress import Progress
from ..queries.selection import without_people
from ..queries.structure import node_data
from . import models as m
from . import store
from .audit import Actor, write_audit
from .catchup import write_step
from .convert import change_row, record_rows, row_change


class RegistryError(OrganogramError):
    """A write the registry refuses; nothing was written."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        self.reasons = list(reasons or [])
        text = (
            message
            if not self.reasons
            else message + ":\n" + "\n".join(f"- {r}" for r in self.reasons)
        )
        super().__init__(text)


class NotEmpty(RegistryError):
    """Loading into a registry that already holds a record, without ``replace``."""


class ChangeRefused(RegistryError):
    """A change that does not apply at its date, or that would break later changes."""


class StaleEdit(RegistryError):
    """Someone else changed the same units since the editor looked: nothing overwritten."""

    def __init__(self, newer: list[Change]):
        self.newer = newer
        super().__init__(
            "someone else has changed these units since you looked; review the record as it "
            "is now and try again",
            [
                f"{c.id}: {c.op} on {c.date}, recorded by {c.recorded_by or 'unknown'}"
                for c in newer
            ],
        )


@dataclass(frozen=True)
class LoadResult:
    """What a load put into the registry."""

    organization: str
    counts: dict[str, int]
    revision: int


@dataclass(frozen=True)
class Recorded:
    """A change recorded in the timeline."""

    change: Change
    sequence: int
    revision: int


#: Rows inserted per statement when loading a whole record.
_BATCH = 500


def _lock_revision() -> m.Revision:
    """The revision row, locked until the transaction ends (created on first write)."""
    m.Revision.objects.get_or_create(pk=1)
    return m.Revision.objects.select_for_update().get(pk=1)


def _bump(
    rev: m.Revision, kind: str = m.Step.Kind.OTHER, changes: list[str] | None = None
) -> int:
    """Move the revision on, leaving the step that says what the write did (``kind``:
    see :class:`~organogram.registry.models.Step`; ``changes``: the ids appended)."""
    rev.number += 1
    rev.stamp = uuid.uuid4().hex
    rev.save(update_fields=["number", "stamp"])
    write_step(rev.number, rev.stamp, kind, changes)
    return rev.number


def _counts() -> dict[str, int]:
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
        m.Organization,
    ):
        model.objects.all().delete()


def _failure_text(f: Failure) -> str:
    return f"{f.change.id} ({f.change.op}, {f.change.date}): {'; '.join(f.problems)}"


def load_dataset_into_registry(
    path: str | os.PathLike[str], actor: Actor, *, replace: bool = False
) -> LoadResult:
    """Load the dataset at ``path``: everything or nothing.

    Refuses a registry that already holds a record unless ``replace`` is given, a
    dataset with problems (DatasetError, with file, line and field), and a timeline
    with changes that do not apply at their dates.
    """
    return load_record_into_registry(
        load_dataset(path),
        actor,
        replace=replace,
        action="organogram.dataset.replace" if replace else "organogram.dataset.load",
        origin={"path": Path(path).name},
    )


def load_record_into_registry(
    record: Record,
    actor: Actor,
    *,
    replace: bool = False,
    action: str = "organogram.dataset.load",
    origin: dict[str, Any] | None = None,
    progress: bool | None = None,
) -> LoadResult:
    """Put ``record`` in the registry in one transaction: everything or nothing.

    Refuses (:class:`NotEmpty`) a registry that already holds a record unless
    ``replace`` is given, and a timeline with changes that do not apply at their
    dates. The audit entry is ``action`` (the loader's own name for it, kept when
    replacing: ``before`` tells what was replaced), with ``origin`` (where the record
    came from: a folder, an import's kind and files) and the counts in ``after``.
    ``progress`` draws a bar of the rows written on standard error (None: only when
    it is a terminal).
    """
    _, failures = record.timeline.fold()
    if failures:
        raise RegistryError(
            f"{len(failures)} change(s) of the dataset do not apply at their dates "
            "(`organogram validate` tells more)",
            [_failure_text(f) for f in failures],
        )
    with transaction.atomic():
        rev = _lock_revision()
        existing = m.Organization.objects.first()
        before = None
        if existing is not None:
            if not replace:
                raise NotEmpty(
                    f"the registry already holds {existing.name!r}; "
                    "replace it with --replace (its export is a good backup first)"
                )
            before = {"organization": existing.key, **_counts()}
            _clear()
        rows = record_rows(record)
        tables = [
            (m.Source, rows.sources),
            (m.Person, rows.people),
            (m.Plan, rows.plans),
            (m.PlanEvent, rows.events),
            (m.Change, rows.changes),
            (m.Claim, rows.claims),
            (m.Entry, rows.entries),
        ]
        total = 1 + sum(len(r) for _, r in tables)
        with Progress("Writing the registry", total, enabled=progress) as bar:
            rows.organization.save()
            bar.advance()
            for model, batch in tables:
                # In slices, so that a long load shows its progress (and stays within
                # the databases' limits on parameters per statement).
                for i in range(0, len(batch), _BATCH):
                    model.objects.bulk_create(batch[i : i + _BATCH])
                    bar.advance(len(batch[i : i + _BATCH]))
        number = _bump(rev)
        counts = _counts()
        write_audit(
            actor,
            action,
            "dataset",
            record.organization.id,
            before=before,
            after={**(origin or {}), **counts},
            revision=number,
        )
    return LoadResult(record.organization.name, counts, number)


def export_registry(
    folder: str | os.PathLike[str], *, overwrite: bool = False, personal: bool = True
) -> Record:
    """Write the registry's record as a dataset folder (atomically); returns the record
    written. ``personal`` False leaves out people, assignments and personal fields."""
    record = store.current_record()
    if not personal:
        record = without_people(record)
    dump_dataset(record, folder, overwrite=overwrite)
    return record


@dataclass(frozen=True)
class Checked:
    """A change checked against a timeline (see :func:`check_against`)."""

    #: what keeps the change from applying at its date.
    problems: list[str]
    #: later changes that applied before and would fail with it.
    broken: list[Failure]
    #: the timeline with the change, folded to its end.
    timeline: Timeline


def check_against(timeline: Timeline, change: Change) -> Checked:
    """Check ``change`` where it falls in ``timeline``, and every change after it.

    Only the changes from the nearest checkpoint before the change on are folded (the
    ones before it do not see it); changes that already failed before are not blamed
    on the new one.
    """
    failed_before = {id(f.change) for f in timeline.failures()}
    # The new timeline shares the checkpoints before the change: its fold starts there.
    grown = timeline.with_changes([change])
    _, after = grown.fold()
    mine = [p for f in after if f.change is change for p in f.problems]
    broken = [f for f in after if f.change is not change and id(f.change) not in failed_before]
    return Checked(mine, broken, grown)


def _nodes_at(timeline: Timeline, change: Change) -> dict[str, Any]:
    """The units and posts ``change`` touches, as they stand at its date."""
    s = timeline.snapshot(change.date).structure
    return {n: node_data(s, n) for n in sorted(change.subjects()) if s.exists(n)}


def record_change(
    change: Change,
    actor: Actor,
    *,
    expected: int | None = None,
    corrects: str | None = None,
    reverses: str | None = None,
) -> Recorded:
    """Record ``change`` in the timeline, or refuse it and write nothing.

    ``expected`` is the token the editor saw for the units the change touches
    (:meth:`~organogram.registry.store.State.token`); if a newer change touched them
    since, the edit is refused with :class:`StaleEdit`. The change must apply at its
    date and every later change must still apply, else :class:`ChangeRefused` names
    what fails. ``corrects`` names an earlier change this one corrects, and
    ``reverses`` one it undoes (see :func:`reverse_change`), for the trace.
    """
    with transaction.atomic():
        rev = _lock_revision()
        state = store.current()
        timeline = state.record.timeline
        if expected is not None:
            newer = state.newer_than(change.subjects(), expected)
            if newer:
                raise StaleEdit(newer)
        if corrects is not None and timeline.get(corrects) is None:
            raise ChangeRefused(f"there is no change {corrects!r} in the timeline to correct")
        sequence = (m.Change.objects.aggregate(top=Max("sequence"))["top"] or 0) + 1
        ident = change.id or f"rec-{sequence}"
        if m.Change.objects.filter(pk=ident).exists():
            raise ChangeRefused(f"a change with id {ident!r} is already recorded")
        row = change_row(
            replace(
                change,
                id=ident,
                recorded_by=actor.by,
                recorded_at=timezone.now().replace(microsecond=0),
                origin=None,
            ),
            sequence,
        )
        # Checked as its row reads back, so that the record this process goes on with
        # is the one every other process makes from the rows.
        stamped = row_change(row)
        checked = check_against(timeline, stamped)
        if checked.problems:
            raise ChangeRefused(f"the change does not apply on {stamped.date}", checked.problems)
        if checked.broken:
            raise ChangeRefused(
                "the change would break later changes, which would no longer apply",
                [_failure_text(f) for f in checked.broken],
            )
        row.save()
        number = _bump(rev, m.Step.Kind.CHANGES, [ident])
        after_timeline = checked.timeline
        write_audit(
            actor,
            "organogram.change.reverse"
            if reverses
            else "organogram.change.correct"
            if corrects
            else "organogram.change.record",
            "change",
            ident,
            before={"nodes": _nodes_at(timeline, stamped)},
            after={
                "change": change_to_dict(stamped),
                "nodes": _nodes_at(after_timeline, stamped),
                **({"corrects": corrects} if corrects else {}),
                **({"reverses": reverses} if reverses else {}),
            },
            revision=number,
        )
        store.install(
            state.following(
                number,
                replace(state.record, timeline=after_timeline),
                {**state.sequences, ident: sequence},
                rev.stamp,
            )
        )
    return Recorded(stamped, sequence, number)


def reverse_change(
    change_id: str,
    actor: Actor,
    *,
    date: FuzzyDate | None = None,
    reason: str = "",
    expected: int | None = None,
) -> list[Recorded]:
    """Record the inverse of timeline change ``change_id``, dated ``date`` (default its own).

    All of the inverse changes are recorded or none (see
    :func:`organogram.history.inverse.inverse`); each is checked as
    :func:`record_change` checks any change, and its audit entry names the change it
    reverses.
    """
    with transaction.atomic():
        _lock_revision()
        state = store.current()
        timeline = state.record.timeline
        original = timeline.get(change_id)
        if original is None:
            raise ChangeRefused(f"there is no change {change_id!r} in the timeline to reverse")
        try:
            back = inverse(timeline, original, date, reason)
        except NotReversible as exc:
            raise ChangeRefused(str(exc)) from None
        if expected is not None:
            # Checked once for all: the first inverse change would make the next look stale.
            newer = state.newer_than(frozenset().union(*(c.subjects() for c in back)), expected)
            if newer:
                raise StaleEdit(newer)
        return [record_change(c, actor, reverses=change_id) for c in back]
