"""Enacting a plan on a generated organization gives what a timeline built afresh gives.

``with_changes`` and the conflict check take shortcuts on a long record: they reorder
only the date groups that receive a plan change, copy the rest in one slice, share
checkpoints, fold the plan's branch once for two uses, and start following the plan's
changes at the first of them (found by bisection). Each shortcut must give the same
order, the same structure and the same problems as the general path, wherever the
plan's changes fall: before the record's first date, on a date among its changes, or
after its last one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from bench.generate import Organization, generate
from organogram.core.changes import Change
from organogram.core.dates import FuzzyDate
from organogram.core.plans import Plan, enact, enact_problems
from organogram.core.plans.branch import base_timeline
from organogram.core.plans.trace import trace
from organogram.core.structure import Structure
from organogram.core.timeline import Failure, Timeline

from .test_generate import TINY

AT = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def org() -> Organization:
    return generate(TINY, seed=2)


def moved(org: Organization, where: str) -> Plan:
    """The generated plan with its changes dated before, among or after the record's."""
    if where == "after":
        return org.plan
    day = org.days[0] - dt.timedelta(days=1) if where == "before" else org.days[len(org.days) // 2]
    changes = [dataclasses.replace(c, date=FuzzyDate.day(day)) for c in org.plan.changes]
    return dataclasses.replace(org.plan, effective=FuzzyDate.day(day), changes=changes)


def checkpointed(changes: list[Change]) -> Timeline:
    """A timeline keeping a checkpoint every 50 changes, folded once to take them."""
    tl = Timeline(changes)
    tl.CHECKPOINT_SPACING, tl.CHECKPOINTS = 50, 10**6
    tl.fold()
    return tl


def plain(changes: list[Change]) -> Timeline:
    """A timeline keeping no checkpoint: every fold starts from the first change."""
    tl = Timeline(changes)
    tl.CHECKPOINTS = 0
    return tl


def same_objects(a: list[Change], b: list[Change]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def state(fold: tuple[Structure, list[Failure]]) -> tuple[object, ...]:
    s, failures = fold
    return (
        s.units,
        s.posts,
        s.oversight,
        s.lineage,
        [(f.change, f.problems) for f in failures],
    )


@pytest.mark.parametrize("where", ["before", "among", "after"])
def test_with_changes_orders_a_plan_as_a_timeline_built_afresh(org, where):
    plan = moved(org, where)
    record = checkpointed(org.changes)
    grown = record.with_changes(plan.changes)
    fresh = plain([*record, *plan.changes])
    assert same_objects(grown.changes, fresh.changes)
    if where != "after":
        # The plan's changes are not simply appended: the check above means something.
        assert not same_objects(grown.changes[-len(plan.changes) :], plan.changes)
    for day in (org.days[1], plan.effective.start, None):
        assert state(grown.fold(day)) == state(fresh.fold(day)), day


@pytest.mark.parametrize("where", ["before", "among", "after"])
def test_enacting_reports_the_same_problems_and_builds_the_same_timeline(org, where):
    plan = moved(org, where)
    fast, reference = checkpointed(org.changes), plain(org.changes)
    problems = enact_problems(fast, plan)
    assert problems == enact_problems(reference, plan)
    if where == "before":
        assert problems  # nothing the plan changes exists yet
    if problems:
        return
    done = enact(fast, plan, by="test", at=AT)
    rebuilt = Timeline([*fast, *done.changes])
    assert same_objects(done.timeline.changes, rebuilt.changes)
    assert state(done.timeline.fold()) == state(rebuilt.fold())
    assert len(fast) == len(org.changes)  # the timeline passed in is unchanged


@pytest.mark.parametrize("where", ["before", "among", "after"])
def test_following_the_plan_changes_nothing_but_what_is_recorded(org, where):
    """The conflict check folds the branch once for a traced and an untraced use."""
    plan = moved(org, where)
    branch = checkpointed(org.changes).with_changes(plan.changes)
    branch.fold()  # checkpoints after the plan's first change: a followed fold must not use them
    followed = trace(branch, plan.effective.end, follow=plan.changes)
    bare = trace(branch, plan.effective.end)
    assert state((followed.structure, followed.failures)) == state(
        (bare.structure, bare.failures)
    )
    # Every plan change that applied is found, wherever the first of them stands.
    applied = set(plan.changes) - {f.change for f in followed.failures}
    touched = {c for changes in followed.touched.values() for c in changes}
    assert touched == applied
    reference = trace(plain([*branch]), plan.effective.end, follow=plan.changes)
    assert followed.touched.keys() == reference.touched.keys()


def test_a_base_with_nothing_recorded_since_is_the_record_itself(org):
    record = checkpointed(org.changes)
    plan = dataclasses.replace(org.plan, drafted_at=AT)
    assert base_timeline(record, plan) is record
    late = dataclasses.replace(org.changes[-1], recorded_at=AT + dt.timedelta(days=1))
    grown = record.with_changes([late])
    base = base_timeline(grown, plan)
    assert base is not grown and same_objects(base.changes, record.changes)
    assert enact_problems(record, plan) == enact_problems(plain(org.changes), plan)
    # With a change recorded since, the base is made from the record without it.
    among = org.changes[len(org.changes) // 2]
    late = dataclasses.replace(among, recorded_at=AT + dt.timedelta(days=1))
    grown = record.with_changes([late])
    fresh = plain([c for c in grown if c is not late])
    assert same_objects(base_timeline(grown, plan).changes, fresh.changes)
    assert enact_problems(grown, plan) == enact_problems(plain([*grown]), plan)
