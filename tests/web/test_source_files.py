"""A source's passages and its uploaded copy through the write path: kept with the source
in one transaction, audited, refused above the size limit with nothing written, refused
when stale, exported beside the dataset and loaded back."""

from __future__ import annotations

import hashlib

import pytest

from organogram.formats import load_dataset
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.actions import SaveSource, SourceRefused, run
from organogram.registry.actions.dataset import counts
from organogram.registry.actions.sources import source_version
from organogram.registry.audit import Actor
from organogram.registry.services import export_registry, load_dataset_into_registry
from organogram.registry.source_files import Upload

pytestmark = pytest.mark.django_db

TESTS = Actor("tests")
PDF = b"%PDF-1.4\n% a small document\n" * 40
PAPER = {
    "id": "scpf33-5",
    "title": "Structural review: second report",
    "passages": [{"id": "1", "title": "Background"}, {"id": "2"}, {"id": "annex"}],
}


def upload(data: bytes = PDF, name: str = "S-33-5.pdf", size: int | None = None) -> Upload:
    """An upload sent in pieces of 100 bytes, as a form's file arrives."""
    pieces = [data[i : i + 100] for i in range(0, len(data), 100)]
    return Upload(name, "application/pdf", iter(pieces), size)


def test_passages_are_stored_with_the_source_and_read_back():
    run(SaveSource(PAPER, create=True), TESTS)
    source = store.current().record.sources["scpf33-5"]
    assert [(p.id, p.title) for p in source.passages] == [
        ("1", "Background"),
        ("2", ""),
        ("annex", ""),
    ]
    assert m.Source.objects.get(pk="scpf33-5").passages == PAPER["passages"]


def test_an_upload_is_kept_named_by_the_file_field_and_audited():
    saved = run(SaveSource(PAPER, create=True, upload=upload()), TESTS)
    assert saved.source.file == "S-33-5.pdf"
    row = m.SourceFile.objects.get(pk="scpf33-5")
    assert (row.name, row.content_type, row.size) == ("S-33-5.pdf", "application/pdf", len(PDF))
    assert bytes(row.data) == PDF and row.sha256 == hashlib.sha256(PDF).hexdigest()
    entry = m.AuditEntry.objects.get(action="organogram.source.add", object_id="scpf33-5")
    assert entry.after["file"] == "S-33-5.pdf"
    assert entry.after["copy"] == {
        "name": "S-33-5.pdf",
        "content_type": "application/pdf",
        "size": len(PDF),
        "sha256": row.sha256,
    }


def test_a_file_above_the_limit_is_refused_and_nothing_is_written(settings):
    settings.ORGANOGRAM_SOURCE_FILE_BYTES = 1000
    before = (store.revision(), m.AuditEntry.objects.count())
    read: list[int] = []

    def pieces():
        for i in range(100):  # 10 000 bytes on offer; no more than the limit is read
            read.append(i)
            yield b"x" * 100

    with pytest.raises(SourceRefused) as info:
        run(SaveSource(PAPER, create=True, upload=Upload("big.pdf", "", pieces())), TESTS)
    assert info.value.fields == {
        "upload": [
            "the file is larger than 1000 bytes, the most a copy may be; "
            "keep it elsewhere and give its link"
        ]
    }
    assert len(read) == 11
    assert not m.Source.objects.filter(pk="scpf33-5").exists()
    assert not m.SourceFile.objects.exists()
    assert (store.revision(), m.AuditEntry.objects.count()) == before


def test_a_size_told_beforehand_is_refused_without_reading(settings):
    settings.ORGANOGRAM_SOURCE_FILE_BYTES = 25 * 1024 * 1024

    def never():
        raise AssertionError("read")
        yield b""

    big = Upload("big.pdf", "", never(), size=26 * 1024 * 1024)
    with pytest.raises(SourceRefused, match="cannot be kept") as info:
        run(SaveSource(PAPER, create=True, upload=big), TESTS)
    assert "larger than 25 MB" in info.value.fields["upload"][0]


def test_a_stale_edit_with_a_file_is_refused_and_keeps_the_copy():
    run(SaveSource(PAPER, create=True, upload=upload()), TESTS)
    held = store.current().record.sources["scpf33-5"]
    seen = source_version(held)
    run(SaveSource({**PAPER, "file": "S-33-5.pdf", "note": "x"}, seen, key="scpf33-5"), TESTS)
    with pytest.raises(SourceRefused) as info:
        run(SaveSource(PAPER, seen, key="scpf33-5", upload=upload(b"other")), TESTS)
    assert info.value.stale
    assert bytes(m.SourceFile.objects.get(pk="scpf33-5").data) == PDF


def test_while_a_copy_is_kept_the_file_field_names_it_until_it_is_removed():
    run(SaveSource(PAPER, create=True, upload=upload()), TESTS)
    with pytest.raises(SourceRefused) as info:
        run(SaveSource({**PAPER, "file": "elsewhere.pdf"}, key="scpf33-5"), TESTS)
    assert "the copy kept is 'S-33-5.pdf'" in info.value.fields["file"][0]
    saved = run(SaveSource({**PAPER, "file": "S-33-5.pdf"}, key="scpf33-5", drop_file=True), TESTS)
    assert saved.source.file == "" and not m.SourceFile.objects.exists()


def test_a_name_is_cleaned_and_an_empty_file_refused():
    saved = run(SaveSource(PAPER, create=True, upload=upload(name="C:\\docs\\a\x00b.txt")), TESTS)
    assert saved.source.file == "ab.txt"
    assert m.SourceFile.objects.get(pk="scpf33-5").content_type == "text/plain"
    with pytest.raises(SourceRefused) as info:
        run(SaveSource(PAPER, key="scpf33-5", upload=upload(b"")), TESTS)
    assert info.value.fields == {"upload": ["the file is empty"]}


def test_citing_a_passage_the_source_does_not_list_is_refused_by_field():
    with pytest.raises(SourceRefused) as info:
        run(SaveSource({"id": "memo", "title": "Memo", "cites": ["scpf28:39"]}, create=True), TESTS)
    (why,) = info.value.fields["cites"]
    assert why.startswith("'scpf28' has no passage '39'")


def test_the_copies_are_exported_beside_the_dataset_and_loaded_back(tmp_path):
    run(SaveSource(PAPER, create=True, upload=upload()), TESTS)
    folder = tmp_path / "out"
    export_registry(folder)
    assert (folder / "files" / "scpf33-5" / "S-33-5.pdf").read_bytes() == PDF
    assert load_dataset(folder).sources["scpf33-5"].passages[0].title == "Background"
    held = counts()
    load_dataset_into_registry(folder, TESTS, replace=True)
    assert counts() == held
    row = m.SourceFile.objects.get(pk="scpf33-5")
    assert (bytes(row.data), row.content_type) == (PDF, "application/pdf")
    again = tmp_path / "again"
    export_registry(again)
    for name in ("sources.yaml", "files/scpf33-5/S-33-5.pdf"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name
