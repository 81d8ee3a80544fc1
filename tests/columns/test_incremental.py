"""Columns extended change by change are the columns a rebuild gives.

Random valid histories (some changes failing where they stand, as records hold them)
are split: the columns are built from the first part, then each later change is added
as a write adds it (``Timeline.with_changes``, in an order that puts some before others
already recorded) and the columns extended. Every table, decoded to strings, must equal
the one built from the final timeline in one fold, and so must the reads.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organogram.columns import Day, Versions
from organogram.core.timeline import Timeline

from ..core.strategies import PEOPLE, days_of, histories
from . import agreement

TABLES, same_columns = agreement.TABLES, agreement.same_columns


def split(history, data) -> tuple[Timeline, list]:
    """The timeline of a history's first changes, and the others in a drawn order."""
    changes = history.timeline.changes
    cut = data.draw(st.integers(0, len(changes)), label="built from the first")
    later = data.draw(st.permutations(changes[cut:]), label="then added in this order")
    return Timeline(changes[:cut], PEOPLE), later


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories(), data=st.data())
def test_extending_gives_the_columns_of_a_rebuild(history, data):
    timeline, later = split(history, data)
    v = Versions.build(timeline)
    for change in later:
        timeline = timeline.with_changes([change])
        v.extend(timeline)
    same_columns(v, Versions.build(timeline))
    costs = {"D-2": 250.0, "P-4": 170.0, "G-6": 90.0}
    days = days_of(history)
    for day in days:
        agreement.check_day(timeline, v, day, costs)
    for node in ("u0", "u1", "u2", "x0", "p0"):
        core, cols = agreement.series(timeline, v, node, days, costs)
        assert core == cols, node


@settings(max_examples=60, deadline=None)
@given(history=histories())
def test_a_write_after_the_last_change_appends_rows_only(history):
    changes = history.timeline.changes
    timeline = Timeline(changes[:-1], PEOPLE)
    v = Versions.build(timeline)
    before = {name: v.rows(name) for name in TABLES}
    v.extend(timeline.with_changes(changes[-1:]))
    for name in ("units", "posts", "lineage"):
        rows = v.rows(name)
        # Rows before stay in place (only the end of a version they close may change).
        assert [r[:6] for r in rows[: len(before[name])]] == [r[:6] for r in before[name]]
    same_columns(v, Versions.build(v.timeline))
    assert Day.of(v, history.dates[-1].end).parent is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories())
def test_posts_written_straight_give_the_columns_of_the_core_step(history):
    timeline = history.timeline
    fast, slow = Versions.build(timeline), Versions.build(timeline, bulk=False)
    same_columns(fast, slow)
    for day in days_of(history):
        agreement.check_day(timeline, fast, day, {"D-2": 250.0, "P-4": 170.0})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories(), data=st.data())
def test_an_extended_copy_leaves_the_columns_it_was_made_from_as_they_were(history, data):
    # The registry keeps one revision's columns for its readers while the next revision
    # grows its own from them: each must stay the columns of its own timeline.
    timeline, later = split(history, data)
    kept = [Versions.build(timeline)]
    for change in later:
        timeline = timeline.with_changes([change])
        kept.append(kept[-1].extended(timeline))
    for v in kept:
        same_columns(v, Versions.build(v.timeline))
    assert len({id(v.tables["posts"]) for v in kept}) == len(kept)
