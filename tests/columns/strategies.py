"""Histories crowded with ordinary posts, moved often, in units merged, split and replaced.

The core's strategies (``tests.core.strategies``) draw every kind of change over a few
posts; the columns' fast path (:mod:`organogram.columns.bulk`) matters when units hold
many ordinary posts that move between them and are then handed over by a merge, a
split or a replacement. These histories weigh the draw that way: a larger pool of post
ids, posts created in units without a line of their own, moves of a post's unit only,
splits that move some of their posts elsewhere, and dates mostly of one day (the fast
path takes only those) with a few spans.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from organogram.core.changes import CreatePost, MovePost, step
from organogram.core.dates import FuzzyDate
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from ..core import strategies as core

POSTS = [f"q{i}" for i in range(40)]
DAYS = [d for d in core.DATES if d.start == d.end]
SPANS = [d for d in core.DATES if d.start != d.end]


def _ordinary_post(draw, s: Structure, d: FuzzyDate):
    pid = core._free_id(draw, s, POSTS)
    unit = core._pick(draw, s.units)
    if pid is None or unit is None:
        return None
    return CreatePost(
        date=d,
        post=pid,
        title=draw(st.sampled_from(core.NAMES)),
        grade=draw(st.sampled_from(core.GRADES)),
        unit=unit,
    )


def _unit_move(draw, s: Structure, d: FuzzyDate):
    post, unit = core._pick(draw, s.posts), core._pick(draw, s.units)
    return None if post is None or unit is None else MovePost(date=d, post=post, unit=unit)


def _split_with_posts(draw, s: Structure, d: FuzzyDate):
    """A split that also sends some of the unit's posts to a new or another unit."""
    change = core._split(draw, s, d)
    if change is None:
        return None
    homes = sorted({*(spec.id for spec in change.into), *s.units} - {change.unit})
    posts = s.posts_in(change.unit)
    if not homes or not posts:
        return change
    sent = draw(st.lists(st.sampled_from(posts), max_size=3, unique=True))
    moves = {**change.moves, **{p: draw(st.sampled_from(homes)) for p in sent}}
    return replace(change, moves=moves)


#: proposers and how often to use them (repeats weigh the draw).
PROPOSERS = [
    core._create_unit,
    core._create_unit,
    _ordinary_post,
    _ordinary_post,
    _ordinary_post,
    _ordinary_post,
    _unit_move,
    _unit_move,
    _unit_move,
    _unit_move,
    _unit_move,
    core._post_change,
    core._move,
    core._people,
    core._merge,
    core._merge,
    core._replace,
    core._split,
    _split_with_posts,
    _split_with_posts,
]


@st.composite
def crowded_histories(draw: st.DrawFn, max_steps: int = 80) -> core.History:
    """A timeline of random valid changes, most of them ordinary posts' creations and
    moves between units that are then merged, split or replaced."""
    steps = draw(st.integers(1, max_steps))
    dates = sorted(
        draw(
            st.lists(
                st.sampled_from(DAYS * 6 + SPANS),
                min_size=steps,
                max_size=steps,
            )
        ),
        key=FuzzyDate.sort_key,
    )
    s = Structure(people=core.PEOPLE)
    kept = core._grow(draw, s, steps, dates, PROPOSERS, keep_failures=True)
    return core.History(Timeline(kept, core.PEOPLE), sorted(set(dates), key=FuzzyDate.sort_key))


#: What ends a run of post creations and moves: every kind of change through the core's
#: step (a post move dated to a span, one that changes a line of oversight, a creation
#: of a post already there and the moves the fast path leaves to the core are drawn
#: inside the runs).
INTERRUPTIONS = [
    core._create_unit,
    core._create_post,
    core._unit_edit,
    core._move,
    core._post_change,
    core._abolish,
    core._people,
    core._line,
    core._merge,
    core._replace,
    core._split,
    _split_with_posts,
]


def _in_run(draw, s: Structure, d: FuzzyDate, created: list[str]):
    """One change of a run: mostly moves of ordinary posts (some of a post created or
    moved earlier in the run), some creations, and the changes that end a run because
    the fast path does not take them (each failing or through the core's step)."""
    kinds = ["move"] * 6 + ["again"] * 3 + ["create"] * 2 + ["home", "gone", "span", "line"]
    kind = draw(st.sampled_from([*kinds, "twice"]))
    units = sorted(s.units)
    if kind == "create" or not s.posts or not units:
        change = _ordinary_post(draw, s, d)
        if change is not None:
            created.append(change.post)
        return change
    if kind == "again" and created:
        # A post created (or moved) earlier in the run, moved on.
        post = draw(st.sampled_from(created))
        return MovePost(date=d, post=post, unit=draw(st.sampled_from(units)))
    post = core._pick(draw, s.posts)
    if kind == "home":  # to the unit it is in: fails
        return MovePost(date=d, post=post, unit=s.posts[post].unit or units[0])
    if kind == "gone":  # to a unit not in force: fails
        gone = sorted(s.retired_units) or ["nowhere"]
        return MovePost(date=d, post=post, unit=draw(st.sampled_from(gone)))
    if kind == "span":
        return MovePost(date=draw(st.sampled_from(SPANS)), post=post, unit=units[0])
    if kind == "line":
        return MovePost(date=d, post=post, unit=units[0], reports_to=units[-1])
    if kind == "twice":  # a creation of a post in force: fails
        again = _ordinary_post(draw, s, d) or CreatePost(date=d, post=post, title="T")
        return replace(again, post=post)
    created.append(post)
    return MovePost(date=d, post=post, unit=draw(st.sampled_from(units)))


@st.composite
def run_histories(draw: st.DrawFn, max_runs: int = 6) -> core.History:
    """A timeline of runs of post creations and moves (up to 40 changes each, the same
    post often moved several times), each ended by a change of another kind."""
    s = Structure(people=core.PEOPLE)
    kept: list = []
    day = 0
    start = [core._create_unit] * 3 + [_ordinary_post] * 6
    steps = 0

    def keep(change, must_hold: bool) -> None:
        nonlocal steps
        if change is None:
            return
        change = replace(change, id=f"r{steps}")
        steps += 1
        if change.check(s):
            if not must_hold:
                kept.append(change)  # a failing change, recorded as records hold them
            return
        trial = s.copy()
        step(change, trial)
        if core.closed(trial):
            step(change, s)
            kept.append(change)

    for proposer in start:
        keep(proposer(draw, s, DAYS[0]), must_hold=True)
    for _ in range(draw(st.integers(1, max_runs))):
        day = draw(st.integers(day, len(DAYS) - 1))
        created: list[str] = []
        for _ in range(draw(st.integers(1, 40))):
            keep(_in_run(draw, s, DAYS[day], created), must_hold=False)
        keep(core.propose(draw, s, DAYS[day], INTERRUPTIONS), must_hold=False)
    dates = sorted({c.date for c in kept}, key=FuzzyDate.sort_key)
    return core.History(Timeline(kept, core.PEOPLE), dates)
