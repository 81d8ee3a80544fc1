"""SQLite FTS5, shared by the in-memory index and the registry's stored one.

The documents are rows of a plain table; an FTS5 table with that table as its external
content indexes two columns, ``name_text`` (the words of a name) and ``body_text`` (the
words of any other text), kept in step by triggers, so whoever writes rows writes the
index in the same transaction. The ``porter`` tokenizer stems English words only: on
SQLite a French or Spanish text is matched by its words and their beginnings, not by
its stems (PostgreSQL stems all three).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from .documents import Document
from .query import Query

TOKENIZE = "porter unicode61 remove_diacritics 2"

#: The columns of the documents table, in the order rows are read.
COLUMNS = (
    "kind",
    "ident",
    "field",
    "grp",
    "text",
    "name",
    "since",
    "until",
    "since_day",
    "until_day",
    "cites",
    "audience",
    "language",
    "name_text",
    "body_text",
)

#: How much more a word of a name weighs than one of other text, in bm25.
NAME_WEIGHT = 5.0


def index_sql(documents: str, index: str) -> list[str]:
    """The FTS5 table over the ``documents`` table, and the triggers keeping it in step."""
    cols = "name_text, body_text"
    new = "new.id, new.name_text, new.body_text"
    old = "old.id, old.name_text, old.body_text"
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content='{documents}', "
        f"content_rowid='id', tokenize='{TOKENIZE}')",
        f"CREATE TRIGGER {index}_ai AFTER INSERT ON {documents} BEGIN "
        f"INSERT INTO {index}(rowid, {cols}) VALUES ({new}); END",
        f"CREATE TRIGGER {index}_ad AFTER DELETE ON {documents} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', {old}); END",
        f"CREATE TRIGGER {index}_au AFTER UPDATE ON {documents} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', {old}); "
        f"INSERT INTO {index}(rowid, {cols}) VALUES ({new}); END",
    ]


def drop_sql(documents: str, index: str) -> list[str]:
    """Undoes :func:`index_sql`."""
    return [
        *(f"DROP TRIGGER IF EXISTS {index}_{t}" for t in ("ai", "ad", "au")),
        f"DROP TABLE IF EXISTS {index}",
    ]


#: How many of the engine's best matches the first, quick statement takes before the
#: filters, for each one asked (see :func:`matches`).
OVERFETCH = 2


def match_sql(
    documents: str,
    index: str,
    query: Query,
    *,
    kinds: Sequence[str],
    audiences: Sequence[str],
    day: str,
    group: str | None,
    every: bool,
    limit: int,
    mark: str = "?",
    best_first: bool = False,
) -> tuple[str, list[Any]]:
    """The statement finding a query's documents, and its parameters (``mark``: the
    driver's placeholder). With ``best_first``, the index's best ``OVERFETCH * limit``
    matches are taken first and only they are joined and filtered: much quicker when a
    word matches thousands of documents, but it may find fewer than ``limit`` that pass
    the filters when more exist (:func:`matches` then asks again without)."""
    column = {"name": "name_text", "text": "body_text"}.get(group or "", "")
    expression = query.fts5(every=every, column=column)
    cols = ", ".join(f"d.{c}" for c in COLUMNS)
    score = f"bm25({index}, {NAME_WEIGHT}, 1.0)"
    filters = (
        f"d.kind IN ({', '.join([mark] * len(kinds))}) "
        f"AND d.audience IN ({', '.join([mark] * len(audiences))}) "
        f"AND d.since_day <= {mark}"
    )
    if best_first:
        sql = (
            f"SELECT {cols}, f.score FROM (SELECT rowid, {score} AS score FROM {index} "
            f"WHERE {index} MATCH {mark} ORDER BY score LIMIT {mark}) f "
            f"JOIN {documents} d ON d.id = f.rowid WHERE {filters} "
            f"ORDER BY f.score LIMIT {mark}"
        )
        return sql, [expression, OVERFETCH * limit, *kinds, *audiences, day, limit]
    sql = (
        f"SELECT {cols}, {score} AS score "
        f"FROM {index} JOIN {documents} d ON d.id = {index}.rowid "
        f"WHERE {index} MATCH {mark} AND {filters} ORDER BY score LIMIT {mark}"
    )
    return sql, [expression, *kinds, *audiences, day, limit]


def matches(
    execute: Callable[[str, list[Any]], list[Sequence[Any]]],
    documents: str,
    index: str,
    query: Query,
    *,
    limit: int,
    **kw: Any,
) -> list[Sequence[Any]]:
    """The rows of a query's best documents (each ending with its bm25 score), asked with
    ``execute(sql, params)``: the index's best matches first, filtered; when fewer than
    ``limit`` pass, the whole statement, which filters every match."""
    rows = execute(*match_sql(documents, index, query, limit=limit, best_first=True, **kw))
    if len(rows) < limit:
        rows = execute(*match_sql(documents, index, query, limit=limit, **kw))
    return rows


def row(document: Document) -> tuple[Any, ...]:
    """The document as a row of the documents table (:data:`COLUMNS`)."""
    d = document
    name = d.group == "name"
    return (
        d.kind,
        d.ident,
        d.field,
        d.group,
        d.text,
        d.name,
        d.since,
        d.until,
        d.since_day,
        d.until_day,
        json.dumps(list(d.cites)),
        d.audience,
        d.language,
        d.indexed if name else "",
        "" if name else d.indexed,
    )


def document(values: Sequence[Any]) -> Document:
    """A row of the documents table (:data:`COLUMNS` order) as a document."""
    v = dict(zip(COLUMNS, values, strict=False))
    return Document(
        v["kind"],
        v["ident"],
        v["field"],
        v["text"],
        v["name"],
        since=v["since"],
        until=v["until"],
        cites=tuple(json.loads(v["cites"] or "[]")),
        audience=v["audience"],
        language=v["language"],
    )
