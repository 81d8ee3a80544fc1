"""The write path: loading, recording changes, refusals, concurrency and the audit log."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from organogram.core.changes import Abolish, Rename
from organogram.core.dates import FuzzyDate
from organogram.formats import DatasetError, load_dataset
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.actions import dataset
from organogram.registry.audit import Actor
from organogram.registry.services import (
    ChangeRefused,
    NotEmpty,
    RegistryError,
    StaleEdit,
    load_dataset_into_registry,
    record_change,
)

from .conftest import IOM

pytestmark = pytest.mark.django_db

EDITOR = Actor("editor", "web")


def snapshot_of_tables() -> dict[str, int]:
    return {
        "changes": m.Change.objects.count(),
        "sources": m.Source.objects.count(),
        "claims": m.Claim.objects.count(),
        "revision": store.revision(),
        "audit": m.AuditEntry.objects.count(),
    }


def rename(unit: str, name: str, date: str = "2023") -> Rename:
    return Rename(date=FuzzyDate.parse(date), unit=unit, name=name)


def test_the_loaded_registry_holds_the_dataset():
    record = store.current_record()
    loaded = load_dataset(IOM)
    assert record.organization == loaded.organization
    assert [c.id for c in record.timeline] == [c.id for c in loaded.timeline]
    assert list(record.plans) == list(loaded.plans)
    assert record.claims == loaded.claims


def test_the_record_is_cached_until_the_revision_moves():
    first = store.current()
    assert store.current() is first
    record_change(rename("ethics", "Office of Ethics"), EDITOR)
    second = store.current()
    assert second is not first
    assert second.revision == first.revision + 1


def test_loading_into_a_full_registry_is_refused():
    before = snapshot_of_tables()
    with pytest.raises(NotEmpty, match="--replace"):
        load_dataset_into_registry(IOM, EDITOR)
    assert snapshot_of_tables() == before


def test_a_bad_dataset_loads_nothing_even_with_replace(tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(IOM, bad)
    units = bad / "drm-2016.yaml"
    units.write_text(units.read_text().replace("kind:", "knid:", 1))
    before = snapshot_of_tables()
    with pytest.raises(DatasetError, match="knid"):
        load_dataset_into_registry(bad, EDITOR, replace=True)
    assert snapshot_of_tables() == before


def test_a_failure_while_writing_leaves_the_old_record(monkeypatch):
    before = snapshot_of_tables()

    insert = dataset.insert

    def broken(model, rows):
        if model is m.Claim:
            raise RuntimeError("disk full")
        insert(model, rows)

    monkeypatch.setattr(dataset, "insert", broken)
    with pytest.raises(RuntimeError):
        load_dataset_into_registry(IOM, EDITOR, replace=True)
    assert snapshot_of_tables() == before
    assert store.current_record().organization.id == load_dataset(IOM).organization.id


def test_replace_loads_again_and_says_so_in_the_audit_log():
    result = load_dataset_into_registry(IOM, EDITOR, replace=True)
    assert result.counts["changes"] == m.Change.objects.count()
    entry = m.AuditEntry.objects.first()
    assert entry.action == "organogram.dataset.replace"
    assert entry.before["changes"] == entry.after["changes"]


def test_recording_a_change_writes_row_revision_and_audit():
    before = snapshot_of_tables()
    done = record_change(rename("ethics", "Office of Ethics", "2023-05-01"), EDITOR)
    assert done.change.id == f"rec-{done.sequence}"
    assert done.change.recorded_by == "editor"
    assert done.change.recorded_at is not None
    after = snapshot_of_tables()
    assert after["changes"] == before["changes"] + 1
    assert after["revision"] == before["revision"] + 1
    entry = m.AuditEntry.objects.first()
    assert (entry.action, entry.via, entry.by) == ("organogram.change.record", "web", "editor")
    assert entry.after["change"]["name"] == "Office of Ethics"
    assert entry.before["nodes"]["ethics"]["name"] != "Office of Ethics"
    assert entry.after["nodes"]["ethics"]["name"] == "Office of Ethics"
    s = store.current_record().timeline.snapshot("2023-06").structure
    assert s.units["ethics"].name == "Office of Ethics"


def test_a_change_that_does_not_apply_is_refused_and_nothing_is_written():
    before = snapshot_of_tables()
    with pytest.raises(ChangeRefused, match="does not exist"):
        record_change(rename("no-such-unit", "X"), EDITOR)
    assert snapshot_of_tables() == before


def test_a_change_that_breaks_a_later_change_is_refused_naming_it():
    before = snapshot_of_tables()
    abolish = Abolish(date=FuzzyDate.parse("2019"), unit="gender-coordination")
    with pytest.raises(ChangeRefused) as info:
        record_change(abolish, EDITOR)
    assert "review-replace-gender-coordination" in str(info.value)
    assert "would break later changes" in str(info.value)
    assert snapshot_of_tables() == before


def test_a_second_editor_working_from_an_old_view_is_refused():
    seen = store.current().token({"ethics"})
    record_change(rename("ethics", "Office of Ethics"), Actor("first", "web"), expected=seen)
    before = snapshot_of_tables()
    with pytest.raises(StaleEdit) as info:
        record_change(
            rename("ethics", "Ethics Office"), Actor("second", "web"), expected=seen
        )
    assert "recorded by first" in str(info.value)
    assert snapshot_of_tables() == before
    assert store.current_record().timeline.snapshot("2024").structure.units[
        "ethics"
    ].name == "Office of Ethics"


def test_an_edit_of_other_units_is_not_stale():
    seen = store.current().token({"ethics"})
    record_change(rename("dla", "Office of Legal Affairs (renamed)"), EDITOR)
    record_change(rename("ethics", "Office of Ethics"), EDITOR, expected=seen)


def test_a_correction_names_what_it_corrects():
    record_change(rename("ethics", "Ethics Office"), EDITOR, corrects="rename-ethics")
    entry = m.AuditEntry.objects.first()
    assert entry.action == "organogram.change.correct"
    assert entry.after["corrects"] == "rename-ethics"
    with pytest.raises(ChangeRefused, match="no change 'nope'"):
        record_change(rename("ethics", "Ethics"), EDITOR, corrects="nope")


def test_a_change_id_given_twice_is_refused():
    change = replace(rename("ethics", "Office of Ethics"), id="rename-ethics")
    with pytest.raises(ChangeRefused, match="already recorded"):
        record_change(change, EDITOR)


def test_a_dataset_whose_changes_do_not_apply_is_refused(tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(IOM, bad)
    (bad / "zz-extra.yaml").write_text(
        "changes:\n  - op: rename\n    unit: policy-hub\n    name: X\n    date: 2001\n"
    )
    with pytest.raises(RegistryError, match="do not apply"):
        load_dataset_into_registry(bad, EDITOR, replace=True)
