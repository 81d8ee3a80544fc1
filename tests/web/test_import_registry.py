"""``organogram import KIND FILE… --registry``: an import loaded straight into the registry.

These run on SQLite and, in CI, again on PostgreSQL (DATABASE_URL): the load is one
transaction, so a failure anywhere leaves the registry as it was.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.registry import models as m
from organogram.registry import store
from organogram.registry.actions import dataset

ROOT = Path(__file__).resolve().parents[2]
UK = ROOT / "tests/fixtures/imports/uk_organogram"
DFID = [
    str(UK / f"department_for_international_development-2013-{d}-{s}.csv")
    for d in ("03-31", "09-30")
    for s in ("senior", "junior")
]
TEMPLATE = ROOT / "tests/fixtures/imports/template"

pytestmark = pytest.mark.django_db


def _empty_registry() -> None:
    for model in (
        m.Change, m.PlanEvent, m.Plan, m.Claim, m.Entry, m.Person, m.Source, m.Organization
    ):
        model.objects.all().delete()
    store.forget()


def _snapshot() -> tuple:
    """What the registry holds, row counts and revision, to tell that nothing moved."""
    return (
        m.Revision.objects.get(pk=1).number,
        m.Organization.objects.get().key,
        m.Change.objects.count(),
        m.Person.objects.count(),
        m.Source.objects.count(),
        m.Claim.objects.count(),
        m.AuditEntry.objects.count(),
    )


def test_an_import_loads_into_an_empty_registry_with_an_audit_entry(capsys):
    _empty_registry()
    assert main(["import", "uk-organogram", *DFID, "--registry", "--by", "importer"]) == 0
    out = capsys.readouterr().out
    assert "Wrote the registry (revision" in out
    record = store.current_record()
    assert record.organization.name == "Department for International Development"
    s, failures = record.timeline.fold(dt.date(2013, 9, 30))
    assert not failures and len(s.posts) > 10
    # The same record as the import into a folder would write.
    assert m.Change.objects.count() == len(record.timeline)
    entry = m.AuditEntry.objects.first()
    assert (entry.by, entry.via, entry.action) == ("importer", "cli", "organogram.dataset.import")
    assert entry.before is None
    assert entry.after["kind"] == "uk-organogram"
    assert entry.after["files"] == [Path(f).name for f in DFID]
    assert entry.after["changes"] == len(record.timeline)
    assert entry.after["warnings"]["missing-manager"] > 0
    assert entry.revision == m.Revision.objects.get(pk=1).number


def test_a_full_registry_is_refused_before_anything_is_read(capsys):
    before = _snapshot()
    assert main(["import", "uk-organogram", *DFID, "--registry"]) == 1
    err = capsys.readouterr().err
    assert "already holds 'International Organization for Migration" in err
    assert "--replace" in err and "nothing was imported" in err
    assert _snapshot() == before
    # Refused before the files are read: a missing one is not even noticed.
    assert main(["import", "csv", "no-such-folder", "--registry"]) == 1
    assert "already holds" in capsys.readouterr().err


def test_replace_swaps_the_record_and_the_audit_entry_tells_what_was_replaced(capsys):
    iom_changes = m.Change.objects.count()
    assert main(["import", "csv", str(TEMPLATE), "--registry", "--replace", "--by", "t"]) == 0
    assert m.Organization.objects.get().key != "iom-hq"
    assert m.Change.objects.count() != iom_changes
    entry = m.AuditEntry.objects.first()
    assert entry.action == "organogram.dataset.import"
    assert entry.before["organization"] == "iom-hq"
    assert entry.before["changes"] == iom_changes
    assert entry.after["kind"] == "csv" and entry.after["files"] == ["template"]
    assert store.current_record().organization.id == m.Organization.objects.get().key


def test_an_import_with_errors_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in TEMPLATE.iterdir():
        (bad / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    units = (bad / "units.csv").read_text(encoding="utf-8").splitlines()
    # A unit under a parent that does not exist: an error at its row and column.
    head, first = units[0].split(","), units[1].split(",")
    first[head.index("parent")] = "nowhere"
    (bad / "units.csv").write_text(
        "\n".join([units[0], ",".join(first), *units[2:]]) + "\n", encoding="utf-8"
    )
    before = _snapshot()
    assert main(["import", "csv", str(bad), "--registry", "--replace"]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "units.csv, row 2, column 'parent'" in err
    assert _snapshot() == before


def test_a_failure_while_writing_rolls_the_whole_load_back(monkeypatch, capsys):
    """The sources and people are inserted, then the changes fail: the old record is all
    still there."""
    before = _snapshot()
    iom = [c.id for c in store.current_record().timeline]

    insert = dataset.insert

    def broken(model, rows):
        if model is m.Change:
            raise RuntimeError("the disk is full")
        insert(model, rows)

    monkeypatch.setattr(dataset, "insert", broken)
    with pytest.raises(RuntimeError, match="the disk is full"):
        main(["import", "uk-organogram", *DFID, "--registry", "--replace"])
    monkeypatch.undo()
    assert _snapshot() == before
    store.forget()
    assert [c.id for c in store.current_record().timeline] == iom


def test_into_and_registry_exclude_each_other_and_one_is_needed(tmp_path, capsys):
    with pytest.raises(SystemExit) as both:
        main(["import", "csv", str(TEMPLATE), "--registry", "--into", str(tmp_path / "x")])
    assert both.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(SystemExit) as neither:
        main(["import", "csv", str(TEMPLATE)])
    assert neither.value.code == 2
    assert "one of the arguments --into --registry is required" in capsys.readouterr().err
    assert main(["import", "csv", str(TEMPLATE), "--into", str(tmp_path / "x"), "--replace"]) == 1
    assert "--replace and --by go with --registry" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_the_progress_bar_counts_every_row_written(monkeypatch):
    from organogram.importers import progress
    from organogram.registry.audit import Actor
    from organogram.registry.services import load_record_into_registry

    record = store.current_record()
    drawn: list[tuple[str, int, int]] = []

    class Seen(progress.Progress):
        def close(self) -> None:
            drawn.append((self.label, self.done, self.total))

    monkeypatch.setattr("organogram.registry.actions.dataset.Progress", Seen)
    load_record_into_registry(record, Actor("t"), replace=True, progress=False)
    label, done, total = drawn[0]
    tables = (m.Source, m.Person, m.Plan, m.PlanEvent, m.Change, m.Claim, m.Entry)
    rows = 1 + sum(model.objects.count() for model in tables)
    assert label == "Writing the registry" and done == total == rows


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("govuk-organisations", "organisations_2024-01-01.json", '{"results": []}'),
        ("govuk-organisations", "organisations_2024-01-01.json", "[1, 2, 3]"),
        ("us-agencies", "agencies_2024-01-01.csv", "CGAC AGENCY CODE,AGENCY NAME\n"),
    ],
)
def test_garbage_does_not_replace_the_registry(tmp_path, capsys, kind, name, content):
    path = tmp_path / name
    path.write_text(content)
    before = _snapshot()
    assert main(["import", kind, str(path), "--registry", "--replace"]) == 1
    assert str(path) in capsys.readouterr().err
    assert _snapshot() == before
