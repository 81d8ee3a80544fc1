"""The command line on a small made-up dataset (tests/cli/example)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from organogram.cli.main import main

EXAMPLE = str(Path(__file__).parent / "example")


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, _ = run(capsys, *argv, "--format", "json")
    return code, json.loads(out)


def test_validate_passes_on_a_good_dataset(capsys):
    code, out, _ = run(capsys, "validate", EXAMPLE)
    assert code == 0
    assert "0 error(s)" in out


def test_validate_exits_1_and_names_file_and_line_on_a_bad_dataset(capsys, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(EXAMPLE, bad)
    text = (bad / "structure.yaml").read_text().replace("parent: ops\n", "parent: nowhere\n", 1)
    (bad / "structure.yaml").write_text(text)
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    assert "structure.yaml:" in out and "nowhere" in out
    assert "nothing loaded" in out


def test_validate_exits_1_when_a_change_does_not_apply(capsys, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(EXAMPLE, bad)
    # Renaming the Emergency Division after it was merged away cannot apply.
    with (bad / "late.yaml").open("w") as f:
        f.write("changes:\n  - op: rename\n    unit: emerg\n    name: Late Name\n    date: 2022\n")
    code, data = run_json(capsys, "validate", str(bad))
    assert code == 1
    codes = {f["code"] for f in data["findings"]}
    assert "change-precondition" in codes
    failing = next(f for f in data["findings"] if f["code"] == "change-precondition")
    assert failing["where"].endswith("late.yaml:2")


def test_show_json_has_the_documented_node_fields(capsys):
    code, data = run_json(capsys, "show", EXAMPLE, "--at", "2015")
    assert code == 0
    assert data["date"] == "2015-12-31"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert set(nodes) == {"dg", "ddg", "ops", "emerg", "movt", "res", "risk"}
    assert nodes["dg"]["parent"] is None
    assert nodes["ops"]["parent"] == "ddg"
    assert nodes["ops"]["kind"] == "department"
    assert nodes["risk"]["lines"] == [
        {"kind": "administrative-support", "to": "res", "to_name": "Department of Resources"}
    ]


def test_show_follows_the_date(capsys):
    _, before = run_json(capsys, "show", EXAMPLE, "--at", "2020-09-30")
    _, after = run_json(capsys, "show", EXAMPLE, "--at", "2021")
    assert "crisis" not in {n["id"] for n in before["nodes"]}
    ids_after = {n["id"] for n in after["nodes"]}
    assert "crisis" in ids_after and "emerg" not in ids_after
    names = {n["id"]: n["name"] for n in after["nodes"]}
    assert names["res"] == "Department of Financial Management"


def test_show_text_is_a_tree(capsys):
    code, out, _ = run(capsys, "show", EXAMPLE, "--at", "2015")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Example Organization: structure as of 2015-12-31")
    assert any(line.startswith("└── Deputy Director General") for line in lines)
    assert any("    └── Department of Operations (DOO)" in line for line in lines)


def test_show_unit_subtree_and_unknown_unit(capsys):
    _, data = run_json(capsys, "show", EXAMPLE, "--at", "2015", "--unit", "ops")
    assert [n["id"] for n in data["nodes"]] == ["ops", "emerg", "movt"]
    code, _, err = run(capsys, "show", EXAMPLE, "--at", "2021", "--unit", "emerg")
    assert code == 1
    assert "no longer exists" in err


def test_show_bad_date_is_a_clear_error(capsys):
    code, _, err = run(capsys, "show", EXAMPLE, "--at", "31/12/2015")
    assert code == 1
    assert "is not a date" in err


def test_history_lists_versions_sources_and_lineage(capsys):
    code, data = run_json(capsys, "history", EXAMPLE, "res")
    assert code == 0
    names = [v["name"] for v in data["versions"]]
    assert names == ["Department of Resources", "Department of Financial Management"]
    assert data["versions"][0]["until"] == "2020-Q4"
    assert data["versions"][1]["sources"][0]["source"] == "memo2"
    _, merged = run_json(capsys, "history", EXAMPLE, "crisis")
    assert {p["predecessor"] for p in merged["predecessors"]} == {"emerg", "movt"}
    _, gone = run_json(capsys, "history", EXAMPLE, "emerg")
    assert [s["successor"] for s in gone["successors"]] == ["crisis"]
    assert gone["in_force"] is False


def test_diff_between_dates(capsys):
    code, data = run_json(capsys, "diff", EXAMPLE, "--from", "2015", "--to", "2021")
    assert code == 0
    ops = sorted(c["op"] for c in data["changes"])
    assert ops == ["merge", "rename"]
    assert any(
        "renamed the Department of Financial Management" in c["text"] for c in data["changes"]
    )
    code, out, _ = run(capsys, "diff", EXAMPLE, "--from", "2015", "--to", "2016")
    assert "no difference" in out


def test_plan_commands(capsys):
    _, plans = run_json(capsys, "plan", "list", EXAMPLE)
    assert [p["id"] for p in plans] == ["review"]
    code, preview = run_json(capsys, "plan", "preview", EXAMPLE, "review")
    assert code == 0
    nodes = {n["id"]: n for n in preview["nodes"]}
    assert nodes["crisis"]["name"] == "Department of Crisis Response"
    assert nodes["crisis"]["parent"] == "ddg"
    code, story = run_json(capsys, "plan", "narrate", EXAMPLE, "review")
    assert "renamed the Department of Crisis Response" in story["text"]
    code, findings = run_json(capsys, "plan", "validate", EXAMPLE, "review")
    assert code == 0 and findings["ok"]
    code, conflicts = run_json(capsys, "plan", "conflicts", EXAMPLE, "review")
    assert code == 0 and conflicts["conflicts"] == []


def test_unknown_plan_names_the_plans_there_are(capsys):
    code, _, err = run(capsys, "plan", "preview", EXAMPLE, "nope")
    assert code == 1
    assert "no plan 'nope'" in err and "review" in err


def test_no_command_prints_help(capsys):
    code, out, _ = run(capsys)
    assert code == 2
    assert "validate" in out and "show" in out


def test_history_names_parents_as_they_were_and_lists_every_change_of_a_day(capsys, tmp_path):
    data_dir = tmp_path / "later"
    shutil.copytree(EXAMPLE, data_dir)
    with (data_dir / "later.yaml").open("w") as f:
        f.write(
            "changes:\n"
            "  - op: rename\n    unit: ops\n    name: Department of Field Operations\n"
            "    date: 2022\n"
            "  - op: relocate\n    unit: res\n    location: Geneva\n    date: 2020-Q4\n"
        )
    _, crisis = run_json(capsys, "history", str(data_dir), "crisis")
    # The Crisis division's only version began under the department's old name.
    assert crisis["versions"][0]["parent_name"] == "Department of Operations"
    _, res = run_json(capsys, "history", str(data_dir), "res")
    made = [c["id"] for c in res["versions"][1]["changes"]]
    assert made == ["later-2", "structure-3"]  # files are read in path order
    assert res["versions"][1]["sources"][0]["source"] == "memo2"
