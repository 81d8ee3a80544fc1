"""What stands between a plan and a decision on it: proposing or approving it.

A plan is put to its reviewers, and approved, only when it is sound: it brings no new
validation error (:func:`~organogram.core.plans.validate.check_plan`) and nothing
recorded since its base conflicts with it (:func:`~organogram.core.plans.conflicts.
conflicts`). Each reason says what to do: fix or remove the change that brings an
error, settle the conflict on the unit or post it is about. Moves back (to draft,
withdrawn, reopening an approval) are never held up: they are how a plan gets fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..timeline import Timeline
from .conflicts import BROKEN, PRECONDITION, Conflict, conflicts
from .model import Plan, PlanStatus
from .validate import PlanFinding, check_plan
from .views import show

if TYPE_CHECKING:
    from ..validation import RuleConfig

#: The moves that put a plan before a decision, so need it sound.
DECISIONS: frozenset[tuple[PlanStatus, PlanStatus]] = frozenset(
    {
        (PlanStatus.DRAFT, PlanStatus.PROPOSED),
        (PlanStatus.PROPOSED, PlanStatus.APPROVED),
    }
)


def needs_review(plan: Plan, to: PlanStatus | str) -> bool:
    """Whether moving ``plan`` to ``to`` puts it before a decision (and must be sound)."""
    return (plan.status, PlanStatus(to)) in DECISIONS


def review_problems(
    plan: Plan, found: Iterable[Conflict], findings: Iterable[PlanFinding]
) -> list[str]:
    """Every reason ``plan`` is not sound, from its conflicts and its validation
    findings (as :func:`conflicts` and :func:`check_plan` gave them), each saying what
    to do; empty when it is sound."""
    own = {c.id for c in plan.changes}
    out: list[str] = []
    for f in findings:
        if not (f.new and str(f.severity) == "error"):
            continue
        if f.change_id and f.change_id in own:
            out.append(f"fix or remove the change {f.change_id}: {f.message}")
        else:
            out.append(f"fix the plan: {f.message}")
    out += [f"settle the conflict on {c.label}: {_conflict_words(c)}" for c in found]
    return out


def decision_problems(
    timeline: Timeline, plan: Plan, config: RuleConfig | None = None
) -> list[str]:
    """Every reason ``plan`` cannot be proposed or approved on ``timeline`` now."""
    return review_problems(
        plan, conflicts(timeline, plan), check_plan(timeline, plan, config).findings
    )


def _conflict_words(c: Conflict) -> str:
    """What the conflict is about, without repeating whom it is on."""
    if c.kind == PRECONDITION:
        change = c.plan_change.id if c.plan_change is not None else "a change"
        return f"the plan's change {change} no longer applies ({'; '.join(c.problems)})"
    if c.kind == BROKEN:
        since = ", ".join(x.id for x in c.since) or "a change"
        return f"{since}, recorded since the plan's base, would no longer apply with the plan"
    a = c.attribute
    mine = f" (change {c.plan_change.id})" if c.plan_change is not None else ""
    return (
        f"the plan sets its {a} to {show(c.want, a)}{mine}, "
        f"but the record now has {show(c.now, a)}"
    )


def approval_problem(plan: Plan, by: str) -> str | None:
    """Why ``by`` may not approve ``plan``: they proposed it (the last time it was
    proposed), and a plan is approved by a second person. None when they may, or when
    the proposal names no one."""
    proposals = [e for e in plan.events if e.status is PlanStatus.PROPOSED]
    if not by or not proposals or proposals[-1].by != by:
        return None
    return (
        f"{by} proposed this plan, so another person must approve it "
        "(each plan is approved by someone other than its proposer)"
    )
