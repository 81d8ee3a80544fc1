"""A plan as a branch of the timeline: the timeline with its changes, and its base.

Dates: each plan change carries its own date (the loader fills in the plan's or its
phase's ``effective`` date where the dataset gives none). Added to a timeline, plan
changes fall in date order among the recorded ones; on the same date they come after
them, so a plan is read as acting on the record as it stands that day.

Base: the record as it stood when the plan was drafted (``drafted_at``, record time).
A timeline change belongs to the base when it was recorded at or before that moment,
or when its record time is unknown (nothing says it is newer than the plan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..changes import Change
from ..dates import FuzzyDate
from ..timeline import Timeline
from .model import Plan, PlanStatus


def plan_changes(timeline: Timeline, plan: Plan) -> list[Change]:
    """The plan's changes that are not yet in ``timeline`` (none once it is enacted)."""
    if plan.status is PlanStatus.ENACTED:
        # An enacted plan's changes are already part of the timeline; adding them again
        # would apply every operation twice.
        return []
    return list(plan.changes)


def plan_timeline(timeline: Timeline, plan: Plan) -> Timeline:
    """The timeline with the plan's changes added (a new object; ``timeline`` is unchanged)."""
    return timeline.with_changes(plan_changes(timeline, plan))


def before_and_after(timeline: Timeline, plan: Plan) -> tuple[Timeline, Timeline, list[Change]]:
    """The record without the plan, with it, and the plan's change objects in the latter.

    For an open plan, "without" is ``timeline`` and "with" adds the plan's changes. For
    an enacted plan, whose changes are in ``timeline`` already, "without" is the record
    with them taken out, so that its preview, diff and validation still show what it did.
    """
    if plan.status is not PlanStatus.ENACTED:
        mine = list(plan.changes)
        return timeline, timeline.with_changes(mine), mine
    ids = {c.id for c in plan.changes}
    # Matched by id and equality: a loaded record holds the same objects, an enacted
    # result equal copies.
    inside = [c for c in timeline if c.id in ids and c in plan.changes]
    return timeline.without(inside), timeline, inside


def recorded_by_then(change: Change, moment: dt.datetime) -> bool:
    """True when ``change`` was in the record at ``moment`` (unknown record time counts)."""
    if change.recorded_at is None:
        return True
    return aware(change.recorded_at) <= aware(moment)


def base_timeline(timeline: Timeline, plan: Plan) -> Timeline:
    """The timeline as it stood when the plan was drafted (all of it without ``drafted_at``)."""
    if plan.drafted_at is None:
        return timeline
    since = since_base(timeline, plan)
    if not since:
        # Nothing recorded since: the base is the record itself, with its checkpoints
        # (a new timeline would fold the whole record again, from its first change).
        return timeline
    # Made from the record: what comes before the first change recorded since is shared.
    return timeline.without(since)


def since_base(timeline: Timeline, plan: Plan) -> list[Change]:
    """Timeline changes recorded after the plan was drafted, in order of application."""
    if plan.drafted_at is None:
        return []
    moment = aware(plan.drafted_at)
    # recorded_by_then, inlined: this walks the whole record.
    return [c for c in timeline if c.recorded_at is not None and aware(c.recorded_at) > moment]


def end_of(dates: Iterable[FuzzyDate]) -> dt.date:
    """The last day of the latest of ``dates``: by then every one of them has begun."""
    return max(d.end for d in dates)


def aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` with a time zone, so any two record times can be compared."""
    # Record times may come from files (often naive) and from the database (aware);
    # comparing the two raises, so a naive time is read as UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment
