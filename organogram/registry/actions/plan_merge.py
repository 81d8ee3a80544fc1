"""Merge one plan into a draft: the draft gains the other's changes, phases and documents.

The core decides (:func:`~organogram.core.plans.merge_plans`,
:func:`~organogram.core.plans.settle`): where the two plans set one attribute of one
node to different values, the person chooses, conflict by conflict, which plan's change
stands; nothing is written until every conflict is settled. The plan merged in is left
as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Max

from ...core.changes import Change
from ...core.plans import Plan, merge_plans, next_change_id, preview, settle
from ...formats.codec import change_to_dict
from ...queries.plan_pairs import conflict_data
from .. import models as m
from ..convert import change_row
from ..permissions import can
from .base import Action, Audit, Context, Outcome
from .plan_common import PlanRefused, core, editable, plan_of


class MergeConflicts(PlanRefused):
    """Conflicts no choice settles yet: ``conflicts`` lists them (id and both sides)."""

    kind = "conflict"

    def __init__(self, message: str, reasons: list[str], conflicts: list[dict[str, Any]]):
        super().__init__(message, reasons)
        self.conflicts = conflicts

    def as_dict(self) -> dict[str, Any]:
        """The refusal as data, with the conflicts to settle."""
        return {**super().as_dict(), "conflicts": self.conflicts}


@dataclass
class Merged:
    """What a merge did: the changes the target gained and the ones it lost."""

    plan: str
    source: str
    added: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


@dataclass
class _Checked:
    merged: Plan
    row: m.Plan
    added: list[Change]
    dropped: list[Change]
    left_out: list[Change]


@dataclass
class MergePlan(Action):
    """Merge plan ``source_id`` into the draft ``target_id``.

    ``take`` settles the conflicts: conflict id -> the id of the plan whose change wins
    (the other plan's change is left out). Refused, listing every conflict with its id,
    while any is unsettled; refused too when the target is not a draft, a plan is
    enacted, a choice names no conflict, or a merged change would not apply.
    """

    target_id: str
    source_id: str
    take: Mapping[str, str] = field(default_factory=dict)

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> _Checked:
        """The target is a draft; every conflict is settled; the merge applies."""
        target, row = plan_of(ctx, self.target_id)
        source, _ = plan_of(ctx, self.source_id)
        editable(target)
        what = f"plan {source.title!r} cannot be merged into {target.title!r}"
        settled = core(lambda: settle(target, source, self.take), what)
        if settled.unsettled:
            self._refuse_unsettled(ctx, target, source, settled.unsettled, what)
        unknown = sorted(set(self.take) - settled.used)
        if unknown:
            raise PlanRefused(
                what,
                fields={"resolutions": [f"there is no conflict {k!r}" for k in unknown]},
                kind="invalid",
            )
        incoming, renamed = self._fresh_ids(settled.target, settled.other)
        merged = core(lambda: merge_plans(settled.target, incoming), what)
        known = {c.id for c in settled.target.changes}
        added = [c for c in merged.changes if c.id not in known]
        self._refuse_failing(ctx, target, source, merged, renamed, what)
        return _Checked(merged, row, added, settled.dropped, settled.left_out)

    def _refuse_unsettled(
        self, ctx: Context, target: Plan, source: Plan, unsettled: list, what: str
    ) -> None:
        # Who holds a post is told only to those who may see people.
        people = ctx.actor.user is None or can(ctx.actor.user, "people.view")
        rows = [
            conflict_data(ident, c, target, source, ctx.state.record, people=people)
            for ident, c in unsettled
        ]
        raise MergeConflicts(
            f"{what} until its conflicts are settled: choose, for each, whose change stands",
            [f"{r['id']}: {r['message']}" for r in rows],
            rows,
        )

    def _fresh_ids(self, target: Plan, source: Plan) -> tuple[Plan, dict[str, str]]:
        """``source`` with changes renumbered as the target's (``TARGET-N``): a change id
        is unique in the whole registry, and the source keeps its own."""
        taken = _Taken()
        renamed: dict[str, str] = {}
        changes = []
        for c in source.changes:
            new_id = next_change_id(target, taken)
            taken.mine.add(new_id)
            renamed[c.id] = new_id
            changes.append(replace(c, id=new_id))
        phase_of = {renamed[k]: v for k, v in source.phase_of.items() if k in renamed}
        return source.copy(changes=changes, phase_of=phase_of), renamed

    def _refuse_failing(
        self, ctx: Context, target: Plan, source: Plan, merged: Plan,
        renamed: dict[str, str], what: str,
    ) -> None:
        """Refuse a merged change that fails where it applied in its own plan."""
        timeline = ctx.state.record.timeline
        failed_before = {f.change.id for f in preview(timeline, target).failures} | {
            renamed.get(f.change.id, f.change.id) for f in preview(timeline, source).failures
        }
        new = [f for f in preview(timeline, merged).failures if f.change.id not in failed_before]
        if new:
            raise PlanRefused(
                f"{what}: some of its changes would no longer apply",
                [p for f in new for p in f.problems],
            )

    def execute(self, ctx: Context, checked: _Checked) -> Outcome:
        """Write the target's new change rows, delete the ones it lost, store its base,
        phases and documents."""
        merged, row = checked.merged, checked.row
        before = {"drafted_at": row.drafted_at, "changes": list(
            m.Change.objects.filter(plan_id=row.id).values_list("id", flat=True)
        )}
        lost = [c.id for c in checked.dropped]
        m.Change.objects.filter(plan_id=row.id, pk__in=lost).delete()
        top = m.Change.objects.filter(plan_id=row.id).aggregate(top=Max("position"))["top"]
        position = 0 if top is None else top + 1
        for c in checked.added:
            change_row(c, ctx.next_sequence(), merged, position).save()
            position += 1
        row.drafted_at = merged.drafted_at.isoformat() if merged.drafted_at else ""
        row.documents = list(merged.documents)
        row.phases = [
            {"id": p.id, "title": p.title, "effective": str(p.effective)} for p in merged.phases
        ]
        row.save(update_fields=["drafted_at", "documents", "phases"])
        result = Merged(
            row.id,
            self.source_id,
            added=[c.id for c in checked.added],
            dropped=lost,
            left_out=[c.id for c in checked.left_out],
        )
        after = {
            "from": self.source_id,
            "resolutions": dict(self.take),
            "added": [change_to_dict(c) for c in checked.added],
            "dropped": lost,
            "left_out": result.left_out,
            "drafted_at": row.drafted_at,
        }
        return Outcome(result, Audit("organogram.plan.merge", "plan", row.id, before, after))


class _Taken:
    """Ids a merged change may not take: every stored change's, and those given already."""

    def __init__(self) -> None:
        self.mine: set[str] = set()

    def __contains__(self, ident: object) -> bool:
        return ident in self.mine or m.Change.objects.filter(pk=ident).exists()

