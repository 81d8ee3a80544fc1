"""Search over the record: who deals with what, by name, former name, mandate or text.

The engine-neutral part of search lives here, without Django: the documents a record is
searched by (:mod:`.documents`), what a person typed read as terms (:mod:`.query`), the
ranking and grouping of what an engine found (:mod:`.rank`), the highlighted snippets
(:mod:`.snippet`) and the one small interface every engine answers (:mod:`.engine`).
Two engines stand behind it: SQLite's FTS5 in memory for the command line
(:mod:`.memory`), and the registry's stored index (FTS5 on SQLite, tsvector on
PostgreSQL), which the registry keeps.
"""

from .documents import Document, documents
from .engine import Engine, Match
from .find import Hit, Results, search
from .query import Query, parse_query

__all__ = [
    "Document",
    "Engine",
    "Hit",
    "Match",
    "Query",
    "Results",
    "documents",
    "parse_query",
    "search",
]
