"""``organogram plan draft``: the JSON for programs and the text for people."""

import json
from pathlib import Path

from organogram.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
PAPER = ROOT / "tests" / "fixtures" / "drafting" / "upgrade-split.md"


def test_json_has_operations_and_unresolved(capsys):
    assert (
        main(
            [
                "plan",
                "draft",
                str(ROOT / "data" / "iom"),
                str(PAPER),
                "--date",
                "2024",
                "--format",
                "json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "upgrade-split"
    ops = {(o["op"], o["cite"]) for o in data["operations"]}
    assert ("abolish", "upgrade-split:4") in ops
    first = data["operations"][0]
    assert set(first) >= {"op", "params", "cite", "sentence", "basis", "confidence", "rule"}
    assert [u["mention"] for u in data["unresolved"]] == ["Unit of Strategic Foresight"]


def test_text_lists_proposals_and_what_was_not_resolved(capsys):
    assert (
        main(
            [
                "plan",
                "draft",
                str(ROOT / "data" / "iom"),
                str(PAPER),
                "--date",
                "2024",
                "--source",
                "adj",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "¶ adj:3" in out and "split" in out and "rule split-into" in out
    assert "Not resolved (1)" in out and "Unit of Strategic Foresight" in out


def test_missing_paper_is_an_error_naming_it(capsys):
    assert main(["plan", "draft", str(ROOT / "data" / "iom"), "nowhere.md"]) == 1
    assert "nowhere.md" in capsys.readouterr().err
