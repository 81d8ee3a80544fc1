"""The benchmark's generator: deterministic by seed, and its rows say what its changes do.

The benchmark compares Organogram with peers that read the generator's effective-dated
rows; these tests check, on a small organization, that folding the generated changes
gives the structure the rows give, on every date and with the plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json

from bench.generate import Organization, generate
from bench.rows import Rows
from bench.sizes import OPEN, SIZES, Size, unit_name
from organogram.core.plans import preview
from organogram.core.timeline import Timeline

TINY = Size("tiny", 60, 600, (3, 5), 6, months=24, unit_churn=0.05, post_churn=0.05)

#: Digests of what the generator made, seed 5, when it was one module (before it was
#: split by job): the split, and any later refactoring, must not change a single row.
DIGESTS = {
    "tiny": "3d6b2ecc6f1a76c3b04c585f4b1309b1f5268754cdffcdcd411a241dd6bfe66d",
    "small": "dd6ff41879f871f1ff1a83a5ac15fa5e77e80e6e8bc2810a72885259c5b25139",
}


def plain(x: object) -> object:
    """``x`` as JSON-ready data; dataclass fields left at their default are left out, so
    a field the core adds later with a default does not change the digest."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        out = {}
        for f in dataclasses.fields(x):
            value = getattr(x, f.name)
            default = (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
            )
            if value != default and f.name != "origin":
                out[f.name] = plain(value)
        return {type(x).__name__: out}
    if isinstance(x, dict):
        return [[plain(k), plain(v)] for k, v in x.items()]
    if isinstance(x, list | tuple):
        return [plain(v) for v in x]
    if isinstance(x, enum.Enum):
        return plain(x.value)
    if isinstance(x, dt.date):
        return x.isoformat()
    return x


def digest(org: Organization) -> str:
    """One hash over every change, row, plan row and index the generator returns."""
    h = hashlib.sha256()
    for rows in (org.unit_rows, org.post_rows, org.plan_rows.units, org.plan_rows.posts):
        h.update(json.dumps(rows.as_tuples()).encode())
    for change in [*org.changes, *org.plan.changes]:
        h.update(json.dumps(plain(change)).encode())
    pr = org.plan_rows
    h.update(json.dumps(plain([pr.day, pr.closed_units, pr.closed_posts, org.days])).encode())
    h.update(json.dumps([org.n_units, org.n_posts, list(org.post_grade), org.root,
                         org.departments, org.wide, sorted(org.counts.items())]).encode())
    return h.hexdigest()


def test_a_seed_gives_the_organization_it_always_gave():
    for size in (TINY, SIZES["small"]):
        assert digest(generate(size, seed=5)) == DIGESTS[size.name], size.name


def as_of(units: Rows, posts: Rows, day: int) -> tuple[dict, dict]:
    """Units (parent, name) and posts (unit) in force on ``day``, read from the rows."""
    unit_map = {
        u: (p, unit_name(u, v))
        for u, p, v, alive, start, end in units.as_tuples()
        if alive and start <= day < end
    }
    post_map = {
        j: u for j, u, _, alive, start, end in posts.as_tuples() if alive and start <= day < end
    }
    return unit_map, post_map


def from_structure(s) -> tuple[dict, dict]:
    units = {
        int(u[1:]): (int(s.oversight[u][1:]) if u in s.oversight else -1, unit.name)
        for u, unit in s.units.items()
    }
    posts = {int(p[1:]): int(post.unit[1:]) for p, post in s.posts.items()}
    return units, posts


def with_plan(rows: Rows, closed: list[int], day: int, added: Rows) -> Rows:
    out = Rows()
    ending = set(closed)
    for e, v, x, alive, start, end in rows.as_tuples():
        if e in ending and alive and end == OPEN:
            end = day
        out.add(e, v, x, alive, start, end)
    for row in added.as_tuples():
        out.add(*row)
    return out


def test_the_same_seed_gives_the_same_organization():
    a, b, c = generate(TINY, seed=3), generate(TINY, seed=3), generate(TINY, seed=4)
    assert [(x.op, x.params()) for x in a.changes] == [(x.op, x.params()) for x in b.changes]
    assert a.unit_rows.as_tuples() == b.unit_rows.as_tuples()
    assert [(x.op, x.params()) for x in a.changes] != [(x.op, x.params()) for x in c.changes]


def test_the_rows_agree_with_the_fold_on_every_date_and_with_the_plan():
    org = generate(TINY, seed=2)
    assert {"move", "merge", "split", "rename", "move-post"} <= set(org.counts)
    tl = Timeline(org.changes)
    _, failures = tl.fold()
    assert not failures
    for day in org.days:
        s = tl.snapshot(day).structure
        assert from_structure(s) == as_of(org.unit_rows, org.post_rows, day.toordinal())
    rows = org.plan_rows
    p = preview(tl, org.plan)
    assert p.ok, p.problems()
    units = with_plan(org.unit_rows, rows.closed_units, rows.day, rows.units)
    posts = with_plan(org.post_rows, rows.closed_posts, rows.day, rows.posts)
    assert from_structure(p.structure) == as_of(units, posts, rows.day)
