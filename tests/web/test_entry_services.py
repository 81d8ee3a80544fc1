"""The write path of register entries: checks, versions, references and the audit log."""

from __future__ import annotations

import pytest

from organogram.formats import load_dataset
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.audit import Actor
from organogram.registry.services import (
    EntryRefused,
    StaleEntry,
    entry_version,
    export_registry,
    remove_entry,
    save_entry,
)

pytestmark = pytest.mark.django_db


EDITOR = Actor("editor", "web")
COUNCIL = {"id": "assembly", "name": "Assembly", "kind": "council", "cite": "c109-report"}
SCPF = {"id": "board", "name": "Executive Board", "parent": "assembly"}


def test_an_entry_is_saved_audited_and_seen_in_the_record():
    before = store.revision()
    saved = save_entry("bodies", COUNCIL, EDITOR, expected=0)
    assert saved.version == 1 and saved.revision == before + 1
    assert store.current_record().entry("bodies", "assembly").name == "Assembly"
    audit = m.AuditEntry.objects.first()
    assert (audit.action, audit.object_id, audit.before) == (
        "organogram.bodies.add",
        "assembly",
        None,
    )
    assert audit.after == COUNCIL


def test_an_invalid_entry_is_refused_naming_its_fields_and_nothing_is_written():
    before = (store.revision(), m.Entry.objects.count(), m.AuditEntry.objects.count())
    with pytest.raises(EntryRefused) as info:
        save_entry("bodies", {"id": "Bad Id", "founded": "1951"}, EDITOR)
    text = str(info.value)
    assert "name: required field is missing" in text
    assert "founded: unknown field 'founded'" in text
    assert (store.revision(), m.Entry.objects.count(), m.AuditEntry.objects.count()) == before


def test_a_reference_to_nothing_is_refused():
    with pytest.raises(EntryRefused) as info:
        save_entry("bodies", SCPF, EDITOR)
    assert "parent: 'assembly' is not an entry of bodies in the record" in str(info.value)
    with pytest.raises(EntryRefused) as info:
        save_entry("bodies", {**COUNCIL, "cite": "no-such-source:2"}, EDITOR)
    assert "'no-such-source' is not a source of the record" in str(info.value)


def test_an_editor_holding_an_old_version_is_refused():
    save_entry("bodies", COUNCIL, EDITOR)
    save_entry("bodies", {**COUNCIL, "abbreviation": "C"}, Actor("other", "web"), expected=1)
    assert entry_version("bodies", "assembly") == 2
    with pytest.raises(StaleEntry):
        save_entry("bodies", {**COUNCIL, "note": "mine"}, EDITOR, expected=1)
    assert store.current_record().entry("bodies", "assembly").abbreviation == "C"
    with pytest.raises(StaleEntry):  # "it did not exist" when it does
        save_entry("bodies", COUNCIL, EDITOR, expected=0)


def test_create_and_edit_modes_refuse_the_other_case():
    with pytest.raises(EntryRefused, match="no governing body 'assembly' to edit"):
        save_entry("bodies", COUNCIL, EDITOR, create=False)
    save_entry("bodies", COUNCIL, EDITOR, create=True)
    with pytest.raises(EntryRefused, match="already a governing body 'assembly'"):
        save_entry("bodies", COUNCIL, EDITOR, create=True)


def test_an_entry_others_refer_to_cannot_be_removed():
    save_entry("bodies", COUNCIL, EDITOR)
    save_entry("bodies", SCPF, EDITOR)
    with pytest.raises(EntryRefused) as info:
        remove_entry("bodies", "assembly", EDITOR)
    assert "bodies: board" in str(info.value)
    remove_entry("bodies", "board", EDITOR, expected=1)
    remove_entry("bodies", "assembly", EDITOR)
    assert "assembly" not in store.current_record().register("bodies")
    assert m.AuditEntry.objects.first().action == "organogram.bodies.remove"


def test_an_unknown_register_is_named():
    with pytest.raises(EntryRefused, match="no register 'nonsense'"):
        save_entry("nonsense", {"id": "x"}, EDITOR)


def test_entries_are_exported_with_the_dataset(tmp_path):
    save_entry("bodies", COUNCIL, EDITOR)
    save_entry("bodies", SCPF, EDITOR)
    export_registry(tmp_path / "out")
    again = load_dataset(tmp_path / "out")
    assert list(again.register("bodies"))[-2:] == ["assembly", "board"]
    assert again.entry("bodies", "board").parent == "assembly"


def test_an_entry_the_record_does_not_bear_out_is_refused():
    call = {"id": "c", "reference": "NV/1", "issued": "2023-09-28", "deadline": "2023-11-15",
            "posts": ["ddg-op", "ddg-mr"]}  # fmt: skip
    save_entry("calls", call, EDITOR)
    nomination = {"id": "n", "call": "c", "received": "2023-11-20", "candidate": "A. Name"}
    before = store.revision()
    with pytest.raises(EntryRefused) as info:
        save_entry("nominations", {**nomination, "post": "dg"}, EDITOR)
    assert "post: 'dg' is not one of the call's posts (ddg-op, ddg-mr)" in str(info.value)
    outcome = {"status": "elected", "at": "2024", "assignment": "no-such-change"}
    with pytest.raises(EntryRefused, match="not an assign change of the timeline"):
        save_entry("nominations", {**nomination, "history": [outcome]}, EDITOR)
    assert store.revision() == before
    saved = save_entry("nominations", nomination, EDITOR)
    assert store.current_record().entry("nominations", "n").received == saved.entry.received


def test_an_edit_that_would_leave_other_entries_wrong_is_refused():
    call = {"id": "c", "reference": "NV/1", "issued": "2023-09-28", "deadline": "2023-11-15",
            "posts": ["ddg-op", "ddg-mr"]}  # fmt: skip
    save_entry("calls", call, EDITOR)
    nomination = {"id": "n", "call": "c", "received": "2023-11-20", "candidate": "A. Name",
                  "post": "ddg-mr"}  # fmt: skip
    save_entry("nominations", nomination, EDITOR)
    with pytest.raises(EntryRefused) as info:
        save_entry("calls", {**call, "posts": ["ddg-op"]}, EDITOR)
    assert "would leave other entries wrong" in str(info.value)
    assert "nominations: n: post: 'ddg-mr' is not one of the call's posts" in str(info.value)
    assert store.current_record().entry("calls", "c").posts == ("ddg-op", "ddg-mr")
    save_entry("calls", {**call, "note": "still fine"}, EDITOR)


def test_an_entry_keeps_the_order_of_the_mappings_it_holds():
    # PostgreSQL's jsonb would sort these keys; the dataset's order must come back.
    data = {"id": "z", "zeta": {"y": 1, "b": 2, "a": 3}, "alpha": 1}
    m.Entry.objects.create(register="test", key="z", position=1, data=data)
    again = m.Entry.objects.get(register="test", key="z").data
    assert list(again) == ["id", "zeta", "alpha"] and list(again["zeta"]) == ["y", "b", "a"]
