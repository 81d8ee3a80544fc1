"""Properties of the core that must hold for any organization and any history.

* the diff of two structures, applied to the first, gives the second, and each of
  its changes passes its check when its turn comes;
* a unit's history and the snapshots agree on every day, and every node's history
  made in one fold is the one made for that node alone;
* folding is deterministic, and a structure differs from itself by nothing;
* lineage closure is consistent both ways;
* no sequence of checked changes leaves a dangling or cyclic line of oversight.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.core.changes import Change
from organogram.core.dates import FuzzyDate
from organogram.core.diff import diff, diff_between, differences, same_structure
from organogram.core.lineage_walk import lineage_closure
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from .strategies import apply_all, core_problems, days_of, histories, structures

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WHEN = FuzzyDate.parse("2030-01-01")


def assert_diff_reaches(a: Structure, b: Structure, changes: list[Change]) -> None:
    result = apply_all(a, changes)
    assert same_structure(result, b), differences(result, b)


# ------------------------------------------------------------------ (a) diff
@PROPERTY
@given(structures(), structures())
def test_diff_of_independent_structures_applies_and_reaches_the_target(a, b):
    assert_diff_reaches(a, b, diff(a, b, date=WHEN))


@PROPERTY
@given(histories(), st.data())
def test_diff_between_snapshots_of_a_timeline_reaches_the_later_one(history, data):
    tl = history.timeline
    days = days_of(history)
    d0 = data.draw(st.sampled_from(days))
    d1 = data.draw(st.sampled_from(days))
    a, _ = tl.fold(d0)
    b, _ = tl.fold(d1)
    # The plain diff, without lineage…
    assert_diff_reaches(a, b, diff(a, b, date=WHEN))
    # …and the diff between dates, through merges, splits and replacements, both ways.
    dd = diff_between(tl, d0, d1)
    assert same_structure(dd.before, a) and same_structure(dd.after, b)
    assert_diff_reaches(a, b, dd.changes)
    assert [c.id for c in dd.changes] == [f"diff-{i}" for i in range(1, len(dd.changes) + 1)]


@PROPERTY
@given(histories())
def test_diff_through_the_whole_timeline_reaches_the_end(history):
    tl = history.timeline
    # From the day before anything happened to the end of the last period.
    first, last = history.dates[0].start - dt.timedelta(days=1), history.dates[-1].end
    dd = diff_between(tl, first, last)
    assert_diff_reaches(dd.before, dd.after, dd.changes)
    back = diff_between(tl, last, first)
    assert back.backward
    assert_diff_reaches(back.before, back.after, back.changes)
    assert [c.id for c in back.events] == [c.id for c in dd.events]


# -------------------------------------------------- (b) history and snapshots
def in_force(versions, day):
    """The version whose period holds ``day``, by first days (as snapshots read them)."""
    found = None
    for v in versions:
        if v.since.start <= day and (v.until is None or day < v.until.start):
            assert found is None, f"two versions in force on {day}"
            found = v
    return found


@PROPERTY
@given(histories())
def test_history_and_snapshots_agree_on_every_day(history):
    tl = history.timeline
    ids = sorted({n for c in tl for n in c.subjects()})
    histories_by_id = {n: tl.history(n) for n in ids}
    for day in days_of(history):
        s = tl.snapshot(day).structure
        for node, h in histories_by_id.items():
            v = in_force(h.versions, day)
            current = s.units.get(node) or s.posts.get(node)
            if current is None:
                assert v is None or v.record is None, (node, day, v)
            else:
                assert v is not None, (node, day)
                assert v.record == current, (node, day)
                assert v.parent == s.oversight.get(node), (node, day)


@PROPERTY
@given(histories())
def test_every_nodes_history_from_one_fold_is_each_nodes_own(history):
    # The registry's pages read every node's history from one fold per revision.
    tl = history.timeline
    ids = sorted({n for c in tl for n in c.subjects()})
    every = Timeline(list(tl), tl.people).histories()
    for node in ids:
        alone = tl.history(node)
        together = every.get(node)
        if not alone.versions:
            assert together is None or not together.versions, node
            continue
        assert together == alone, node


@PROPERTY
@given(histories())
def test_touching_from_the_index_is_the_scan(history):
    tl = history.timeline
    for node in sorted({n for c in tl for n in c.subjects()} | {"nowhere"}):
        assert tl.touching(node) == [c for c in tl.changes if node in c.subjects()], node


# ---------------------------------------------- (c) determinism and identity
@PROPERTY
@given(histories())
def test_folding_is_deterministic_and_a_structure_does_not_differ_from_itself(history):
    tl = history.timeline
    s1, f1 = tl.fold()
    s2, f2 = Timeline(list(tl), tl.people).fold()
    assert same_structure(s1, s2)
    assert s1.lineage == s2.lineage
    assert [f.change.id for f in f1] == [f.change.id for f in f2]
    assert diff(s1, s1, date=WHEN) == []
    assert diff(s1, s1.copy(), date=WHEN) == []
    assert diff(s1, s2, date=WHEN) == []


@PROPERTY
@given(structures())
def test_diff_is_deterministic(s):
    empty = Structure(people=s.people)
    assert diff(empty, s, date=WHEN) == diff(empty, s, date=WHEN)
    assert diff(s, empty, date=WHEN) == diff(s, empty, date=WHEN)


# --------------------------------------------------------------- (d) lineage
@PROPERTY
@given(histories())
def test_lineage_closure_is_consistent_both_ways(history):
    tl = history.timeline
    s, _ = tl.fold()
    units = {n for link in s.lineage for n in (link.predecessor, link.successor)}
    for unit in units:
        back, forward = lineage_closure(s.lineage, unit)
        assert (back, forward) == tl.lineage(unit)
        for link in forward:
            preds, _ = lineage_closure(s.lineage, link.successor)
            assert unit in {p.predecessor for p in preds}, (unit, link)
        for link in back:
            _, succs = lineage_closure(s.lineage, link.predecessor)
            assert unit in {p.successor for p in succs}, (unit, link)


# ------------------------------------------------------------ core invariants
@PROPERTY
@given(histories())
def test_checked_changes_never_leave_dangling_or_cyclic_lines(history):
    tl = history.timeline
    for day in days_of(history):
        s, _ = tl.fold(day)
        assert core_problems(s) == []
