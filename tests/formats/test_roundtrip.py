"""Round trips of generated records: load(dump(record)) == record, stable bytes, valid files."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from organogram.formats import dump_dataset, load_dataset

from .conftest import record_parts
from .strategies import records
from .test_schema import schema_errors


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_generated_records_round_trip(record):
    with tempfile.TemporaryDirectory() as tmp:
        one, two = Path(tmp, "one"), Path(tmp, "two")
        dump_dataset(record, one)
        loaded = load_dataset(one)
        assert record_parts(loaded) == record_parts(record)
        dump_dataset(loaded, two)
        for path in sorted(one.iterdir()):
            assert (two / path.name).read_bytes() == path.read_bytes(), path.name
            assert schema_errors(path) == [], path.name
