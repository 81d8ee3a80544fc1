"""Reversal of every kind of change the interface can reverse, as a property.

For each op with an inverse (read from :data:`organogram.history.inverse.REVERSIBLE`,
the table the interface asks through ``reversible``), a random history is drawn, a
change of that op is recorded at its end, then its inverse at the change's date or a
later one. Two things must hold:

* the structure comes back: the same units, posts, lines, oversight and holders as
  :func:`~organogram.core.diff.same_structure` compares them, and the same posts
  stated vacant;
* beyond that, only the history differs, and exactly as documented in
  :mod:`organogram.history.inverse`: holders assigned again by the reversal hold
  from its date; an id the change created is kept among the retired ones; an unnamed
  holding assigned to a post with no holder recorded is undone by stating the post
  vacant. A vacancy stated for a post with no holder has no inverse: that refusal is
  asserted, not skipped.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from organogram.core.changes import (
    REGISTRY,
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Move,
    MovePost,
    Reclassify,
    Redescribe,
    RegradePost,
    Relocate,
    RemoveLine,
    Rename,
    SetHead,
    Vacate,
    step,
)
from organogram.core.dates import FuzzyDate
from organogram.core.diff import differences, same_structure
from organogram.core.model import UNKNOWN_PLACE, UNNAMED, AssignmentKind, Funding, PostStatus
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline
from organogram.history.inverse import REVERSIBLE, NotReversible, inverse, reversible

from ..core.strategies import (
    ABBREVIATIONS,
    CATEGORIES,
    FUNCTIONS,
    GRADES,
    KINDS,
    LOCATIONS,
    MANDATES,
    NAMES,
    PEOPLE,
    SIDE_KINDS,
    STATIONS,
    _create_post,
    _create_unit,
    _line,
    _people,
    _pick,
    histories,
)

PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

#: Ops that make lineage (merges, splits, replacements): no later change unmakes it.
LINEAGE_OPS = frozenset({"merge", "split", "replace"})

#: After every date of tests.core.strategies.histories, in the timeline's order: a day,
#: the quarter and month starting on another day, that day, and a later year.
LATER = [FuzzyDate.parse(t) for t in ("2022-06-01", "2022-Q3", "2022-07", "2022-07-01", "2023")]
#: The date of the changes that season a drawn history (see ``cases``).
SEASON = LATER[0]

PERSONS = [*sorted(PEOPLE), UNNAMED]


# ------------------------------------------------------------ one op each
def _places(draw, s: Structure) -> str | None:
    """A line of oversight: a node, the top (None), or no known place."""
    nodes = sorted(s.nodes())
    return draw(st.sampled_from([*nodes, None, UNKNOWN_PLACE]))


def _create(draw, s, d):
    c = _create_unit(draw, s, d)
    if c is not None and draw(st.booleans()):
        c = replace(c, parent=_places(draw, s))
    return c


def _create_post_anywhere(draw, s, d):
    c = _create_post(draw, s, d)
    if c is not None and draw(st.booleans()):
        c = replace(c, reports_to=_places(draw, s))
    return c


def _rename(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    abbr = draw(st.none() | st.sampled_from(ABBREVIATIONS))
    return Rename(date=d, unit=unit, name=draw(st.sampled_from(NAMES)), abbreviation=abbr)


def _reclassify(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    return Reclassify(
        date=d,
        unit=unit,
        kind=draw(st.sampled_from(KINDS)),
        name=draw(st.none() | st.sampled_from(NAMES)),
        abbreviation=draw(st.none() | st.sampled_from(ABBREVIATIONS)),
    )


def _redescribe(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    mandate = draw(st.none() | st.sampled_from(MANDATES))
    functions = draw(st.sampled_from(FUNCTIONS) if mandate is None else st.none())
    return Redescribe(date=d, unit=unit, mandate=mandate, functions=functions)


def _relocate(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    return Relocate(date=d, unit=unit, location=draw(st.sampled_from(LOCATIONS)))


def _set_head(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    return SetHead(date=d, unit=unit, head=draw(st.sampled_from([*sorted(s.posts), None])))


def _move(draw, s, d):
    node = _pick(draw, s.nodes())
    return None if node is None else Move(date=d, node=node, to=_places(draw, s))


def _abolish(draw, s, d):
    # Units nothing reports to (the only ones that can go), posts in them or not.
    unit = _pick(draw, [u for u in s.units if not s.reporting_to(u)])
    return None if unit is None else Abolish(date=d, unit=unit)


def _regrade(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    return RegradePost(
        date=d,
        post=post,
        grade=draw(st.sampled_from(GRADES)),
        title=draw(st.none() | st.sampled_from(NAMES)),
        category=draw(st.none() | st.sampled_from(CATEGORIES)),
    )


def _amend(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    return AmendPost(
        date=d,
        post=post,
        title=draw(st.none() | st.sampled_from(NAMES)),
        category=draw(st.none() | st.sampled_from(CATEGORIES)),
        duty_station=draw(st.none() | st.sampled_from(STATIONS)),
        senior=draw(st.none() | st.booleans()),
        status=draw(st.none() | st.sampled_from(list(PostStatus))),
        funding=draw(st.none() | st.sampled_from(list(Funding))),
        fte=draw(st.none() | st.sampled_from([1.0, 0.5, 0.0])),
    )


def _move_post(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    kwargs: dict[str, str | None] = {}
    if draw(st.booleans()):
        kwargs["unit"] = draw(st.sampled_from([*sorted(s.units), None]))
    if draw(st.booleans()) or not kwargs:
        kwargs["reports_to"] = _places(draw, s)
    return MovePost(date=d, post=post, **kwargs)


def _abolish_post(draw, s, d):
    # Posts no named person holds and nothing reports to: the ones that can go.
    free = [
        p
        for p in s.posts
        if not s.reporting_to(p) and not any(a.named for a in s.holders.get(p, ()))
    ]
    post = _pick(draw, free)
    return None if post is None else AbolishPost(date=d, post=post)


def _assign(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    return Assign(
        date=d,
        post=post,
        person=draw(st.sampled_from(PERSONS)),
        kind=draw(st.sampled_from(list(AssignmentKind))),
    )


def _vacate(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    named = sorted(a.person for a in s.holders.get(post, ()) if a.named)
    return Vacate(date=d, post=post, person=draw(st.sampled_from([*named, UNNAMED])))


def _add_line(draw, s, d):
    ends = sorted({*s.units, *s.posts})
    if len(ends) < 2:
        return None
    source, target = draw(st.lists(st.sampled_from(ends), min_size=2, max_size=2, unique=True))
    return AddLine(date=d, source=source, kind=draw(st.sampled_from(SIDE_KINDS)), target=target)


def _remove_line(draw, s, d):
    if not s.lines:
        return None
    line = draw(st.sampled_from(sorted(s.lines, key=lambda ln: (ln.source, ln.kind, ln.target))))
    return RemoveLine(date=d, source=line.source, kind=line.kind, target=line.target)


#: op -> a proposer of a change of that op against a structure (None when none fits).
PROPOSERS = {
    "create": _create,
    "create-post": _create_post_anywhere,
    "rename": _rename,
    "reclassify": _reclassify,
    "redescribe": _redescribe,
    "relocate": _relocate,
    "set-head": _set_head,
    "move": _move,
    "abolish": _abolish,
    "regrade-post": _regrade,
    "amend-post": _amend,
    "move-post": _move_post,
    "abolish-post": _abolish_post,
    "assign": _assign,
    "vacate": _vacate,
    "add-line": _add_line,
    "remove-line": _remove_line,
}

#: What a drawn history is seasoned with, so that what the generators of
#: tests.core.strategies never make is there to be undone: unnamed holders, stated
#: vacancies, nodes no source places; and more units, posts, holders and lines.
SEASONING = [_create_unit, _create_post, _people, _line, _assign, _vacate, _move, _create]


@st.composite
def cases(draw, op: str) -> tuple[Timeline, Change, FuzzyDate | None]:
    """A timeline, a change of ``op`` that applies at its end, and a date to reverse it.

    The date is None (the change's own) or one at or after the change's in the
    timeline's order.
    """
    history = draw(histories(max_steps=20))
    s, _ = history.timeline.fold()
    seasoning: list[Change] = []
    for i in range(draw(st.integers(0, 6))):
        extra = draw(st.sampled_from(SEASONING))(draw, s, SEASON)
        if extra is not None:
            extra = replace(extra, id=f"season-{i}")
            if not step(extra, s):
                seasoning.append(extra)
    at = draw(st.integers(0, len(LATER) - 1))
    change = PROPOSERS[op](draw, s, LATER[at])
    assume(change is not None and not change.check(s))
    change = replace(change, id="undone")
    when = draw(st.none() | st.sampled_from(LATER[at:]))
    return history.timeline.with_changes([*seasoning, change]), change, when


# ------------------------------------------------------------ comparisons
def same(a: Structure, b: Structure) -> bool:
    """The same structure, and the same posts a source says are vacant."""
    return same_structure(a, b) and a.vacant == b.vacant


def exact(s: Structure) -> dict[str, object]:
    """Everything a structure holds, history included (holders with their dates)."""
    return {
        "units": s.units,
        "posts": s.posts,
        "oversight": s.oversight,
        "lines": s.lines,
        "unplaced": s.unplaced,
        "vacant": s.vacant,
        "holders": {p: set(held) for p, held in s.holders.items() if held},
        "retired_units": s.retired_units,
        "retired_posts": s.retired_posts,
        "lineage": s.lineage,
    }


def expected_after(before: Structure, change: Change, back: list[Change]) -> dict[str, object]:
    """:func:`exact` of ``before`` with the differences the reversal is allowed.

    * every holder an inverse assigns again holds the post from the reversal's date
      (the date it took the post up first is history the reversal cannot restate);
    * an id the change created was then abolished: its last version stays among the
      retired ones, as for any abolition;
    * an unnamed holding assigned to a post that had no holder recorded is undone by
      a vacancy, so the post is then stated vacant.
    """
    want = exact(before)
    holders = {p: set(held) for p, held in want["holders"].items()}  # type: ignore[attr-defined]
    for c in back:
        if isinstance(c, Assign):
            (old,) = [a for a in holders[c.post] if (a.person, a.kind) == (c.person, c.kind)]
            holders[c.post] = (holders[c.post] - {old}) | {replace(old, since=c.date)}
    want["holders"] = holders
    if isinstance(change, CreateUnit):
        unit = change.unit.build()
        want["retired_units"] = {**before.retired_units, unit.id: unit}
    if isinstance(change, CreatePost):
        post = change.build().but(status=PostStatus.ABOLISHED)
        want["retired_posts"] = {**before.retired_posts, post.id: post}
    if (
        isinstance(change, Assign)
        and change.person == UNNAMED
        and not before.holders.get(change.post)
        and change.post not in before.vacant
    ):
        want["vacant"] = before.vacant | {change.post}
    return want


# ------------------------------------------------------------ properties
def test_every_kind_but_those_making_lineage_is_reversible_and_generated_here():
    # Read from the inverse table: a new kind of change is either given an inverse
    # (and must then be given a proposer here) or listed with the lineage ops.
    assert REVERSIBLE
    assert set(REGISTRY) - REVERSIBLE == LINEAGE_OPS
    assert set(REGISTRY) >= REVERSIBLE
    assert set(PROPOSERS) == REVERSIBLE


@pytest.mark.parametrize("op", sorted(REVERSIBLE))
@PROPERTY
@given(data=st.data())
def test_a_change_and_its_reversal_give_back_the_structure(op, data):
    timeline, change, when = data.draw(cases(op))
    assert reversible(change)
    before, failures = timeline.without([change]).fold()
    after_change, with_change = timeline.fold()
    assert [f.change.id for f in with_change] == [f.change.id for f in failures]
    # A change that alters nothing (a redescription to the same mandate) proves nothing.
    assume(not same(after_change, before))

    if isinstance(change, Vacate) and change.person == UNNAMED and not before.holders.get(
        change.post
    ):
        # The post had no holder: the vacancy only stated it vacant, and no change says
        # "no holder recorded" again. Refused, not reversed into something else.
        with pytest.raises(NotReversible, match="had no holder"):
            inverse(timeline, change, when, "undo")
        return

    back = inverse(timeline, change, when, "undo")
    assert back
    assert all(c.date == (when or change.date) for c in back)
    assert all(c.cites == () and c.reason == "undo" and not c.id for c in back)
    back = [replace(c, id=f"back-{i}") for i, c in enumerate(back)]
    after, all_failures = timeline.with_changes(back).fold()
    # Every inverse change applies where it falls, and nothing else starts failing.
    assert [f.change.id for f in all_failures] == [f.change.id for f in failures]

    assert same_structure(after, before), differences(after, before)
    assert exact(after) == expected_after(before, change, back)
