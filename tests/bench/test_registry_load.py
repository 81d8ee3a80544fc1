"""bench/registry_load.py: the floor's rows, prepared once, suit SQLite as well."""

import json

import pytest

from bench.registry_load import _as_sqlite


def test_json_prepared_for_postgresql_goes_to_sqlite_as_its_text():
    jsonb = pytest.importorskip("psycopg.types.json").Jsonb
    rows = [(1, "a", jsonb({"k": [1, 2]})), (2, "b", jsonb(None))]
    assert _as_sqlite(rows) == [(1, "a", json.dumps({"k": [1, 2]})), (2, "b", "null")]


def test_rows_without_json_are_handed_on_as_they_are():
    rows = [(1, "a", None)]
    assert _as_sqlite(rows) is rows
