"""Effective-dated adjacency lists in SQL, queried with recursive CTEs.

Each version of a unit is a row ``unit_row(unit, parent, namev, alive, valid_from,
valid_to)`` and each version of a post a row ``post_row(post, unit, grade, alive,
valid_from, valid_to)``; a unit that ends gets a last row with ``alive = 0``. Every
question is one query (or a few) over those rows, in one of two forms:

* the **join form** finds the version in force on day ``d`` by its validity range,
  ``valid_from <= d AND d < valid_to``, in the join conditions of the recursive CTE;
* the **correlated form** ignores ``valid_to`` and finds the version in force as the
  latest one starting on or before ``d``, with a correlated subquery (``ORDER BY
  valid_from DESC LIMIT 1``); walking up the tree, the parent itself is that scalar
  subquery, the textbook shape of a recursive CTE over history tables.

The same SQL runs on SQLite and PostgreSQL (named parameters are rewritten for
psycopg). Indexes: by entity and start, and by parent (unit) or unit (post) and start.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable

from ..generate import Organization
from ..sizes import GRADE_COST, GRADES, OPEN

SCHEMA = [
    "CREATE TABLE unit_row ({id}, unit INTEGER NOT NULL, parent INTEGER NOT NULL,"
    " namev INTEGER NOT NULL, alive SMALLINT NOT NULL, valid_from INTEGER NOT NULL,"
    " valid_to INTEGER NOT NULL)",
    "CREATE TABLE post_row ({id}, post INTEGER NOT NULL, unit INTEGER NOT NULL,"
    " grade INTEGER NOT NULL, alive SMALLINT NOT NULL, valid_from INTEGER NOT NULL,"
    " valid_to INTEGER NOT NULL)",
    "CREATE TABLE grade (grade INTEGER PRIMARY KEY, cost DOUBLE PRECISION NOT NULL)",
    "CREATE TABLE units (unit INTEGER PRIMARY KEY)",
    "CREATE TABLE posts (post INTEGER PRIMARY KEY)",
]
INDEXES = [
    "CREATE INDEX unit_row_unit ON unit_row (unit, valid_from, id)",
    "CREATE INDEX unit_row_parent ON unit_row (parent, valid_from)",
    "CREATE INDEX post_row_post ON post_row (post, valid_from, id)",
    "CREATE INDEX post_row_unit ON post_row (unit, valid_from)",
]
UNIT_COLUMNS = "unit, parent, namev, alive, valid_from, valid_to"
POST_COLUMNS = "post, unit, grade, alive, valid_from, valid_to"
FORMS = ("join", "correlated")


def current(alias: str, table: str, form: str, day: str = ":d") -> str:
    """The condition that row ``alias`` of ``table`` is the version in force on ``day``."""
    if form == "join":
        return f"{alias}.valid_from <= {day} AND {day} < {alias}.valid_to AND {alias}.alive = 1"
    key = "unit" if table == "unit_row" else "post"
    # ``valid_from <= day`` follows from the subquery, but said outright it lets the
    # planner reach the row through the (…, valid_from) indexes instead of scanning.
    return (
        f"{alias}.alive = 1 AND {alias}.valid_from <= {day}"
        f" AND {alias}.id = (SELECT x.id FROM {table} x"
        f" WHERE x.{key} = {alias}.{key} AND x.valid_from <= {day}"
        " ORDER BY x.valid_from DESC, x.id DESC LIMIT 1)"
    )


def latest(table: str, column: str, key: str, day: str = ":d") -> str:
    """A scalar subquery: ``column`` of the latest version of entity ``key`` by ``day``."""
    where = "unit" if table == "unit_row" else "post"
    return (
        f"(SELECT x.{column} FROM {table} x WHERE x.{where} = {key} AND x.valid_from <= {day}"
        " ORDER BY x.valid_from DESC, x.id DESC LIMIT 1)"
    )


class Queries:
    """The SQL of every question in one form."""

    def __init__(self, form: str):
        u, p = (lambda a, d=":d": current(a, "unit_row", form, d)), (
            lambda a, d=":d": current(a, "post_row", form, d)
        )
        self.snapshot_units = f"SELECT r.unit, r.parent, r.namev FROM unit_row r WHERE {u('r')}"
        self.snapshot_posts = f"SELECT p.post, p.unit FROM post_row p WHERE {p('p')}"
        self.rollup = (
            "WITH RECURSIVE sub(unit) AS (SELECT CAST(:root AS INTEGER) UNION ALL"
            f" SELECT r.unit FROM sub JOIN unit_row r ON r.parent = sub.unit AND {u('r')})"
            " SELECT count(p.id), coalesce(sum(g.cost), 0) FROM sub"
            f" JOIN post_row p ON p.unit = sub.unit AND {p('p')}"
            " JOIN grade g ON g.grade = p.grade"
        )
        self.rollups = (
            "WITH RECURSIVE direct(unit, n, c) AS ("
            " SELECT p.unit, count(*), sum(g.cost) FROM post_row p"
            f" JOIN grade g ON g.grade = p.grade WHERE {p('p')} GROUP BY p.unit),"
            " up(unit, anc) AS (SELECT unit, unit FROM direct UNION ALL"
            f" SELECT up.unit, r.parent FROM up JOIN unit_row r ON r.unit = up.anc AND {u('r')}"
            " WHERE r.parent >= 0)"
            " SELECT up.anc, sum(d.n), sum(d.c) FROM up JOIN direct d ON d.unit = up.unit"
            " GROUP BY up.anc"
        )
        if form == "join":
            self.chains = (
                "WITH RECURSIVE up(post, unit, depth) AS ("
                " SELECT p.post, p.unit, 0 FROM pick k"
                f" JOIN post_row p ON p.post = k.post AND {p('p')}"
                " UNION ALL SELECT up.post, r.parent, up.depth + 1 FROM up"
                f" JOIN unit_row r ON r.unit = up.unit AND {u('r')} WHERE r.parent >= 0)"
                " SELECT post, unit FROM up ORDER BY post, depth"
            )
        else:
            self.chains = (
                "WITH RECURSIVE up(post, unit, depth) AS ("
                f" SELECT k.post, {latest('post_row', 'unit', 'k.post')}, 0 FROM pick k"
                f" UNION ALL SELECT up.post, {latest('unit_row', 'parent', 'up.unit')},"
                " up.depth + 1 FROM up WHERE up.unit >= 0)"
                " SELECT post, unit FROM up WHERE unit >= 0 ORDER BY post, depth"
            )
        # The versions on the two days joined entity by entity (the table with itself),
        # rather than two snapshots joined: the second is found through the index.
        self.diff_units = (
            "SELECT a.unit, a.parent, b.parent, a.namev, b.namev FROM unit_row a"
            f" LEFT JOIN unit_row b ON b.unit = a.unit AND {u('b', ':d1')}"
            f" WHERE {u('a', ':d0')}"
            " AND (b.unit IS NULL OR b.parent <> a.parent OR b.namev <> a.namev)"
            " UNION ALL"
            " SELECT b.unit, NULL, b.parent, NULL, b.namev FROM unit_row b"
            f" LEFT JOIN unit_row a ON a.unit = b.unit AND {u('a', ':d0')}"
            f" WHERE {u('b', ':d1')} AND a.unit IS NULL"
        )
        self.diff_posts = (
            "SELECT a.post FROM post_row a"
            f" JOIN post_row b ON b.post = a.post AND {p('b', ':d1')}"
            f" WHERE {p('a', ':d0')} AND a.unit <> b.unit"
        )
        self.series = (
            "WITH RECURSIVE sub(d, unit) AS (SELECT d, CAST(:unit AS INTEGER) FROM days UNION ALL"
            " SELECT sub.d, r.unit FROM sub"
            f" JOIN unit_row r ON r.parent = sub.unit AND {u('r', 'sub.d')})"
            " SELECT sub.d, count(p.id), coalesce(sum(g.cost), 0) FROM sub"
            f" JOIN post_row p ON p.unit = sub.unit AND {p('p', 'sub.d')}"
            " JOIN grade g ON g.grade = p.grade GROUP BY sub.d ORDER BY sub.d"
        )
        self.span = (
            f"SELECT r.parent FROM unit_row r WHERE {u('r')} AND r.parent >= 0"
            " GROUP BY r.parent HAVING count(*) > :span"
        )
        self.depth = (
            "WITH RECURSIVE lvl(unit, depth) AS (SELECT CAST(:root AS INTEGER), 0 UNION ALL"
            f" SELECT r.unit, lvl.depth + 1 FROM lvl JOIN unit_row r ON r.parent = lvl.unit"
            f" AND {u('r')} WHERE lvl.depth < :depth)"
            " SELECT unit FROM lvl WHERE depth = :depth"
        )


CLOSE = "UPDATE {table} SET valid_to = :day WHERE {key} = :e AND valid_to = {open} AND alive = 1"
CLOSE_UNIT = CLOSE.format(table="unit_row", key="unit", open=OPEN)
CLOSE_POST = CLOSE.format(table="post_row", key="post", open=OPEN)
ADD_UNIT = f"INSERT INTO unit_row ({UNIT_COLUMNS}) VALUES (:a, :b, :c, :e, :f, :g)"
ADD_POST = f"INSERT INTO post_row ({POST_COLUMNS}) VALUES (:a, :b, :c, :e, :f, :g)"
UNDO = [
    "DELETE FROM unit_row WHERE valid_from = :day",
    "DELETE FROM post_row WHERE valid_from = :day",
    f"UPDATE unit_row SET valid_to = {OPEN} WHERE valid_to = :day",
    f"UPDATE post_row SET valid_to = {OPEN} WHERE valid_to = :day",
]


def _rows(rows) -> Iterable[dict[str, int]]:
    for a, b, c, e, f, g in rows.as_tuples():
        yield {"a": a, "b": b, "c": c, "e": e, "f": f, "g": g}


class Database:
    """One loaded database (SQLite or PostgreSQL) and its connection."""

    name = "SQL"
    #: the row id column: numbered in the order rows are written (per entity: by date).
    ID = "id INTEGER PRIMARY KEY"
    #: named parameters (``:d``) as the driver wants them.
    marker = None

    def __init__(self) -> None:
        self.conn = None
        self.load_seconds = 0.0

    def sql(self, text: str) -> str:
        return text

    def execute(self, text: str, params: dict | None = None):
        cur = self.conn.cursor()
        cur.execute(self.sql(text), params or {})
        return cur

    def fetch(self, text: str, params: dict | None = None) -> list[tuple]:
        return self.execute(text, params).fetchall()

    def executemany(self, text: str, rows: Iterable[dict]) -> None:
        self.conn.cursor().executemany(self.sql(text), list(rows))

    # ------------------------------------------------------------------- loading
    def load(self, org: Organization, progress=print) -> None:
        start = time.perf_counter()
        for statement in SCHEMA:
            self.execute(statement.replace("{id}", self.ID))
        progress(
            f"{self.name}: loading {len(org.unit_rows):,} unit and "
            f"{len(org.post_rows):,} post rows"
        )
        self.bulk("unit_row", UNIT_COLUMNS, org.unit_rows.as_tuples())
        self.bulk("post_row", POST_COLUMNS, org.post_rows.as_tuples())
        self.bulk("grade", "grade, cost", [(i, GRADE_COST[g]) for i, g in enumerate(GRADES)])
        self.bulk("units", "unit", [(u,) for u in range(org.n_units)])
        self.bulk("posts", "post", [(p,) for p in range(org.n_posts)])
        progress(f"{self.name}: indexing")
        for statement in INDEXES:
            self.execute(statement)
        self.analyze()
        self.conn.commit()
        self.load_seconds = time.perf_counter() - start

    def bulk(self, table: str, columns: str, rows: list[tuple]) -> None:
        raise NotImplementedError

    def analyze(self) -> None:
        self.execute("ANALYZE")

    # ------------------------------------------------------------- plan changes
    def apply_plan(self, org: Organization) -> None:
        """Write the plan's versions (in the open transaction)."""
        rows = org.plan_rows
        self.executemany(CLOSE_UNIT, ({"day": rows.day, "e": e} for e in rows.closed_units))
        self.executemany(CLOSE_POST, ({"day": rows.day, "e": e} for e in rows.closed_posts))
        self.executemany(ADD_UNIT, _rows(rows.units))
        self.executemany(ADD_POST, _rows(rows.posts))

    def undo_plan(self, org: Organization) -> None:
        for statement in UNDO:
            self.execute(statement, {"day": org.plan_rows.day})
        self.conn.commit()

    def with_picks(self, posts: list[int]) -> None:
        """Fill the temporary table ``pick`` with ``posts``."""
        self.execute("DELETE FROM pick")
        self.executemany("INSERT INTO pick (post) VALUES (:p)", ({"p": p} for p in posts))
        self.analyze_temp("pick")

    def with_days(self, days: list[int]) -> None:
        self.execute("DELETE FROM days")
        self.executemany("INSERT INTO days (d) VALUES (:d)", ({"d": d} for d in days))
        self.analyze_temp("days")

    def analyze_temp(self, table: str) -> None:
        """Statistics for a temporary table, or planners guess it is big and scan the rest."""
        self.execute(f"ANALYZE {table}")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


class SQLite(Database):
    """SQLite (the standard library's sqlite3) in a file, with a page cache that holds it all."""

    name = "SQLite"

    def __init__(self, path: str):
        super().__init__()
        self.conn = sqlite3.connect(path)
        for pragma in (
            "PRAGMA cache_size = -4000000",  # KiB: the whole database stays in memory
            "PRAGMA temp_store = MEMORY",
            "PRAGMA journal_mode = WAL",
            "PRAGMA synchronous = NORMAL",
        ):
            self.conn.execute(pragma)
        self.version = sqlite3.sqlite_version

    def bulk(self, table: str, columns: str, rows: list[tuple]) -> None:
        marks = ", ".join("?" * len(columns.split(",")))
        self.conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    def temp_tables(self) -> None:
        self.execute("CREATE TEMP TABLE pick (post INTEGER PRIMARY KEY)")
        self.execute("CREATE TEMP TABLE days (d INTEGER PRIMARY KEY)")

    def analyze_temp(self, table: str) -> None:
        self.execute(f"ANALYZE temp.{table}")

    def interrupt_after(self, seconds: float | None) -> None:
        """Abort any query running longer than ``seconds`` (None: no limit)."""
        if seconds is None:
            self.conn.set_progress_handler(None, 0)
            return
        deadline = time.perf_counter() + seconds
        self.conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 100_000)


class PostgreSQL(Database):
    """PostgreSQL through psycopg, at ``url`` (the tables are made in a fresh schema)."""

    name = "PostgreSQL"
    ID = "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    _PARAM = re.compile(r"(?<!:):([a-z]\w*)")

    def __init__(self, url: str, schema: str = "organogram_bench"):
        super().__init__()
        import psycopg

        self.conn = psycopg.connect(url)
        self.version = self.conn.info.server_version
        self.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        self.execute(f"CREATE SCHEMA {schema}")
        self.execute(f"SET search_path TO {schema}")
        self.schema = schema
        self.conn.commit()

    def sql(self, text: str) -> str:
        return self._PARAM.sub(r"%(\1)s", text)

    def bulk(self, table: str, columns: str, rows: list[tuple]) -> None:
        with self.conn.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def temp_tables(self) -> None:
        self.execute("CREATE TEMP TABLE pick (post INTEGER PRIMARY KEY)")
        self.execute("CREATE TEMP TABLE days (d INTEGER PRIMARY KEY)")
        self.conn.commit()

    def interrupt_after(self, seconds: float | None) -> None:
        ms = 0 if seconds is None else int(seconds * 1000)
        self.execute(f"SET statement_timeout = {ms}")
        self.conn.commit()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.rollback()
            self.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            self.conn.commit()
            self.conn.close()


class Timed:
    """A result with the time its producer measured itself (part of the call was setup)."""

    def __init__(self, value: object, seconds: float):
        self.value = value
        self.seconds = seconds


class SQLPeer:
    """The questions of the benchmark in one form, on one database."""

    def __init__(self, db: Database, form: str):
        self.db = db
        self.form = form
        self.q = Queries(form)
        self.name = f"{db.name} ({form})"

    def snapshot(self, day: int) -> tuple[list[tuple], list[tuple]]:
        return (
            self.db.fetch(self.q.snapshot_units, {"d": day}),
            self.db.fetch(self.q.snapshot_posts, {"d": day}),
        )

    def rollup(self, root: int, day: int) -> tuple[int, float]:
        (count, cost), = self.db.fetch(self.q.rollup, {"root": root, "d": day})
        return int(count), float(cost)

    def rollups(self, day: int) -> list[tuple]:
        return self.db.fetch(self.q.rollups, {"d": day})

    def chains(self, posts: list[int], day: int) -> list[tuple[int, ...]]:
        self.db.with_picks(posts)
        found: dict[int, list[int]] = {}
        for post, unit in self.db.fetch(self.q.chains, {"d": day}):
            found.setdefault(post, []).append(unit)
        self.db.conn.commit()
        return [tuple(found.get(p, ())) for p in posts]

    def diff(self, d0: int, d1: int) -> tuple[list[tuple], list[tuple]]:
        params = {"d0": d0, "d1": d1}
        return self.db.fetch(self.q.diff_units, params), self.db.fetch(self.q.diff_posts, params)

    def series(self, unit: int, days: list[int]) -> list[tuple]:
        self.db.with_days(days)
        rows = self.db.fetch(self.q.series, {"unit": unit})
        self.db.conn.commit()
        return rows

    def preview(self, org: Organization) -> tuple[list[tuple], list[tuple]]:
        try:
            self.db.apply_plan(org)
            return self.snapshot(org.plan_rows.day)
        finally:
            self.db.conn.rollback()

    def validate(self, org: Organization, root: int, span: int, depth: int) -> Timed:
        """Span and depth on the plan's structure; only the queries are timed."""
        try:
            self.db.apply_plan(org)
            start = time.perf_counter()
            d = org.plan_rows.day
            wide = self.db.fetch(self.q.span, {"d": d, "span": span})
            deep = self.db.fetch(self.q.depth, {"d": d, "root": root, "depth": depth})
            return Timed(([r[0] for r in wide], [r[0] for r in deep]), time.perf_counter() - start)
        finally:
            self.db.conn.rollback()

    def enact(self, org: Organization) -> Timed:
        """Write the plan and commit (timed); read the result, then take it out again."""
        start = time.perf_counter()
        self.db.apply_plan(org)
        self.db.conn.commit()
        seconds = time.perf_counter() - start
        try:
            return Timed(self.snapshot(org.plan_rows.day), seconds)
        finally:
            self.db.conn.rollback()
            self.db.undo_plan(org)
