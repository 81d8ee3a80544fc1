"""Hypothesis strategies: random organizations and random histories of changes.

Ids come from small pools so that two independently drawn structures overlap, a
retired id is sometimes used again, and a few ids (``x0``, ``x1``) are a unit in one
structure and a post in another. Changes are proposed against the structure they
will meet and kept only when their check passes there; a few failing ones are kept in
timelines on purpose, since folding must skip and report them.

Everything is built through the change vocabulary, so the structures are ones the
record can hold. Histories also keep every post's unit and every unit's head post in
force ("closed"): the core lets a unit be abolished around its posts and a post be
abolished while it heads a unit (validation reports both), and no diff could recreate
such a dangling reference that neither side shares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from hypothesis import strategies as st

from organogram.core.changes import (
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Reclassify,
    Redescribe,
    RegradePost,
    Relocate,
    RemoveLine,
    Rename,
    Replace,
    SetHead,
    Split,
    UnitSpec,
    Vacate,
    step,
)
from organogram.core.dates import FuzzyDate
from organogram.core.model import AssignmentKind, Funding, LineKind, Person, PostStatus
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

PEOPLE = {f"h{i}": Person(f"h{i}", f"Person {i}") for i in range(6)}
UNIT_IDS = [f"u{i}" for i in range(9)]
POST_IDS = [f"p{i}" for i in range(9)]
SHARED_IDS = ["x0", "x1"]
KINDS = ["department", "division", "unit", "office", "team"]
NAMES = ["Operations", "Policy", "Resources", "Data", "Protection", "Audit", "Legal"]
ABBREVIATIONS = ["", "OPS", "POL", "DRM"]
MANDATES = ["", "Supports the field.", "Sets policy."]
FUNCTIONS = [(), ("plan",), ("plan", "report")]
LOCATIONS = ["", "Geneva", "Manila"]
GRADES = ["USG", "D-2", "D-1", "P-5", "P-4", "G-6"]
CATEGORIES = ["", "professional", "general-service"]
STATIONS = ["", "Geneva", "Panama"]
SIDE_KINDS = [LineKind.DIRECT_SUPERVISION, LineKind.ADMINISTRATIVE_SUPPORT, LineKind.FUNCTIONAL]

#: Dates of every precision, close together so that they share days and periods.
DATES = [
    FuzzyDate.parse(text)
    for text in (
        "2019",
        "2019-H2",
        "2019-Q4",
        "2019-10",
        "2019-10-01",
        "2019-11-15",
        "2020",
        "2020-01-01",
        "2020-Q1",
        "2020-03-31",
        "2021-Q4",
        "2021-10-01",
        "2021-11-15",
        "2022",
    )
]


def closed(s: Structure) -> bool:
    """Every post's unit and every unit's head post is in force."""
    return all(p.unit is None or p.unit in s.units for p in s.posts.values()) and all(
        u.head is None or u.head in s.posts for u in s.units.values()
    )


def core_problems(s: Structure) -> list[str]:
    """What no sequence of checked changes should ever produce: dangling or cyclic lines."""
    problems = []
    for node, target in s.oversight.items():
        if not s.exists(node):
            problems.append(f"oversight from {node!r}, not in force")
        if not s.exists(target):
            problems.append(f"{node!r} reports to {target!r}, not in force")
    for node in s.oversight:
        seen = {node}
        current = s.oversight.get(node)
        while current is not None:
            if current in seen:
                problems.append(f"cycle through {node!r}")
                break
            seen.add(current)
            current = s.oversight.get(current)
    for line in s.lines:
        if not (s.exists(line.source) and s.exists(line.target)):
            problems.append(f"line {line} has an end not in force")
    for post in s.holders:
        if post not in s.posts:
            problems.append(f"holders of {post!r}, not in force")
    return problems


def apply_all(start: Structure, changes: list[Change]) -> Structure:
    """Apply ``changes`` in order to a copy of ``start``; each must pass its check."""
    s = start.copy()
    for i, change in enumerate(changes):
        problems = step(change, s)
        assert not problems, f"change {i + 1} ({change.op} {change.params()}): {problems}"
    return s


# --------------------------------------------------------------------- drawing
def _pick(draw: st.DrawFn, items):
    """One of ``items`` (None when there are none)."""
    items = sorted(items)
    return draw(st.sampled_from(items)) if items else None


def _free_id(draw: st.DrawFn, s: Structure, pool: list[str]) -> str | None:
    return _pick(draw, [i for i in pool if not s.exists(i)])


def _spec(draw: st.DrawFn, s: Structure, uid: str) -> UnitSpec:
    head = draw(st.none() | st.sampled_from(sorted(s.posts))) if s.posts else None
    return UnitSpec(
        id=uid,
        name=draw(st.sampled_from(NAMES)),
        kind=draw(st.sampled_from(KINDS)),
        abbreviation=draw(st.sampled_from(ABBREVIATIONS)),
        mandate=draw(st.sampled_from(MANDATES)),
        functions=draw(st.sampled_from(FUNCTIONS)),
        location=draw(st.sampled_from(LOCATIONS)),
        head=head,
    )


def _node_or_none(draw: st.DrawFn, s: Structure) -> str | None:
    """A unit or senior post, or None (the top)."""
    nodes = list(s.nodes())
    return draw(st.none() | st.sampled_from(sorted(nodes))) if nodes else None


def _create_unit(draw, s, d):
    uid = _free_id(draw, s, UNIT_IDS + SHARED_IDS)
    if uid is None:
        return None
    return CreateUnit(date=d, unit=_spec(draw, s, uid), parent=_node_or_none(draw, s))


def _create_post(draw, s, d):
    pid = _free_id(draw, s, POST_IDS + SHARED_IDS)
    if pid is None:
        return None
    senior = draw(st.booleans())
    unit = _pick(draw, s.units) if draw(st.booleans()) else None
    return CreatePost(
        date=d,
        post=pid,
        title=draw(st.sampled_from(NAMES)) + " officer",
        grade=draw(st.sampled_from(GRADES)),
        category=draw(st.sampled_from(CATEGORIES)),
        unit=unit,
        duty_station=draw(st.sampled_from(STATIONS)),
        senior=senior,
        status=draw(st.sampled_from(list(PostStatus))),
        funding=draw(st.sampled_from(list(Funding))),
        fte=draw(st.sampled_from([1.0, 0.5])),
        reports_to=_node_or_none(draw, s),
    )


def _unit_edit(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    which = draw(st.integers(0, 4))
    if which == 0:
        return Rename(
            date=d,
            unit=unit,
            name=draw(st.sampled_from(NAMES)),
            abbreviation=draw(st.none() | st.sampled_from(ABBREVIATIONS)),
        )
    if which == 1:
        return Reclassify(
            date=d,
            unit=unit,
            kind=draw(st.sampled_from(KINDS)),
            name=draw(st.none() | st.sampled_from(NAMES)),
        )
    if which == 2:
        return Redescribe(
            date=d,
            unit=unit,
            mandate=draw(st.none() | st.sampled_from(MANDATES)),
            functions=draw(st.none() | st.sampled_from(FUNCTIONS)),
        )
    if which == 3:
        return Relocate(date=d, unit=unit, location=draw(st.sampled_from(LOCATIONS)))
    head = draw(st.none() | st.sampled_from(sorted(s.posts))) if s.posts else None
    return SetHead(date=d, unit=unit, head=head)


def _move(draw, s, d):
    node = _pick(draw, s.nodes())
    if node is None:
        return None
    return Move(date=d, node=node, to=_node_or_none(draw, s))


def _post_change(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    which = draw(st.integers(0, 3))
    if which == 3:
        given = {
            "title": draw(st.none() | st.sampled_from(NAMES)),
            "duty_station": draw(st.none() | st.sampled_from(STATIONS)),
            "senior": draw(st.none() | st.booleans()),
            "status": draw(st.none() | st.sampled_from(list(PostStatus))),
            "funding": draw(st.none() | st.sampled_from([f for f in Funding if f])),
            "fte": draw(st.none() | st.sampled_from([1.0, 0.5])),
        }
        return AmendPost(date=d, post=post, **given)
    if which == 0:
        return RegradePost(
            date=d,
            post=post,
            grade=draw(st.sampled_from(GRADES)),
            title=draw(st.none() | st.sampled_from(NAMES)),
            category=draw(st.none() | st.sampled_from(CATEGORIES)),
        )
    if which == 1:
        kwargs = {}
        if draw(st.booleans()):
            kwargs["unit"] = _pick(draw, s.units) if draw(st.booleans()) else None
        if draw(st.booleans()) or not kwargs:
            kwargs["reports_to"] = _node_or_none(draw, s)
        return MovePost(date=d, post=post, **kwargs)
    return AbolishPost(date=d, post=post)


def _abolish(draw, s, d):
    # Mostly units that can go (nothing reports to them, no posts in them).
    free = [u for u in s.units if not s.reporting_to(u) and not s.posts_in(u)]
    unit = _pick(draw, free if free and draw(st.integers(0, 3)) else s.units)
    return None if unit is None else Abolish(date=d, unit=unit)


def _people(draw, s, d):
    post = _pick(draw, s.posts)
    if post is None:
        return None
    holders = s.holders.get(post, ())
    if holders and draw(st.booleans()):
        return Vacate(date=d, post=post, person=draw(st.sampled_from([a.person for a in holders])))
    return Assign(
        date=d,
        post=post,
        person=draw(st.sampled_from(sorted(PEOPLE))),
        kind=draw(st.sampled_from(list(AssignmentKind))),
    )


def _line(draw, s, d):
    if s.lines and draw(st.booleans()):
        line = draw(
            st.sampled_from(sorted(s.lines, key=lambda ln: (ln.source, ln.kind, ln.target)))
        )
        return RemoveLine(date=d, source=line.source, kind=line.kind, target=line.target)
    ends = sorted({*s.units, *s.posts})
    if len(ends) < 2:
        return None
    source, target = draw(st.lists(st.sampled_from(ends), min_size=2, max_size=2, unique=True))
    return AddLine(date=d, source=source, kind=draw(st.sampled_from(SIDE_KINDS)), target=target)


def _merge(draw, s, d):
    units = sorted(s.units)
    if len(units) < 2:
        return None
    merged = tuple(draw(st.lists(st.sampled_from(units), min_size=1, max_size=3, unique=True)))
    if draw(st.booleans()) and len(merged) >= 2:
        return Merge(date=d, units=merged, into=draw(st.sampled_from(merged)))
    uid = _free_id(draw, s, UNIT_IDS)
    if uid is None:
        return None
    return Merge(
        date=d, units=merged, into=uid, new=_spec(draw, s, uid), parent=_node_or_none(draw, s)
    )


def _replace(draw, s, d):
    unit = _pick(draw, s.units)
    if unit is None:
        return None
    if draw(st.booleans()):
        other = _pick(draw, [u for u in s.units if u != unit])
        return None if other is None else Replace(date=d, unit=unit, by=other)
    uid = _free_id(draw, s, UNIT_IDS)
    if uid is None:
        return None
    parent = _node_or_none(draw, s) if draw(st.booleans()) else None
    return Replace(date=d, unit=unit, by=uid, new=_spec(draw, s, uid), parent=parent)


def _split(draw, s, d):
    unit = _pick(draw, s.units)
    free = [i for i in UNIT_IDS if not s.exists(i)]
    if unit is None or not free:
        return None
    new_ids = draw(st.lists(st.sampled_from(free), min_size=1, max_size=2, unique=True))
    into = tuple(_spec(draw, s, i) for i in new_ids)
    homes = sorted({*new_ids, *s.units})
    moves = {child: draw(st.sampled_from(homes)) for child in s.children(unit)}
    parents = {}
    for i in new_ids:
        if draw(st.booleans()):
            parents[i] = draw(st.sampled_from(homes))
    keep = draw(st.booleans())
    return Split(date=d, unit=unit, into=into, keep=keep, parents=parents, moves=moves)


#: proposers and how often to use them (repeats weigh the draw).
PROPOSERS = [
    _create_unit,
    _create_unit,
    _create_unit,
    _create_post,
    _create_post,
    _create_post,
    _unit_edit,
    _unit_edit,
    _move,
    _move,
    _post_change,
    _post_change,
    _abolish,
    _people,
    _people,
    _line,
    _line,
    _merge,
    _replace,
    _split,
]
BUILDERS = [_create_unit, _create_unit, _create_post, _create_post, _people, _line]


def propose(draw: st.DrawFn, s: Structure, d: FuzzyDate, proposers=PROPOSERS) -> Change | None:
    """A change proposed against ``s`` (its check may fail), or None."""
    return draw(st.sampled_from(proposers))(draw, s, d)


def _grow(draw, s: Structure, steps: int, dates, proposers, keep_failures: bool):
    """Propose ``steps`` changes on ``s`` in order; return those kept."""
    kept: list[Change] = []
    for i in range(steps):
        change = propose(draw, s, dates[i], proposers)
        if change is None:
            continue
        change = replace(change, id=f"c{i}")
        if change.check(s):
            if keep_failures and draw(st.integers(0, 9)) == 0:
                kept.append(change)
            continue
        trial = s.copy()
        step(change, trial)
        if not closed(trial):
            continue
        step(change, s)
        kept.append(change)
    return kept


# ------------------------------------------------------------------ strategies
@st.composite
def structures(draw: st.DrawFn, max_steps: int = 18) -> Structure:
    """A random organization: units, senior and ordinary posts, side lines, holders."""
    s = Structure(people=PEOPLE)
    steps = draw(st.integers(0, max_steps))
    _grow(draw, s, steps, [DATES[0]] * steps, BUILDERS, keep_failures=False)
    return s


@dataclass
class History:
    """A generated timeline and the dates worth looking at in it."""

    timeline: Timeline
    dates: list[FuzzyDate]


@st.composite
def histories(draw: st.DrawFn, max_steps: int = 30) -> History:
    """A timeline of random valid changes over dates of mixed precision.

    Dates are drawn first and sorted in the timeline's order of application, so the
    structure each change is proposed against is the one folding will apply it to.
    """
    steps = draw(st.integers(1, max_steps))
    dates = sorted(
        draw(st.lists(st.sampled_from(DATES), min_size=steps, max_size=steps)),
        key=FuzzyDate.sort_key,
    )
    s = Structure(people=PEOPLE)
    kept = _grow(draw, s, steps, dates, PROPOSERS, keep_failures=True)
    return History(Timeline(kept, PEOPLE), sorted(set(dates), key=FuzzyDate.sort_key))


def days_of(history: History) -> list[dt.date]:
    """Days worth querying: every change's first and last day, and the day before."""
    days = set()
    for d in history.dates:
        days.update({d.start, d.end, d.start - dt.timedelta(days=1)})
    return sorted(days)
