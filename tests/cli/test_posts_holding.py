"""`organogram posts` says "vacant" only where a source does, and names no one unnamed."""

from __future__ import annotations

from pathlib import Path

from organogram.cli.main import main

UNCERTAIN = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "uncertain"


def run(capsys, *args: str) -> str:
    assert main(["posts", str(UNCERTAIN), "--at", "2020-06-30", *args]) == 0
    return capsys.readouterr().out


def rows(out: str) -> dict[str, str]:
    return {line.split()[0]: line for line in out.splitlines()[2:]}


def test_the_list_says_vacant_no_holder_recorded_or_not_named(capsys):
    by_id = rows(run(capsys))
    assert by_id["cro"].rstrip().endswith("vacant")
    assert by_id["adviser"].rstrip().endswith("no holder recorded")
    assert by_id["ddg"].rstrip().endswith("a holder not named in the sources")
    anonymous = rows(run(capsys, "--without-names"))
    assert anonymous["adviser"].rstrip().endswith("no holder recorded")
    assert anonymous["ddg"].rstrip().endswith("filled")


def test_only_what_a_source_says_is_vacant_is_a_vacancy(capsys):
    out = run(capsys, "--vacant")
    assert out.startswith("1 vacant post(s)") and "cro" in out and "adviser" not in out
    assert "Held by: no holder recorded" in run(capsys, "--post", "p4")
