"""The Markdown report of one benchmark run."""

from __future__ import annotations

import datetime as dt
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .about import machine, revision
from .measure import Measure, peak_rss
from .run import Bench
from .targets import FLOOR_TARGET, SQL_PEERS, SQL_TARGET, judge, limits_of

IMPLS = (
    "Organogram",
    "Organogram (columns)",
    "SQLite (join)",
    "SQLite (correlated)",
    "PostgreSQL (join)",
    "PostgreSQL (correlated)",
    "networkx",
    "NumPy floor",
    "YAML C parser (floor)",
)
SQL = tuple(i for i in IMPLS if i.startswith(SQL_PEERS))
COLUMNS = "Organogram (columns)"


def seconds(m: Measure | None) -> str:
    if m is None:
        return "n/a"
    if m.note:
        return m.note
    text = _s(m.median)
    if m.runs > 1:
        text += f" ±{_s(m.spread / 2)}"
    return text


def _s(x: float) -> str:
    """Seconds, milliseconds or microseconds, three significant digits."""
    if x >= 1:
        return f"{x:.3g} s"
    if x >= 0.001:
        return f"{x * 1e3:.3g} ms"
    return f"{x * 1e6:.3g} µs"


def ratio(a: float | None, b: float | None) -> str:
    if not a or not b or a != a or b != b:
        return "n/a"
    r = a / b
    return f"{r:.2g}x" if r < 10 else f"{r:,.0f}x"


def write(bench: Bench, out: Path, command: str) -> None:
    org = bench.org
    args = bench.args
    impls = [i for i in IMPLS if any(i in r.measures for r in bench.results)]
    lines = [
        f"# Benchmark: {args.size} ({dt.date.today().isoformat()})",
        "",
        f"Command: `make bench SIZE={args.size}` (runs `{command}`); seed {args.seed}; "
        f"after a first run, up to {args.runs} timed runs per implementation and operation "
        f"(fewer when one run is long: at most {args.budget:.0f} s of repeats); code at "
        f"commit {revision()}.",
        "",
        "Machine: " + "; ".join(machine()) + ". Python "
        f"{platform.python_version()}, NumPy {_version('numpy')}, networkx "
        f"{_version('networkx')}, "
        + ", ".join(f"{k} {v}" for k, v in bench.versions.items())
        + ". The machine is shared with other work: expect some noise.",
        "",
        f"Organization: {org.size.units:,} units and {org.size.posts:,} posts at the start, "
        f"{org.size.months} months of changes, {len(org.changes):,} change objects "
        f"({', '.join(f'{k} {v:,}' for k, v in org.counts.items() if not k.startswith('plan'))})"
        f"; {len(org.unit_rows):,} unit rows and {len(org.post_rows):,} post rows for the "
        f"peers; a plan of {len(org.plan.changes)} changes "
        f"({', '.join(f'{k[5:]} {v}' for k, v in org.counts.items() if k.startswith('plan'))}).",
        "",
        "## Setup (not part of the operations' times)",
        "",
        "| step | time | resident memory added (MB) |",
        "|---|---:|---:|",
    ]
    for label, secs, grew in bench.setup:
        lines.append(f"| {label} | {_s(secs)} | {grew / 1e6:,.0f} |")
    lines += [
        "",
        "## Time per operation (median of the timed runs ± half their spread)",
        "",
        "| operation | " + " | ".join(impls) + " |",
        "|---|" + "---:|" * len(impls),
    ]
    for r in bench.results:
        lines.append(
            f"| {r.label} | " + " | ".join(seconds(r.measures.get(i)) for i in impls) + " |"
        )
    lines += [
        "",
        "## Ratios, first runs and agreement",
        "",
        "Organogram / floor: how many times slower than the floor (target: at most 3x on the "
        "large size). Best SQL / Organogram: how many times faster than the best SQL peer "
        "(target: at least 10x on rollups and diffs). First run: Organogram's first call, "
        "which fills caches (checkpoints already exist from the setup's full fold). "
        "Columns / floor and best SQL / columns: the same ratios for Organogram's columns "
        "(organogram/columns, issue 21), which the registry reads only for the Chart "
        "page's figures so far.",
        "",
        "| operation | Organogram / floor | best SQL / Organogram | best peer / Organogram "
        "| Organogram first run | columns / floor | best SQL / columns "
        "| implementations agreeing (answer) |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in bench.results:
        org_m = r.measures.get("Organogram")
        own = org_m.median if org_m else None
        floor = next((m.median for i, m in r.measures.items() if "floor" in i), None)
        sqls = [m.median for i, m in r.measures.items() if i in SQL and not m.note]
        peers = [
            m.median
            for i, m in r.measures.items()
            if not i.startswith("Organogram") and "floor" not in i and not m.note
        ]
        col_m = r.measures.get(COLUMNS)
        col = col_m.median if col_m else None
        lines.append(
            f"| {r.label} | {ratio(own, floor)} | {ratio(min(sqls, default=None), own)} | "
            f"{ratio(min(peers, default=None), own)} | {_s(org_m.first) if org_m else 'n/a'} | "
            f"{ratio(col, floor)} | {ratio(min(sqls, default=None), col)} | "
            f"{len(r.agreed)} ({r.answer}) |"
        )
    lines += _targets(bench)
    lines += [
        "",
        "## Peak memory during the first run (MB above the memory held before it)",
        "",
        "| operation | " + " | ".join(impls) + " |",
        "|---|" + "---:|" * len(impls),
    ]
    for r in bench.results:
        cells = []
        for i in impls:
            m = r.measures.get(i)
            cells.append("n/a" if m is None or m.note else f"{m.memory / 1e6:,.0f}")
        lines.append(f"| {r.label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"Peak resident memory of the whole run: {peak_rss() / 2**30:.1f} GiB (PostgreSQL's "
        "server memory is not counted).",
        "",
        "## Notes",
        "",
    ]
    for r in bench.results:
        if r.note:
            lines.append(f"- {r.label}: {r.note}")
    lines += [f"- {n}" for n in bench.notes]
    lines += [
        "- Every implementation's answer is checked against Organogram's; the run stops on "
        "any disagreement, so every operation in this report was answered identically by "
        "the implementations listed as agreeing.",
        "- Peers answer from effective-dated rows; Organogram from its timeline of change "
        "objects. Rollups, chains and validation run on each implementation's structure of "
        "the present, prepared beforehand (Organogram's snapshot, networkx's graph, NumPy's "
        "arrays with a children list), while the SQL peers query the versioned rows directly.",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n")


def _targets(bench: Bench) -> list[str]:
    """The targets section: each operation against the targets that hold for it, and
    what limits those that miss (see :mod:`bench.targets`)."""
    lines = [
        "",
        "## Targets",
        "",
        f"Within {FLOOR_TARGET:g}x of the NumPy floor (every operation that has one) and at "
        f"least {SQL_TARGET:g}x faster than the best SQL peer (rollups and the diff). A "
        "blank cell: the target does not hold for that operation, or both times are under "
        "0.1 ms, where a ratio measures the cost of a call rather than the work. A SQL "
        f"ratio marked \"at least\" compares with the time limit ({bench.args.limit:.0f} s) "
        "at which every SQL peer was stopped.",
        "",
        "| operation | x floor | within 3x of the floor | best SQL / Organogram "
        "| 10x faster than SQL |",
        "|---|---:|---|---:|---|",
    ]
    missed = []
    for r in bench.results:
        v = judge(r.key, r.measures, bench.args.limit)
        if v.missed:
            missed.append(r)
        sql = "n/a" if v.sql_ratio is None else ratio(v.sql_ratio, 1.0)
        if v.sql_bound and v.sql_ratio is not None:
            sql = "at least " + sql
        floor = "n/a" if v.floor_ratio is None else ratio(v.floor_ratio, 1.0)
        lines.append(
            f"| {r.label} | {floor} | {_mark(v.floor)} | {sql} | {_mark(v.sql)} |"
        )
    if missed:
        lines += ["", "What limits the operations that miss a target (the profiles are in "
                  "docs/performance.md, \"Why the missed targets are missed\"):", ""]
        lines += [f"- {r.label}: {limits_of(r.key) or 'not profiled yet.'}" for r in missed]
    return lines


def _mark(verdict: str) -> str:
    return {"met": "met", "missed": "**missed**"}.get(verdict, "")


def _version(package: str) -> str:
    """A package's version, read from its metadata (the report needs no import of it)."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "(not installed)"
