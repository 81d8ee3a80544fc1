"""The registry's migration writes out the engines' index statements (so that it stays as
it was): they are the ones the search package makes today."""

from __future__ import annotations

import importlib
import re

from organogram.search import fts5, postgres

MIGRATION = importlib.import_module("organogram.registry.migrations.0014_search")


def _flat(statements):
    return [re.sub(r"\s+", " ", s).strip() for s in statements]


def test_the_migration_makes_the_fts5_index_the_search_package_describes():
    made = fts5.index_sql("registry_searchdocument", "registry_searchindex")
    assert _flat(MIGRATION.SQLITE) == _flat(made)


def test_the_migration_makes_the_postgresql_index_the_search_package_describes():
    assert _flat(MIGRATION.POSTGRESQL) == _flat(postgres.index_sql("registry_searchdocument"))
