"""`organogram bodies` and `organogram nominations` on a made-up dataset
(tests/fixtures/datasets/nominations) and on the IOM dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from organogram.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = str(ROOT / "tests" / "fixtures" / "datasets" / "nominations")
IOM = str(ROOT / "data" / "iom")


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_nominations_of_a_call_are_flagged_late_and_show_their_outcome(capsys):
    data = json.loads(
        run(
            capsys,
            "nominations",
            FIXTURE,
            "--call",
            "deputies-2023",
            "--at",
            "2024-03",
            "--format",
            "json",
        )
    )
    assert (data["open"], data["received"], data["late"]) == (False, 3, 1)
    assert data["by_status"] == {"received": 1, "elected": 1, "withdrawn": 1}
    by_id = {n["id"]: n for n in data["nominations"]}
    assert by_id["n-late"]["late"] is True and by_id["n-ana"]["late"] is False
    assert by_id["n-ana"]["candidate"] == "Ana Example"
    link = by_id["n-ana"]["outcome"]["assignment"]
    assert link == {
        "change": "assign-ana-deputy-a",
        "post": "deputy-a",
        "person": "ana",
        "date": "2024-03-01",
    }
    text = run(capsys, "nominations", FIXTURE, "--call", "deputies-2023", "--at", "2024-03")
    assert "n-late: L. Latecomer, nominated by Freedonia, received 2023-11-20 LATE" in text
    assert "elected 2024-02-06 -> assign-ana-deputy-a (deputy-a, 2024-03-01)" in text


def test_a_call_before_its_deadline_counts_what_had_arrived(capsys):
    data = json.loads(run(capsys, "nominations", FIXTURE, "--at", "2023-11-13", "--format", "json"))
    [call] = data["calls"]
    assert (call["open"], call["received"], call["late"]) == (True, 2, 0)
    assert call["by_status"] == {"received": 1, "incomplete": 1}


def test_the_iom_call_shows_its_deadline_and_posts(capsys):
    text = run(capsys, "nominations", IOM, "--at", "2023-10-01")
    assert "EO/821/2023 (ddg-2023), open" in text
    assert "issued 2023-09-28, deadline 2023-11-15" in text
    assert "Deputy Director General for Operations (ddg-op)" in text
    assert "Deputy Director General for Management and Reform (ddg-mr)" in text


def test_a_call_without_recorded_nominations_does_not_say_none_came(capsys):
    text = run(capsys, "nominations", IOM, "--at", "2024-06")
    assert (
        "at 2024-06-30: nominations received: not recorded (the record holds none and does "
        "not say it holds them all)"
    ) in text
    assert "0 received" not in text
    [call] = json.loads(run(capsys, "nominations", IOM, "--at", "2024-06", "--format", "json"))[
        "calls"
    ]
    assert (call["received"], call["late"], call["recorded"]) == (None, None, 0)
    fixture = run(capsys, "nominations", FIXTURE, "--at", "2024-03")
    assert "nominations received: 3 (the record holds them all), 1 of them late" in fixture


def test_an_unknown_call_is_named(capsys):
    assert main(["nominations", FIXTURE, "--call", "nope"]) != 0
    assert "no call for nominations 'nope'" in capsys.readouterr().err


def test_bodies_show_sessions_the_bureau_at_a_date_and_members(capsys):
    data = json.loads(run(capsys, "bodies", FIXTURE, "--at", "2023-06", "--format", "json"))
    council = data["bodies"][0]
    assert [s["number"] for s in council["sessions"]] == [19, 20]
    assert [(t["role"], t["state"]) for t in council["bureau_at"]] == [("Chairperson", "Ruritania")]
    assert council["committees"] == [{"id": "finance", "name": "Finance Committee"}]
    assert council["sessions"][1]["documents"][0]["id"] == "council-20-report"
    assert (data["membership"]["members"], data["membership"]["observers"]) == (3, 0)
    later = json.loads(run(capsys, "bodies", FIXTURE, "--at", "2024-03", "--format", "json"))
    states = [(t["role"], t["state"]) for t in later["bodies"][0]["bureau_at"]]
    assert states == [("Chairperson", "Freedonia"), ("Rapporteur", "Sylvania")]
    assert later["membership"]["observers"] == 1


def test_the_iom_bureau_is_not_said_to_be_in_office_years_later(capsys):
    text = run(capsys, "bodies", IOM, "--at", "2026-01-01")
    assert "Bureau at 2026-01-01: not known for certain; possibly in office:" in text
    assert (
        "Chairperson: Negash Kebret Botora (Ethiopia) (possibly: in office at least until "
        "some time between July 2018 and December 2018; later not recorded)"
    ) in text
    assert "Bureau before the 109th session of the Council (2018):" in text
    assert "Chairperson: Juan Eduardo Eguiguren (Chile)" in text
    assert "since when not recorded; until 2018 (outgoing at the 109th session)" in text
    data = json.loads(run(capsys, "bodies", IOM, "--at", "2026", "--format", "json"))
    council = data["bodies"][0]
    assert {t["standing"] for t in council["bureau_at"]} == {"possibly"}
    assert not any(t["in_office"] for t in council["bureau_at"])


def test_the_iom_bureau_of_the_109th_session(capsys):
    text = run(capsys, "bodies", IOM, "--at", "2018")
    assert "109th session of the Council: 2018, Geneva" in text
    assert "Chairperson: Negash Kebret Botora (Ethiopia)" in text
    assert "Rapporteur: Socorro Flores Liera (Mexico)" in text
    assert "Standing Committee on Programmes and Finance (SCPF), a committee of the Council" in text
    unlinked = text.split("registers do not hold (not linked):")[1]
    assert "ga-res-72-279: United Nations General Assembly" in unlinked
    assert "c109-report" not in unlinked and "scpf28" not in unlinked
