"""Actions on a plan's life: move its status, enact it (all or nothing).

Which moves exist and who may make them is the core's table
(:data:`~organogram.core.plans.model.MOVES`); these actions store what the core decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from ...core.plans import (
    MOVES,
    Plan,
    PlanError,
    PlanStatus,
    approval_problem,
    decision_problems,
    enact,
    move_for,
    needs_review,
    transition,
)
from .. import models as m
from .base import Action, Audit, Context, Outcome
from .plan_common import MOVE_PERMISSIONS, PlanRefused, core, event_row, expect, plan_of

#: The moves a plan is put before a decision by, as a refusal says them.
_DONE = {"propose": "proposed", "approve": "approved"}


@dataclass
class MovePlan(Action):
    """Move a plan to status ``to`` with a note (``enacted``: see :class:`EnactPlan`).

    ``expected`` is the status the person saw; if the plan has moved since, the move
    is refused. Who may make the move is the workflow's table's to say
    (:data:`~organogram.core.plans.model.MOVES`); a move it does not hold is refused
    saying what to do instead. Proposing and approving are refused, with every reason,
    while the plan brings a validation error or conflicts with what was recorded since
    its base (:func:`~organogram.core.plans.review.decision_problems`); moving back
    never is.
    """

    plan_id: str
    to: str
    note: str = ""
    expected: str | None = None

    permissions = MOVE_PERMISSIONS
    step = m.Step.Kind.PLANS

    def prepare(self) -> None:
        """The target is a status (enacting is its own action)."""
        try:
            self._to = PlanStatus(self.to)
        except ValueError:
            raise PlanRefused(
                f"{self.to!r} is not a plan status",
                fields={"to": ["not a plan status"]},
                kind="invalid",
            ) from None

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """The permissions of this move, from the workflow's table."""
        plan, _ = plan_of(ctx, self.plan_id)
        expect(plan, self.expected)
        try:
            return move_for(plan, self._to).permissions
        except PlanError:
            # Not a move of the workflow: whoever may move plans hears why not (check).
            return ()

    def check(self, ctx: Context) -> tuple[Plan, Plan, m.Plan]:
        """The move exists from where the plan stands, and a plan put before a decision
        is sound; returns the plan moved."""
        plan, row = plan_of(ctx, self.plan_id)
        mv = core(lambda: move_for(plan, self._to))
        if self._to is PlanStatus.ENACTED:
            raise PlanRefused("a plan is enacted by enacting it, which checks it first")
        if self._to is PlanStatus.APPROVED and settings.ORGANOGRAM_SEPARATE_APPROVAL:
            why = approval_problem(plan, ctx.actor.by)
            if why is not None:
                raise PlanRefused("the plan cannot be approved by whoever proposed it", [why],
                                  kind="forbidden")
        if needs_review(plan, self._to):
            problems = decision_problems(ctx.state.record.timeline, plan)
            if problems:
                raise PlanRefused(f"the plan cannot be {_DONE[mv.verb]} yet", problems)
        moved = core(
            lambda: transition(plan, self._to, by=ctx.actor.by, at=ctx.now.date(), note=self.note)
        )
        return plan, moved, row

    def execute(self, ctx: Context, checked: tuple[Plan, Plan, m.Plan]) -> Outcome:
        """Store the status and the event the core recorded."""
        plan, moved, row = checked
        row.status = str(moved.status)
        row.save(update_fields=["status"])
        event_row(row, moved)
        mv = move_for(plan, moved.status)
        note = self.note.strip()
        audit = Audit(
            f"organogram.plan.{mv.verb}", "plan", self.plan_id,
            before={"status": str(plan.status)},
            after={"status": str(moved.status), **({"note": note} if note else {})},
        )
        return Outcome(moved.status, audit)


@dataclass
class EnactPlan(Action):
    """Enact an approved plan: its changes join the timeline, all or nothing.

    Refused with every reason the core gives (not approved, no changes, conflicts with
    what was recorded since its base, a change that would not apply, a recorded change
    it would break). On success the plan's change rows are stamped with who recorded
    them and when, numbered after every change recorded so far (the order enacting
    checked), and the plan is enacted.
    """

    plan_id: str
    note: str = ""
    expected: str | None = None

    permissions = ("plan.enact",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, Any, m.Plan]:
        """The core enacts the plan on the record (or says every reason why not)."""
        plan, row = plan_of(ctx, self.plan_id)
        expect(plan, self.expected)
        result = core(
            lambda: enact(
                ctx.state.record.timeline, plan, by=ctx.actor.by, at=ctx.now, note=self.note
            ),
            f"plan {self.plan_id!r} cannot be enacted",
        )
        return plan, result, row

    def execute(self, ctx: Context, checked: tuple[Plan, Any, m.Plan]) -> Outcome:
        """Stamp and number the change rows; store the status and its event."""
        plan, result, row = checked
        top = ctx.next_sequence() - 1
        for i, change in enumerate(result.changes, start=1):
            m.Change.objects.filter(pk=change.id, plan_id=self.plan_id).update(
                sequence=top + i, recorded_by=ctx.actor.by, recorded_at=ctx.now.isoformat()
            )
        row.status = str(result.plan.status)
        row.save(update_fields=["status"])
        event_row(row, result.plan)
        ids = [c.id for c in result.changes]
        audit = Audit(
            "organogram.plan.enact", "plan", self.plan_id,
            before={"status": str(plan.status)}, after={"status": "enacted", "changes": ids},
            message=self.note.strip(),
        )
        return Outcome(list(result.changes), audit, appended=ids)


def allowed_moves(status: PlanStatus | str, may: Any) -> list[PlanStatus]:
    """The statuses a plan in ``status`` may be moved to by someone for whom ``may(p)``
    says whether they hold permission ``p`` (enacting aside)."""
    here = PlanStatus(status)
    return [
        mv.to
        for mv in MOVES
        if mv.frm is here
        and mv.to is not PlanStatus.ENACTED
        and any(may(p) for p in mv.permissions)
    ]
