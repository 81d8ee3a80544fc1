"""What the plan actions share: their refusals, reading a plan inside a write, turning
the core's refusal into the registry's, storing a status event."""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from ...core.plans import MOVES, Plan, PlanError, check_editable
from .. import models as m
from .base import Context, Refused


class PlanRefused(Refused):
    """A plan write refused; nothing was written."""


class StalePlan(PlanRefused):
    """The plan moved since the person looked at it."""

    kind = "stale"


#: Every permission that makes some move of the workflow.
MOVE_PERMISSIONS: tuple[str, ...] = tuple(dict.fromkeys(p for mv in MOVES for p in mv.permissions))


def plan_of(ctx: Context, plan_id: str) -> tuple[Plan, m.Plan]:
    """(core plan, row) of ``plan_id``, read inside the locked transaction."""
    plan = ctx.state.record.plans.get(plan_id)
    row = m.Plan.objects.filter(pk=plan_id).first()
    if plan is None or row is None:
        raise PlanRefused(f"there is no plan {plan_id!r}", kind="missing")
    return plan, row


def expect(plan: Plan, expected: str | None) -> None:
    """Refuse when the plan's status moved since the person looked at it."""
    if expected is not None and str(plan.status) != expected:
        last = plan.events[-1] if plan.events else None
        who = f" ({last.by or 'someone'} moved it on {last.at})" if last else ""
        raise StalePlan(
            f"the plan is {plan.status} now, no longer {expected}{who}: "
            "look at it again before acting on it"
        )


def editable(plan: Plan) -> None:
    why = check_editable(plan)
    if why is not None:
        raise PlanRefused(why)


def core(call: Any, message: str | None = None) -> Any:
    """``call()``, the core's refusal (PlanError) turned into the registry's."""
    try:
        return call()
    except PlanError as exc:
        head = message or str(exc).split(":\n", 1)[0]
        raise PlanRefused(head, exc.reasons) from None


def event_row(row: m.Plan, plan: Plan) -> None:
    """Store the last status event of ``plan`` (as the core recorded it)."""
    event = plan.events[-1]
    top = row.events.aggregate(top=Max("position"))["top"]
    m.PlanEvent.objects.create(
        plan=row,
        position=0 if top is None else top + 1,
        status=str(event.status),
        at=str(event.at),
        by=event.by,
        note=event.note.strip(),
    )
