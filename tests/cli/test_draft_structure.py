"""``organogram draft structure`` and the default dates of both drafting commands."""

import json
from pathlib import Path

from organogram.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "tests" / "fixtures" / "drafting" / "structure-operations.md"
PAPER = ROOT / "tests" / "fixtures" / "drafting" / "upgrade-split.md"


def test_json_has_operations_described_and_the_date_with_its_reason(capsys):
    assert (
        main(["draft", "structure", str(ROOT / "data" / "iom"), str(DOC), "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert {"operations", "unresolved", "unread", "described"} <= set(data)
    assert data["at"] == "2025-03-01" and "1 March 2025" in data["at_reason"]
    first = data["operations"][0]
    assert set(first) >= {"op", "params", "cite", "sentence", "basis", "confidence", "rule"}
    assert {d["status"] for d in data["described"]} >= {"agrees", "new"}


def test_text_says_which_date_and_what_agrees(capsys):
    assert main(["draft", "structure", str(ROOT / "data" / "iom"), str(DOC)]) == 0
    out = capsys.readouterr().out
    assert "Names as of 2025-03-01: the date the document gives itself" in out
    assert "Agrees with the record (" in out


def test_plan_draft_defaults_to_the_day_before_its_changes(capsys):
    assert main(["plan", "draft", str(ROOT / "data" / "iom"), str(PAPER)]) == 0
    out = capsys.readouterr().out
    assert "names as of 2025-06-30" in out
    assert "the day before the earliest date the paper gives its changes" in out


def test_a_given_date_is_said_to_be_given(capsys):
    assert main(["plan", "draft", str(ROOT / "data" / "iom"), str(PAPER), "--date", "2024"]) == 0
    assert "Names as of 2024: the date given (--date)" in capsys.readouterr().out
