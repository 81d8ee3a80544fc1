"""The write path for a plan's life: move its status, enact it (all or nothing).

As in :mod:`organogram.registry.plan_services`: one transaction per call, locking the
revision row first; the core decides (:func:`organogram.core.plans.transition`,
:func:`organogram.core.plans.enact`); rows, revision and audit entry are written
together, or nothing is.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from ..core.changes import Change
from ..core.plans import PlanError, PlanStatus, enact, transition
from . import models as m
from .audit import Actor, write_audit
from .plan_base import PlanRefused, _expect, _now, _plan
from .services import _bump, _lock_revision

#: (from, to) -> the permission actions any one of which allows the move.
MOVE_ACTIONS: dict[tuple[PlanStatus, PlanStatus], tuple[str, ...]] = {
    (PlanStatus.DRAFT, PlanStatus.PROPOSED): ("plan.propose",),
    # Taking a proposal back to work on it, or sending it back for revision.
    (PlanStatus.PROPOSED, PlanStatus.DRAFT): ("plan.propose", "plan.approve"),
    (PlanStatus.PROPOSED, PlanStatus.APPROVED): ("plan.approve",),
    (PlanStatus.APPROVED, PlanStatus.PROPOSED): ("plan.approve",),
    (PlanStatus.DRAFT, PlanStatus.WITHDRAWN): ("plan.withdraw",),
    (PlanStatus.PROPOSED, PlanStatus.WITHDRAWN): ("plan.withdraw",),
    (PlanStatus.APPROVED, PlanStatus.WITHDRAWN): ("plan.withdraw",),
    (PlanStatus.WITHDRAWN, PlanStatus.DRAFT): ("plan.edit",),
}

#: status moved to -> the verb of its audit action (``organogram.plan.<verb>``).
_VERBS = {
    PlanStatus.DRAFT: "redraft",
    PlanStatus.PROPOSED: "propose",
    PlanStatus.APPROVED: "approve",
    PlanStatus.WITHDRAWN: "withdraw",
}


def _event(row: m.Plan, status: PlanStatus, by: str, at: Any, note: str) -> None:
    top = row.events.aggregate(top=Max("position"))["top"]
    m.PlanEvent.objects.create(
        plan=row,
        position=0 if top is None else top + 1,
        status=str(status),
        at=str(at.date()),
        by=by,
        note=note.strip(),
    )


def move_plan(
    plan_id: str, to: str, actor: Actor, *, note: str = "", expected: str | None = None
) -> PlanStatus:
    """Move a plan to status ``to`` (not ``enacted``: see :func:`enact_plan`), with a note.

    ``expected`` is the status the person saw; if the plan has moved since, the move
    is refused. A move the workflow forbids is refused saying what to do instead.
    """
    try:
        target = PlanStatus(to)
    except ValueError:
        raise PlanRefused(f"{to!r} is not a plan status") from None
    with transaction.atomic():
        rev = _lock_revision()
        _, plan, row = _plan(plan_id)
        _expect(plan, expected)
        now = _now()
        try:
            transition(plan, target, by=actor.by, at=now.date(), note=note)
        except PlanError as exc:
            raise PlanRefused(str(exc), exc.reasons) from None
        before = row.status
        row.status = str(target)
        row.save(update_fields=["status"])
        _event(row, target, actor.by, now, note)
        number = _bump(rev, m.Step.Kind.PLANS)
        write_audit(
            actor,
            f"organogram.plan.{_VERBS[target]}",
            "plan",
            plan_id,
            before={"status": before},
            after={"status": str(target), **({"note": note.strip()} if note.strip() else {})},
            revision=number,
        )
    return target


def enact_plan(
    plan_id: str, actor: Actor, *, note: str = "", expected: str | None = None
) -> list[Change]:
    """Enact an approved plan: its changes join the timeline, all or nothing.

    Refused with every reason the core gives (not approved, no changes, conflicts with
    what was recorded since its base, a change that would not apply, a recorded change
    it would break); nothing is written then. On success the plan's change rows are
    stamped with who recorded them and when, numbered after every change recorded so
    far (the order enacting checked), and the plan is enacted.
    """
    with transaction.atomic():
        rev = _lock_revision()
        state, plan, row = _plan(plan_id)
        _expect(plan, expected)
        now = _now()
        try:
            result = enact(state.record.timeline, plan, by=actor.by, at=now, note=note)
        except PlanError as exc:
            raise PlanRefused(f"plan {plan_id!r} cannot be enacted", exc.reasons) from None
        top = m.Change.objects.aggregate(top=Max("sequence"))["top"] or 0
        for i, change in enumerate(result.changes, start=1):
            m.Change.objects.filter(pk=change.id, plan_id=plan_id).update(
                sequence=top + i, recorded_by=actor.by, recorded_at=now.isoformat()
            )
        row.status = str(PlanStatus.ENACTED)
        row.save(update_fields=["status"])
        _event(row, PlanStatus.ENACTED, actor.by, now, note)
        number = _bump(rev, m.Step.Kind.PLANS, [c.id for c in result.changes])
        write_audit(
            actor,
            "organogram.plan.enact",
            "plan",
            plan_id,
            before={"status": str(plan.status)},
            after={"status": "enacted", "changes": [c.id for c in result.changes]},
            message=note.strip(),
            revision=number,
        )
    return list(result.changes)


def allowed_moves(status: PlanStatus | str, user: Any) -> list[PlanStatus]:
    """The statuses ``user`` may move a plan in ``status`` to (enacting aside)."""
    from .permissions import can

    here = PlanStatus(status)
    return [
        to
        for (frm, to), actions in MOVE_ACTIONS.items()
        if frm is here and any(can(user, a) for a in actions)
    ]
