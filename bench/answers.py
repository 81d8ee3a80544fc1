"""Every implementation's answer in one comparable form, made outside the timed calls.

Units and posts are numbered (Organogram's ``u12`` is unit 12), names are the names
the generator gives, costs are sums of whole numbers (exact in floating point).
"""

from __future__ import annotations

from collections.abc import Iterable

from organogram.core.diff import DateDiff
from organogram.core.structure import Structure

from .peers import floor, graph
from .sizes import unit_name


def num(node: str | None) -> int:
    """``u12`` -> 12; None (the top) -> -1."""
    return -1 if node is None else int(node[1:])


# ------------------------------------------------------------------ structures
def structure(units: Iterable[tuple[int, int, str]], posts: Iterable[tuple[int, int]]) -> tuple:
    return tuple(sorted(units)), tuple(sorted(posts))


def core_structure(s: Structure) -> tuple:
    return structure(
        ((num(u), num(s.oversight.get(u)), unit.name) for u, unit in s.units.items()),
        ((num(p), num(post.unit)) for p, post in s.posts.items()),
    )


def sql_structure(raw: tuple[list[tuple], list[tuple]]) -> tuple:
    units, posts = raw
    return structure(((u, p, unit_name(u, v)) for u, p, v in units), posts)


def floor_structure(day: floor.Day) -> tuple:
    units = (day.parent != floor.ABSENT).nonzero()[0]
    placed = (day.post_unit >= 0).nonzero()[0]
    return structure(
        ((int(u), int(day.parent[u]), unit_name(int(u), int(day.namev[u]))) for u in units),
        ((int(p), int(day.post_unit[p])) for p in placed),
    )


def columns_structure(day) -> tuple:
    """A day of Organogram's columns (organogram.columns.Day)."""
    ids = day.versions.nodes.text
    names = day.versions.text.text
    units = day.units_in_force()
    posts = day.posts_in_force()
    return structure(
        (
            (num(ids[u]), num(ids[p]) if p >= 0 else -1, names[n])
            for u, p, n in zip(
                units.tolist(), day.parent[units].tolist(), day.name[units].tolist(), strict=True
            )
        ),
        ((num(ids[p]), num(ids[u])) for p, u in zip(
            posts.tolist(), day.post_unit[posts].tolist(), strict=True
        )),
    )


def graph_structure(day: graph.Day) -> tuple:
    g = day.graph
    return structure(
        (
            (u, next(iter(g.pred[u]), -1), unit_name(u, attrs["namev"]))
            for u, attrs in g.nodes(data=True)
        ),
        day.post_unit.items(),
    )


# --------------------------------------------------------------------- rollups
def rollup(value: tuple) -> tuple[int, float]:
    headcount, cost = value
    return int(headcount), float(cost)


def rollups(pairs: Iterable[tuple[int, int, float]]) -> tuple:
    """Units with posts below them, with their headcount and cost."""
    return tuple(sorted((int(u), int(h), float(c)) for u, h, c in pairs if h))


def core_rollups(value: dict) -> tuple:
    return rollups((num(n), r.headcount, r.cost) for n, r in value.items())


def floor_rollups(value) -> tuple:
    units, headcount, cost = value
    return rollups(zip(units.tolist(), headcount.tolist(), cost.tolist(), strict=True))


def columns_rollups(value, ids: list[str]) -> tuple:
    nodes, headcount, cost = value
    return rollups(
        (num(ids[n]), h, c)
        for n, h, c in zip(nodes.tolist(), headcount.tolist(), cost.tolist(), strict=True)
    )


def graph_rollups(value: dict) -> tuple:
    return rollups((u, h, c) for u, (h, c) in value.items())


# ---------------------------------------------------------------------- chains
def core_chains(value: list[list[str]]) -> tuple:
    return tuple(tuple(num(u) for u in chain) for chain in value)


def chains(value: Iterable[Iterable[int]]) -> tuple:
    return tuple(tuple(int(u) for u in chain) for chain in value)


# ------------------------------------------------------------------------ diff
KINDS = ("units_added", "units_removed", "units_moved", "units_renamed", "posts_moved")


def diff(parts: dict[str, Iterable[int]]) -> tuple:
    return tuple((k, tuple(sorted(int(x) for x in parts[k]))) for k in KINDS)


def _structures_diff(
    before: dict[int, tuple[int, str]],
    after: dict[int, tuple[int, str]],
    posts_before: dict[int, int],
    posts_after: dict[int, int],
) -> tuple:
    kept = before.keys() & after.keys()
    return diff(
        {
            "units_added": after.keys() - before.keys(),
            "units_removed": before.keys() - after.keys(),
            "units_moved": [u for u in kept if before[u][0] != after[u][0]],
            "units_renamed": [u for u in kept if before[u][1] != after[u][1]],
            "posts_moved": [
                p for p, u in posts_before.items() if p in posts_after and posts_after[p] != u
            ],
        }
    )


def core_diff(value: DateDiff) -> tuple:
    def units(s: Structure) -> dict[int, tuple[int, str]]:
        return {num(u): (num(s.oversight.get(u)), unit.name) for u, unit in s.units.items()}

    def posts(s: Structure) -> dict[int, int]:
        return {num(p): num(post.unit) for p, post in s.posts.items()}

    return _structures_diff(
        units(value.before), units(value.after), posts(value.before), posts(value.after)
    )


def sql_diff(value: tuple[list[tuple], list[tuple]]) -> tuple:
    units, posts = value
    return diff(
        {
            "units_added": [u for u, pa, _, _, _ in units if pa is None],
            "units_removed": [u for u, _, pb, _, _ in units if pb is None],
            "units_moved": [
                u for u, pa, pb, _, _ in units if None not in (pa, pb) and pa != pb
            ],
            "units_renamed": [
                u for u, pa, pb, na, nb in units if None not in (pa, pb) and na != nb
            ],
            "posts_moved": [p for (p,) in posts],
        }
    )


def floor_diff(value: dict) -> tuple:
    return diff({k: v.tolist() for k, v in value.items()})


def columns_diff(value: dict, ids: list[str]) -> tuple:
    return diff({k: [num(ids[n]) for n in value[k].tolist()] for k in KINDS})


def graph_diff(value: tuple[graph.Day, graph.Day]) -> tuple:
    def units(day: graph.Day) -> dict[int, tuple[int, int]]:
        g = day.graph
        return {u: (next(iter(g.pred[u]), -1), a["namev"]) for u, a in g.nodes(data=True)}

    a, b = value
    return _structures_diff(units(a), units(b), a.post_unit, b.post_unit)


# ---------------------------------------------------------------------- series
def core_series(value: list) -> tuple:
    return tuple((day.toordinal(), int(r.headcount), float(r.cost)) for day, r in value)


def columns_series(value: list) -> tuple:
    return tuple((day.toordinal(), int(h), float(c)) for day, h, c in value)


def series(value: Iterable[tuple], days: list[int]) -> tuple:
    found = {int(d): (int(h), float(c)) for d, h, c in value}
    return tuple((d, *found.get(d, (0, 0.0))) for d in days)


# -------------------------------------------------------------------- findings
def core_findings(findings: list) -> tuple:
    return (
        frozenset(num(f.subject) for f in findings if f.code == "span"),
        frozenset(num(f.subject) for f in findings if f.code == "depth"),
    )


def findings(value: tuple[Iterable[int], Iterable[int]]) -> tuple:
    wide, deep = value
    return frozenset(int(u) for u in wide), frozenset(int(u) for u in deep)
