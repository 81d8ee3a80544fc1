"""The write path for plans: draft one, add and remove its changes, rebase it.

Part of the one write path (:mod:`organogram.registry.services`), on the same terms:
each function runs in one transaction that locks the revision row first, checks with
the core (:mod:`organogram.core.plans`), writes the rows, bumps the revision and leaves
an audit entry — or refuses with :class:`PlanRefused` and writes nothing. Who may call
which is :func:`organogram.registry.permissions.can`'s to say; these functions check
the record, not the person. Moving a plan's status and enacting it are in
:mod:`organogram.registry.plan_workflow`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.db import transaction
from django.db.models import Max

from ..core.changes import Change
from ..core.dates import DateError, FuzzyDate
from ..core.plans import Plan, PlanError, PlanStatus, add_changes, preview
from ..formats.codec import ChangeDataError, change_from_dict, change_to_dict
from ..formats.kinds import ID_RE, ID_RULE
from . import models as m
from . import store
from .audit import Actor, write_audit
from .convert import change_row
from .plan_base import PlanRefused, _now, _plan
from .services import _bump, _lock_revision


def _editable(plan: Plan) -> None:
    if plan.status is not PlanStatus.DRAFT:
        raise PlanRefused(
            f"plan {plan.id!r} is {plan.status}: only a draft can be edited; "
            + (
                "send it back to draft first"
                if plan.status in (PlanStatus.PROPOSED, PlanStatus.APPROVED)
                else "reopen it as a draft first"
                if plan.status is PlanStatus.WITHDRAWN
                else "draft a new plan to change the structure further"
            )
        )


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return words[:60].strip("-") or "plan"


def _free_change_id(plan: Plan, taken: set[str]) -> str:
    n = len(plan.changes)
    while True:
        n += 1
        ident = f"{plan.id}-{n}"
        if ident not in taken and not m.Change.objects.filter(pk=ident).exists():
            return ident


def draft_plan(
    actor: Actor,
    *,
    title: str,
    effective: str,
    description: str = "",
    plan_id: str = "",
) -> m.Plan:
    """A new draft plan, based on the record as it stands now (its ``drafted_at``).

    ``plan_id`` defaults to one made from the title. Refused, naming the field, when
    the title is empty, the date is not one, or the id is taken or not an id.
    """
    fields: dict[str, list[str]] = {}
    title = title.strip()
    if not title:
        fields["title"] = ["a plan needs a title"]
    try:
        when = FuzzyDate.parse(effective.strip())
    except DateError as exc:
        fields["effective"] = [str(exc)]
    plan_id = plan_id.strip()
    if plan_id and ID_RE.fullmatch(plan_id) is None:
        fields["id"] = [f"{plan_id!r} is not a valid id: {ID_RULE}"]
    with transaction.atomic():
        rev = _lock_revision()
        store.current()  # refuses an empty registry
        if plan_id and m.Plan.objects.filter(pk=plan_id).exists():
            fields["id"] = [f"there is already a plan {plan_id!r}"]
        if fields:
            raise PlanRefused("the plan cannot be drafted", fields=fields)
        if not plan_id:
            base, n, plan_id = _slug(title), 1, _slug(title)
            while m.Plan.objects.filter(pk=plan_id).exists():
                n += 1
                plan_id = f"{base}-{n}"
        now = _now()
        position = (m.Plan.objects.aggregate(top=Max("position"))["top"] or 0) + 1
        row = m.Plan.objects.create(
            id=plan_id,
            position=position,
            title=title,
            status=str(PlanStatus.DRAFT),
            effective=str(when),
            description=description.strip(),
            drafted_at=now.isoformat(),
        )
        m.PlanEvent.objects.create(
            plan=row,
            position=0,
            status=str(PlanStatus.DRAFT),
            at=str(now.date()),
            by=actor.by,
            note="drafted",
        )
        number = _bump(rev, m.Step.Kind.PLANS)
        write_audit(
            actor,
            "organogram.plan.create",
            "plan",
            plan_id,
            after={"title": title, "effective": str(when), "status": "draft"},
            revision=number,
        )
    return row


def add_plan_change(
    plan_id: str, data: Mapping[str, Any], actor: Actor, *, phase: str | None = None
) -> Change:
    """Add the change ``data`` describes (a dataset entry's mapping) to a draft plan.

    The date defaults to the phase's or the plan's effective date. Refused, naming
    the field, when the mapping is not a valid change (:class:`ChangeDataError`'s
    problems), and, with the reasons, when the change would not apply where it falls
    in the plan.
    """
    with transaction.atomic():
        rev = _lock_revision()
        state, plan, _ = _plan(plan_id)
        _editable(plan)
        wanted = dict(data)
        if phase and plan.phase(phase) is None:
            raise PlanRefused(
                "the change cannot be added", fields={"phase": [f"no phase {phase!r}"]}
            )
        if not wanted.get("date"):
            ph = plan.phase(phase) if phase else None
            wanted["date"] = str(ph.effective if ph else plan.effective)
        try:
            change = change_from_dict(wanted)
        except ChangeDataError as exc:
            raise PlanRefused("the change is not valid", fields=exc.by_field()) from None
        taken = {c.id for c in plan.changes}
        if change.id:
            if change.id in taken or m.Change.objects.filter(pk=change.id).exists():
                raise PlanRefused(
                    "the change cannot be added",
                    fields={"id": [f"a change {change.id!r} exists already"]},
                )
        else:
            change = _with_id(change, _free_change_id(plan, taken))
        try:
            candidate = add_changes(plan, [change], phase or None)
        except PlanError as exc:
            raise PlanRefused(str(exc), exc.reasons) from None
        failed = [
            f for f in preview(state.record.timeline, candidate).failures if f.change is change
        ]
        if failed:
            raise PlanRefused(
                f"the change does not apply on {change.date} where it falls in the plan",
                [p for f in failed for p in f.problems],
            )
        sequence = (m.Change.objects.aggregate(top=Max("sequence"))["top"] or 0) + 1
        position = m.Change.objects.filter(plan_id=plan_id).aggregate(top=Max("position"))["top"]
        change_row(change, sequence, candidate, 0 if position is None else position + 1).save()
        number = _bump(rev, m.Step.Kind.PLANS)
        write_audit(
            actor,
            "organogram.plan.change.add",
            "plan",
            plan_id,
            after={"change": change_to_dict(change)},
            revision=number,
        )
    return change


def _with_id(change: Change, ident: str) -> Change:
    return replace(change, id=ident)


def remove_plan_change(plan_id: str, change_id: str, actor: Actor) -> None:
    """Take a change out of a draft plan."""
    with transaction.atomic():
        rev = _lock_revision()
        _, plan, _ = _plan(plan_id)
        _editable(plan)
        change = next((c for c in plan.changes if c.id == change_id), None)
        if change is None:
            raise PlanRefused(f"plan {plan_id!r} has no change {change_id!r}")
        m.Change.objects.filter(pk=change_id, plan_id=plan_id).delete()
        number = _bump(rev, m.Step.Kind.PLANS)
        write_audit(
            actor,
            "organogram.plan.change.remove",
            "plan",
            plan_id,
            before={"change": change_to_dict(change)},
            revision=number,
        )


def rebase_plan(plan_id: str, actor: Actor) -> None:
    """Move a draft plan's base to now: what was recorded since no longer conflicts.

    For a plan reviewed against those changes (its own kept, adjusted or dropped).
    """
    with transaction.atomic():
        rev = _lock_revision()
        _, plan, row = _plan(plan_id)
        _editable(plan)
        before = row.drafted_at
        row.drafted_at = _now().isoformat()
        row.save(update_fields=["drafted_at"])
        number = _bump(rev, m.Step.Kind.PLANS)
        write_audit(
            actor,
            "organogram.plan.rebase",
            "plan",
            plan_id,
            before={"drafted_at": before},
            after={"drafted_at": row.drafted_at},
            revision=number,
        )


# A plan's life (status moves, enacting) is written in its own module; callers find the
# whole of the plan write path here.
from .plan_workflow import MOVE_ACTIONS, allowed_moves, enact_plan, move_plan  # noqa: E402

__all__ = [
    "MOVE_ACTIONS",
    "PlanRefused",
    "add_plan_change",
    "allowed_moves",
    "draft_plan",
    "enact_plan",
    "move_plan",
    "rebase_plan",
    "remove_plan_change",
]
