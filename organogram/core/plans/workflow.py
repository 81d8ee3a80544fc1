"""A plan's life: draft -> proposed -> approved -> enacted, or withdrawn.

Every move follows :data:`~organogram.core.plans.model.TRANSITIONS` and is recorded
as a :class:`~organogram.core.plans.model.StatusEvent` (who, when, why). A forbidden
move is refused with a sentence saying what to do instead. Functions here return a new
:class:`~organogram.core.plans.model.Plan` and never change the one they are given, so
a caller that fails half way has nothing to undo.

Enacting is not a mere change of status: it puts the plan's changes in the timeline,
so it is done by :func:`~organogram.core.plans.enact.enact`, which checks the plan
first. An enacted plan is part of the record and can no longer be edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from ..changes import Change
from ..dates import FuzzyDate
from .model import TRANSITIONS, Plan, PlanError, PlanStatus, StatusEvent

#: What to do to reach each status from where a plan may stand, for error messages.
_HOW = {
    (PlanStatus.DRAFT, PlanStatus.APPROVED): "propose it first",
    (PlanStatus.DRAFT, PlanStatus.ENACTED): "propose and approve it first",
    (PlanStatus.PROPOSED, PlanStatus.ENACTED): "approve it first",
    (PlanStatus.WITHDRAWN, PlanStatus.PROPOSED): "reopen it as a draft first",
    (PlanStatus.WITHDRAWN, PlanStatus.APPROVED): "reopen it as a draft, propose it first",
    (PlanStatus.WITHDRAWN, PlanStatus.ENACTED): "reopen it as a draft, propose and approve it",
}

_VERB = {
    PlanStatus.DRAFT: "returned to draft",
    PlanStatus.PROPOSED: "proposed",
    PlanStatus.APPROVED: "approved",
    PlanStatus.ENACTED: "enacted",
    PlanStatus.WITHDRAWN: "withdrawn",
}


def _article(status: PlanStatus) -> str:
    return "an" if str(status)[0] in "aeiou" else "a"


def check_transition(plan: Plan, to: PlanStatus) -> str | None:
    """Why ``plan`` cannot move to ``to`` (None when it can), as a sentence."""
    to = PlanStatus(to)
    here = plan.status
    if to in TRANSITIONS[here]:
        return None
    what = f"{_article(here)} {here} plan cannot be {_VERB[to]}"
    if to is here:
        return f"plan {plan.id!r} is already {here}"
    if here is PlanStatus.ENACTED:
        return f"{what}: it is part of the record; draft a new plan to change it"
    how = _HOW.get((here, to))
    return f"{what}: {how}" if how else what


def transition(
    plan: Plan,
    to: PlanStatus | str,
    *,
    by: str,
    at: dt.datetime | dt.date | FuzzyDate | str,
    note: str = "",
) -> Plan:
    """``plan`` moved to status ``to`` with the event recorded; PlanError if forbidden.

    Moving to ``enacted`` is refused here even from ``approved``: use
    :func:`~organogram.core.plans.enact.enact`, which checks the plan and adds its
    changes to the timeline.
    """
    to = PlanStatus(to)
    why = check_transition(plan, to)
    if why is not None:
        raise PlanError(why)
    if to is PlanStatus.ENACTED:
        raise PlanError(
            "a plan is enacted with enact(), which checks it and adds its changes to the "
            "timeline; a change of status alone would leave the timeline without them"
        )
    return record_transition(plan, to, by=by, at=at, note=note)


def record_transition(
    plan: Plan,
    to: PlanStatus,
    *,
    by: str,
    at: dt.datetime | dt.date | FuzzyDate | str,
    note: str = "",
    **updates: object,
) -> Plan:
    """A copy of ``plan`` in status ``to`` with the event appended (no checks).

    For :func:`transition` and :func:`~organogram.core.plans.enact.enact`, which check
    first; ``updates`` replaces other attributes of the copy in the same step.
    """
    event = StatusEvent(PlanStatus(to), FuzzyDate.parse(at), by, note)
    return plan.copy(status=PlanStatus(to), events=[*plan.events, event], **updates)


def _editable(plan: Plan) -> None:
    """Refuse to edit an enacted plan: its changes are in the record."""
    if plan.status is PlanStatus.ENACTED:
        raise PlanError(
            f"plan {plan.id!r} is enacted and cannot be edited: its changes are part of the "
            "record; draft a new plan to change the structure further"
        )


def add_changes(plan: Plan, changes: Iterable[Change], phase: str | None = None) -> Plan:
    """``plan`` with ``changes`` appended (in ``phase`` if given); refused once enacted.

    Ids must be unique within the plan; a change without an id is given the next free
    ``PLAN-N``, as the loader does.
    """
    _editable(plan)
    if phase is not None and plan.phase(phase) is None:
        known = ", ".join(p.id for p in plan.phases) or "none"
        raise PlanError(f"plan {plan.id!r} has no phase {phase!r} (phases: {known})")
    out = plan.copy()
    taken = {c.id for c in out.changes}
    problems: list[str] = []
    n = len(out.changes)
    for change in changes:
        if not change.id:
            n += 1
            while f"{plan.id}-{n}" in taken:
                n += 1
            change = _with_id(change, f"{plan.id}-{n}")
        elif change.id in taken:
            problems.append(f"the plan already has a change {change.id!r}")
            continue
        taken.add(change.id)
        out.changes.append(change)
        if phase is not None:
            out.phase_of[change.id] = phase
    if problems:
        raise PlanError(f"cannot add these changes to plan {plan.id!r}", problems)
    return out


def rebase(plan: Plan, *, at: dt.datetime) -> Plan:
    """``plan`` with its base moved to ``at``: it now accounts for what was recorded by then.

    This is how a conflict is settled once the plan has been reviewed against the
    changes recorded since its base (kept, adjusted or dropped): those changes become
    part of its base and no longer conflict. Refused once the plan is enacted.
    """
    _editable(plan)
    return plan.copy(drafted_at=at)


def remove_changes(plan: Plan, change_ids: Iterable[str]) -> Plan:
    """``plan`` without the changes of these ids; refused once enacted or for unknown ids."""
    _editable(plan)
    drop = set(change_ids)
    unknown = sorted(drop - {c.id for c in plan.changes})
    if unknown:
        raise PlanError(f"plan {plan.id!r} has no change {', '.join(map(repr, unknown))}")
    out = plan.copy(changes=[c for c in plan.changes if c.id not in drop])
    for cid in drop:
        out.phase_of.pop(cid, None)
    return out


def _with_id(change: Change, change_id: str) -> Change:
    return replace(change, id=change_id)
