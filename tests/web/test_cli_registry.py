"""``organogram load``, ``export`` and the first run of ``serve``, against the test database."""

from __future__ import annotations

import pytest

from organogram.cli.main import main
from organogram.formats import load_dataset
from organogram.formats.dump import dataset_files
from organogram.registry import models as m
from organogram.registry import store
from organogram.web.bootstrap import PASSWORD_FILE, default_dataset, ensure_admin

from .conftest import IOM

pytestmark = pytest.mark.django_db


def test_export_gives_back_the_loaded_dataset(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert dataset_files(load_dataset(out)) == dataset_files(load_dataset(IOM))


def test_export_refuses_a_folder_with_files_unless_told(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "units.yaml").write_text("old\n")
    assert main(["export", str(out)]) == 1
    assert main(["export", str(out), "--overwrite"]) == 0


def test_load_refuses_a_full_registry_and_replaces_when_told(capsys):
    assert main(["load", str(IOM)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["load", str(IOM), "--replace", "--by", "tester"]) == 0
    assert "Loaded International Organization for Migration" in capsys.readouterr().out
    entry = m.AuditEntry.objects.first()
    assert (entry.by, entry.via, entry.action) == ("tester", "cli", "organogram.dataset.replace")


def test_load_then_export_round_trip_from_empty(tmp_path, capsys):
    for model in (m.Change, m.Plan, m.Claim, m.Entry, m.Person, m.Source, m.Organization):
        model.objects.all().delete()
    store.forget()
    assert main(["load", str(IOM)]) == 0
    out = tmp_path / "again"
    assert main(["export", str(out)]) == 0
    assert dataset_files(load_dataset(out)) == dataset_files(load_dataset(IOM))


def test_first_run_creates_one_administrator(tmp_path):
    password = ensure_admin(tmp_path)
    assert password
    assert (tmp_path / PASSWORD_FILE).read_text().split() == ["admin", password]
    assert (tmp_path / PASSWORD_FILE).stat().st_mode & 0o077 == 0
    assert ensure_admin(tmp_path) is None  # accounts exist: nothing made, nothing printed


def test_the_shipped_dataset_is_found_from_a_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("ORGANOGRAM_DATASET", raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_dataset() == IOM
    assert default_dataset("elsewhere") == tmp_path.joinpath("elsewhere").relative_to(tmp_path)
    monkeypatch.setenv("ORGANOGRAM_DATASET", "mine")
    assert str(default_dataset()) == "mine"
