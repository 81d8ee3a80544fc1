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


def test_the_floor_parses_a_file_in_slices_that_make_up_the_whole(tmp_path):
    import yaml

    from bench.registry_load import LOADER, slices

    entries = "".join(f"  - op: rename\n    unit: u{i}\n    name: N {i}\n\n" for i in range(7))
    path = tmp_path / "changes.yaml"
    path.write_text(f"organization:\n  id: o\n  name: O\nchanges:\n{entries}plans: []\n")
    parts = [yaml.load(text, Loader=LOADER) for text in slices(path, size=3)]
    assert [len(p.get("changes") or []) for p in parts] == [0, 3, 3, 1, 0]
    whole = yaml.load(path.read_text(), Loader=LOADER)
    assert [c for p in parts for c in p.get("changes") or []] == whole["changes"]
    assert parts[0]["organization"] == whole["organization"] and parts[-1] == {"plans": []}
