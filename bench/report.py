"""The Markdown report of one benchmark run."""

from __future__ import annotations

import datetime as dt
import platform
from pathlib import Path

import networkx
import numpy

from .about import machine, revision
from .measure import Measure, peak_rss
from .run import Bench

IMPLS = (
    "Organogram",
    "SQLite (join)",
    "SQLite (correlated)",
    "PostgreSQL (join)",
    "PostgreSQL (correlated)",
    "networkx",
    "NumPy floor",
    "YAML C parser (floor)",
)
SQL = tuple(i for i in IMPLS if i.startswith(("SQLite", "PostgreSQL")))


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
        f"{platform.python_version()}, NumPy {numpy.__version__}, networkx "
        f"{networkx.__version__}, "
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
        "which fills caches (checkpoints already exist from the setup's full fold).",
        "",
        "| operation | Organogram / floor | best SQL / Organogram | best peer / Organogram "
        "| Organogram first run | implementations agreeing (answer) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in bench.results:
        org_m = r.measures.get("Organogram")
        own = org_m.median if org_m else None
        floor = next((m.median for i, m in r.measures.items() if "floor" in i), None)
        sqls = [m.median for i, m in r.measures.items() if i in SQL and not m.note]
        peers = [
            m.median
            for i, m in r.measures.items()
            if i != "Organogram" and "floor" not in i and not m.note
        ]
        lines.append(
            f"| {r.label} | {ratio(own, floor)} | {ratio(min(sqls, default=None), own)} | "
            f"{ratio(min(peers, default=None), own)} | {_s(org_m.first) if org_m else 'n/a'} | "
            f"{len(r.agreed)} ({r.answer}) |"
        )
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
