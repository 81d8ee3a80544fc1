"""Folds that start from a timeline's checkpoints give what folds from the start give.

Checkpoints are taken every ``CHECKPOINT_SPACING`` changes; the generated histories are
small, so the timelines here take one after every change, and the reference timelines
none at all.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.core.changes import Change
from organogram.core.dates import FuzzyDate
from organogram.core.diff import diff_between, same_structure
from organogram.core.plans import Plan, PlanStatus, check_plan, conflicts, enact_problems, preview
from organogram.core.structure import Structure
from organogram.core.timeline import Failure, Timeline
from organogram.core.validation import validate_timeline
from organogram.core.validation.run import TimelineRun

from .strategies import days_of, histories
from .test_copy_on_write import scramble

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def checkpointed(changes: list[Change], people) -> Timeline:
    """A timeline that keeps a checkpoint after every change."""
    tl = Timeline(changes, people)
    tl.CHECKPOINT_SPACING = 1
    tl.CHECKPOINTS = 10**9
    return tl


def plain(changes: list[Change], people) -> Timeline:
    """A timeline that keeps no checkpoint: every fold starts from the first change."""
    tl = Timeline(changes, people)
    tl.CHECKPOINTS = 0
    return tl


def same(a: tuple[Structure, list[Failure]], b: tuple[Structure, list[Failure]]) -> bool:
    (sa, fa), (sb, fb) = a, b
    return (
        same_structure(sa, sb)
        and sa.lineage == sb.lineage
        and sa.retired_units == sb.retired_units
        and sa.retired_posts == sb.retired_posts
        and [(f.change.id, f.problems) for f in fa] == [(f.change.id, f.problems) for f in fb]
    )


@PROPERTY
@given(histories(), st.randoms(use_true_random=False))
def test_folds_in_any_order_agree_with_folds_from_the_start(history, rnd):
    changes, people = list(history.timeline), history.timeline.people
    ck, ref = checkpointed(changes, people), plain(changes, people)
    days = [*days_of(history), None]
    rnd.shuffle(days)
    for day in days:
        got = ck.fold(day)
        assert same(got, ref.fold(day)), day
        assert not ref._checkpoints
        # A fold hands out a copy of a checkpoint that shares its containers until
        # written (copy on write): writing to every one of them must change no later fold.
        scramble(got[0])
    for day in days_of(history):
        a, b = ck.snapshot(day), ref.snapshot(day)
        assert same((a.structure, a.failures), (b.structure, b.failures))
        assert a.uncertain == b.uncertain
        for d2 in days_of(history):
            assert ck.between(day, d2) == [c for c in ck if day < c.date.start <= d2]


@PROPERTY
@given(histories())
def test_snapshots_in_one_fold_are_the_snapshots(history):
    changes, people = list(history.timeline), history.timeline.people
    ck = checkpointed(changes, people)
    days = days_of(history)
    got = [
        (s.day, s.structure.copy(), list(s.failures), list(s.uncertain))
        for s in ck.snapshots(reversed(days))
    ]
    assert [g[0] for g in got] == days
    for day, structure, failures, uncertain in got:
        want = plain(changes, people).snapshot(day)
        assert same((structure, failures), (want.structure, want.failures))
        assert uncertain == want.uncertain


@PROPERTY
@given(histories(), st.data())
def test_with_changes_orders_as_a_new_timeline_and_shares_only_valid_checkpoints(history, data):
    changes, people = list(history.timeline), history.timeline.people
    cut = data.draw(st.integers(0, len(changes)))
    extra = data.draw(st.permutations(changes[cut:]))
    base = checkpointed(changes[:cut], people)
    base.fold()  # fills the checkpoints the new timeline may share
    grown = base.with_changes(extra)
    fresh = plain([*base, *extra], people)
    assert grown.changes == fresh.changes
    assert all(a is b for a, b in zip(grown.changes, fresh.changes, strict=True))
    assert grown._by_id == fresh._by_id
    for day in [*days_of(history), None]:
        assert same(grown.fold(day), fresh.fold(day)), day


@PROPERTY
@given(histories(), st.data())
def test_without_orders_as_a_new_timeline_and_shares_only_valid_checkpoints(history, data):
    changes, people = list(history.timeline), history.timeline.people
    dropped = data.draw(st.sets(st.integers(0, max(len(changes) - 1, 0))))
    drop = [c for i, c in enumerate(changes) if i in dropped]
    base = checkpointed(changes, people)
    base.fold()  # fills the checkpoints the new timeline may share
    less = base.without(drop)
    fresh = plain([c for i, c in enumerate(changes) if i not in dropped], people)
    assert all(a is b for a, b in zip(less.changes, fresh.changes, strict=True))
    assert less._by_id == fresh._by_id
    assert less.common_prefix(base) == plain(changes, people).common_prefix(less)
    for day in [*days_of(history), None]:
        assert same(less.fold(day), fresh.fold(day)), day


@PROPERTY
@given(histories(), st.data())
def test_plans_and_diffs_agree_with_and_without_checkpoints(history, data):
    changes, people = list(history.timeline), history.timeline.people
    if not changes:
        return
    cut = data.draw(st.integers(0, len(changes) - 1))
    mine = changes[cut:]
    plan = Plan(
        id="p",
        title="Plan",
        effective=max((c.date for c in mine), key=lambda d: (d.end, d.sort_key())),
        status=PlanStatus.APPROVED,
        changes=mine,
    )
    ck, ref = checkpointed(changes[:cut], people), plain(changes[:cut], people)
    ck.fold()
    assert [c.message() for c in conflicts(ck, plan)] == [
        c.message() for c in conflicts(ref, plan)
    ]
    a, b = preview(ck, plan), preview(ref, plan)
    assert same((a.structure, a.failures), (b.structure, b.failures))
    assert same((a.base, a.broken), (b.base, b.broken))
    assert [str(f) for f in check_plan(ck, plan).findings] == [
        str(f) for f in check_plan(ref, plan).findings
    ]
    assert enact_problems(ck, plan) == enact_problems(ref, plan)
    days = days_of(history)
    d0, d1 = data.draw(st.sampled_from(days)), data.draw(st.sampled_from(days))
    full_ck, full_ref = checkpointed(changes, people), plain(changes, people)
    full_ck.fold()
    x, y = diff_between(full_ck, d0, d1), diff_between(full_ref, d0, d1)
    assert [(c.op, c.params()) for c in x.changes] == [(c.op, c.params()) for c in y.changes]
    assert x.events == y.events and x.lineage == y.lineage


@PROPERTY
@given(histories(), st.data())
def test_a_validation_run_copied_where_timelines_part_finishes_as_a_full_run(history, data):
    changes, people = list(history.timeline), history.timeline.people
    cut = data.draw(st.integers(0, len(changes)))
    extra = data.draw(st.permutations(changes[cut:]))
    base = Timeline(changes[:cut], people)
    grown = base.with_changes(extra)
    at = max(0, base.common_prefix(grown) - 1)
    assert base.common_prefix(grown) == plain(changes[:cut], people).common_prefix(grown)
    run = TimelineRun(base, None)
    run.advance(at)
    copy = run.on(grown)
    run.advance(len(base.changes))
    copy.advance(len(grown.changes))
    assert run.finish() == validate_timeline(base)
    assert copy.finish() == validate_timeline(grown)
    plan = Plan(
        id="p",
        title="Plan",
        effective=FuzzyDate.parse("2022"),
        status=PlanStatus.APPROVED,
        changes=extra,
    )
    first = check_plan(base, plan)
    assert check_plan(base, plan) == first  # the second time from the kept run
