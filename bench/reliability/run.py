"""``make check-reliability``: every reliability run, a report, a failing status on failure.

``python -m bench.reliability.run [--quick] [--postgres URL] [--only loaders,writers]``
runs, on loopback only, on SQLite and (when a server answers at ``--postgres`` or
``DATABASE_URL``) on PostgreSQL: the malformed-input run over every loader and importer,
concurrent writers with ``kill -9``, slow clients, memory per write, and the OpenAPI fuzzing
run (when schemathesis is installed: the ``reliability`` extra). It prints its progress,
writes bench/results/reliability.md and exits 1 when any run fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import signal
import sys
import tempfile
import time
from pathlib import Path

from ..about import machine, revision
from . import loaders, memory, slow_clients, writers
from .common import IOM, Database, Server, cli, databases, say, token

RESULTS = Path(__file__).resolve().parents[1] / "results"
RUNS = ("loaders", "writers", "slow_clients", "memory", "fuzz")

#: The size of each run: the default (about 15 minutes on 2 cores with PostgreSQL) and
#: --quick (about 5).
SIZES = {
    "default": {
        "loaders": {"per_target": 3, "seconds": 120},
        "writers": {"clients": 6, "kills": 8, "load_kills": 6, "pairs": 40},
        "slow_clients": {"silent": 24, "seconds": 30},
        "memory": {"writes": 300},
        "fuzz": {"max_examples": 10, "seconds": 60},
    },
    "quick": {
        "loaders": {"per_target": 1, "seconds": 60},
        "writers": {"clients": 4, "kills": 3, "load_kills": 2, "pairs": 10},
        "slow_clients": {"silent": 12, "seconds": 10},
        "memory": {"writes": 200},
        "fuzz": {"max_examples": 3, "seconds": 30},
    },
}


def fuzz(work: Path, dbs: list[Database], *, max_examples: int, seconds: float) -> list[dict]:
    """The fuzz module's run (bench/reliability/fuzz.py) against a server on each database."""
    if importlib.util.find_spec("schemathesis") is None:
        return [{"database": db.name, "skipped": "schemathesis not installed"} for db in dbs]
    try:
        from . import fuzz as fuzzing
    except ImportError:
        return [{"database": db.name, "skipped": "the fuzz module is missing"} for db in dbs]
    results = []
    for db in dbs:
        tag = db.name.lower()
        var, name = work / f"fuzz-{tag}", f"reliab_fuzz_{tag}"
        db.create(var, name)
        env = db.env(var, name)
        if cli(["load", str(IOM)], env).returncode != 0:
            raise RuntimeError("loading the IOM data failed")
        tok = token(env, "fuzzer", "administrator")
        say(f"fuzz, {db.name}: every operation of the API, {seconds:.0f} s…")
        with Server(env, var / "serve.log", workers=2) as server:
            r = fuzzing.run(
                f"http://127.0.0.1:{server.port}", tok, max_examples=max_examples, seconds=seconds
            )
        db.drop(var, name)
        r["database"] = db.name
        say(
            f"fuzz, {db.name}: {r['requests']} requests over {r['operations']} operations, "
            f"{r['server_errors']} server errors, {r['undocumented']} undocumented statuses, "
            f"{r['schema_failures']} answers off their schema"
        )
        results.append(r)
    return results


def failed(name: str, results: list[dict]) -> list[str]:
    """The failures of one run, each a line."""
    found = []
    for r in results:
        db = r["database"]
        if name == "loaders":
            found += [
                f"{db}: {c.base}, {c.target}, {c.mutation}: {c.violation}" for c in r["violations"]
            ]
        elif name == "fuzz":
            if r.get("skipped"):
                continue
            if r["server_errors"] or r["undocumented"]:
                found.append(
                    f"{db}: {r['server_errors']} server errors, "
                    f"{r['undocumented']} undocumented statuses"
                )
        else:
            found += [f"{db}: {f}" for f in r["failures"]]
    return found


def _loaders_md(results: list[dict]) -> list[str]:
    lines = [
        "| database | inputs | tried | refused | accepted | violations | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['cases']} | {r['ran']} | {r['refused']} | "
            f"{r['accepted']} | {len(r['violations'])} | {r['seconds']:.0f} |"
        )
    by: dict[str, list[int]] = {}
    for r in results:
        for c in r["results"]:
            row = by.setdefault(c.base, [0, 0, 0])
            row[0] += 1
            row[1] += c.status not in (0, None)
            row[2] += bool(c.violation)
    lines += [
        "",
        "| loader | inputs tried (all databases) | refused | violations |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {k} | {v[0]} | {v[1]} | {v[2]} |" for k, v in by.items()]
    kinds = sorted({c.mutation for r in results for c in r["results"]})
    lines += [
        "",
        "Inputs are tried in turns, a loader at a time, until the time budget of each "
        "database is spent ('tried' says how many). Mutations tried: " + ", ".join(kinds) + ".",
    ]
    for r in results:
        for c in r["violations"]:
            lines.append(
                f"- {r['database']}: {c.base}, `{c.target}`, {c.mutation} ({c.mode}): {c.violation}"
            )
    return lines


def _writers_md(results: list[dict]) -> list[str]:
    lines = [
        "| database | clients | server kills | writes acknowledged | lost | refused (4xx) "
        "| unanswered | server errors | restart (median s) | export validates and loads |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        s = r["server"]
        lines.append(
            f"| {r['database']} | {s['clients']} | {s['kills']} | {s['acked']} | "
            f"{len(s['lost'])} | {s['refused']} | {s['unanswered']} | "
            f"{len(s['server_errors'])} | {s['restart_median']:.1f} | "
            f"{'yes' if not s['problems'] else 'no: ' + '; '.join(s['problems'])} |"
        )
    lines += [
        "",
        "Unanswered: attempts that met a server down (being restarted) or killed mid-answer; "
        "clients try again every 0.2 s, and such a write counts as not acknowledged whether "
        "or not it was recorded.",
        "",
        "| database | conflicting pairs | one wins, other 409 | both recorded | "
        "neither | killed loads | record before, whole | dataset loaded, whole | "
        "neither (half written) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        c, ld = r["server"]["conflicts"], r["load"]
        lines.append(
            f"| {r['database']} | {r['server']['pairs']} | {c['one-wins']} | "
            f"{c['both-recorded']} | {c['none-recorded']} | {ld['kills']} | {ld['before']} | "
            f"{ld['after']} | {ld['neither']} |"
        )
    return lines


def _slow_md(results: list[dict]) -> list[str]:
    lines = [
        "| database | silent connections held | trickling bodies | ordinary requests | "
        "median s | slowest s (bound 2) | silent dropped | longest held s (limit 5) | "
        "stalled body dropped after s (limit 5) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['database']} | {r['silent']} | 1 | {r['requests']} | {r['median']:.3f} | "
            f"{r['slowest']:.3f} | {r['drops']} | {r['longest_hold'] or 0:.1f} | "
            f"{r['stalled']:.1f} |"
        )
    return lines


def _memory_md(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        lines += [
            f"{r['database']}: {r['writes']} writes in {r['seconds']:.0f} s (every other one "
            f"to `{r['long_unit']}`, which so gains a long history). Growth per 100 writes "
            f"after the first {memory.WARM}, by worker: "
            + ", ".join(f"{g:+.1f} MB" for g in r["growth"])
            + f" (bound {memory.BOUND_MB:.0f} MB).",
            "",
            "| writes | "
            + " | ".join(f"worker {i + 1} MB" for i in range(len(r["samples"][0][1])))
            + " |",
            "|---:|" + "---:|" * len(r["samples"][0][1]),
        ]
        lines += [f"| {k} | " + " | ".join(f"{v:.0f}" for v in vs) + " |" for k, vs in r["samples"]]
        lines.append("")
    return lines


def _fuzz_md(results: list[dict]) -> list[str]:
    if all(r.get("skipped") for r in results):
        return [f"Skipped: {results[0]['skipped']}." if results else "Skipped."]
    lines = [
        "| database | operations | requests | server errors | undocumented statuses | "
        "answers off their schema | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r.get("skipped"):
            lines.append(f"| {r['database']} | skipped: {r['skipped']} | | | | | |")
            continue
        lines.append(
            f"| {r['database']} | {r['operations']} | {r['requests']} | {r['server_errors']} | "
            f"{r['undocumented']} | {r['schema_failures']} | {r.get('seconds', 0):.0f} |"
        )
    for r in results:
        for f in r.get("failures", [])[:10]:
            # schemathesis's messages run over lines: one line each, in the report.
            message = " ".join(str(f.get("message")).split())[:160]
            lines.append(
                f"- {r['database']}: `{f.get('method')} {f.get('path')}` "
                f"{f.get('status')}: {f.get('check')}: {message}"
            )
    return lines


def report(
    done: dict[str, list[dict]], seconds: float, args: argparse.Namespace, dbs: list[Database]
) -> str:
    """The Markdown report of the runs made."""
    command = "python -m bench.reliability.run" + (" --quick" if args.quick else "")
    names = ", ".join(db.name for db in dbs)
    lines = [
        "# Reliability: what a hostile or careless world does to the registry",
        "",
        f"Command: `{command}` (`make check-reliability`); code at commit {revision()}. "
        f"Machine: {'; '.join(machine())}, shared with other work. Databases: {names}. "
        f"Everything on loopback; the whole run took {seconds / 60:.1f} minutes. "
        "What each run does and what it counts as a failure is in its module's docstring "
        "(bench/reliability/).",
        "",
    ]
    sections = {
        "loaders": ("Malformed input to every loader and importer", _loaders_md),
        "writers": ("Concurrent writers and kill -9", _writers_md),
        "slow_clients": ("Slow and silent clients", _slow_md),
        "memory": ("Worker memory per write", _memory_md),
        "fuzz": ("OpenAPI fuzzing (schemathesis)", _fuzz_md),
    }
    for name, results in done.items():
        title, md = sections[name]
        problems = failed(name, results)
        lines += [f"## {title}: {'FAILED' if problems else 'passed'}", "", *md(results), ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.reliability.run", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--quick", action="store_true", help="shorter runs (about 5 minutes)")
    parser.add_argument(
        "--postgres", help="PostgreSQL URL (default: DATABASE_URL); skipped when no server answers"
    )
    parser.add_argument("--only", help=f"comma-separated runs among {', '.join(RUNS)}")
    parser.add_argument(
        "--out",
        default=str(RESULTS / "reliability.md"),
        help="the report to write (default bench/results/reliability.md)",
    )
    args = parser.parse_args(argv)
    # Stopped from outside: unwind, so that servers are stopped and databases dropped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    chosen = args.only.split(",") if args.only else list(RUNS)
    unknown = [n for n in chosen if n not in RUNS]
    if unknown:
        parser.error(f"unknown run(s): {', '.join(unknown)}")
    size = SIZES["quick" if args.quick else "default"]
    dbs = databases(args.postgres)
    say(f"reliability: {', '.join(chosen)} on {', '.join(db.name for db in dbs)}")
    runners = {
        "loaders": loaders.run,
        "writers": writers.run,
        "slow_clients": slow_clients.run,
        "memory": memory.run,
        "fuzz": fuzz,
    }
    done: dict[str, list[dict]] = {}
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="organogram-reliability-") as tmp:
        for name in chosen:
            work = Path(tmp) / name
            work.mkdir()
            done[name] = runners[name](work, dbs, **size[name])
    seconds = time.monotonic() - start
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(done, seconds, args, dbs))
    problems = {name: failed(name, results) for name, results in done.items()}
    say(f"reliability: report written to {out}")
    for name, found in problems.items():
        skipped = [r["skipped"] for r in done[name] if r.get("skipped")]
        state = "FAILED" if found else ("skipped: " + skipped[0]) if skipped else "passed"
        print(f"  {name}: {state}")
        for line in found[:20]:
            print(f"    {line}")
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
