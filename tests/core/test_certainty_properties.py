"""Property: with dates known only within bounds, what the structure as of a day calls
certain holds in every reading of those bounds.

A reading chooses, for every change, a day inside its span, keeping the record's order
among changes that share a unit or post (touch it or need it): the record's order is the
order things happened. The structure of the reading on a day is the fold of the changes
whose chosen day is on or before it.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from organogram.core.certainty import CERTAIN, DETAILS, EXISTENCE, HOLDERS, PLACEMENT
from organogram.core.changes import Change, step
from organogram.core.dates import FuzzyDate
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from .strategies import PEOPLE, PROPOSERS, _grow

#: Plain periods and the extended forms, close together so that their spans overlap.
DATES = [
    FuzzyDate.parse(text)
    for text in (
        "../2019-10",
        "../2020",
        "2019",
        "2019/2021",
        "2019-Q4",
        "2019-10-01",
        "2019-10~",
        "2020-01-01/2020-06-30",
        "2020-03-31",
        "2021-Q4/2022",
        "2021-11-15",
        "2022",
    )
]
#: A reading of an open start chooses a day from here on.
HORIZON = dt.date(2015, 1, 1)


@st.composite
def uncertain_timelines(draw: st.DrawFn) -> Timeline:
    steps = draw(st.integers(1, 24))
    dates = sorted(
        draw(st.lists(st.sampled_from(DATES), min_size=steps, max_size=steps)),
        key=FuzzyDate.sort_key,
    )
    kept = _grow(draw, Structure(people=PEOPLE), steps, dates, PROPOSERS, keep_failures=False)
    return Timeline(kept, PEOPLE)


def _related(c: Change) -> frozenset[str]:
    return c.subjects() | c.needs()


def reading(draw: st.DrawFn, timeline: Timeline) -> dict[Change, dt.date] | None:
    """A day for every change, in its span and in the record's order on shared nodes."""
    changes = timeline.changes
    # Backwards: the latest day each change may take so that later ones still fit.
    latest: list[dt.date] = []
    last_on: dict[str, dt.date] = {}
    for c in reversed(changes):
        day = min([c.date.end, *(last_on[n] for n in _related(c) if n in last_on)])
        latest.append(day)
        for n in _related(c):
            last_on[n] = day
    latest.reverse()
    chosen: dict[Change, dt.date] = {}
    first_on: dict[str, dt.date] = {}
    for c, last in zip(changes, latest, strict=True):
        lo = max([c.date.start, HORIZON, *(first_on[n] for n in _related(c) if n in first_on)])
        if lo > last:
            return None  # the record's spans leave no room for its order
        offset = draw(st.integers(0, (last - lo).days))
        day = lo + dt.timedelta(days=offset)
        chosen[c] = day
        for n in _related(c):
            first_on[n] = day
    return chosen


def fold_reading(timeline: Timeline, chosen: dict[Change, dt.date], day: dt.date) -> Structure:
    s = timeline.empty()
    for c in timeline.changes:
        if chosen[c] <= day:
            step(c, s)
    return s


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timeline=uncertain_timelines(), data=st.data())
def test_what_is_certain_holds_in_every_reading(timeline, data):
    assume(not timeline.failures())
    chosen = reading(data.draw, timeline)
    assume(chosen is not None)
    days = sorted({d for c in timeline for d in (c.date.start, c.date.end)} - {dt.date.min})
    day = data.draw(st.sampled_from([*days, dt.date(2020, 2, 1), dt.date(2023, 1, 1)]))
    snap = timeline.snapshot(day)
    s, certainty = snap.structure, snap.certainty
    other = fold_reading(timeline, chosen, day)
    for node in [*s.units, *s.posts]:
        if certainty.status(s, node) != CERTAIN:
            continue
        assert other.exists(node), (node, day, _told(timeline, chosen))
        aspects = certainty.aspects(node)
        if PLACEMENT not in aspects and node in s.oversight:
            assert other.placement(node) == s.placement(node), (node, day, _told(timeline, chosen))
        if DETAILS not in aspects:
            mine = s.units.get(node) or s.posts.get(node)
            theirs = other.units.get(node) or other.posts.get(node)
            if PLACEMENT in aspects and node in s.posts:
                # A post's unit is where it is placed: a merge hands it to another.
                theirs = theirs.but(unit=mine.unit)
            assert theirs == mine, (node, day, _told(timeline, chosen))
        if HOLDERS not in aspects:
            certain = [
                a
                for a in s.holders.get(node, ())
                if (node, a.person) not in certainty.holders_possible
            ]
            held = {(a.person, a.kind) for a in other.holders.get(node, ())}
            assert all((a.person, a.kind) in held for a in certain), node
    for line in s.lines - certainty.lines_possible.keys():
        ends = certainty.aspects(line.source) | certainty.aspects(line.target)
        if not ends & {EXISTENCE}:
            assert line in other.lines, (line, day, _told(timeline, chosen))


def _told(timeline: Timeline, chosen: dict[Change, dt.date]) -> list[str]:
    """The changes as a reader of a failure needs them: date, chosen day, op, params."""
    return [f"{c.date} @{chosen[c]} {c.op} {c.params()}" for c in timeline.changes]
