"""Source documents through the write path: added, edited, removed, each checked with the
dataset format's rules, audited, caught up on by other processes, and exported as a
dataset that validates."""

from __future__ import annotations

import pytest

from organogram.cli.main import main
from organogram.formats import load_dataset
from organogram.formats.source_entry import source_to_dict
from organogram.registry import catchup, store
from organogram.registry import models as m
from organogram.registry.accounts import add_user
from organogram.registry.actions import (
    Forbidden,
    RecordChange,
    RemoveSource,
    SaveSource,
    SourceRefused,
    run,
)
from organogram.registry.actions.sources import source_version
from organogram.registry.audit import Actor
from organogram.registry.services import export_registry

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
PAPER = {
    "id": "scpf33-5",
    "title": "Structural review: second report",
    "symbol": "S/33/5",
    "body": "Standing Committee on Programmes and Finance",
    "session": "33rd session",
    "date": "2023-10-20",
    "url": "https://governingbodies.iom.int/s-33-5",
    "cites": ["scpf28:21"],
}


def person(role: str) -> Actor:
    user, _ = add_user(f"{role}-person", role, TESTS)
    return Actor.for_user(user, "web")


def test_an_editor_adds_a_source_at_the_end_audited():
    editor = person("editor")
    before = store.revision()
    saved = run(SaveSource(PAPER, create=True), editor)
    assert saved.revision == before + 1
    assert saved.source.symbol == "S/33/5" and str(saved.source.date) == "2023-10-20"
    record = store.current().record
    assert list(record.sources)[-1] == "scpf33-5"
    assert record.sources["scpf33-5"].cites == ("scpf28:21",)
    assert saved.version == source_version(record.sources["scpf33-5"])
    entry = m.AuditEntry.objects.get(action="organogram.source.add")
    assert (entry.object_id, entry.before, entry.after["symbol"]) == ("scpf33-5", None, "S/33/5")
    assert m.Step.objects.get(number=saved.revision).kind == m.Step.Kind.SOURCES


def test_a_viewer_may_not_add_a_source():
    with pytest.raises(Forbidden, match=r"source\.edit"):
        run(SaveSource(PAPER, create=True), person("viewer"))
    assert not m.Source.objects.filter(pk="scpf33-5").exists()


def test_an_edit_keeps_the_place_and_names_before_and_after():
    held = store.current().record.sources["scpf28"]
    place = m.Source.objects.get(pk="scpf28").position
    data = {"id": "scpf28", "title": held.title, "note": "read again in 2024"}
    saved = run(SaveSource(data, source_version(held), create=False, key="scpf28"), TESTS)
    assert saved.source.note == "read again in 2024" and saved.source.date is None
    assert m.Source.objects.get(pk="scpf28").position == place
    entry = m.AuditEntry.objects.get(action="organogram.source.edit")
    assert (entry.before, entry.after) == (source_to_dict(held), data)


def test_an_edit_of_a_version_no_longer_held_is_refused_as_stale():
    held = store.current().record.sources["scpf28"]
    seen = source_version(held)
    mine = {"id": "scpf28", "title": held.title, "note": "mine"}
    theirs = {"id": "scpf28", "title": held.title, "note": "theirs"}
    run(SaveSource(theirs, seen, create=False, key="scpf28"), TESTS)
    with pytest.raises(SourceRefused) as refused:
        run(SaveSource(mine, seen, create=False, key="scpf28"), TESTS)
    assert refused.value.kind == "stale" and "changed since you read it" in refused.value.message
    assert store.current().record.sources["scpf28"].note == "theirs"


def test_invalid_fields_are_each_named():
    bad = {"id": "Not An Id", "date": "20 Oct 2023", "colour": "red"}
    with pytest.raises(SourceRefused) as refused:
        run(SaveSource(bad, create=True), TESTS)
    fields = refused.value.fields
    assert refused.value.kind == "invalid"
    assert set(fields) == {"id", "title", "date", "colour"}
    assert "required" in fields["title"][0] and "not a date" in fields["date"][0]
    with pytest.raises(SourceRefused) as language:
        run(SaveSource({**PAPER, "language": "French"}, create=True), TESTS)
    assert "not a language tag" in language.value.fields["language"][0]


def test_citing_a_source_the_record_does_not_hold_is_refused():
    with pytest.raises(SourceRefused) as refused:
        run(SaveSource({**PAPER, "cites": ["no-such-paper:3"]}, create=True), TESTS)
    assert refused.value.fields == {"cites": ["'no-such-paper' is not a source of the record"]}


def test_an_id_taken_or_changed_is_refused():
    with pytest.raises(SourceRefused, match="already a source 'scpf28'") as taken:
        run(SaveSource({"id": "scpf28", "title": "T"}, create=True), TESTS)
    assert taken.value.fields["id"]
    with pytest.raises(SourceRefused, match="an id cannot change"):
        run(SaveSource({"id": "other", "title": "T"}, create=False, key="scpf28"), TESTS)
    with pytest.raises(SourceRefused) as missing:
        run(SaveSource({"title": "T"}, create=False, key="no-such-paper"), TESTS)
    assert missing.value.kind == "missing"


def test_removal_is_refused_while_anything_cites_the_source_naming_it():
    with pytest.raises(SourceRefused) as refused:
        run(RemoveSource("scpf28"), TESTS)
    reasons = refused.value.reasons
    assert any(r.startswith("change ") for r in reasons)
    assert any(r.startswith("claim about ") for r in reasons)
    assert m.Source.objects.filter(pk="scpf28").exists()
    run(SaveSource(PAPER, create=True), TESTS)
    with pytest.raises(SourceRefused) as cited_by_source:
        run(RemoveSource("scpf28"), TESTS)
    assert "source scpf33-5" in cited_by_source.value.reasons


def test_a_source_nothing_cites_is_removed_and_one_a_change_cites_is_kept():
    run(SaveSource({**PAPER, "cites": []}, create=True), TESTS)
    change = {"op": "rename", "date": "2030-01-01", "unit": "ethics", "name": "E"}
    run(RecordChange({**change, "cite": "scpf33-5:4"}), TESTS)
    with pytest.raises(SourceRefused) as refused:
        run(RemoveSource("scpf33-5"), TESTS)
    assert refused.value.reasons == [f"change {store.current().record.timeline.changes[-1].id}"]
    run(SaveSource({**PAPER, "id": "spare", "cites": []}, create=True), TESTS)
    stale = "0" * 16
    with pytest.raises(SourceRefused, match="changed since"):
        run(RemoveSource("spare", stale), TESTS)
    held = store.current().record.sources["spare"]
    run(RemoveSource("spare", source_version(held)), TESTS)
    assert "spare" not in store.current().record.sources
    assert m.AuditEntry.objects.filter(action="organogram.source.remove", object_id="spare")


def test_another_process_catches_up_on_sources_and_tells_changes_with_them():
    from organogram.registry.convert import load_record
    from organogram.registry.reading.timeline import sentences

    held = store.current()
    sentences(held, True)  # derived from the sources as they were
    run(SaveSource(PAPER, create=True), TESTS)
    number, stamp = store._revision()
    state = catchup.caught_up(held, number, stamp)
    assert state is not None and state.record.timeline is held.record.timeline
    assert state.record.sources == load_record()[0].sources
    # A renamed source's name shows in the sentences at once, not the old one.
    old = held.record.sources["scpf28"]
    data = {"id": "scpf28", "title": old.title, "symbol": "S/28/8-RENAMED"}
    run(SaveSource(data, create=False, key="scpf28"), TESTS)
    after = catchup.caught_up(state, *store._revision())
    told = sentences(after, True)
    cited = [c for c in after.record.timeline if any(x.source == "scpf28" for x in c.cites)]
    assert "S/28/8-RENAMED" in told[cited[0]]


def test_an_export_holds_a_source_added_here_and_validates(tmp_path, capsys):
    run(SaveSource({**PAPER, "language": "fr"}, create=True), TESTS)
    folder = tmp_path / "out"
    export_registry(folder)
    exported = load_dataset(folder).sources["scpf33-5"]
    assert (exported.symbol, exported.language) == ("S/33/5", "fr")
    assert main(["validate", str(folder)]) == 0, capsys.readouterr().out
