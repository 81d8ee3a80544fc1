"""Claims reach the reader: `history`, `posts --post`, `bodies` and `cost` show what each
source says about what they display, and say so where sources differ (the made-up
dataset tests/fixtures/datasets/nominations with claims added, and the IOM dataset)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.core.model import Basis, Citation, Claim
from organogram.formats import load_dataset
from organogram.queries.claims import claims_about

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "datasets" / "nominations"
IOM = str(ROOT / "data" / "iom")

CLAIMS = """
claims:
  - subject: deputy-a
    field: established
    value: "2020"
    cite: call-note
  - subject: deputy-a
    field: established
    value: "2019"
    cite: council-20-report:3
    basis: inferred
    note: the report speaks of the post a year earlier
  - subject: deputy-a
    field: holder
    value: Ana Example
    cite: council-20-report
  - subject: council
    field: established
    value: "1951"
    cite: council-20-report:1
  - subject: c-20-chair
    field: role
    value: President
    cite: council-20-report:2
  - subject: example-org
    field: member-states
    value: "3"
    cite: council-20-report:1
  - subject: example-org
    field: staff
    value: "40"
    cite: council-20-report:9
"""


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def dataset(tmp_path) -> str:
    path = tmp_path / "data"
    shutil.copytree(FIXTURE, path)
    (path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    return str(path)


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_a_disagreement_is_named_with_each_value_and_its_sources():
    from organogram.core.model import Organization
    from organogram.core.record import Record
    from organogram.core.timeline import Timeline

    claims = [
        Claim("hub", "established", "2018", Citation("scpf28", "27")),
        Claim("hub", "established", "2019", Citation("c109-report", "policy")),
        Claim("hub", "established", "2018", Citation("other")),
        Claim("hub", "kind", "unit", Citation("scpf28", "27"), Basis.INFERRED),
        Claim("elsewhere", "kind", "office", Citation("scpf28")),
    ]
    record = Record(Organization("o", "O"), Timeline([], {}), claims=claims)
    block = claims_about(record, ["hub"])
    assert [c["value"] for c in block["items"]] == ["2018", "2019", "2018", "unit"]
    assert block["items"][0]["disputed"] and block["items"][0]["other_values"] == ["2019"]
    assert not block["items"][3]["disputed"] and block["items"][3]["basis"] == "inferred"
    [differ] = block["disagreements"]
    assert differ["text"] == "sources differ: 2018 (scpf28:27, other) / 2019 (c109-report:policy)"
    assert differ["values"] == [
        {"value": "2018", "cites": ["scpf28:27", "other"]},
        {"value": "2019", "cites": ["c109-report:policy"]},
    ]
    assert claims_about(record, ["nothing"]) == {"items": [], "disagreements": []}


def test_history_shows_the_claims_about_the_unit_and_where_sources_differ(capsys):
    text = run(capsys, "history", IOM, "policy-hub")
    claims = text.split("What the sources say")[1]
    assert "established: 2018 [IOM Headquarters Organizational Review, para. 27]" in claims
    assert "established: sources differ: 2018 (scpf28:27) / 2019 (c109-report:" in claims
    data = json.loads(run(capsys, "history", IOM, "policy-hub", "--format", "json"))
    [differ] = data["claims"]["disagreements"]
    assert (differ["subject"], differ["field"]) == ("policy-hub", "established")


def test_a_post_shows_its_claims_sources_basis_and_notes(capsys, dataset):
    text = run(capsys, "posts", dataset, "--post", "deputy-a", "--at", "2024-06")
    claims = text.split("What the sources say")[1]
    assert "established: 2020 [NV/12/2023]" in claims
    assert (
        "established: 2019 (inferred) [Report of the 20th session of the Council, para. 3]"
        in claims
    )
    assert "the report speaks of the post a year earlier" in claims
    assert "established: sources differ: 2020 (call-note) / 2019 (council-20-report:3)" in claims
    assert "holder: Ana Example" in claims
    hidden = run(capsys, "posts", dataset, "--post", "deputy-a", "--without-names")
    assert "Ana Example" not in hidden  # a claim about who holds a post is personal data
    data = json.loads(run(capsys, "posts", dataset, "--post", "deputy-a", "--format", "json"))
    assert {c["field"] for c in data["claims"]["items"]} == {"established", "holder"}


def test_bodies_show_the_claims_about_each_body_and_the_membership(capsys, dataset):
    text = run(capsys, "bodies", dataset, "--at", "2024-03")
    council = text.split("Finance Committee")[0]
    assert (
        "council established: 1951 [Report of the 20th session of the Council, para. 1]" in council
    )
    assert "c-20-chair role: President" in council
    membership = text.split("What the sources say about the membership")[1]
    assert "example-org member-states: 3" in membership
    assert "staff" not in membership  # the organization's other claims are not about it
    data = json.loads(run(capsys, "bodies", dataset, "--format", "json"))
    assert [c["subject"] for c in data["bodies"][0]["claims"]["items"]] == ["council", "c-20-chair"]
    assert data["bodies"][1]["claims"]["items"] == []  # nothing claimed about the committee


def test_cost_shows_the_claims_about_the_posts_it_costs(capsys):
    text = run(capsys, "cost", IOM, "--at", "2022", "--plan", "hq-review-2021")
    plan = text.split("Cost of plan hq-review-2021")[1]
    assert "What the sources say" in plan
    assert "hq-review-2021 effective: begins in the last quarter of 2021" in plan
    data = json.loads(
        run(capsys, "cost", IOM, "--at", "2022", "--plan", "hq-review-2021", "--format", "json")
    )
    subjects = {c["subject"] for c in data["plan"]["claims"]["items"]}
    assert "hq-review-2021" in subjects
    assert subjects <= {"hq-review-2021", *(p["post"] for p in data["plan"]["posts"]),
                        "illustrative-2021"}  # fmt: skip
    structure = {c["subject"] for c in data["structure"]["claims"]["items"]}
    costed = {p["post"] for key in ("posts", "not_costed", "frozen")
              for p in data["structure"][key]}  # fmt: skip
    assert structure and structure <= costed | {"hq-review-2021", "illustrative-2021"}


def test_a_dataset_without_claims_shows_no_claims_block(capsys):
    text = run(capsys, "posts", str(FIXTURE), "--post", "deputy-a")
    assert "What the sources say" not in text
    assert load_dataset(FIXTURE).claims == []
