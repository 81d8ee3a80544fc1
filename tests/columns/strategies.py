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

from organogram.core.changes import CreatePost, MovePost
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
