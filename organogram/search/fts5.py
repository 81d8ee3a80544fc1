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
from collections.abc import Sequence
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
) -> tuple[str, list[Any]]:
    """The statement finding a query's documents, and its parameters (``mark``: the
    driver's placeholder)."""
    column = {"name": "name_text", "text": "body_text"}.get(group or "", "")
    expression = query.fts5(every=every, column=column)
    cols = ", ".join(f"d.{c}" for c in COLUMNS)
    sql = (
        f"SELECT {cols}, bm25({index}, {NAME_WEIGHT}, 1.0) AS score "
        f"FROM {index} JOIN {documents} d ON d.id = {index}.rowid "
        f"WHERE {index} MATCH {mark} "
        f"AND d.kind IN ({', '.join([mark] * len(kinds))}) "
        f"AND d.audience IN ({', '.join([mark] * len(audiences))}) "
        f"AND d.since_day <= {mark} ORDER BY score LIMIT {mark}"
    )
    return sql, [expression, *kinds, *audiences, day, limit]


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
