"""What the command line says where the sources are vague: possibly in force, placement
not recorded, holders not named, vacancies only where a source says so."""

from __future__ import annotations

import json
from pathlib import Path

from organogram.cli.main import main

DATA = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "uncertain"


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_show_marks_what_is_only_possibly_in_force_with_the_date_and_citation(capsys):
    text = run(capsys, "show", str(DATA), "--at", "2019-06-30")
    media = next(line for line in text.splitlines() if "Media and Communications" in line)
    assert "? Media" in media
    assert "possibly not yet in force: between 2001 and June 2021 (rev:14)" in media
    assert "? Department of Operations" not in text  # certain since 2000


def test_show_lists_units_no_source_places_apart_not_at_the_top(capsys):
    text = run(capsys, "show", str(DATA), "--at", "2019-06-30")
    tree, _, apart = text.partition("Placement not recorded")
    assert "Results-Based Management Unit" not in tree
    assert "Gender Coordination Unit" in apart and "└── Gender Team" in apart


def test_show_tells_holders_not_named_vacancies_stated_and_posts_without_a_holder(capsys):
    lines = run(capsys, "show", str(DATA), "--at", "2019-06-30").splitlines()

    def line(name: str) -> str:
        return next(x for x in lines if name in x)

    assert "a holder not named in the sources" in line("Finance Division")
    assert line("Chief Risk Officer").endswith("vacant")  # a vacate without person
    assert line("Senior Adviser").endswith("no holder recorded")


def test_show_lists_what_is_possibly_still_in_force(capsys):
    text = run(capsys, "show", str(DATA), "--at", "2021-03")
    tree, _, still = text.partition("Possibly still in force")
    assert "Old Liaison Office" not in tree
    assert "Old Liaison Office  possibly still in force: between 2020 and 2022 (rev:20)" in still
    assert "Possibly still in force" not in run(capsys, "show", str(DATA), "--at", "2023")


def test_show_json_carries_status_placement_and_holding(capsys):
    data = json.loads(run(capsys, "show", str(DATA), "--at", "2019-06-30", "--format", "json"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["rbm"]["status"] == "possibly in force"
    assert nodes["rbm"]["placement"] == "unknown" and nodes["rbm"]["parent"] is None
    assert nodes["ops"]["status"] == "in force" and nodes["ops"]["uncertain"] == []
    assert nodes["adviser"]["holding"] == "no holder recorded"
    assert nodes["cro"]["holding"] == "vacant"
    assert [h["person"] for h in nodes["ddg"]["holders"]] == [None]
    assert data["unplaced"] == ["rbm", "gcu"]
    later = json.loads(run(capsys, "show", str(DATA), "--at", "2021-07", "--format", "json"))
    assert {n["id"]: n["status"] for n in later["nodes"]}["rbm"] == "in force"


def test_diff_does_not_call_established_what_was_only_first_seen(capsys):
    text = run(capsys, "diff", str(DATA), "--from", "2019-06-30", "--to", "2022-12-31")
    assert "established" not in text
    assert (
        "Results-Based Management Unit: in place by June 2021; since when is not recorded (rev:12)"
        in text
    )
    assert "Media and Communications Division: came into force some time between 2001" in text


def test_history_says_the_placement_is_not_recorded(capsys):
    text = run(capsys, "history", str(DATA), "rbm")
    assert "../2021-06 → now  Results-Based Management Unit, unit; placement not recorded" in text


def test_validate_counts_unknown_placements_as_gaps_not_errors(capsys):
    data = json.loads(run(capsys, "validate", str(DATA), "--format", "json"))
    findings = data["findings"] if isinstance(data, dict) else data
    gaps = {f["subject"]: f for f in findings if f["code"] == "placement-unknown"}
    assert set(gaps) == {"rbm", "gcu"}
    # Dated by the change that made it, never by the first day Python has.
    assert gaps["rbm"]["from"] == "../2021-06"
    assert not [f for f in findings if f["severity"] == "error"]


def test_diff_says_a_change_only_possibly_made_by_the_later_date_is_possible(capsys):
    text = run(capsys, "diff", str(DATA), "--from", "2019-06-30", "--to", "2021-03")
    line = next(x for x in text.splitlines() if "Old Liaison Office" in x)
    assert "is abolished. Possibly not yet so by 2021-03-31: dated between 2020 and 2022" in line
    later = run(capsys, "diff", str(DATA), "--from", "2019-06-30", "--to", "2023")
    assert "The Old Liaison Office is abolished." in later and "Possibly not yet" not in later


def test_history_names_the_parent_as_it_was_then_and_as_it_was_renamed(tmp_path, capsys):
    (tmp_path / "d.yaml").write_text(
        "organization: {id: o, name: O}\n"
        "units:\n"
        "  - {id: dept, name: Department of Resources, kind: department, established: 2009}\n"
        "  - {id: div, name: Budget Division, kind: division, parent: dept, established: 2010}\n"
        "changes:\n"
        "  - {op: rename, unit: dept, name: Department of Finance, date: 2021-Q4}\n",
        encoding="utf-8",
    )
    text = run(capsys, "history", str(tmp_path), "div")
    assert (
        "2010 → now  Budget Division, division; under Department of Resources "
        "(renamed Department of Finance, Q4 2021)"
    ) in text


def test_show_tells_a_holder_whose_leaving_is_dated_to_a_span_as_possibly_still_there(
    tmp_path, capsys
):
    (tmp_path / "d.yaml").write_text(
        "organization: {id: o, name: O}\n"
        "people: [{id: sam, name: Sam Swing}]\n"
        "posts: [{id: dg, title: Director General, senior: true, established: 2000}]\n"
        "changes:\n"
        "  - {op: assign, post: dg, person: sam, date: 2000/2018}\n"
        "  - {op: vacate, post: dg, person: sam, date: 2000/2018}\n"
        "  - {op: assign, post: dg, date: 2000/2018}\n",
        encoding="utf-8",
    )
    line = run(capsys, "show", str(tmp_path), "--at", "2016").splitlines()[1]
    assert line == (
        "Director General  senior-post  a holder not named in the sources (possibly not yet: "
        "between 2000 and 2018); possibly still Sam Swing (left between 2000 and 2018)"
    )
    assert run(capsys, "show", str(tmp_path), "--at", "2019").splitlines()[1] == (
        "Director General  senior-post  a holder not named in the sources"
    )


def test_validate_dates_a_finding_by_its_change_not_the_first_day_python_has(tmp_path, capsys):
    (tmp_path / "d.yaml").write_text(
        "organization: {id: o, name: O}\n"
        "units:\n"
        "  - {id: a, name: A, kind: unit, parent: unknown, established: ../2019}\n"
        "  - {id: b, name: B, kind: unit, parent: unknown, established: ../2021-06}\n",
        encoding="utf-8",
    )
    text = run(capsys, "validate", str(tmp_path))
    assert "0001" not in text
    assert "B (b): placement not recorded (no source gives it) (from ../2021-06)" in text
    assert "A (a): placement not recorded (no source gives it) (from ../2019)" in text
