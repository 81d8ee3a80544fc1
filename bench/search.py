"""Search latency on a generated organization, against a plain ``LIKE`` scan.

``python -m bench.search --size medium`` (``make bench-search SIZE=medium``) generates the
organization (:mod:`bench.generate`; 10,000 units and 100,000 posts on the medium size),
makes its search documents with the search package (every name a unit or post ever had,
with its span, and the narration of the latest changes), adds a generated mandate and
three to five functions to every unit (phrases drawn from a fixed list, by seed: the
generator gives units no text), and indexes them:

* in SQLite's FTS5, as the registry does on SQLite (the same statements), in a file;
* in PostgreSQL's tsvector with a GIN index, as the registry does there (when a server
  answers at ``--postgres``, ``DATABASE_URL`` or the local socket);
* the peer: the same rows, found by ``LIKE '%word%'`` on each word (every word, else any),
  in the same databases, with nothing built for it; the ranking, grouping and snippets
  after the engine are the same for both, so the difference is the engine's.

Each query is run through :func:`organogram.search.search` (the registry's path without
Django): typeahead queries (names only, the last word a prefix, 8 hits) and full ones (both
groups, 50 hits). The report gives p50 and p95 per engine and kind of query, the peer's
ratio to the engine, and the answers' agreement; it goes to bench/results/search-<size>.md,
dated by the commit and the machine. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from organogram.core.model import Organization as Header
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.search import Document, Match, Query, documents, fts5, postgres, search
from organogram.search.documents import Only
from organogram.search.memory import MemoryIndex

from .about import machine, revision
from .generate import generate
from .sizes import SIZES

RESULTS = Path(__file__).parent / "results"

#: What generated units deal with: a mandate names two, functions one each.
TOPICS = [
    "procurement and supply policy",
    "data protection and privacy",
    "budget planning and control",
    "treasury and cash management",
    "accounting policies and internal controls",
    "human resources policy",
    "staff welfare and occupational health",
    "talent management",
    "information security",
    "enterprise applications",
    "digital strategy and governance",
    "legal advice on contracts",
    "privileges and immunities",
    "administrative law and appeals",
    "ethics and conduct",
    "gender equality and diversity",
    "environmental sustainability",
    "risk management",
    "monitoring and evaluation",
    "results-based management",
    "resource mobilization and donor relations",
    "media and communications",
    "emergency preparedness and response",
    "humanitarian logistics",
    "migration health",
    "labour mobility and social inclusion",
    "climate change and displacement",
    "border management and identity",
    "counter-trafficking and protection",
    "return and reintegration",
    "resettlement and movement",
    "policy research and data",
    "migration data analysis",
    "partnerships with governments",
    "staff travel",
    "common services and facilities",
    "the Headquarters building project",
    "governing body relations",
    "internal audit and oversight",
    "staff security",
]
VERBS = ["Develops", "Oversees", "Advises on", "Coordinates", "Leads work on", "Reports on"]

#: Typeahead queries: what is typed so far.
TYPEAHEAD = ["u", "unit", "unit 1", "unit 12", "unit 4711", "unit 97", "uni"]
#: Full queries: names, words of mandates, a question in words.
FULL = [
    "procurement",
    "data protection",
    "budget planning and control",
    "Unit 4711",
    "unit 12 (2)",
    "who deals with treasury?",
    "information security advice",
    "protecting privacy",
    "legal",
    "unit",
]


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def corpus(size: str, seed: int, changes: int) -> tuple[list[Document], dict[str, Any]]:
    """The documents of the generated organization, with generated mandates."""
    say(f"generating the {size} organization (seed {seed})…")
    org = generate(size, seed, progress=say)
    # Generated changes have no ids; a change's documents are found by theirs.
    timeline = Timeline(
        c if c.id else dataclasses.replace(c, id=f"c{i}") for i, c in enumerate(org.changes)
    )
    record = Record(Header(id="synthetic", name="Synthetic organization"), timeline)
    latest = (
        frozenset(c.id for c in timeline.changes[-changes:] if c.id) if changes else frozenset()
    )
    say(f"making the documents ({len(timeline.changes):,} changes; the last {changes:,} told)…")
    start = time.perf_counter()
    histories = timeline.histories()
    docs = documents(record, Only(nodes=None, changes=latest), histories)
    made = time.perf_counter() - start
    # What a write costs the index: the documents of what the last change touched, made
    # again with every node's history held (as the registry holds them) and without.
    timeline.fold()  # the registry's timeline has been folded (checkpoints kept) by then
    last = timeline.changes[-1]
    touched = Only(nodes=frozenset(last.subjects()), changes=frozenset({last.id}))
    start = time.perf_counter()
    documents(record, touched, histories)
    held = time.perf_counter() - start
    start = time.perf_counter()
    documents(record, touched)
    folded = time.perf_counter() - start
    rng = random.Random(seed)
    units = {d.ident: d for d in docs if d.kind == "unit" and d.field == "name" and not d.until}
    extra = []
    for ident, name in sorted(units.items()):
        a, b = rng.sample(TOPICS, 2)
        kw = {"since": name.since, "language": "en"}
        extra.append(
            Document("unit", ident, "mandate", f"Leads the work on {a} and {b}.", name.name, **kw)
        )
        for topic in rng.sample(TOPICS, rng.randint(3, 5)):
            text = f"{rng.choice(VERBS)} {topic}"
            extra.append(Document("unit", ident, "function", text, name.name, **kw))
    docs += extra
    facts = {
        "units": org.n_units,
        "posts": org.n_posts,
        "changes": len(timeline.changes),
        "told": len(latest),
        "documents": len(docs),
        "generated": len(extra),
        "make_seconds": made,
        "refresh_held": held,
        "refresh_folded": folded,
    }
    return docs, facts


class LikeSQLite:
    """The peer on SQLite: ``LIKE '%word%'`` on the documents' normalized words."""

    def __init__(self, index: MemoryIndex) -> None:
        self.db = index.db

    def matches(self, query: Query, **kw: Any) -> list[Match]:
        sql, params = _like_sql("documents", query, mark="?", **kw)
        return [Match(fts5.document(r), 0.0) for r in self.db.execute(sql, params).fetchall()]


def _like_sql(
    table: str,
    query: Query,
    *,
    day: str,
    kinds: Sequence[str],
    audiences: Sequence[str],
    group: str | None,
    every: bool,
    limit: int,
    mark: str,
) -> tuple[str, list[Any]]:
    column = {"name": ["name_text"], "text": ["body_text"]}.get(
        group or "", ["name_text", "body_text"]
    )
    tests = []
    params: list[Any] = []
    for term in query.terms:
        either = " OR ".join(f"{c} LIKE {mark}" for c in column)
        tests.append(f"({either})")
        params += [f"%{term}%"] * len(column)
    joined = (" AND " if every else " OR ").join(tests) or "1=1"
    sql = (
        f"SELECT {', '.join(fts5.COLUMNS)} FROM {table} WHERE ({joined}) "
        f"AND kind IN ({', '.join([mark] * len(kinds))}) "
        f"AND audience IN ({', '.join([mark] * len(audiences))}) "
        f"AND since_day <= {mark} LIMIT {mark}"
    )
    return sql, [*params, *kinds, *audiences, day, limit]


class Postgres:
    """The registry's PostgreSQL index (its statements), in a scratch database."""

    def __init__(self, url: str, docs: list[Document]) -> None:
        import psycopg

        self.admin = psycopg.connect(url, autocommit=True)
        self.name = f"organogram_search_bench_{os.getpid()}"
        self.admin.execute(f"DROP DATABASE IF EXISTS {self.name}")
        self.admin.execute(f"CREATE DATABASE {self.name}")
        info = psycopg.conninfo.conninfo_to_dict(url)
        info["dbname"] = self.name
        self.db = psycopg.connect(**info, autocommit=True)
        columns = ", ".join(f"{c} text NOT NULL" for c in fts5.COLUMNS)
        self.db.execute(f"CREATE TABLE documents (id bigserial PRIMARY KEY, {columns})")
        for statement in postgres.index_sql("documents"):
            self.db.execute(statement)
        start = time.perf_counter()
        with (
            self.db.cursor() as cur,
            cur.copy(f"COPY documents ({', '.join(fts5.COLUMNS)}) FROM STDIN") as copy,
        ):
            for d in docs:
                copy.write_row(fts5.row(d))
        self.db.execute("VACUUM ANALYZE documents")
        self.seconds = time.perf_counter() - start

    def matches(self, query: Query, **kw: Any) -> list[Match]:
        sql, params = postgres.match_sql("documents", query, languages=("en",), **kw)
        rows = self.db.execute(sql, params).fetchall()
        return [Match(fts5.document(r[:-1]), float(r[-1])) for r in rows]

    def close(self) -> None:
        self.db.close()
        self.admin.execute(f"DROP DATABASE IF EXISTS {self.name}")
        self.admin.close()


class LikePostgres:
    """The peer on PostgreSQL: ``LIKE '%word%'`` on the same table, no index for it."""

    def __init__(self, pg: Postgres) -> None:
        self.db = pg.db

    def matches(self, query: Query, **kw: Any) -> list[Match]:
        sql, params = _like_sql("documents", query, mark="%s", **kw)
        return [Match(fts5.document(r), 0.0) for r in self.db.execute(sql, params).fetchall()]


def timed(engine: Any, queries: list[str], typeahead: bool, runs: int, day: dt.date):
    """Seconds of every run of every query (after one untimed run each), each query's
    median, and each query's first hits."""
    times: list[float] = []
    medians: dict[str, float] = {}
    answers: dict[str, list[str]] = {}
    for q in queries:
        found = search(engine, q, at=day, typeahead=typeahead, people=True)
        answers[q] = [h.id for h in found.hits[:5]]
        mine = []
        for _ in range(runs):
            start = time.perf_counter()
            search(engine, q, at=day, typeahead=typeahead, people=True)
            mine.append(time.perf_counter() - start)
        times += mine
        medians[q] = statistics.median(mine)
    return times, medians, answers


def pct(times: list[float], p: float) -> float:
    """The ``p``-th percentile of ``times``, in milliseconds."""
    ordered = sorted(times)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k] * 1e3


def postgres_url(asked: str | None) -> str | None:
    """A PostgreSQL server that answers, or None."""
    try:
        import psycopg
    except ImportError:
        return None
    for url in (asked, os.environ.get("DATABASE_URL"), "postgresql:///postgres"):
        if not url or not url.startswith("postgres"):
            continue
        try:
            psycopg.connect(url, connect_timeout=3).close()
            return url
        except psycopg.Error:
            continue
    return None


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=20, help="timed runs of each query")
    parser.add_argument("--changes", type=int, default=20_000, help="latest changes told")
    parser.add_argument("--postgres", default=None, help="PostgreSQL URL (default: DATABASE_URL)")
    args = parser.parse_args(argv)

    docs, facts = corpus(args.size, args.seed, args.changes)
    facts["load_before"] = os.getloadavg()[0]
    day = dt.date(2100, 1, 1)  # after everything: the whole record is searched
    rows: list[tuple[str, str, list[float], list[float], dict, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        say(f"indexing {len(docs):,} documents in SQLite FTS5…")
        start = time.perf_counter()
        fts = MemoryIndex(docs, database=str(Path(tmp) / "search.sqlite3"))
        facts["sqlite_seconds"] = time.perf_counter() - start
        engines: list[tuple[str, str, Any]] = [
            ("SQLite", "FTS5", fts),
            ("SQLite", "LIKE scan", LikeSQLite(fts)),
        ]
        url = postgres_url(args.postgres)
        pg = None
        if url:
            say("indexing them in PostgreSQL (tsvector, GIN)…")
            pg = Postgres(url, docs)
            facts["postgres_seconds"] = pg.seconds
            engines += [
                ("PostgreSQL", "tsvector + GIN", pg),
                ("PostgreSQL", "LIKE scan", LikePostgres(pg)),
            ]
        try:
            for database, name, engine in engines:
                say(f"timing {database} {name}…")
                ahead, ahead_medians, _ = timed(engine, TYPEAHEAD, True, args.runs, day)
                full, full_medians, full_answers = timed(engine, FULL, False, args.runs, day)
                medians = {
                    **{("typeahead", q): t for q, t in ahead_medians.items()},
                    **{("full", q): t for q, t in full_medians.items()},
                }
                rows.append((database, name, ahead, full, medians, full_answers))
        finally:
            if pg is not None:
                pg.close()
    facts["load_after"] = os.getloadavg()[0]
    text = report(args, facts, rows, url is not None)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"search-{args.size}.md"
    out.write_text(text)
    print(text)
    say(f"wrote {out}")


def report(args, facts, rows, had_postgres: bool) -> str:
    """The Markdown report."""
    size = SIZES[args.size]
    lines = [
        f"# Search on the {args.size} organization",
        "",
        f"{facts['units']:,} units and {facts['posts']:,} posts ever ({size.units:,} and "
        f"{size.posts:,} at the start), {facts['changes']:,} changes, seed {args.seed}: "
        f"{facts['documents']:,} search documents (every name and title each unit and post "
        f"had, with its span; the narration, reason and note of the last {facts['told']:,} "
        f"changes; {facts['generated']:,} generated mandates and functions). Made in "
        f"{facts['make_seconds']:.1f} s; indexed in {facts['sqlite_seconds']:.1f} s by SQLite"
        + (
            f", {facts['postgres_seconds']:.1f} s by PostgreSQL"
            if "postgres_seconds" in facts
            else ""
        )
        + ".",
        "",
        "A write keeps the index up to date by making again the documents of what it "
        f"touched: after the last change, {facts['refresh_held'] * 1e3:.0f} ms with every "
        "node's history held (the registry grows them from the last revision's, as its unit "
        f"pages need them), {facts['refresh_folded']:.1f} s when they must be folded from the "
        "first change.",
        "",
        f"Command: `python -m bench.search --size {args.size} --runs {args.runs}`; "
        f"commit {revision()}, {dt.date.today().isoformat()}. Machine: {machine()[0]}, shared "
        f"with other work (load average {facts['load_before']:.1f} when the timing began, "
        f"{facts['load_after']:.1f} when it ended): expect noise, and compare engines "
        "within one run.",
        "",
        f"Each query is run once untimed, then {args.runs} times, through the search package's "
        "`search()` (the engine's query, then the same ranking, grouping and snippets for every "
        "engine). Typeahead: " + ", ".join(f"“{q}”" for q in TYPEAHEAD) + " (names only, the last "
        "word a prefix, 8 hits). Full results: " + ", ".join(f"“{q}”" for q in FULL) + " (names "
        "and texts, 50 hits). Targets: typeahead p95 under 50 ms, full results under 150 ms.",
        "",
        "| database | engine | typeahead p50 (ms) | p95 (ms) | full p50 (ms) | p95 (ms) | "
        "targets (typeahead, full) | peer's p95 / engine's p95 (typeahead, full) |",
        "|---|---|---:|---:|---:|---:|---|---|",
    ]
    engines = {(r[0], r[1]): r for r in rows}
    for database, name, ahead, full, _, _ in rows:
        ratio = ""
        if name == "LIKE scan":
            own = next(r for r in rows if r[0] == database and r[1] != "LIKE scan")
            ratio = (
                f"{pct(ahead, 95) / pct(own[2], 95):.1f}x, {pct(full, 95) / pct(own[3], 95):.1f}x"
            )
        met = ""
        if name != "LIKE scan":
            met = ", ".join(
                "met" if pct(times, 95) < target else "**missed**"
                for times, target in ((ahead, 50), (full, 150))
            )
        lines.append(
            f"| {database} | {name} | {pct(ahead, 50):.1f} | {pct(ahead, 95):.1f} | "
            f"{pct(full, 50):.1f} | {pct(full, 95):.1f} | {met} | {ratio} |"
        )
    if not had_postgres:
        lines += ["", "PostgreSQL: no server answered; not measured."]
    lines += ["", "## Each query", "", "Median of the runs, in milliseconds:", ""]
    lines.append("| query | " + " | ".join(f"{d} {n}" for d, n in engines) + " |")
    lines.append("|---|" + "---:|" * len(engines))
    for mode, queries in (("typeahead", TYPEAHEAD), ("full", FULL)):
        for q in queries:
            cells = [f"{r[4][(mode, q)] * 1e3:.1f}" for r in rows]
            lines.append(f"| {mode}: {q} | " + " | ".join(cells) + " |")
    lines += ["", "## Answers", "", "The first hits of each full query, per engine:", ""]
    lines.append("| query | " + " | ".join(f"{d} {n}" for d, n in engines) + " |")
    lines.append("|---|" + "---|" * len(engines))
    for q in FULL:
        cells = [", ".join(r[5][q][:3]) or "none" for r in rows]
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The `LIKE` peer finds a word inside others (“unit 1” matches “unit 12”) and no other "
        "form of it (“protecting privacy” finds no “protection”); it has no ranking of its "
        "own, so the ranking after it works on whichever 200 rows the scan met first, while "
        "the engines give their best 200.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
