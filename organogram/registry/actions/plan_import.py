"""The action that adds a spreadsheet's rows to a draft plan: all of them, or none.

Each row is a change mapping (:mod:`organogram.importers.plan_changes`). Every row is
checked before anything is written — as a change (its fields), then where it falls in
the plan after the plan's changes and the rows above it — and every problem is named
with its row, so that a person fixes the sheet once rather than row by row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from ...core.changes import Change
from ...core.plans import Plan, PlanError, add_changes, preview
from ...formats.codec import change_to_dict
from ...importers.plan_changes import PlanRow, PlanSheetError, read_upload
from .. import models as m
from ..convert import change_row
from .base import Action, Audit, Context, Outcome, Refused
from .changes import read_change, reference_problems
from .plan_common import PlanRefused, editable, plan_of
from .plans import StoredIds

#: Columns of the template's changes sheet that say nothing about a plan's change: the
#: plan (it is the one imported into), who recorded it and when (the plan's changes are
#: recorded when it is enacted), the phase (taken apart).
_NOT_READ = frozenset({"plan", "phase", "recorded_by", "recorded_at"})


@dataclass
class ImportPlanChanges(Action):
    """Add the rows of spreadsheet ``file`` to draft plan ``plan_id``.

    The spreadsheet's bytes come in ``chunks`` (``size`` of them: an upload, a file read
    in pieces), or its rows already read in ``rows`` (each a change mapping and its
    place). A row without a date takes the plan's effective date; one without an id,
    the plan's next free one. The result is the changes added, in the order of the rows.
    The rows may come from elsewhere than a sheet (a document's accepted proposals, say:
    ``rows`` given, ``what`` naming them in refusals).
    """

    plan_id: str
    file: str
    chunks: Iterable[bytes] = ()
    size: int = 0
    rows: list[PlanRow] | None = None
    #: what the rows come from, as refusals name it ("the document's accepted changes").
    what: str = "the spreadsheet"

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def prepare(self) -> None:
        """Read the spreadsheet (every problem of reading named), with rows to import."""
        if self.rows is None:
            try:
                self.rows = read_upload(self.file, self.chunks, self.size)
            except PlanSheetError as exc:
                raise PlanRefused(exc.message, exc.problems, kind="invalid") from None
        if not self.rows:
            raise PlanRefused(f"{self.what} holds no changes to import", kind="invalid")

    def check(self, ctx: Context) -> tuple[Plan, list[Change]]:
        """Every row is a change and applies where it falls; else every problem, by row."""
        plan, _ = plan_of(ctx, self.plan_id)
        editable(plan)
        return self.check_rows(ctx, plan)

    def check_rows(self, ctx: Context, plan: Plan) -> tuple[Plan, list[Change]]:
        """The plan with the rows added after its changes, and the changes added; else
        every problem, by row. ``plan`` may be one not stored yet (drafted in the same
        write, :class:`~.plan_drafted.DraftPlanWithChanges`)."""
        # (row index, problem): told in the order of the rows, whichever check found it.
        problems: list[tuple[int, str]] = []
        read: list[tuple[int, str, Change, str | None]] = []
        for n, row in enumerate(self.rows or ()):
            wanted = {k: v for k, v in row.data.items() if k not in _NOT_READ}
            wanted.setdefault("date", str(plan.effective))
            phase = row.data.get("phase") or None
            try:
                change = read_change(wanted)
                read.append((n, row.place, change, phase))
                dangling = reference_problems(ctx.state.record, change)
                problems += [
                    (n, f"{row.place}: {f}: {p}") for f, ps in dangling.items() for p in ps
                ]
            except Refused as exc:
                problems += [
                    (n, f"{row.place}: {f}: {p}") for f, ps in exc.fields.items() for p in ps
                ]
        unreadable = bool(problems)
        # Added one row at a time, so that a duplicate id or an unknown phase is named
        # with its row; ids the rows leave empty are the plan's next free ones. The rows
        # that read are checked even when others did not: every problem is told at once.
        taken = StoredIds({c.id for c in plan.changes})
        candidate = plan
        place: dict[Change, tuple[int, str]] = {}
        for n, where, change, phase in read:
            try:
                candidate = add_changes(candidate, [change], phase, taken=taken)
            except PlanError as exc:
                problems += [(n, f"{where}: {r}") for r in exc.reasons or [str(exc)]]
                continue
            place[candidate.changes[-1]] = (n, where)
        added = candidate.changes[len(plan.changes) :]
        problems += [
            (place[f.change][0], f"{place[f.change][1]}: {'; '.join(f.problems)}")
            for f in preview(ctx.state.record.timeline, candidate).failures
            if f.change in place
        ]
        if problems:
            n = len(problems)
            raise PlanRefused(
                f"{n} problem{'s' if n != 1 else ''} in {self.what}: nothing was imported",
                [text for _, text in sorted(problems, key=lambda p: p[0])],
                # A cell that does not read is the input's fault; a change that does not
                # apply is the record's answer to it.
                kind="invalid" if unreadable else None,
            )
        return candidate, added

    def execute(self, ctx: Context, checked: tuple[Plan, list[Change]]) -> Outcome:
        """Store the rows' changes after the plan's own, in the order of the rows."""
        candidate, added = checked
        top = m.Change.objects.filter(plan_id=self.plan_id).aggregate(top=Max("position"))["top"]
        position = 0 if top is None else top + 1
        sequence = ctx.next_sequence()
        m.Change.objects.bulk_create(
            [
                change_row(c, sequence + i, candidate, position + i)
                for i, c in enumerate(added)
            ]
        )
        after: dict[str, Any] = {
            "file": self.file,
            "changes": [change_to_dict(c) for c in added],
        }
        return Outcome(added, Audit("organogram.plan.import", "plan", self.plan_id, after=after))

