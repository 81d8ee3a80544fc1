"""What the object path and the columns answer, in one comparable form each.

Every function takes the core's snapshot (or timeline) and the columns for the same
day and returns both answers; the tests assert they are equal.
"""

from __future__ import annotations

import datetime as dt

from organogram import columns
from organogram.columns.schema import LINK_FIELDS
from organogram.core import rollups as core_rollups
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

#: Every table of the columns.
TABLES = ("units", "posts", "lines", "holders", "lineage", "doubts", "link_doubts", "changes")


def same_columns(a: columns.Versions, b: columns.Versions) -> None:
    """``a`` and ``b`` hold the same rows in every table, their numbers read back as
    strings (asserts)."""
    for name in TABLES:
        assert a.rows(name) == b.rows(name), name


def structure(s: Structure, day: columns.Day) -> tuple[tuple, tuple]:
    """Units (placement, name) and posts (unit, placement, grade, senior), both ways."""
    core = (
        {u: (s.placement(u), unit.name) for u, unit in s.units.items()},
        {p: (post.unit, s.placement(p), post.grade, post.senior) for p, post in s.posts.items()},
    )
    grades = day.versions.grades.text
    units = day.units_in_force()
    posts = day.posts_in_force()
    text = day.versions.text.text
    cols = (
        {
            u: (day.placement(n), text[day.name[n]])
            for u, n in zip(day.node_ids(units), units, strict=True)
        },
        {
            p: (day.sits_in(n), day.placement(n), grades[day.grade[n]], bool(day.senior[n]))
            for p, n in zip(day.node_ids(posts), posts, strict=True)
        },
    )
    return core, cols


def rollups(s: Structure, day: columns.Day, costs: dict[str, float]) -> tuple[dict, dict]:
    """Every tree node's rollup, both ways."""
    core = {n: (r.headcount, r.cost) for n, r in core_rollups.rollups(s, costs).items()}
    nodes, headcount, cost = columns.rollups(day, costs)
    cols = dict(
        zip(
            day.node_ids(nodes),
            zip(headcount.tolist(), cost.tolist(), strict=True),
            strict=True,
        )
    )
    return core, cols


def rollup_each(s: Structure, day: columns.Day, costs: dict[str, float]) -> tuple[dict, dict]:
    """Each unit's and post's rollup asked alone (posts and absent nodes give nothing)."""
    nodes = [*s.units, *s.posts, *s.retired_units]
    core = {n: tuple(core_rollups.rollup(s, n, costs)) for n in nodes}
    cols = {n: columns.rollup(day, n, costs) for n in nodes}
    return core, cols


def chains(s: Structure, day: columns.Day) -> tuple[list, list]:
    """The chain of every unit and post in force, both ways."""
    nodes = [*s.units, *s.posts]
    return [s.chain(n) for n in nodes], columns.chains(day, nodes)


def diff_sets(timeline: Timeline, v: columns.Versions, a: dt.date, b: dt.date) -> tuple:
    """The set part of the diff between ``a`` and ``b``, from two snapshots and the columns."""
    sa, sb = timeline.snapshot(a).structure, timeline.snapshot(b).structure
    ua, ub, pa, pb = sa.units.keys(), sb.units.keys(), sa.posts.keys(), sb.posts.keys()
    kept_u, kept_p = ua & ub, pa & pb
    core = {
        "units_added": sorted(ub - ua),
        "units_removed": sorted(ua - ub),
        "units_moved": sorted(u for u in kept_u if sa.placement(u) != sb.placement(u)),
        "units_renamed": sorted(u for u in kept_u if sa.units[u].name != sb.units[u].name),
        "posts_added": sorted(pb - pa),
        "posts_removed": sorted(pa - pb),
        "posts_moved": sorted(p for p in kept_p if sa.posts[p].unit != sb.posts[p].unit),
        "posts_regraded": sorted(p for p in kept_p if sa.posts[p].grade != sb.posts[p].grade),
    }
    text = v.nodes.text
    cols = {
        k: sorted(text[i] for i in found.tolist())
        for k, found in columns.diff_sets(v, a, b).items()
    }
    return core, cols


def links(s: Structure, v: columns.Versions, day: dt.date) -> tuple:
    """Typed lines and holdings in force, both ways."""
    core_lines = {(ln.source, str(ln.kind), ln.target) for ln in s.lines}
    core_holders = {
        post: {(a.person, str(a.kind), "" if a.since is None else str(a.since)) for a in held}
        for post, held in s.holders.items()
        if held
    }
    return (core_lines, core_holders), (columns.lines_on(v, day), columns.holders_on(v, day))


def series(timeline: Timeline, v: columns.Versions, node: str, days, costs) -> tuple:
    """A node's rollup at many days, both ways."""
    core = [(d, r.headcount, r.cost) for d, r in core_rollups.series(timeline, node, days, costs)]
    return core, columns.series(v, node, days, costs)


def check_day(timeline: Timeline, v: columns.Versions, day: dt.date, costs) -> None:
    """Every read of one day agrees (asserts)."""
    snapshot = timeline.snapshot(day)
    s = snapshot.structure
    d = columns.Day.of(v, day)
    for name, (core, cols) in (
        ("certainty", certainty(snapshot, v, d)),
        ("structure", structure(s, d)),
        ("rollups", rollups(s, d, costs)),
        ("rollup", rollup_each(s, d, costs)),
        ("chains", chains(s, d)),
        ("links", links(s, v, day)),
    ):
        assert core == cols, f"{name} differs on {day}"


def certainty(snapshot, v: columns.Versions, day: columns.Day) -> tuple[tuple, tuple]:
    """Every node's answer, what is only possible about it and which change leaves it
    open, and the lines and holdings left open, both ways."""
    timeline, s = snapshot.timeline, snapshot.structure
    place = {c: i for i, c in enumerate(timeline.changes)}
    c = snapshot.certainty
    nodes = v.nodes.text
    core = (
        {n: c.status(s, n) for n in nodes},
        {n: [(p.aspect, place[p.change]) for p in ps] for n, ps in c.by_node.items()},
        {
            name: {_link_key(k): place[ch] for k, ch in getattr(c, name).items()}
            for name in LINK_FIELDS
        },
    )
    cols_c = columns.Certainty.of(day)
    cols = (
        {n: cols_c.status_of(n) for n in nodes},
        cols_c.reasons(),
        cols_c.links(),
    )
    return core, cols


def _link_key(key) -> tuple:
    if isinstance(key, tuple):
        return key
    return (key.source, str(key.kind), key.target)
