"""A load makes and writes its rows a slice at a time, in its one transaction: a failure
in a late slice leaves the registry as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.db import IntegrityError

from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.formats import load_dataset
from organogram.registry import convert, search_index, store
from organogram.registry import models as m
from organogram.registry.actions import dataset
from organogram.registry.audit import Actor
from organogram.registry.services import load_dataset_into_registry, load_record_into_registry
from organogram.search.documents import documents

from .conftest import IOM

pytestmark = pytest.mark.django_db

LOADER = Actor("loader", "cli")
SLICE = 7


def held() -> dict[str, object]:
    """What the registry holds, in brief."""
    return {
        "changes": list(m.Change.objects.values_list("id", flat=True)),
        "search": m.SearchDocument.objects.count(),
        "revision": store.revision(),
        "audit": m.AuditEntry.objects.count(),
    }


def test_change_rows_are_made_only_as_each_slice_is_written(monkeypatch):
    monkeypatch.setattr(dataset, "BATCH", SLICE)
    made: list[int] = []
    written: list[tuple[int, int]] = []  # (rows made so far, rows in the slice written)
    change_row = convert.change_row

    def counting(*args, **kwargs):
        made.append(1)
        return change_row(*args, **kwargs)

    insert = dataset.insert

    def spying(model, rows):
        if model is m.Change:
            written.append((len(made), len(rows)))
        insert(model, rows)

    monkeypatch.setattr(convert, "change_row", counting)
    monkeypatch.setattr(dataset, "insert", spying)
    result = load_dataset_into_registry(IOM, LOADER, replace=True)
    assert len(written) > 2
    assert all(size <= SLICE for _, size in written)
    # When a slice is written, no row after it has been made yet.
    done = 0
    for so_far, size in written:
        done += size
        assert so_far == done
    assert done == result.counts["changes"] == m.Change.objects.count()


def test_a_failing_late_slice_leaves_the_record_as_it_was(monkeypatch):
    monkeypatch.setattr(dataset, "BATCH", SLICE)
    before = held()
    insert = dataset.insert
    calls: list[int] = []

    def failing_late(model, rows):
        if model is m.Change:
            calls.append(len(rows))
            if len(calls) == 5:
                raise RuntimeError("disk full")
        insert(model, rows)

    monkeypatch.setattr(dataset, "insert", failing_late)
    with pytest.raises(RuntimeError, match="disk full"):
        load_dataset_into_registry(IOM, LOADER, replace=True)
    assert len(calls) == 5
    assert held() == before


def test_a_late_change_the_database_refuses_leaves_nothing_written(monkeypatch):
    # The last change repeats the id of an earlier one: the fold takes it (it applies),
    # and the database refuses its row only in the last slice, after the others were
    # written in the same transaction.
    monkeypatch.setattr(dataset, "BATCH", SLICE)
    loaded = load_dataset(IOM)
    unit = next(iter(loaded.timeline.fold()[0].units))
    again = Rename(
        id=loaded.timeline.changes[0].id, date=FuzzyDate.parse("2099"), unit=unit, name="X"
    )
    record = replace(loaded, timeline=loaded.timeline.with_changes([again]))
    assert record.timeline.changes[-1] is again and not record.timeline.fold()[1]
    assert len(record.timeline.changes) > 3 * SLICE
    before = held()
    with pytest.raises(IntegrityError):
        load_record_into_registry(record, LOADER, replace=True)
    assert held() == before


def test_the_search_index_is_written_a_slice_at_a_time_and_whole(monkeypatch):
    monkeypatch.setattr(search_index, "BATCH", SLICE)
    sizes: list[int] = []
    insert_values = search_index.insert_values

    def spying(model, columns, rows):
        sizes.append(len(rows))
        insert_values(model, columns, rows)

    monkeypatch.setattr(search_index, "insert_values", spying)
    load_dataset_into_registry(IOM, LOADER, replace=True)
    assert max(sizes) == SLICE and len(sizes) > 2
    expected = documents(store.current_record())
    assert sum(sizes) == len(expected) == m.SearchDocument.objects.count()
