"""What an export holds: a day's structure, a subtree, a plan's result, with or without names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.core.errors import NotFound
from organogram.exporters.download import FORMATS, download, snapshot_record
from organogram.formats import load_dataset
from organogram.queries.plans import plan_preview
from organogram.queries.selection import select

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def iom():
    return load_dataset(ROOT / "data/iom")


def test_a_subtree_is_a_record_of_its_own_whose_top_reports_to_no_one(iom):
    selection = select(iom, "2016-11-30", unit="dfam")
    full = iom.timeline.snapshot("2016-11-30").structure
    record = snapshot_record(selection)
    s, failures = record.timeline.fold()
    assert not failures
    assert s.roots() == ["dfam"]
    assert set(s.units) == {n for n in full.subtree("dfam") if n in full.units}
    # Every post in its units comes along; none from elsewhere.
    assert set(s.posts) == {p for p in full.posts if full.posts[p].unit in s.units} | {
        p for p in full.subtree("dfam") if p in full.posts
    }
    # Lines to units left out are dropped rather than pointing at nothing.
    assert all(ln.source in s.units | s.posts.keys() for ln in s.lines)


def test_without_names_no_one_is_named_anywhere(iom):
    named = select(iom, "2023-06-30")
    assert named.record.people and any(
        c.op == "assign" for c in snapshot_record(named).timeline
    )
    anonymous = select(iom, "2023-06-30", people=False)
    assert not anonymous.record.people
    assert not any(c.op in ("assign", "vacate") for c in anonymous.record.timeline)
    for key in FORMATS:
        data = download(anonymous, key).data
        for person in iom.people.values():
            assert person.name.encode() not in data, (key, person.name)


def test_a_plans_result_is_the_structure_its_preview_shows(iom):
    selection = select(iom, plan="hq-review-2021")
    preview = plan_preview(iom, "hq-review-2021")
    assert selection.day.isoformat() == preview["date"]
    s = snapshot_record(selection).timeline.snapshot(selection.day).structure
    assert [n["id"] for n in preview["nodes"]] and {n["id"] for n in preview["nodes"]} <= set(
        s.units
    ) | set(s.posts)
    assert not selection.record.plans


def test_a_unit_not_in_force_is_refused(iom):
    with pytest.raises(NotFound, match="no longer exists"):
        select(iom, "2023-01-01", unit="odg")


def test_export_as_gives_what_the_pages_download(iom, tmp_path, capsys):
    out = tmp_path / "dfam.yaml"
    args = ["export-as", "yaml", str(ROOT / "data/iom"), "--unit", "dfam", "--at", "2016-11-30"]
    assert main([*args, "-o", str(out), "--without-names"]) == 0
    selection = select(iom, "2016-11-30", unit="dfam", people=False)
    assert out.read_bytes() == download(selection, "yaml").data
    back = load_dataset(out)
    assert back.timeline.snapshot("2016-11-30").structure.roots() == ["dfam"]
    assert main(["export-as", "popolo", str(ROOT / "data/iom"), "--plan", "hq-review-2021"]) == 0
    text = capsys.readouterr().out
    assert text == download(select(iom, plan="hq-review-2021"), "popolo").data.decode()
    assert json.loads(text)["organizations"]
    assert main(["export-as", "yaml", str(ROOT / "data/iom"), "--unit", "odg"]) == 1
    assert "odg" in capsys.readouterr().err


def test_without_names_register_entries_lose_their_personal_fields(iom, monkeypatch):
    from dataclasses import replace

    from organogram.core.governance import Body
    from organogram.formats import registers

    record = replace(
        iom, registers={"bodies": {"council": Body("council", "Council", note="chaired by A. B.")}}
    )
    assert select(record, people=False).record.registers["bodies"]["council"].note  # not personal
    personal = replace(registers.BODIES, personal=("note",))
    monkeypatch.setitem(registers.BY_SECTION, "bodies", personal)
    council = select(record, people=False).record.registers["bodies"]["council"]
    assert council.note == "" and council.name == "Council"
    assert select(record).record.registers["bodies"]["council"].note == "chaired by A. B."


def test_without_names_nominations_are_left_out_and_the_rest_reads_back(tmp_path):
    """A nomination cannot be without its candidate: for those who may not see names, it
    is not exported; the record written without names still loads."""
    dataset = ROOT / "tests/fixtures/datasets/nominations"
    record = load_dataset(dataset)
    names = ["Ana Example", "L. Latecomer", "W. Withdrawn"]
    assert record.registers["nominations"]
    anonymous = select(record, people=False)
    assert anonymous.record.registers["nominations"] == {}
    assert anonymous.record.registers["calls"] == record.registers["calls"]
    for key in FORMATS:
        data = download(anonymous, key).data
        assert not any(n.encode() in data for n in names), key
    out = tmp_path / "without-names.yaml"
    assert main(["export-as", "yaml", str(dataset), "--without-names", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert not any(n in text for n in names)
    back = load_dataset(out)
    assert back.registers["calls"] and not back.people
