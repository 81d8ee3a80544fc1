"""Posts handed over in the columns by merges, splits and replacements, as the core does.

The fast path keeps ordinary posts out of the core's structure; a merge, split or
replacement dated to one day gives those in the units it ends to their successor in the
columns (:meth:`organogram.columns.bulk.Bulk.hand_over`). On histories crowded with such
posts, the columns must be those of every change through the core's step, the reads
must agree with the object path, and columns extended change by change must be those of
a rebuild.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, target
from hypothesis import strategies as st

from organogram.columns import Versions
from organogram.core.timeline import Timeline

from ..core.strategies import PEOPLE, days_of
from . import agreement
from .strategies import crowded_histories
from .test_incremental import same_columns

COSTS = {"D-2": 250.0, "P-4": 170.0, "G-6": 90.0}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=crowded_histories())
def test_handed_over_posts_give_the_columns_of_the_core_step(history):
    timeline = history.timeline
    fast, slow = Versions.build(timeline), Versions.build(timeline, bulk=False)
    # Steer the search towards histories where many posts are handed over in the columns.
    target(float(fast._bulk.handed), label="posts handed over in the columns")
    same_columns(fast, slow)
    for day in days_of(history):
        agreement.check_day(timeline, fast, day, COSTS)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=crowded_histories(max_steps=50), data=st.data())
def test_handed_over_posts_extended_give_the_columns_of_a_rebuild(history, data):
    changes = history.timeline.changes
    cut = data.draw(st.integers(0, len(changes)), label="built from the first")
    later = data.draw(st.permutations(changes[cut:]), label="then added in this order")
    timeline = Timeline(changes[:cut], PEOPLE)
    v = Versions.build(timeline)
    for change in later:
        timeline = timeline.with_changes([change])
        v.extend(timeline)
    same_columns(v, Versions.build(timeline, bulk=False))


def test_the_crowded_histories_reach_the_hand_over():
    """The strategy does exercise the hand-over (else the tests above prove little)."""
    handed = []

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(history=crowded_histories())
    def build(history):
        handed.append(Versions.build(history.timeline)._bulk.handed)

    build()
    assert sum(handed) > 20
    assert sum(1 for n in handed if n) > 5
