"""Loading a dataset into the registry's database, against a plain bulk INSERT of its rows.

``python -m bench.registry_load --size medium`` (``make bench-registry``) writes the
generated organization as a dataset folder (:mod:`bench.dataset`), then, in a fresh
SQLite database and in a fresh PostgreSQL database when a server answers:

* runs the real command, ``organogram load FOLDER``, timed from start to exit with its
  peak resident memory (it reads and checks the YAML, folds the timeline to check that
  every change applies, and writes every row in one transaction);
* the floor: parsing the same YAML with PyYAML's C parser (garbage collector paused),
  plus inserting the very rows the command writes with the driver's ``executemany``
  (sqlite3, psycopg) in one transaction and nothing else.

The report goes to bench/results/load-registry-<size>.md.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import yaml

from . import dataset
from .sizes import SIZES

RESULTS = Path(__file__).parent / "results"
DATASETS = dataset.DATASETS
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
ORGANOGRAM = [sys.executable, "-m", "organogram.cli.main"]


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


@dataclass
class Run:
    """A child process's wall time, processor time, peak resident memory and output."""

    seconds: float
    cpu: float
    peak: int
    output: str


@dataclass
class Timing:
    """Wall and processor seconds of a step of this process."""

    seconds: float
    cpu: float

    def __add__(self, other: Timing) -> Timing:
        return Timing(self.seconds + other.seconds, self.cpu + other.cpu)


class timing:
    """``with timing() as t:`` measures the block's wall and processor time into ``t.result``;
    ``with t.more():`` adds another block's to it."""

    def __enter__(self) -> timing:
        self.start = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *exc: object) -> None:
        wall, cpu = self.start
        self.result = Timing(time.perf_counter() - wall, time.process_time() - cpu)

    @contextmanager
    def more(self) -> Iterator[None]:
        """Add the time of the block to :attr:`result`."""
        with timing() as block:
            yield
        self.result = self.result + block.result


def run(cmd: list[str], env: dict[str, str]) -> Run:
    """Run ``cmd`` to its end; raise with its output when it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, output)


class Backend:
    """A fresh, migrated registry database: SQLite in a folder, or a PostgreSQL database."""

    name = ""

    def env(self) -> dict[str, str]:
        """The environment that points Organogram at this database."""
        raise NotImplementedError

    def migrate(self) -> None:
        """Create the registry's tables (Organogram's own migrations)."""
        code = "from organogram.web.local import setup, migrate; setup(); migrate()"
        run([sys.executable, "-c", code], self.env())

    def insert(self, rows: FloorRows) -> Timing:
        """Time to insert the rows with executemany and commit, nothing more: each slice
        is made (outside the time) just before it is inserted."""
        raise NotImplementedError

    def drop(self) -> None:
        """Remove the database."""


class SQLiteBackend(Backend):
    name = "SQLite"

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True)

    def env(self) -> dict[str, str]:
        return {"ORGANOGRAM_VAR": str(self.folder), "DATABASE_URL": ""}

    def insert(self, rows):
        # One transaction: the module opens it before the first INSERT, commit ends it.
        conn = sqlite3.connect(self.folder / "organogram.sqlite3")
        t = timing()
        t.result = Timing(0.0, 0.0)
        for table, columns, batches in rows.tables():
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            for batch in batches:
                batch = _as_sqlite(batch)
                with t.more():
                    conn.executemany(sql, batch)
        with t.more():
            conn.commit()
        conn.close()
        return t.result


def _as_sqlite(rows: list[tuple]) -> list[tuple]:
    """``rows`` as SQLite takes them: prepared for PostgreSQL (the process's database when
    ``DATABASE_URL`` names one), a JSON value is wrapped for psycopg; SQLite keeps JSON as
    its text, as Django writes it there."""
    if not rows or not any(type(v).__name__ == "Jsonb" for v in rows[0]):
        return rows
    return [
        tuple(json.dumps(v.obj) if type(v).__name__ == "Jsonb" else v for v in row)
        for row in rows
    ]


class PostgreSQLBackend(Backend):
    name = "PostgreSQL"

    def __init__(self, url: str, database: str, folder: Path):
        import psycopg

        self.admin_url, self.database, self.folder = url, database, folder
        folder.mkdir(parents=True)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {database}")
            conn.execute(f"CREATE DATABASE {database}")
        self.url = psycopg.conninfo.make_conninfo(url, dbname=database)

    def env(self) -> dict[str, str]:
        # Django reads a URL; the conninfo of a socket folder goes in its query.
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(self.url)
        host = info.get("host", "")
        query = f"?host={host}&port={info.get('port', 5432)}" if host.startswith("/") else ""
        netloc = "" if query else f"{host}:{info.get('port', 5432)}"
        user = quote(info.get("user", "postgres"), safe="")
        if info.get("password"):  # a server asking for one (the URL's, not a file's)
            user += ":" + quote(info["password"], safe="")
        url = f"postgresql://{user}@{netloc}/{self.database}{query}"
        return {"ORGANOGRAM_VAR": str(self.folder), "DATABASE_URL": url}

    def insert(self, rows):
        import psycopg

        conn = psycopg.connect(self.url)
        t = timing()
        t.result = Timing(0.0, 0.0)
        with conn.cursor() as cur:
            for table, columns, batches in rows.tables():
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
                for batch in batches:
                    with t.more():
                        cur.executemany(sql, batch)
        with t.more():
            conn.commit()
        conn.close()
        return t.result

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {self.database}")


class FloorRows:
    """The rows ``organogram load`` writes for ``folder``, as plain tuples per table.

    Made by the registry's own conversion (``record_tables``) and Django's own
    preparation of each field's value, so the floor inserts exactly what the command
    does; a slice at a time, as the command makes them, so that the floor holds no more
    rows than the command (every row of the large organization with its post moves, as
    model instances, would take some 40 GB).
    """

    def __init__(self, folder: Path):
        if "ORGANOGRAM_VAR" not in os.environ:
            var = tempfile.mkdtemp(prefix="organogram-rows-")
            atexit.register(shutil.rmtree, var, ignore_errors=True)
            os.environ["ORGANOGRAM_VAR"] = var
        from organogram.web.local import setup

        setup()
        from organogram.formats import load_dataset
        from organogram.registry import models as m
        from organogram.registry.convert import record_tables

        self.record = load_dataset(folder)
        #: how many change rows (the timeline's, and those of plans not enacted).
        self.changes = next(t.count for t in record_tables(self.record)[1] if t.model is m.Change)

    def tables(self) -> Iterator[tuple[str, list[str], Iterator[list[tuple]]]]:
        """(table, columns, its rows in slices made as they are asked for), in the order
        the command writes them."""
        from django.db import connection

        from organogram.registry.actions.dataset import BATCH
        from organogram.registry.batches import batches
        from organogram.registry.convert import record_tables

        organization, tables = record_tables(self.record)
        for model, rows in [(type(organization), iter([organization]))] + [
            (t.model, t.rows) for t in tables
        ]:
            fields = [f for f in model._meta.concrete_fields if not f.auto_created]

            def prepared(rows=rows, fields=fields) -> Iterator[list[tuple]]:
                for batch in batches(rows, BATCH):
                    yield [
                        tuple(f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields)
                        for o in batch
                    ]

            yield model._meta.db_table, [f.column for f in fields], prepared()


#: Entries of a section parsed at a time by the floor (see :func:`parse_floor`).
SLICE = 10_000


def parse_floor(folder: Path) -> Timing:
    """Time PyYAML's C parser takes to read the folder's files into Python objects
    (collector paused), a slice of :data:`SLICE` entries at a time: the large
    organization's 666 MB would make some 30 GB of objects at once, and the parser does
    the same work on the slices (each parsed as its section with those entries)."""
    from organogram.formats.nodes import gc_paused

    t = timing()
    t.result = Timing(0.0, 0.0)
    for f in sorted(folder.glob("*.yaml")):
        for text in slices(f):
            with t.more(), gc_paused():
                yaml.load(text, Loader=LOADER)
    return t.result


def slices(path: Path, size: int = SLICE) -> Iterator[str]:
    """The text of ``path`` (a file as ``dump_dataset`` writes it: top-level sections,
    each entry of a list starting with ``  - ``) as YAML documents of at most ``size``
    entries of one section each."""
    head, lines, entries = "", [], 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line[:1] not in (" ", "\n", "#", ""):  # a section begins
                if lines:
                    yield head + "".join(lines)
                head, lines, entries = line, [], 0
                continue
            if line.startswith("  - "):
                if entries == size:
                    yield head + "".join(lines)
                    lines, entries = [], 0
                entries += 1
            lines.append(line)
    if head or lines:
        yield head + "".join(lines)


def backends(args: argparse.Namespace, tmp: Path) -> list[Backend]:
    out: list[Backend] = []
    if "sqlite" in args.databases:
        out.append(SQLiteBackend(tmp / "sqlite"))
    if "postgresql" in args.databases and not args.no_postgres and args.postgres:
        out.append(PostgreSQLBackend(args.postgres, "organogram_bench_load", tmp / "pg"))
    return out


def main(argv: list[str] | None = None) -> None:
    """Write the dataset, load it with the command and with the floor, write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("DATABASE_URL"),
        help="PostgreSQL server URL (default: DATABASE_URL)",
    )
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--databases",
        type=lambda text: {d.strip().lower() for d in text.split(",") if d.strip()},
        default={"sqlite", "postgresql"},
        help="the databases to load into, comma-separated (default: sqlite,postgresql)",
    )
    parser.add_argument(
        "--post-moves",
        choices=("with", "without"),
        default=None,
        help="load the organization with or without its monthly post moves (default: "
        "with them, but without on the large size, as the other benchmarks load it)",
    )
    parser.add_argument(
        "--no-floor",
        action="store_true",
        help="load with the command only: no bare parse and executemany to compare with "
        "(on the large size with its post moves the floor adds some 15 minutes)",
    )
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.post_moves is None:
        args.post_moves = "without" if args.size == "large" else "with"
    without = args.post_moves == "without"
    folder = dataset.write(
        args.size, args.seed, dataset.folder(args.size, without), without, progress=say
    )
    megabytes = sum(f.stat().st_size for f in folder.glob("*.yaml")) / 1e6
    results = []
    with tempfile.TemporaryDirectory(prefix="organogram-bench-load-") as tmp:
        # Every command first, then the floor: the floor's parse and rows, held by this
        # process, need not be in memory while a command runs.
        commands = []
        for backend in backends(args, Path(tmp)):
            try:
                say(f"{backend.name}: organogram load…")
                backend.migrate()
                cmd = run([*ORGANOGRAM, "load", str(folder), "--by", "bench"], backend.env())
                say(f"{backend.name}: {cmd.seconds:.1f} s: {cmd.output.strip()}")
            finally:
                backend.drop()
            commands.append((backend, cmd))
        if args.no_floor:
            results = [(backend.name, cmd, None) for backend, cmd in commands]
            commands = []
            parse = rows = None
        else:
            say("the floor's YAML parse…")
            parse = parse_floor(folder)
            say(f"parse: {parse.seconds:.1f} s")
            say("the rows the command writes…")
            rows = FloorRows(folder)
        for backend, cmd in commands:
            floor_db = type(backend)(*_again(backend, Path(tmp)))
            try:
                floor_db.migrate()
                say(f"{backend.name}: executemany…")
                insert = floor_db.insert(rows)
                say(f"{backend.name}: executemany: {insert.seconds:.1f} s")
            finally:
                floor_db.drop()
            results.append((backend.name, cmd, insert))
    out = args.out or RESULTS / f"load-registry-{args.size}.md"
    n_changes = rows.changes if rows else _changes_loaded(results[0][1].output)
    out.write_text(report(args, megabytes, n_changes, parse, results))
    say(f"report written to {out}")


def _changes_loaded(output: str) -> int:
    """The number of changes ``organogram load`` says it loaded."""
    found = re.search(r"([\d,]+) changes", output)
    if found is None:
        raise SystemExit(f"organogram load did not say how many changes it loaded: {output!r}")
    return int(found.group(1).replace(",", ""))


def _again(backend: Backend, tmp: Path) -> tuple:
    """The arguments that make a second, fresh database like ``backend``."""
    if isinstance(backend, PostgreSQLBackend):
        return backend.admin_url, backend.database + "_floor", tmp / "pg-floor"
    return (tmp / "sqlite-floor",)


def command(args: argparse.Namespace) -> str:
    """The make command that runs what ``args`` say (or the module's, for what it cannot)."""
    text = f"make bench-registry SIZE={args.size}"
    if args.post_moves != ("without" if args.size == "large" else "with"):
        text += f" POST_MOVES={args.post_moves}"
    if args.databases != {"sqlite", "postgresql"}:
        text = f"python -m bench.registry_load --size {args.size} --post-moves {args.post_moves}"
        text += f" --databases {','.join(sorted(args.databases))}"
    return text


def report(args, megabytes: float, n_changes: int, parse: float, results) -> str:
    """The Markdown report."""
    from .report import machine, revision

    size = SIZES[args.size]
    scope = dataset.WITHOUT_POST_MOVES if args.post_moves == "without" else "the whole record"
    lines = [
        f"# Loading the {args.size} organization into the registry",
        "",
        f"{size.units:,} units and {size.posts:,} posts with {size.months} months of changes "
        f"({scope}): {n_changes:,} changes, {megabytes:,.0f} MB of YAML, seed {args.seed}.",
        "",
        f"Command: `{command(args)}`; code at commit {revision()}. "
        f"Machine: {'; '.join(machine())}, shared with other work: expect some noise.",
        "",
        "| database | `organogram load`: wall (s) | processor (s) | changes per second "
        "(processor) | peak memory (GB) | floor, C parse + executemany: wall (s) "
        "| processor (s) | x floor (processor) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, cmd, insert in results:
        if insert is None:
            lines.append(
                f"| {name} | {cmd.seconds:,.1f} | {cmd.cpu:,.1f} | {n_changes / cmd.cpu:,.0f} "
                f"| {cmd.peak / 1e9:.1f} | not run | not run | |"
            )
            continue
        floor = parse + insert
        lines.append(
            f"| {name} | {cmd.seconds:,.1f} | {cmd.cpu:,.1f} | {n_changes / cmd.cpu:,.0f} "
            f"| {cmd.peak / 1e9:.1f} | {parse.seconds:.1f} + {insert.seconds:.1f} = "
            f"{floor.seconds:.1f} | {parse.cpu:.1f} + {insert.cpu:.1f} = {floor.cpu:.1f} "
            f"| {cmd.cpu / floor.cpu:.1f}x |"
        )
    lines += [
        "",
        "`organogram load` is the whole command, from start to exit: Django's setup, reading "
        "and checking every field and reference of the YAML (with line numbers kept for "
        "errors), folding the timeline to check that every change applies at its date, "
        "converting each change to its row and writing all rows, and the search index's "
        "documents of every unit, post and change, in one transaction. The "
        "floor only parses the YAML with PyYAML's C parser (garbage collector paused) and "
        "inserts the very same rows of the record with the driver's `executemany` in one "
        "transaction: no checks, no fold, no conversion, no search index. Processor time is "
        "this process's (or the command's) own, user and system: it is what the work costs "
        "whatever else the shared machine runs, while wall time also counts waiting for a "
        "core. PostgreSQL's server works in its own processes, counted in neither.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
