"""Actions that write a plan's content: draft one; add, edit and remove its changes;
settle its conflicts (rebase). Moving its status and enacting it are in
:mod:`.plan_workflow`.

The core's plan workflow (:mod:`organogram.core.plans.workflow`) decides — what may be
edited in which status, the ids of new plans and changes — and these actions store what
it decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from ...core.changes import Change
from ...core.dates import DateError, FuzzyDate
from ...core.plans import (
    Plan,
    add_changes,
    new_plan,
    plan_id_for,
    preview,
    rebase,
    remove_changes,
    replace_change,
)
from ...formats.codec import change_to_dict
from ...formats.kinds import ID_RE, ID_RULE
from .. import models as m
from ..convert import change_row, plan_row
from .base import Action, Audit, Context, Outcome
from .changes import read_change, refuse_dangling
from .plan_common import PlanRefused, core, editable, event_row, plan_of


class StoredIds:
    """The ids of every stored change (timeline and plans), asked one at a time: a new
    change needs one or two answers, not a set of a large record's every id."""

    def __init__(self, but: set[str]):
        self.but = but

    def __contains__(self, ident: object) -> bool:
        return ident not in self.but and m.Change.objects.filter(pk=ident).exists()


def _refuse_failing(ctx: Context, candidate: Plan, change: Change) -> None:
    failed = [
        f for f in preview(ctx.state.record.timeline, candidate).failures if f.change is change
    ]
    if failed:
        raise PlanRefused(
            f"the change does not apply on {change.date} where it falls in the plan",
            [p for f in failed for p in f.problems],
        )


@dataclass
class DraftPlan(Action):
    """A new draft plan, based on the record as it stands now (its ``drafted_at``).

    ``plan_id`` defaults to one made from the title. Refused, naming the field, when
    the title is empty, the date is not one, or the id is taken or not an id.
    """

    title: str
    effective: str
    description: str = ""
    plan_id: str = ""

    permissions = ("plan.draft",)
    step = m.Step.Kind.PLANS

    def prepare(self) -> None:
        """Read the title, the date and the id."""
        fields: dict[str, list[str]] = {}
        self.title = self.title.strip()
        if not self.title:
            fields["title"] = ["a plan needs a title"]
        try:
            self._when = FuzzyDate.parse(self.effective.strip())
        except DateError as exc:
            fields["effective"] = [str(exc)]
        self.plan_id = self.plan_id.strip()
        if self.plan_id and ID_RE.fullmatch(self.plan_id) is None:
            fields["id"] = [f"{self.plan_id!r} is not a valid id: {ID_RULE}"]
        self._fields = fields

    def check(self, ctx: Context) -> str:
        """The id is free; returns it (made from the title when none was given)."""
        _ = ctx.state  # refuses an empty registry before anything else
        taken = set(m.Plan.objects.values_list("id", flat=True))
        if self.plan_id and self.plan_id in taken:
            self._fields["id"] = [f"there is already a plan {self.plan_id!r}"]
        if self._fields:
            raise PlanRefused("the plan cannot be drafted", fields=self._fields, kind="invalid")
        return self.plan_id or plan_id_for(self.title, taken)

    def planned(self, ctx: Context, plan_id: str) -> Plan:
        """The plan as the core drafts it (not stored): what :meth:`execute` stores, and
        what an action filling it in the same write checks its changes against."""
        return new_plan(
            plan_id,
            self.title,
            self._when,
            by=ctx.actor.by,
            at=ctx.now,
            description=self.description.strip(),
        )

    def execute(self, ctx: Context, plan_id: str) -> Outcome:
        """Store the plan and its first status event; the result is its row."""
        plan = self.planned(ctx, plan_id)
        position = (m.Plan.objects.aggregate(top=Max("position"))["top"] or 0) + 1
        row = plan_row(plan, position)  # the one place a plan's row is made
        row.drafted_at = ctx.now.isoformat()
        row.save(force_insert=True)
        event_row(row, plan)
        after = {"title": plan.title, "effective": str(plan.effective), "status": "draft"}
        return Outcome(row, Audit("organogram.plan.create", "plan", plan.id, after=after))


@dataclass
class AddPlanChange(Action):
    """Add the change ``data`` describes (a dataset entry's mapping) to a draft plan.

    The date defaults to the phase's or the plan's effective date; the id, to the
    plan's next free one. Refused, naming the field, when the mapping is not a valid
    change, and with the reasons when the change would not apply where it falls.
    """

    plan_id: str
    data: Mapping[str, Any]
    phase: str | None = None

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, Change]:
        """The plan is a draft, the change is valid, its id free, and it applies."""
        plan, _ = plan_of(ctx, self.plan_id)
        editable(plan)
        wanted = dict(self.data)
        if self.phase and plan.phase(self.phase) is None:
            raise PlanRefused(
                "the change cannot be added", fields={"phase": [f"no phase {self.phase!r}"]},
                kind="invalid",
            )
        if not wanted.get("date"):
            ph = plan.phase(self.phase) if self.phase else None
            wanted["date"] = str(ph.effective if ph else plan.effective)
        change = read_change(wanted, PlanRefused)
        refuse_dangling(ctx.state.record, change, PlanRefused)
        taken = StoredIds({c.id for c in plan.changes})
        if change.id and (change.id in taken or plan_has(plan, change.id)):
            raise PlanRefused(
                "the change cannot be added",
                fields={"id": [f"a change {change.id!r} exists already"]},
                kind="invalid",
            )
        candidate = core(lambda: add_changes(plan, [change], self.phase or None, taken=taken))
        added = candidate.changes[-1]
        _refuse_failing(ctx, candidate, added)
        return candidate, added

    def execute(self, ctx: Context, checked: tuple[Plan, Change]) -> Outcome:
        """Store the change's row at the end of the plan; the result is the change."""
        candidate, change = checked
        top = m.Change.objects.filter(plan_id=self.plan_id).aggregate(top=Max("position"))["top"]
        position = 0 if top is None else top + 1
        change_row(change, ctx.next_sequence(), candidate, position).save()
        audit = Audit(
            "organogram.plan.change.add", "plan", self.plan_id,
            after={"change": change_to_dict(change)},
        )
        return Outcome(change, audit)


def _draft_and_change(ctx: Context, plan_id: str, change_id: str) -> tuple[Plan, Change]:
    """The draft plan ``plan_id`` and its change ``change_id``, or the refusal."""
    plan, _ = plan_of(ctx, plan_id)
    editable(plan)
    change = next((c for c in plan.changes if c.id == change_id), None)
    if change is None:
        raise PlanRefused(f"plan {plan_id!r} has no change {change_id!r}", kind="missing")
    return plan, change


def plan_has(plan: Plan, change_id: str) -> bool:
    """Whether ``plan`` holds a change of this id."""
    return any(c.id == change_id for c in plan.changes)


@dataclass
class EditPlanChange(Action):
    """Replace a change of a draft plan by the one ``data`` describes, in its place.

    The change keeps its id and phase; the date defaults to the one it had.
    """

    plan_id: str
    change_id: str
    data: Mapping[str, Any]

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, Change, Change]:
        """The plan is a draft holding the change, the new one is valid and applies."""
        plan, old = _draft_and_change(ctx, self.plan_id, self.change_id)
        wanted = {**dict(self.data), "id": self.change_id}
        wanted.setdefault("date", str(old.date))
        new = read_change(wanted, PlanRefused)
        refuse_dangling(ctx.state.record, new, PlanRefused)
        candidate = core(lambda: replace_change(plan, new))
        _refuse_failing(ctx, candidate, new)
        return candidate, old, new

    def execute(self, ctx: Context, checked: tuple[Plan, Change, Change]) -> Outcome:
        """Rewrite the change's row (same sequence and position)."""
        candidate, old, new = checked
        row = m.Change.objects.get(pk=self.change_id, plan_id=self.plan_id)
        fresh = change_row(new, row.sequence, candidate, row.position)
        fresh.save(force_update=True)
        audit = Audit(
            "organogram.plan.change.edit", "plan", self.plan_id,
            before={"change": change_to_dict(old)}, after={"change": change_to_dict(new)},
        )
        return Outcome(new, audit)


@dataclass
class RemovePlanChange(Action):
    """Take a change out of a draft plan."""

    plan_id: str
    change_id: str

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> Change:
        """The plan is a draft holding the change."""
        plan, change = _draft_and_change(ctx, self.plan_id, self.change_id)
        core(lambda: remove_changes(plan, [self.change_id]))
        return change

    def execute(self, ctx: Context, change: Change) -> Outcome:
        """Delete the change's row."""
        m.Change.objects.filter(pk=self.change_id, plan_id=self.plan_id).delete()
        audit = Audit(
            "organogram.plan.change.remove", "plan", self.plan_id,
            before={"change": change_to_dict(change)},
        )
        return Outcome(None, audit)


@dataclass
class RebasePlan(Action):
    """Settle a draft plan's conflicts: its base moves to now, so what was recorded since
    no longer conflicts (for a plan reviewed against those changes: its own kept,
    adjusted or dropped)."""

    plan_id: str

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, m.Plan]:
        """The plan is a draft; returns it rebased and its row."""
        plan, row = plan_of(ctx, self.plan_id)
        editable(plan)
        return core(lambda: rebase(plan, at=ctx.now)), row

    def execute(self, ctx: Context, checked: tuple[Plan, m.Plan]) -> Outcome:
        """Store the new base."""
        plan, row = checked
        before = row.drafted_at
        row.drafted_at = plan.drafted_at.isoformat() if plan.drafted_at else ""
        row.save(update_fields=["drafted_at"])
        audit = Audit(
            "organogram.plan.rebase", "plan", self.plan_id,
            before={"drafted_at": before}, after={"drafted_at": row.drafted_at},
        )
        return Outcome(None, audit)
