"""One write through the registry on a large record, and the reads that follow it.

``python -m bench.registry_write FOLDER`` takes the registry in ``FOLDER`` (an
``ORGANOGRAM_VAR`` folder that ``organogram load`` filled, SQLite), works on a copy of
its database, and times, in this process and in a second one that reads the same
database (as a second server process would):

* building the record from the rows (``store.current()`` in a fresh process) and
  folding it to the end (what the first page of a server does);
* what a unit page keeps per revision: every node's history and a sentence for every
  change; and the record's columns (what the Chart page reads, built once);
* for a rename dated on the record's last date, then one dated ten years before it:
  ``record_change`` itself, then in each process the next ``store.current()``, fold to
  the end, histories and sentences, and the columns (grown from the last revision's).

Times are wall clock and this process's processor time, in seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def reader() -> None:
    """The second process: build, fold, then time the catch-up after each write."""
    from organogram.web.local import setup

    setup()
    from organogram.registry import store
    from organogram.registry.reading.columns import record_columns

    _, build = _timed(store.current)
    _, fold = _timed(lambda: store.current().record.timeline.fold())
    _, page = _timed(lambda: _unit_page(store.current()))
    _, cols = _timed(lambda: record_columns(store.current()))
    print(json.dumps({"build": build, "fold": fold, "page": page, "cols": cols}), flush=True)
    for _line in sys.stdin:
        state, read = _timed(store.current)
        _, fold = _timed(lambda s=state: s.record.timeline.fold())
        _, page = _timed(lambda s=state: _unit_page(s))
        _, cols = _timed(lambda s=state: record_columns(s))
        print(
            json.dumps(
                {"read": read, "fold": fold, "page": page, "cols": cols, "revision": state.revision}
            ),
            flush=True,
        )


def _unit_page(state) -> None:
    """What a unit page keeps per revision: every node's history, every change told."""
    from organogram.registry.reading.timeline import node_history, sentences

    s, _ = state.record.timeline.fold()
    node_history(state, next(iter(s.units)))
    sentences(state, False)


def _rename(state, years_back: int):
    """A rename of a unit in force on the record's last date, ``years_back`` before it."""
    from organogram.core.changes import Rename
    from organogram.core.dates import FuzzyDate

    timeline = state.record.timeline
    last = timeline.changes[-1].date.start
    day = last.replace(year=last.year - years_back)
    s = timeline.snapshot(day).structure
    unit = sorted(u for u in s.units if s.exists(u))[len(s.units) // 2]
    name = s.units[unit].name + " (renamed)"
    return Rename(date=FuzzyDate.parse(day.isoformat()), unit=unit, name=name)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="an ORGANOGRAM_VAR folder")
    parser.add_argument("--reader", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.reader:
        reader()
        return
    source = args.folder / "organogram.sqlite3"
    if not source.is_file():
        parser.error(f"{source} does not exist: fill it with `organogram load` first")
    work = Path(tempfile.mkdtemp(prefix="organogram-write-"))
    try:
        shutil.copy(source, work / "organogram.sqlite3")
        shutil.copy(args.folder / "secret-key", work / "secret-key")
        os.environ["ORGANOGRAM_VAR"] = str(work)
        os.environ["DATABASE_URL"] = ""
        run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path) -> None:
    """Measure in the registry copied to ``work`` (see the module's docstring)."""
    from organogram.web.local import migrate, setup

    setup()
    migrate()  # before the other process starts, which only reads
    other = subprocess.Popen(
        [sys.executable, "-m", "bench.registry_write", "--reader"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ,
    )
    assert other.stdin is not None and other.stdout is not None
    from organogram.registry import store
    from organogram.registry.audit import Actor
    from organogram.registry.reading.columns import record_columns
    from organogram.registry.services import record_change

    rows = []
    state, build = _timed(store.current)
    _, fold = _timed(lambda: state.record.timeline.fold())
    _, page = _timed(lambda: _unit_page(state))
    _, cols = _timed(lambda: record_columns(state))
    theirs = json.loads(other.stdout.readline())
    rows.append(("build the record from the rows", build, theirs["build"]))
    rows.append(("fold it to the end", fold, theirs["fold"]))
    rows.append(("every history and sentence (the unit page's)", page, theirs["page"]))
    rows.append(("the record's columns (the Chart page's)", cols, theirs["cols"]))
    print(f"{len(state.record.timeline):,} changes in the timeline", flush=True)
    for label, years in (("on the last date", 0), ("ten years before it", 10)):
        change = _rename(store.current(), years)
        change = replace(change, reason="benchmark")
        _, write = _timed(lambda c=change: record_change(c, Actor("bench", "cli")))
        after, read = _timed(store.current)
        _, refold = _timed(lambda a=after: a.record.timeline.fold())
        _, page = _timed(lambda a=after: _unit_page(a))
        _, cols = _timed(lambda a=after: record_columns(a))
        other.stdin.write("go\n")
        other.stdin.flush()
        theirs = json.loads(other.stdout.readline())
        assert theirs["revision"] == after.revision
        rows.append((f"record a rename {label} ({change.date})", write, None))
        rows.append(("next store.current()", read, theirs["read"]))
        rows.append(("next fold to the end", refold, theirs["fold"]))
        rows.append(("next histories and sentences", page, theirs["page"]))
        rows.append(("next columns (grown from the last revision's)", cols, theirs["cols"]))
        print(*(_line(*r) for r in rows[-5:]), sep="\n", file=sys.stderr, flush=True)
    other.stdin.close()
    other.wait()
    print("| step | writer: wall (s) | processor (s) | other process: wall (s) | processor (s) |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(_line(*row))


def _line(name: str, mine: dict, theirs: dict | None) -> str:
    t = f"{theirs['wall']:.2f} | {theirs['cpu']:.2f}" if theirs else " | "
    return f"| {name} | {mine['wall']:.2f} | {mine['cpu']:.2f} | {t} |"


if __name__ == "__main__":
    main()
