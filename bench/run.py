"""Run the benchmark: ``python -m bench.run --size small|medium|large``.

Generates the organization, loads it into every implementation (Organogram's core,
SQLite and PostgreSQL in both query forms, networkx, the NumPy floor), times every
operation on each, asserts that they all give the same answer, and writes a Markdown
report to bench/results/<size>.md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from organogram.core.validation import RuleConfig

from .measure import Measure, digest, measure, peak_rss, rss
from .sizes import SIZES

RESULTS = Path(__file__).parent / "results"
#: The operations' keys, in the order they run (``--only`` picks among them).
KEYS = (
    "snapshot-present", "snapshot-past", "rollup-leaf", "rollup-subtree-4%",
    "rollup-subtree-20%", "rollup-root",
    "rollups-all", "chains", "diff", "diff-sets", "plan-preview", "plan-validate",
    "plan-check", "plan-enact", "series", "load",
)
CONFIG = RuleConfig()


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


@dataclass
class Entry:
    """One implementation of one operation: the call and how to read its answer."""

    impl: str
    call: Callable[[], object]
    canon: Callable[[object], object]


@dataclass
class Result:
    """An operation measured on every implementation, with the answer they agreed on."""

    key: str
    label: str
    measures: dict[str, Measure] = field(default_factory=dict)
    answer: str = ""
    agreed: list[str] = field(default_factory=list)
    note: str = ""


def names(name: str, key: str) -> bool:
    """Whether ``--only``'s ``name`` picks the operation ``key``: the key itself, or a
    prefix of it ending at a dash ("rollup" picks "rollup-root", not "rollups-all")."""
    return key == name or key.startswith(name + "-")


class Bench:
    """The state of one benchmark run."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.results: list[Result] = []
        self.setup: list[tuple[str, float, int]] = []
        self.notes: list[str] = []
        self.skipped: dict[str, str] = {}

    # ------------------------------------------------------------------ timing
    def setup_step(self, label: str, fn: Callable[[], object]) -> object:
        say(f"setup: {label}…")
        before = rss()
        start = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - start
        self.setup.append((label, seconds, rss() - before))
        say(f"setup: {label}: {seconds:.2f} s")
        return out

    def wants(self, key: str) -> bool:
        """Whether ``--only`` (when given) names this operation or a prefix of its key."""
        only = self.args.only
        return not only or any(names(k, key) for k in only)

    def run(self, key: str, label: str, entries: list[Entry], note: str = "") -> Result:
        """Measure every entry, then check that all answers are the same.

        An operation left out by ``--only`` is not measured and not reported.
        """
        result = Result(key, label, note=note)
        if not self.wants(key):
            return result
        reference: tuple[str, object] | None = None
        for entry in entries:
            if entry.impl in self.skipped:
                continue
            say(f"{label}: {entry.impl}…")
            gc.collect()
            try:
                m, raw = measure(entry.call, self.args.runs, self.args.budget)
            except Interrupted as exc:
                result.measures[entry.impl] = Measure(float("nan"), note=str(exc))
                say(f"{label}: {entry.impl}: {exc}")
                continue
            result.measures[entry.impl] = m
            say(f"{label}: {entry.impl}: median {m.median:.4f} s over {m.runs} run(s)")
            answer = entry.canon(raw)
            del raw
            if reference is None:
                reference = (entry.impl, answer)
                result.answer = digest(answer)
            elif answer != reference[1]:
                raise AssertionError(_disagreement(label, reference, (entry.impl, answer)))
            result.agreed.append(entry.impl)
        self.results.append(result)
        return result


class Interrupted(Exception):
    """A query stopped because it ran past the time limit."""


def _disagreement(label: str, a: tuple[str, object], b: tuple[str, object]) -> str:
    (na, va), (nb, vb) = a, b
    lines = [f"{label}: {nb} disagrees with {na}"]
    if isinstance(va, tuple) and isinstance(vb, tuple):
        for i, (x, y) in enumerate(zip(va, vb, strict=False)):
            if x != y:
                if isinstance(x, tuple) and isinstance(y, tuple):
                    sx, sy = set(x), set(y)
                    lines.append(f"part {i}: only in {na}: {sorted(sx - sy)[:10]}")
                    lines.append(f"part {i}: only in {nb}: {sorted(sy - sx)[:10]}")
                else:
                    lines.append(f"part {i}: {x!r} != {y!r}")
        if len(va) != len(vb):
            lines.append(f"lengths {len(va)} != {len(vb)}")
    else:
        lines.append(f"{va!r} != {vb!r}")
    return "\n".join(lines)


def guarded(db, seconds: float, fn: Callable[[], object]) -> Callable[[], object]:
    """``fn`` with the database's queries stopped after ``seconds``."""

    def call() -> object:
        db.interrupt_after(seconds)
        try:
            return fn()
        except Exception as exc:  # the drivers raise their own kinds for a cancelled query
            text = str(exc).lower()
            if "interrupt" in text or "timeout" in text or "cancel" in text:
                db.conn.rollback()
                raise Interrupted(f"stopped after {seconds:.0f} s (time limit)") from exc
            raise
        finally:
            db.interrupt_after(None)

    return call


def postgres_url(args: argparse.Namespace) -> str | None:
    """Where PostgreSQL is: --postgres, DATABASE_URL, or a server on this machine."""
    if args.no_postgres:
        return None
    candidates = [args.postgres, os.environ.get("DATABASE_URL"), "postgresql:///postgres",
                  "postgresql://postgres@localhost/postgres"]
    import psycopg

    for url in candidates:
        if not url:
            continue
        try:
            psycopg.connect(url, connect_timeout=3).close()
            return url
        except psycopg.Error:
            continue
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=None, help="timed runs after the first")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds an implementation may spend repeating one operation "
                        "(default: 60, 10 on the large size)")
    parser.add_argument("--limit", type=float, default=None,
                        help="seconds after which one SQL query is stopped "
                        "(default: 900, 120 on the large size)")
    parser.add_argument("--postgres", default=None, help="PostgreSQL URL (default: DATABASE_URL)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-load", action="store_true", help="skip the YAML load benchmark")
    parser.add_argument(
        "--load-without-post-moves",
        action="store_true",
        help="load the dataset without its post moves (default on the large size: memory)",
    )
    parser.add_argument(
        "--only",
        type=lambda text: [k.strip() for k in text.split(",") if k.strip()],
        default=[],
        help="measure only these operations (comma-separated keys or key prefixes: "
        # argparse formats help with %: a key holding one must not be read as a format.
        f"{', '.join(KEYS)})".replace("%", "%%"),
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    unknown = [k for k in args.only if not any(names(k, key) for key in KEYS)]
    if unknown:
        parser.error(f"--only: no operation is called {', '.join(unknown)} "
                     f"(the keys: {', '.join(KEYS)})")
    if args.runs is None:
        args.runs = {"small": 7, "medium": 5, "large": 3}[args.size]
    # On the large size the peers' slowest forms take minutes per query: shorter repeats
    # and limits keep a whole run under an hour instead of most of a day.
    large = args.size == "large"
    if args.budget is None:
        args.budget = 10.0 if large else 60.0
    if args.limit is None:
        args.limit = 120.0 if large else 900.0
    if args.size == "large":
        args.load_without_post_moves = True
    bench = Bench(args)
    with tempfile.TemporaryDirectory(prefix="organogram-bench-") as tmp:
        from .operations import run_all

        run_all(bench, Path(tmp), postgres_url(args))
    from .report import write

    out = args.out or RESULTS / f"{args.size}.md"
    write(bench, out, " ".join(["python -m bench.run", *_public(argv or sys.argv[1:])]))
    say(f"report written to {out}; peak resident memory {peak_rss() / 2**30:.1f} GiB")


def _public(argv: list[str]) -> list[str]:
    """The command line as a report shows it: a database URL (a local socket's folder,
    perhaps a password) is replaced by its variable's name."""
    out = list(argv)
    for i, arg in enumerate(out):
        if arg.startswith("--postgres="):
            out[i] = "--postgres=$DATABASE_URL"
        elif arg == "--postgres" and i + 1 < len(out):
            out[i + 1] = "$DATABASE_URL"
    return out


if __name__ == "__main__":
    # Run as ``python -m bench.run`` this file is ``__main__``, while the operations
    # import it as ``bench.run``: two copies of every class, so a query stopped at its time
    # limit raised one ``Interrupted`` and the measurement caught the other. Running the
    # package's copy keeps a single one.
    from bench import run as _run

    _run.main()

