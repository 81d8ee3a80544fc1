"""``organogram posts`` and the posts queries on a made-up dataset (fixtures: posts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.core.errors import NotFound
from organogram.formats import load_dataset
from organogram.queries.posts import post_detail, posts_at, vacancies_at

FIXTURE = str(Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "posts")


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="module")
def record():
    return load_dataset(FIXTURE)


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_posts_carry_grade_status_funding_fte_and_holder(capsys):
    data = json.loads(run(capsys, "posts", FIXTURE, "--at", "2021-06", "--format", "json"))
    rows = {p["id"]: p for p in data["posts"]}
    assert set(rows) == {"head", "fin-chief", "fin-officer", "fin-assistant"}
    assert (rows["fin-chief"]["status"], rows["fin-chief"]["vacant"]) == ("frozen", False)
    assert (rows["fin-assistant"]["funding"], rows["fin-assistant"]["fte"]) == ("projects", 0.5)
    assert rows["fin-officer"]["grade"] == "P-3"
    assert rows["fin-officer"]["holders"] == [
        {
            "person": "ben",
            "name": "Ben Sample",
            "kind": "officer-in-charge",
            "since": "2021-03",
            "certain": True,
        }
    ]
    assert data["fte"] == 3.5


def test_vacancies_at_a_date_leave_frozen_posts_apart(record):
    v = vacancies_at(record, "2021-06")
    assert [p["id"] for p in v["vacant"]] == ["fin-assistant"]
    assert [p["id"] for p in v["frozen"]] == ["fin-chief"]
    # Once the officer-in-charge leaves, the post is vacant again.
    later = vacancies_at(record, "2022-12")
    assert {p["id"] for p in later["vacant"]} == {"fin-assistant", "fin-officer"}
    assert "holders" not in later["vacant"][0]


def test_vacant_flag_and_unit_filter(capsys, record):
    out = run(capsys, "posts", FIXTURE, "--at", "2022-12", "--unit", "fin", "--vacant")
    assert "2 vacant post(s) in Finance Division and under it at 2022-12-31" in out
    assert "Finance Officer" in out and "Chief of Finance" not in out
    assert posts_at(record, "2022-12", unit="hq")["count"] == 3  # fin is under hq
    with pytest.raises(NotFound):
        posts_at(record, "2022-12", unit="nowhere")


def test_names_are_shown_unless_left_out(capsys):
    assert "Ana Example" in run(capsys, "posts", FIXTURE, "--at", "2021-06")
    out = run(capsys, "posts", FIXTURE, "--at", "2021-06", "--without-names")
    assert "Ana Example" not in out and "filled" in out
    data = json.loads(
        run(capsys, "posts", FIXTURE, "--post", "head", "--without-names", "--format", "json")
    )
    assert "assignments" not in data and "holders" not in data


def test_terms_of_reference_at_a_date_are_the_latest_version_by_then(record):
    early = post_detail(record, "fin-officer", "2021")
    assert early["terms"]["id"] == "fin-officer-2010" and early["description"] is None
    late = post_detail(record, "fin-officer", "2022-03-15")
    assert late["terms"]["id"] == "fin-officer-2022"
    assert late["terms"]["languages"][1] == {
        "language": "French", "level": "desirable", "sources": [],
    }
    assert late["terms"]["duties"][0]["sources"][0]["source"] == "vacancy-2022"
    assert late["description"]["id"] == "finance-officer-p3"
    assert [(v["id"], v["current"]) for v in late["versions"]] == [
        ("fin-officer-2010", False), ("fin-officer-2022", True),
    ]
    assert post_detail(record, "fin-officer", "2009")["state"] == "not-yet"
    assert post_detail(record, "head", "2021")["terms"] is None


def test_classification_history_lists_each_grade_with_its_source(capsys):
    data = json.loads(run(capsys, "posts", FIXTURE, "--post", "fin-officer", "--format", "json"))
    assert [(c["date"], c["grade"], c["op"]) for c in data["classification"]] == [
        ("2010", "P-2", "create-post"), ("2020-01", "P-3", "regrade-post"),
    ]
    assert data["classification"][1]["sources"][0]["passage"] == "7"
    assert [(a["person"], a["kind"], a["until"]) for a in data["assignments"]] == [
        ("ben", "officer-in-charge", "2022-06")
    ]
    assert data["assignments"][0]["contact"] == "ben.sample@example.org"
    text = run(capsys, "posts", FIXTURE, "--post", "fin-officer", "--at", "2022-12")
    assert "Terms of reference in force at 2022-12-31 (version fin-officer-2022" in text
    assert "Follows the generic description Finance Officer (finance-officer-p3)" in text
    assert "2020-01: P-3 (regrade-post" in text


def test_an_unknown_post_is_a_clear_error(capsys):
    assert main(["posts", FIXTURE, "--post", "ghost"]) != 0
    assert "no post 'ghost'" in capsys.readouterr().err
