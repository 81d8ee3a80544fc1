"""The operations of the benchmark, each on every implementation (issue 6's list)."""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from pathlib import Path

import numpy as np

from organogram.core.validation import REGISTRY

from . import answers
from .generate import Organization, generate
from .peers.columnar import Columnar
from .peers.core import Core
from .peers.floor import Floor, Prepared
from .peers.graph import Graph
from .peers.sql import FORMS, PostgreSQL, SQLite, SQLPeer
from .run import CONFIG, Bench, Entry, guarded, say

MAX_SPAN, MAX_DEPTH = CONFIG.max_span, CONFIG.max_depth


def run_all(bench: Bench, tmp: Path, pg_url: str | None) -> None:
    """Set everything up, then run every operation."""
    args = bench.args
    org: Organization = bench.setup_step(
        "generate the organization (core change objects and effective-dated rows)",
        lambda: generate(args.size, args.seed, progress=say),
    )
    bench.org = org
    core: Core = bench.setup_step("Organogram: timeline from the change objects", lambda: Core(org))
    bench.setup_step(
        "Organogram: first full fold (takes the checkpoints)", lambda: core.timeline.fold()
    )
    cols: Columnar = bench.setup_step(
        "Organogram columns: every version from one fold of the timeline",
        lambda: Columnar(core.timeline),
    )
    bench.notes.append(
        f"Organogram's columns hold {cols.versions.nbytes() / 1e6:,.1f} MB of arrays "
        f"({len(cols.versions.units):,} unit versions, {len(cols.versions.posts):,} post "
        f"versions, {len(cols.versions.nodes):,} node ids)."
    )
    floor: Floor = bench.setup_step("NumPy: column arrays", lambda: Floor(org))
    graph = Graph(org)
    sqlite = SQLite(str(tmp / "bench.sqlite"))
    bench.setup_step("SQLite: load rows and build indexes", lambda: sqlite.load(org, say))
    sqlite.temp_tables()
    bench.versions = {"SQLite": sqlite.version}
    sql = [SQLPeer(sqlite, form) for form in FORMS]
    pg = None
    if pg_url is not None:
        pg = PostgreSQL(pg_url)
        bench.setup_step(
            "PostgreSQL: load rows (COPY) and build indexes", lambda: pg.load(org, say)
        )
        pg.temp_tables()
        bench.versions["PostgreSQL"] = str(pg.version)
        sql += [SQLPeer(pg, form) for form in FORMS]
    else:
        bench.notes.append(
            "PostgreSQL was not measured: no server answered (set DATABASE_URL or --postgres)."
        )
    # Everything built so far lives until the end: set it aside from the collector's full
    # passes, which otherwise walk millions of objects (about 30 s on the large size)
    # before every measurement.
    gc.collect()
    gc.freeze()
    try:
        _operations(bench, org, core, cols, floor, graph, sql, tmp)
    finally:
        sqlite.close()
        if pg is not None:
            pg.close()
    # (7) Loading the dataset from YAML, last and alone: it needs the most memory.
    gc.unfreeze()
    del floor, graph, sql, cols
    gc.collect()
    if not bench.args.no_load and bench.wants("load"):
        from .load_yaml import load_operation

        load_operation(bench, org, core)


def _sql_entries(bench: Bench, sql: list[SQLPeer], call, canon) -> list[Entry]:
    return [
        Entry(p.name, guarded(p.db, bench.args.limit, lambda p=p: call(p)), canon) for p in sql
    ]


def _operations(
    bench: Bench,
    org: Organization,
    core: Core,
    cols: Columnar,
    floor: Floor,
    graph: Graph,
    sql: list[SQLPeer],
    tmp: Path,
) -> None:
    ids = cols.versions.nodes.text
    present = org.days[-1]
    past = org.days[len(org.days) // 2] + dt.timedelta(days=14)

    # (1) The structure as of a date.
    for key, day in (("snapshot-present", present), ("snapshot-past", past)):
        d = day.toordinal()
        bench.run(
            key,
            f"structure as of {day} (units and posts)",
            [
                Entry("Organogram", lambda day=day: core.snapshot(day), answers.core_structure),
                Entry(Columnar.name, lambda day=day: cols.as_of(day), answers.columns_structure),
                *_sql_entries(bench, sql, lambda p, d=d: p.snapshot(d), answers.sql_structure),
                Entry("networkx", lambda d=d: graph.as_of(d), answers.graph_structure),
                Entry("NumPy floor", lambda d=d: floor.as_of(d), answers.floor_structure),
            ],
        )

    # Each implementation's structure of the present, ready for questions about it.
    d = present.toordinal()
    s = core.snapshot(present)
    s.roots()  # the children index, as a chart would have it
    fp = floor.prepare(floor.as_of(d))
    cp = cols.prepare(cols.as_of(present))
    gp = graph.prepare(graph.as_of(d))

    # (2) Rollups.
    picks = _subtrees(floor, fp)
    bench.picked = picks
    for key, label, unit in picks:
        bench.run(
            key,
            f"headcount and cost under {label}",
            [
                Entry("Organogram", lambda u=unit: core.rollup(s, f"u{u}"), answers.rollup),
                Entry(Columnar.name, lambda u=unit: cols.rollup(cp, u), answers.rollup),
                *_sql_entries(bench, sql, lambda p, u=unit: p.rollup(u, d), answers.rollup),
                Entry("networkx", lambda u=unit: graph.rollup(gp, u), answers.rollup),
                Entry("NumPy floor", lambda u=unit: floor.rollup(fp, u), answers.rollup),
            ],
        )
    bench.run(
        "rollups-all",
        "headcount and cost of every unit, in one pass",
        [
            Entry("Organogram", lambda: core.rollups(s), answers.core_rollups),
            Entry(Columnar.name, lambda: cols.rollups(cp),
                  lambda v: answers.columns_rollups(v, ids)),
            *_sql_entries(bench, sql, lambda p: p.rollups(d), answers.rollups),
            Entry("networkx", lambda: graph.rollups(gp), answers.graph_rollups),
            Entry("NumPy floor", lambda: floor.rollups(fp), answers.floor_rollups),
        ],
    )

    # (3) Chains of oversight.
    posts = random.Random(org.seed).sample(range(org.n_posts), 1000)
    post_ids = [f"p{p}" for p in posts]
    picked = np.array(posts)
    bench.run(
        "chains",
        "chain of oversight of 1,000 random posts",
        [
            Entry("Organogram", lambda: core.chains(s, post_ids), answers.core_chains),
            Entry(Columnar.name, lambda: cols.chains(cp, post_ids), answers.core_chains),
            *_sql_entries(bench, sql, lambda p: p.chains(posts, d), answers.chains),
            Entry("networkx", lambda: graph.chains(gp, posts), answers.chains),
            Entry("NumPy floor", lambda: floor.chains(fp, picked), answers.chains),
        ],
    )

    # (4) Diff between two dates ten years apart.
    d0, d1 = org.days[min(60, len(org.days) - 1)], org.days[min(180, len(org.days) - 1)]
    o0, o1 = d0.toordinal(), d1.toordinal()
    result = bench.run(
        "diff",
        f"diff between {d0} and {d1}",
        [
            Entry("Organogram", lambda: core.diff(d0, d1), answers.core_diff),
            Entry(Columnar.name, lambda: cols.diff(d0, d1),
                  lambda v: answers.columns_diff(v, ids)),
            *_sql_entries(bench, sql, lambda p: p.diff(o0, o1), answers.sql_diff),
            Entry("networkx", lambda: graph.diff(o0, o1), answers.graph_diff),
            Entry("NumPy floor", lambda: floor.diff(o0, o1), answers.floor_diff),
        ],
    )
    bench.run(
        "diff-sets",
        "the same sets from two snapshots (Organogram only: what the peers compute)",
        [
            Entry(
                "Organogram",
                lambda: (core.snapshot(d0), core.snapshot(d1)),
                lambda pair: answers.core_diff(_Pair(*pair)),
            )
        ],
    )
    dd = core.diff(d0, d1) if bench.wants("diff") else None
    result.note = "" if dd is None else (
        f"Organogram's diff is {len(dd.changes):,} changes in its vocabulary "
        f"({', '.join(f'{k} {v:,}' for k, v in dd.summary().items() if v)}); the peers give "
        "the sets of units added, removed, moved and renamed and of posts moved, which are "
        "compared with the sets read off Organogram's two structures."
    )
    del dd

    # (5) Preview, validate and enact the plan.
    plan_day = org.plan.effective.start
    view = core.preview()
    assert view.ok, view.problems()[:5]
    bench.run(
        "plan-preview",
        f"preview a {len(org.plan.changes)}-change plan (structure as of {plan_day})",
        [
            Entry("Organogram", core.preview, lambda p: answers.core_structure(p.structure)),
            *_sql_entries(bench, sql, lambda p: p.preview(org), answers.sql_structure),
            Entry("networkx", lambda: graph.preview(gp, org), answers.graph_structure),
            Entry("NumPy floor", floor.preview, answers.floor_structure),
        ],
        note="Peers write the plan's versions in a transaction and read the structure "
        "on its day (then roll back); Organogram folds the plan's branch of the timeline.",
    )
    g_view = graph.preview(gp, org)
    f_view = floor.preview()
    root = org.root
    every_rule = time.perf_counter()
    core.validate(view, CONFIG)
    every_rule = time.perf_counter() - every_rule
    only = CONFIG.without(*(code for code in REGISTRY if code not in ("span", "depth")))
    bench.run(
        "plan-validate",
        "validate the plan's structure (span and depth rules)",
        [
            Entry("Organogram", lambda: core.validate(view, only), answers.core_findings),
            *_sql_entries(
                bench,
                sql,
                lambda p: p.validate(org, root, MAX_SPAN, MAX_DEPTH),
                answers.findings,
            ),
            Entry("networkx", lambda: graph.validate(g_view, MAX_SPAN, MAX_DEPTH),
                  answers.findings),
            Entry("NumPy floor", lambda: floor.validate(f_view, MAX_SPAN, MAX_DEPTH),
                  answers.findings),
        ],
        note="The two rules that fire on this data, as the peers compute them: units over "
        f"the span of control ({MAX_SPAN}) and one level past the depth limit ({MAX_DEPTH}). "
        f"All {sum(r.scope.value == 'structure' for r in REGISTRY.values())} of Organogram's "
        f"structure rules take {every_rule:.3g} s on the same structure.",
    )
    bench.run(
        "plan-check",
        "validate the plan along the whole timeline (check_plan: new findings marked)",
        [
            Entry(
                "Organogram",
                lambda: core.check_plan(CONFIG),
                lambda v: (len(v.findings), len(v.new), len(v.resolved)),
            )
        ],
        note="Organogram only: the rules run after every change date of the record with "
        "and without the plan. The first call validates the record; later calls reuse "
        "that run (kept with the timeline) and only go over the plan's changes.",
    )
    bench.run(
        "plan-enact",
        "enact the plan (conflict checks, then the new timeline)",
        [
            Entry(
                "Organogram",
                core.enact,
                lambda r: answers.core_structure(r.timeline.fold(plan_day)[0]),
            ),
            *_sql_entries(bench, sql, lambda p: p.enact(org), answers.sql_structure),
        ],
        note="SQL peers write the versions and commit (their answer is read afterwards and "
        "the plan taken out again, untimed); networkx and NumPy have nothing to enact into.",
    )

    if bench.wants("series"):
        _series(bench, org, floor, fp, graph, core, sql, cols)


def _series(bench, org, floor, fp, graph, core, sql, cols) -> None:
    """(6) A 240-month headcount series for one department."""
    # The department closest to 4% of the units today: a large one, not the largest.
    sizes = _sizes(floor, fp)
    dept = min(org.departments, key=lambda u: (abs(sizes[u] - 0.04 * sizes[org.root]), u))
    days = org.days[1:]
    ords = [x.toordinal() for x in days]
    entries = [
        Entry("Organogram", lambda: core.series(f"u{dept}", days), answers.core_series),
        Entry(Columnar.name, lambda: cols.series(dept, days), answers.columns_series),
        *_sql_entries(
            bench, sql, lambda p: p.series(dept, ords), lambda v: answers.series(v, ords)
        ),
    ]
    estimate = _estimate(lambda n: graph.series(dept, ords[:n]), len(ords))
    if estimate < bench.args.limit:
        entries.append(
            Entry("networkx", lambda: graph.series(dept, ords), lambda v: answers.series(v, ords))
        )
    else:
        bench.notes.append(
            f"networkx was not run on the series: one run would take about {estimate:.0f} s "
            f"(from {min(6, len(ords))} months), over the {bench.args.limit:.0f} s limit."
        )
    entries.append(
        Entry("NumPy floor", lambda: floor.series(dept, ords), lambda v: answers.series(v, ords))
    )
    bench.run(
        "series",
        f"headcount and cost of one department at {len(days)} month ends",
        entries,
        note=f"The department has about {_size(floor, fp, dept):,} units in its subtree today.",
    )



class _Pair:
    """Two structures, read as a date diff's before and after."""

    def __init__(self, before, after):
        self.before, self.after = before, after


def _estimate(fn, total: int, sample: int = 6) -> float:
    start = time.perf_counter()
    fn(min(sample, total))
    return (time.perf_counter() - start) * total / min(sample, total)


def _sizes(floor: Floor, p: Prepared) -> np.ndarray:
    """Units in each unit's subtree (itself included)."""
    levels = floor.levels(p)
    size = np.zeros(len(p.day.parent))
    size[np.concatenate(levels)] = 1
    for level in reversed(levels[1:]):
        size += np.bincount(p.day.parent[level], weights=size[level], minlength=len(size))
    return size


def _size(floor: Floor, p: Prepared, unit: int) -> int:
    return int(_sizes(floor, p)[unit])


def _subtrees(floor: Floor, p: Prepared) -> list[tuple[str, str, int]]:
    """A leaf, subtrees of about 4% and 20% of the units, and the root: key, label, unit."""
    size = _sizes(floor, p)
    alive = np.nonzero(p.day.parent != -2)[0]
    n = len(alive)
    leaves = alive[(p.counts[alive] == 0) & (p.post_counts[alive] > 0)]
    out = [("rollup-leaf", "a leaf unit", int(leaves.min()))]
    for share in (0.04, 0.20):
        target = share * n
        best = int(alive[np.argmin(np.abs(size[alive] - target) * 1e6 + alive)])
        out.append((f"rollup-subtree-{share:.0%}", f"a {int(size[best]):,}-unit subtree", best))
    root = int(alive[p.day.parent[alive] == -1][0])
    out.append(("rollup-root", f"the root ({n:,} units)", root))
    return out


__all__ = ["generate", "run_all"]
