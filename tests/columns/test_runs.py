"""Post creations and moves taken a run at a time (:mod:`organogram.columns.runs`).

Runs of many creations and moves, the same post moved several times in one run, moves
that fail (to the post's own unit, to a unit not in force) or that the fast path leaves
to the core, each run ended by another kind of change: the columns must be those of
every change through the core's step, and columns extended change by change those of
a rebuild.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.columns import Versions
from organogram.columns.schema import OPEN
from organogram.core.changes import CreatePost, CreateUnit, Merge, MovePost, UnitSpec
from organogram.core.dates import FuzzyDate
from organogram.core.timeline import Timeline

from ..core.strategies import PEOPLE
from . import agreement
from .strategies import run_histories

same_columns = agreement.same_columns


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=run_histories())
def test_runs_give_the_columns_of_the_core_step(history):
    timeline = history.timeline
    same_columns(Versions.build(timeline), Versions.build(timeline, bulk=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=run_histories(max_runs=4), data=st.data())
def test_runs_extended_change_by_change_give_the_columns_of_a_rebuild(history, data):
    changes = history.timeline.changes
    cut = data.draw(st.integers(0, len(changes)), label="built from the first")
    v = Versions.build(Timeline(changes[:cut], PEOPLE))
    for k in range(cut, len(changes)):
        v.extend(Timeline(changes[: k + 1], PEOPLE))
    same_columns(v, Versions.build(history.timeline, bulk=False))


def test_the_run_histories_hold_long_runs_with_posts_moved_again():
    """The strategy does make what the tests above need (else they prove little)."""
    longest, again, failed = [], [], []

    @settings(max_examples=40, deadline=None, database=None, derandomize=True)
    @given(history=run_histories())
    def build(history):
        run, moved, n = [], 0, 0
        for c in history.timeline.changes:
            if isinstance(c, MovePost | CreatePost) and c.date.start == c.date.end:
                run.append(c.post)
                n = max(n, len(run))
                moved = max(moved, len(run) - len(set(run)))
            else:
                run = []
        longest.append(n)
        again.append(moved)
        failed.append(int(Versions.build(history.timeline).tables["changes"].col("failed").sum()))

    build()
    assert max(longest) >= 20
    assert sum(1 for n in again if n) > 10
    assert sum(failed) > 20


def _day(text: str) -> FuzzyDate:
    return FuzzyDate.parse(text)


def test_a_run_writes_each_posts_versions_in_the_order_of_its_changes():
    first = _day("2020-01-01")
    units = [
        CreateUnit(date=first, unit=UnitSpec(id=u, name=u.upper(), kind="office"), parent=None)
        for u in ("a", "b", "c")
    ]
    p = CreatePost(date=_day("2020-01-01"), post="p", title="Clerk", unit="a")
    run = [
        CreatePost(date=_day("2020-02-01"), post="q", title="Driver", unit="a"),
        MovePost(date=_day("2020-02-01"), post="q", unit="b"),
        MovePost(date=_day("2020-03-01"), post="p", unit="c"),
        MovePost(date=_day("2020-03-01"), post="q", unit="c"),
        MovePost(date=_day("2020-04-01"), post="p", unit="b"),
        MovePost(date=_day("2020-04-01"), post="q", unit="zz"),  # not a unit: fails
        MovePost(date=_day("2020-04-01"), post="p", unit="b"),  # there already: fails
        MovePost(date=_day("2020-04-01"), post="q", unit="a"),
        Merge(date=_day("2020-05-01"), units=("a", "b"), into="a"),
        MovePost(date=_day("2020-06-01"), post="p", unit="c"),
    ]
    timeline = Timeline([*units, p, *run], PEOPLE)
    v = Versions.build(timeline)
    same_columns(v, Versions.build(timeline, bulk=False))
    assert v.tables["changes"].col("failed").tolist() == [0] * 4 + [0] * 5 + [1, 1] + [0] * 3
    days = {d: _day(d).start.toordinal() for d in ("2020-01-01", "2020-02-01", "2020-03-01")}
    d4, d5, d6 = (_day(f"2020-0{m}-01").start.toordinal() for m in (4, 5, 6))
    posts = [(r[0], r[1], r[6], r[8]) for r in v.rows("posts")]
    assert [r for r in posts if r[0] == "q"] == [
        ("q", "a", days["2020-02-01"], days["2020-02-01"]),
        ("q", "b", days["2020-02-01"], days["2020-03-01"]),
        ("q", "c", days["2020-03-01"], d4),
        ("q", "a", d4, OPEN),
    ]
    # p: moved twice in runs, handed from b to a by the merge, then moved again.
    assert [r for r in posts if r[0] == "p"] == [
        ("p", "a", days["2020-01-01"], days["2020-03-01"]),
        ("p", "c", days["2020-03-01"], d4),
        ("p", "b", d4, d5),
        ("p", "a", d5, d6),
        ("p", "c", d6, OPEN),
    ]
