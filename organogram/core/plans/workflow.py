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
import re
from collections.abc import Container, Iterable
from dataclasses import replace

from ..changes import Change
from ..dates import FuzzyDate
from .model import EDITABLE, MOVE_OF, TRANSITIONS, Move, Plan, PlanError, PlanStatus, StatusEvent

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


def check_editable(plan: Plan) -> str | None:
    """Why ``plan``'s changes, phases or base cannot be edited now (None when they can).

    Only a draft is edited (:data:`~organogram.core.plans.model.EDITABLE`): what was
    proposed or approved is what its reviewers saw.
    """
    if plan.status in EDITABLE:
        return None
    how = {
        PlanStatus.PROPOSED: "send it back to draft first",
        PlanStatus.APPROVED: "send it back to draft first",
        PlanStatus.WITHDRAWN: "reopen it as a draft first",
    }.get(plan.status)
    if how is None:
        return (
            f"plan {plan.id!r} is {plan.status} and cannot be edited: its changes are part of "
            "the record; draft a new plan to change the structure further"
        )
    return f"plan {plan.id!r} is {plan.status}: only a draft can be edited; {how}"


def _editable(plan: Plan) -> None:
    why = check_editable(plan)
    if why is not None:
        raise PlanError(why)


def move_for(plan: Plan, to: PlanStatus | str) -> Move:
    """The workflow's move of ``plan`` to ``to``; PlanError saying why when there is none."""
    try:
        target = PlanStatus(to)
    except ValueError:
        raise PlanError(f"{to!r} is not a plan status") from None
    why = check_transition(plan, target)
    if why is not None:
        raise PlanError(why)
    return MOVE_OF[(plan.status, target)]


def next_change_id(plan: Plan, taken: Container[str] = frozenset()) -> str:
    """The id a new change of ``plan`` is given: the first free ``PLAN-N`` after its
    changes, avoiding ``taken`` (ids used elsewhere in the record) and its own."""
    own = {c.id for c in plan.changes}
    n = len(plan.changes)
    while True:
        n += 1
        ident = f"{plan.id}-{n}"
        if ident not in own and ident not in taken:
            return ident


def add_changes(
    plan: Plan,
    changes: Iterable[Change],
    phase: str | None = None,
    *,
    taken: Container[str] = frozenset(),
) -> Plan:
    """``plan`` with ``changes`` appended (in ``phase`` if given); refused unless a draft.

    Ids must be unique within the plan and not among ``taken`` (the ids the rest of the
    record uses); a change without an id is given the next free ``PLAN-N``
    (:func:`next_change_id`), as the loader does.
    """
    _editable(plan)
    if phase is not None and plan.phase(phase) is None:
        known = ", ".join(p.id for p in plan.phases) or "none"
        raise PlanError(f"plan {plan.id!r} has no phase {phase!r} (phases: {known})")
    out = plan.copy()
    problems: list[str] = []
    for change in changes:
        if not change.id:
            change = _with_id(change, next_change_id(out, taken))
        elif change.id in {c.id for c in out.changes}:
            problems.append(f"the plan already has a change {change.id!r}")
            continue
        elif change.id in taken:
            problems.append(f"a change {change.id!r} exists already")
            continue
        out.changes.append(change)
        if phase is not None:
            out.phase_of[change.id] = phase
    if problems:
        raise PlanError(f"cannot add these changes to plan {plan.id!r}", problems)
    return out


def replace_change(plan: Plan, change: Change) -> Plan:
    """``plan`` with its change of ``change.id`` replaced by ``change``, in its place and
    phase; refused unless a draft, or when the plan has no change of that id."""
    _editable(plan)
    at = next((i for i, c in enumerate(plan.changes) if c.id == change.id), None)
    if at is None:
        raise PlanError(f"plan {plan.id!r} has no change {change.id!r}")
    out = plan.copy()
    out.changes[at] = change
    return out


def plan_id_for(title: str, taken: set[str] | frozenset[str]) -> str:
    """The id a new plan titled ``title`` is given: its words in lower case joined by
    hyphens (at most 60 characters), numbered ``-2``, ``-3``… when ``taken``."""
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    base = words[:60].strip("-") or "plan"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


def new_plan(
    plan_id: str,
    title: str,
    effective: FuzzyDate,
    *,
    by: str,
    at: dt.datetime,
    description: str = "",
) -> Plan:
    """A new draft plan based on the record as it stands at ``at`` (record time)."""
    return Plan(
        id=plan_id,
        title=title,
        effective=effective,
        description=description,
        drafted_at=at,
        events=[StatusEvent(PlanStatus.DRAFT, FuzzyDate.parse(at.date()), by, "drafted")],
    )


def rebase(plan: Plan, *, at: dt.datetime) -> Plan:
    """``plan`` with its base moved to ``at``: it now accounts for what was recorded by then.

    This is how a conflict is settled once the plan has been reviewed against the
    changes recorded since its base (kept, adjusted or dropped): those changes become
    part of its base and no longer conflict. Refused unless the plan is a draft.
    """
    _editable(plan)
    return plan.copy(drafted_at=at)


def remove_changes(plan: Plan, change_ids: Iterable[str]) -> Plan:
    """``plan`` without the changes of these ids; refused unless a draft, or for unknown ids."""
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
