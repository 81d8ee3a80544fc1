"""PostgreSQL's full-text search, for the registry's stored index (and the benchmark).

The documents table has a ``tsv`` column, filled by a trigger: a name unstemmed
(``simple``), any other text stemmed in its language (English, French or Spanish, by
the document's language tag; ``simple`` for any other) and unstemmed beside it, so that
the last word typed matches as a prefix of the words as written too. A GIN index on
the names and one on the other texts serve ``@@``. A query is read in each of the
configurations the documents' languages use, and matches in any of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from . import fts5
from .query import Query

#: The configuration each language tag's text is stemmed with (any other: ``simple``).
CONFIGS = {"en": "english", "fr": "french", "es": "spanish"}


def configs(group: str | None, languages: Iterable[str]) -> list[str]:
    """The configurations a query of ``group`` is read in: names are indexed unstemmed,
    so ``simple`` alone; other text in ``simple`` and the stemmers of ``languages`` (the
    languages the documents are in: each stemmer more costs a pass over the matches)."""
    out = ["simple"]
    if group != "name":
        for tag in sorted(set(languages)):
            config = CONFIGS.get(tag.lower().split("-")[0])
            if config and config not in out:
                out.append(config)
    return out


def index_sql(documents: str) -> list[str]:
    """The ``tsv`` column of the ``documents`` table, its trigger and its GIN index."""
    return [
        f"ALTER TABLE {documents} ADD COLUMN tsv tsvector",
        f"""
        CREATE FUNCTION {documents}_tsv() RETURNS trigger AS $$
        BEGIN
            IF NEW.grp = 'name' THEN
                NEW.tsv := to_tsvector('simple', NEW.name_text);
            ELSE
                NEW.tsv := to_tsvector(
                    (CASE split_part(lower(NEW.language), '-', 1)
                        WHEN 'en' THEN 'english' WHEN 'fr' THEN 'french'
                        WHEN 'es' THEN 'spanish' ELSE 'simple' END)::regconfig,
                    NEW.body_text
                ) || to_tsvector('simple', NEW.body_text);
            END IF;
            RETURN NEW;
        END
        $$ LANGUAGE plpgsql
        """,
        f"CREATE TRIGGER {documents}_tsv BEFORE INSERT OR UPDATE ON {documents} "
        f"FOR EACH ROW EXECUTE FUNCTION {documents}_tsv()",
        # One GIN index per group: a typeahead searches names only, and a word common
        # in names is then looked up among the names, not among every text.
        f"CREATE INDEX {documents}_name_gin ON {documents} USING GIN (tsv) WHERE grp = 'name'",
        f"CREATE INDEX {documents}_text_gin ON {documents} USING GIN (tsv) WHERE grp = 'text'",
    ]


def match_sql(
    documents: str,
    query: Query,
    *,
    kinds: Sequence[str],
    audiences: Sequence[str],
    day: str,
    group: str | None,
    every: bool,
    limit: int,
    languages: Iterable[str] = tuple(CONFIGS),
) -> tuple[str, list[Any]]:
    """The statement finding a query's documents (best first, by ``ts_rank``), and its
    parameters (``%s`` placeholders, as psycopg and Django take them); ``languages``: the
    language tags of the documents' texts (see :func:`configs`)."""
    text = query.tsquery(every=every)
    used = configs(group, languages)
    q = " || ".join(f"to_tsquery('{c}', %s)" for c in used)
    cols = ", ".join(f"d.{c}" for c in fts5.COLUMNS)
    where_group = "AND d.grp = %s " if group else ""
    # A name holding every word is the better the shorter it is (the nearer to exactly
    # what was typed); ts_rank, which counts the words, would not tell them apart, and
    # costs more on a word thousands of names share.
    score = "-length(d.name_text)" if group == "name" and every else "ts_rank(d.tsv, q.q)"
    sql = (
        f"SELECT {cols}, {score} AS score "
        f"FROM {documents} d, (SELECT {q} AS q) q "
        f"WHERE d.tsv @@ q.q {where_group}"
        f"AND d.kind IN ({', '.join(['%s'] * len(kinds))}) "
        f"AND d.audience IN ({', '.join(['%s'] * len(audiences))}) "
        f"AND d.since_day <= %s ORDER BY score DESC LIMIT %s"
    )
    params: list[Any] = [text] * len(used)
    if group:
        params.append(group)
    return sql, [*params, *kinds, *audiences, day, limit]
