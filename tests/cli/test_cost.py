"""``organogram cost`` on the small costing dataset (tests/fixtures/datasets/costing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from organogram.cli.main import main

COSTING = str(Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "costing")


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cost_by_unit_with_subtree_totals(capsys):
    code, out, _ = run(capsys, "cost", COSTING, "--at", "2020-06")
    assert code == 0
    assert "Cost table t2020 (2020, USD)" in out
    assert "ILLUSTRATIVE" not in out  # t2020 is not illustrative
    lines = [line.split() for line in out.splitlines()]
    assert ["Headquarters", "1", "300,000.00", "USD", "720,000.00", "USD"] in lines
    assert ["Operations", "2", "320,000.00", "USD", "320,000.00", "USD"] in lines
    assert "Total: 720,000.00 USD (4 posts)" in out
    assert "g5-fin Finance Assistant: no cost for grade G-5 in t2020" in out
    assert "ungraded Adviser (not yet classified): no grade" in out


def test_json_keeps_money_as_exact_text(capsys):
    code, out, _ = run(
        capsys,
        "cost",
        COSTING,
        "--at",
        "2020-06",
        "--by",
        "grade",
        "--currency",
        "CHF",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)["structure"]
    assert data["total"] == "648000.00" and data["currency"] == "CHF"
    assert data["conversion"]["rate"] == "usd-chf-2020"
    assert [(g["key"], g["amount"]) for g in data["groups"]] == [
        ("ASG", "270000.00"),
        ("D-1", "180000.00"),
        ("P-4", "108000.00"),
        ("P-3", "90000.00"),
    ]
    assert data["illustrative"] is False
    assert data["budgets"] == []  # the fixture has none


def test_a_plan_is_costed_by_year_and_marked_illustrative(capsys):
    code, out, _ = run(capsys, "cost", COSTING, "--at", "2022", "--plan", "expand")
    assert code == 0
    assert "ILLUSTRATIVE" in out  # the 2022 table is an example
    assert "Cost of plan expand" in out
    lines = [line.split() for line in out.splitlines()]
    assert [
        "p4-ops",
        "regraded",
        "P-4",
        "->",
        "P-5",
        "funding",
        "not",
        "given",
        "0.00",
        "USD",
        "55,000.00",
        "USD",
        "55,000.00",
        "USD",
    ] in lines
    assert "2021: 16,666.67 USD (table t2020)" in out
    assert "Total: 126,666.67 USD" in out


def test_plan_json_by_year(capsys):
    code, out, _ = run(
        capsys,
        "cost",
        COSTING,
        "--plan",
        "expand",
        "--at",
        "2022",
        "--years",
        "2021,2022",
        "--currency",
        "CHF",
        "--format",
        "json",
    )
    assert code == 0
    plan = json.loads(out)["plan"]
    assert [(y["year"], y["total"]) for y in plan["years"]] == [
        (2021, "13333.34"),
        (2022, "44000.00"),
    ]
    new = next(p for p in plan["posts"] if p["post"] == "new-p3")
    assert new["effect"] == "created" and new["before"] is None
    assert new["years"] == {"2021": "20000.00", "2022": "88000.00"}


def test_errors_name_what_is_missing(capsys):
    code, _, err = run(capsys, "cost", COSTING, "--at", "2020-06", "--currency", "EUR")
    assert code == 1
    assert "no exchange rate from USD to EUR for 2020" in err
    code, _, err = run(capsys, "cost", COSTING, "--at", "2018")
    assert code == 1 and "no cost table for 2018 or an earlier year" in err
    code, _, err = run(capsys, "cost", COSTING, "--at", "2020", "--parts", "core")
    assert code == 1 and "'core' is not FUNDING=PART" in err
    code, _, err = run(capsys, "cost", COSTING, "--plan", "nope")
    assert code == 1 and "no plan 'nope'" in err


def test_frozen_and_proposed_posts_are_told_apart(capsys):
    status = str(Path(COSTING).with_name("costing-status"))
    code, out, _ = run(capsys, "cost", status, "--at", "2020", "--by", "part")
    assert code == 0
    lines = [line.split() for line in out.splitlines()]
    assert ["administrative", "1", "100,000.00", "USD"] in lines
    assert ["funding", "not", "given", "1", "50,000.00", "USD"] in lines
    assert "Frozen (1, costed apart, not in the total):" in out
    assert "c Frozen officer: 80,000.00 USD" in out
    assert "Left out: 1 proposed post(s)." in out


def test_a_total_of_posts_none_of_which_could_be_costed_is_not_zero(capsys, tmp_path):
    import re
    import shutil

    data = tmp_path / "costing"
    shutil.copytree(COSTING, data)
    org = data / "org.yaml"
    org.write_text(re.sub(r"(?m)^    grade: .*\n", "", org.read_text()), encoding="utf-8")
    code, out, _ = run(capsys, "cost", str(data), "--at", "2020-06")
    assert code == 0
    assert "Total: not costed (0 posts)" in out
    assert "Not costed (6, not in the total):" in out
    code, out, _ = run(capsys, "cost", str(data), "--at", "2020-06", "--format", "json")
    assert json.loads(out)["structure"]["total"] is None
