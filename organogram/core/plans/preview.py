"""Preview a plan: the structure it would produce, and what in it would not apply.

A preview folds the timeline with the plan's changes added (see
:func:`~organogram.core.plans.branch.plan_timeline`) and keeps, beside the structure
as of the plan's effective date (or any other date, such as a later phase's):

* the *base*: the present timeline folded to the same day, for comparison;
* the *failures*: plan changes whose preconditions do not hold where they stand,
  each with its reasons;
* the *broken* changes: recorded changes, later than the plan, that apply today but
  would no longer apply once the plan is enacted (a rename of a unit the plan
  abolishes, say).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..collector import paused
from ..dates import FuzzyDate, as_of
from ..structure import Structure
from ..timeline import Failure, Timeline
from .branch import before_and_after
from .model import Plan, PlanStatus
from .views import ref


@dataclass
class Preview:
    """What a plan would make of the record as of one day."""

    plan: Plan
    at: FuzzyDate
    day: dt.date
    #: the structure with the plan, as of ``day``.
    structure: Structure
    #: the structure without the plan (the present timeline), as of ``day``.
    base: Structure
    #: plan changes that would not apply, with the reasons (all dates, not only to ``day``).
    failures: list[Failure] = field(default_factory=list)
    #: recorded changes that apply without the plan and fail with it.
    broken: list[Failure] = field(default_factory=list)
    #: the timeline with the plan's changes added.
    timeline: Timeline | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when every plan change applies and no recorded change is broken by them."""
        return not self.failures and not self.broken

    def problems(self) -> list[str]:
        """Every failure and broken change as a sentence naming the change."""
        out = [f"plan change {failure_text(f)}" for f in self.failures]
        out += [f"recorded change {failure_text(f, 'would no longer apply')}" for f in self.broken]
        return out


def failure_text(f: Failure, verb: str = "would not apply") -> str:
    """A failure as "ID (op, file:line) would not apply: reasons", for messages."""
    return f"{ref(f.change, who=False)} {verb}: {'; '.join(f.problems)}"


def walk(
    timeline: Timeline, day: dt.date, until: dt.date | None = None
) -> tuple[Structure, list[Failure]]:
    """Fold ``timeline``, returning the structure as of ``day`` and the failures to ``until``.

    One pass serves both: the structure is copied when the fold goes past ``day``, and
    the fold goes on to ``until`` (None: the end; never before ``day``) to find later
    failures too. It starts from the timeline's nearest checkpoint before ``day``.
    """
    at_day = timeline.position(day)
    end = timeline.position(until)
    start, s, failures = timeline.start_at(at_day)
    timeline.advance(s, failures, start, at_day)
    if end <= at_day:
        # ``until`` is on or after ``day``: what has been folded is the day's structure.
        return s, failures
    day_structure = s.copy()
    timeline.advance(s, failures, at_day, end)
    return day_structure, failures


@paused()
def preview(
    timeline: Timeline,
    plan: Plan,
    at: str | dt.date | FuzzyDate | None = None,
    *,
    branch: Timeline | None = None,
) -> Preview:
    """The structure ``plan`` would produce as of its effective date (or ``at``).

    Failures cover every plan change, whatever ``at`` is, so that a preview of the
    first phase still says that a change of the last one will not apply. An enacted
    plan is previewed against the record without its changes: what it did.
    ``branch``: for a plan not enacted, :func:`~organogram.core.plans.branch.plan_timeline`
    of the same timeline and plan when the caller has made it already.
    """
    when = FuzzyDate.parse(at) if at is not None else plan.effective
    day = as_of(when)
    if branch is not None and plan.status is not PlanStatus.ENACTED:
        record, mine = timeline, list(plan.changes)
    else:
        record, branch, mine = before_and_after(timeline, plan)
    structure, with_plan = walk(branch, day)
    own = set(mine)
    failures = [f for f in with_plan if f.change in own]
    # Only a recorded change that fails with the plan can be broken by it; fold the
    # present timeline just far enough to tell whether it failed already.
    suspects = [f for f in with_plan if f.change not in own]
    until = max([day, *(f.change.date.start for f in suspects)])
    base, without = walk(record, day, until)
    failed_before = {f.change for f in without}
    broken = [f for f in suspects if f.change not in failed_before]
    return Preview(plan, when, day, structure, base, failures, broken, branch)
