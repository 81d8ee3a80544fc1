"""An index held in memory (SQLite FTS5 in a private database), for reading a dataset
folder directly as the command line does."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from . import fts5
from .documents import Document
from .engine import Match
from .query import Query

_DOCUMENTS = "documents"
_INDEX = "documents_index"


class MemoryIndex:
    """The documents given, indexed by FTS5 in a database of this process's own (in
    memory, or in the new file ``database``)."""

    def __init__(self, documents: Iterable[Document], database: str = ":memory:") -> None:
        self.db = sqlite3.connect(database, check_same_thread=False)
        columns = ", ".join(f"{c} TEXT NOT NULL" for c in fts5.COLUMNS)
        self.db.execute(f"CREATE TABLE {_DOCUMENTS} (id INTEGER PRIMARY KEY, {columns})")
        for statement in fts5.index_sql(_DOCUMENTS, _INDEX):
            self.db.execute(statement)
        marks = ", ".join("?" * len(fts5.COLUMNS))
        with self.db:
            self.db.executemany(
                f"INSERT INTO {_DOCUMENTS} ({', '.join(fts5.COLUMNS)}) VALUES ({marks})",
                (fts5.row(d) for d in documents),
            )

    def __len__(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM {_DOCUMENTS}").fetchone()[0]

    def matches(
        self,
        query: Query,
        *,
        day: str,
        kinds: Sequence[str],
        audiences: Sequence[str],
        group: str | None,
        every: bool,
        limit: int,
    ) -> list[Match]:
        """See :class:`~organogram.search.engine.Engine`."""
        if not query or not kinds or not audiences:
            return []
        rows = fts5.matches(
            lambda sql, params: self.db.execute(sql, params).fetchall(),
            _DOCUMENTS,
            _INDEX,
            query,
            kinds=kinds,
            audiences=audiences,
            day=day,
            group=group,
            every=every,
            limit=limit,
        )
        return [Match(fts5.document(r[:-1]), -r[-1]) for r in rows]
