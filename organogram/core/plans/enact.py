"""Enact a plan: put its changes in the timeline, all or nothing.

Enacting is refused, with every reason at once, when the plan is not approved, has no
changes, has changes without ids or with ids the timeline already uses, conflicts with
what was recorded since its base, has a change that would not apply, or would stop a
recorded change from applying. Otherwise the result holds a new timeline with the
plan's changes (each stamped with who recorded it and when) and the plan, now
enacted, with the event in its history.

Nothing given is changed: the timeline and the plan passed in stay as they were, so a
caller whose next step fails (saving to a database, say) has nothing half done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..changes import Change
from ..collector import paused
from ..timeline import Timeline
from .branch import plan_timeline
from .conflicts import BROKEN, PRECONDITION, conflicts
from .model import Plan, PlanError, PlanStatus
from .preview import failure_text, preview
from .workflow import check_transition, record_transition


@dataclass(frozen=True)
class EnactResult:
    """A plan enacted: the new timeline, the enacted plan, and the changes as recorded."""

    timeline: Timeline
    plan: Plan
    changes: tuple[Change, ...]


@paused()
def enact_problems(timeline: Timeline, plan: Plan) -> list[str]:
    """Every reason ``plan`` cannot be enacted on ``timeline`` now (empty: it can)."""
    problems: list[str] = []
    why = check_transition(plan, PlanStatus.ENACTED)
    if why is not None:
        problems.append(why)
    if plan.status is PlanStatus.ENACTED:
        return problems  # its changes are in the timeline already; nothing more to say
    if not plan.changes:
        problems.append(f"plan {plan.id!r} has no changes")
        return problems
    problems += _id_problems(timeline, plan)
    # The conflict check and the preview fold the same branch: it is made once.
    branch = plan_timeline(timeline, plan)
    found = conflicts(timeline, plan, branch=branch)
    problems += [f"conflict: {c.message()}" for c in found]
    # A failure already reported as a conflict is not reported twice.
    told = {c.plan_change for c in found if c.kind == PRECONDITION}
    told |= {c.since[0] for c in found if c.kind == BROKEN and c.since}
    p = preview(timeline, plan, plan.last_date(), branch=branch)
    problems += [f"plan change {failure_text(f)}" for f in p.failures if f.change not in told]
    problems += [
        f"recorded change {failure_text(f, 'would no longer apply')}"
        for f in p.broken
        if f.change not in told
    ]
    return problems


@paused()
def enact(
    timeline: Timeline, plan: Plan, *, by: str, at: dt.datetime, note: str = ""
) -> EnactResult:
    """Add ``plan``'s changes to ``timeline``, recorded by ``by`` at ``at``; all or nothing.

    Raises :class:`~organogram.core.plans.model.PlanError` listing every reason when
    the plan cannot be enacted; the inputs are never changed.
    """
    problems = enact_problems(timeline, plan)
    if problems:
        raise PlanError(f"plan {plan.id!r} cannot be enacted", problems)
    recorded = [replace(c, recorded_by=by, recorded_at=at) for c in plan.changes]
    new_timeline = timeline.with_changes(recorded)
    enacted = record_transition(
        plan, PlanStatus.ENACTED, by=by, at=at, note=note, changes=list(recorded)
    )
    return EnactResult(new_timeline, enacted, tuple(recorded))


def _id_problems(timeline: Timeline, plan: Plan) -> list[str]:
    """Changes without an id, with an id used twice in the plan or already in the timeline."""
    out: list[str] = []
    seen: set[str] = set()
    for c in plan.changes:
        if not c.id:
            out.append(f"a {c.op} change of the plan has no id")
        elif c.id in seen:
            out.append(f"the plan has two changes with id {c.id!r}")
        elif timeline.get(c.id) is not None:
            out.append(f"the timeline already has a change with id {c.id!r}")
        seen.add(c.id)
    return out
