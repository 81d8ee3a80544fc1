"""The registry's search index: the documents of its record as rows, indexed by the
database's own engine (FTS5 on SQLite, tsvector with a GIN index on PostgreSQL; the
migration that makes the table makes the index), kept up to date by the writes.

:func:`after_write` is called by :func:`~organogram.registry.actions.base.run` inside
every write's transaction: a load rebuilds every document; a recorded change (or an
enacted plan) remakes the documents of the units and posts it touched and its own; an
edited register entry those of the terms of reference; an edited source those of the
sources. :class:`StoredIndex` answers the search package's
:class:`~organogram.search.engine.Engine` from the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.db import connections

from ..core.record import Record
from ..search import fts5, postgres
from ..search.documents import (
    DEFAULT_LANGUAGE,
    EVERYTHING,
    Document,
    Only,
    documents,
    each_document,
)
from ..search.engine import Match
from ..search.query import Query
from . import models as m
from .batches import batches, insert_values
from .reading.timeline import node_histories

if TYPE_CHECKING:
    from .actions.base import Outcome
    from .store import State

TABLE = m.SearchDocument._meta.db_table
#: The FTS5 table over :data:`TABLE` on SQLite (see the migration 0014_search).
FTS5_TABLE = "registry_searchindex"
#: Rows written per statement.
BATCH = 1_000


def _rows(docs: list[Document]) -> list[m.SearchDocument]:
    """``docs`` as (unsaved) rows: what :func:`write` writes of them."""
    return [m.SearchDocument(**dict(zip(fts5.COLUMNS, fts5.row(d), strict=True))) for d in docs]


def write(docs: Iterable[Document]) -> int:
    """Add ``docs`` to the index, a slice at a time (each made into rows only when it
    is written); returns how many."""
    count = 0
    for batch in batches(docs, BATCH):
        # fts5.row gives every column's text as the table keeps it (a text field stores
        # a str as it is): no model instance to make and take apart again per document.
        insert_values(m.SearchDocument, fts5.COLUMNS, [fts5.row(d) for d in batch])
        count += len(batch)
    return count


def rebuild(record: Record) -> int:
    """Every document of ``record``, in place of those held; returns how many. They are
    made as they are written: a large record's documents are never all held at once."""
    m.SearchDocument.objects.all().delete()
    return write(each_document(record, EVERYTHING))


def refresh(record: Record, only: Only, histories: Any = None) -> int:
    """The documents ``only`` names, made again from ``record`` (``histories``: every
    node's, when held); returns how many."""
    docs = documents(record, only, histories)
    held = m.SearchDocument.objects
    if only.nodes:
        held.filter(kind__in=("unit", "post"), ident__in=only.nodes).delete()
    if only.changes:
        # and the later changes told again because they name what a write changed
        told = sorted(only.changes | {d.ident for d in docs if d.kind == "change"})
        for i in range(0, len(told), BATCH):
            held.filter(kind="change", ident__in=told[i : i + BATCH]).delete()
    if only.terms:
        held.filter(field="terms").delete()
    if only.sources:
        held.filter(kind="source").delete()
    if only.people:
        held.filter(kind="person").delete()
    write(docs)
    return len(docs)


def touched(step: str, outcome: Outcome, record: Record) -> Only | None:
    """What a write of kind ``step`` with ``outcome`` changed of the documents (None:
    everything may have: rebuild)."""
    kinds = m.Step.Kind
    if step in (kinds.CHANGES, kinds.PLANS):
        ids = frozenset(outcome.appended)
        timeline = record.timeline
        nodes = frozenset(
            n for i in ids if (c := timeline.get(i)) is not None for n in c.subjects()
        )
        return Only(nodes=nodes, changes=ids, mentioning=nodes)
    if step == kinds.ENTRIES:
        return Only(terms=True)
    if step == kinds.SOURCES:
        # A source's title is in the citations of the changes told: those citing an
        # edited source are told again with its documents.
        audits = outcome.audit if isinstance(outcome.audit, list) else [outcome.audit]
        edited = {a.object_id for a in audits if a.object_type == "source"}
        citing = frozenset(
            c.id for c in record.timeline.changes if any(cite.source in edited for cite in c.cites)
        )
        return Only(sources=True, changes=citing)
    return None


def after_write(step: str | None, outcome: Outcome, state_after: Callable[[], State]) -> None:
    """Bring the index up to date with a write (see the module); ``state_after`` gives the
    registry's state after the write, asked only when something is remade."""
    if step is None:
        return
    if step in (m.Step.Kind.CHANGES, m.Step.Kind.PLANS) and not outcome.appended:
        return  # a plan drafted or moved: nothing of the timeline changed
    if outcome.record is not None:  # a load: the whole record, in hand
        rebuild(outcome.record)
        return
    state = state_after()
    only = touched(step, outcome, state.record)
    if only is None:
        rebuild(state.record)
    elif only.nodes:
        # Every node's history, grown from the last revision's when it was made (the
        # unit pages ask for the same): not a fold of the whole timeline per write.
        refresh(state.record, only, node_histories(state))
    else:
        refresh(state.record, only)


def languages(record: Record) -> set[str]:
    """The language tags the record's documents are in: its sources', and the default."""
    return {s.language for s in record.sources.values() if s.language} | {DEFAULT_LANGUAGE}


def is_empty() -> bool:
    """Whether the index holds no document (a registry made before search was added)."""
    return not m.SearchDocument.objects.exists()


class StoredIndex:
    """The registry's index, as an :class:`~organogram.search.engine.Engine`."""

    def __init__(self, using: str = "default", languages: Iterable[str] = ("en",)) -> None:
        self.using = using
        #: the language tags of the documents (PostgreSQL reads a query with their stemmers).
        self.languages = tuple(languages)

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
        connection = connections[self.using]
        kw = {
            "kinds": kinds,
            "audiences": audiences,
            "day": day,
            "group": group,
            "every": every,
            "limit": limit,
        }

        def execute(sql: str, params: list[Any]) -> list[Any]:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        if connection.vendor == "postgresql":
            rows = execute(*postgres.match_sql(TABLE, query, languages=self.languages, **kw))
            sign = 1.0
        else:
            rows = fts5.matches(execute, TABLE, FTS5_TABLE, query, mark="%s", **kw)
            sign = -1.0  # bm25: lower is better
        return [Match(fts5.document(r[:-1]), sign * float(r[-1])) for r in rows]
