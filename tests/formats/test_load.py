"""Loading datasets: every op, shorthand, generated ids, origins, plans, claims, file order."""

from __future__ import annotations

import datetime as dt

import pytest

from organogram.core.changes import (
    REGISTRY,
    AddLine,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Rename,
    Split,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.model import AssignmentKind, Basis, Citation, LineKind
from organogram.core.plans import PlanStatus
from organogram.formats import load_dataset

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def full():
    return load_dataset(FIXTURES / "full")


def all_changes(record):
    """Every change of a record: the timeline's and every plan's, by id."""
    out = {c.id: c for c in record.timeline}
    for plan in record.plans.values():
        out.update({c.id: c for c in plan.changes})
    return out


def test_every_op_of_the_registry_is_in_the_full_fixture(full):
    ops = {c.op for c in all_changes(full).values()}
    assert ops == set(REGISTRY)


def test_each_op_parses_into_its_registered_class(full):
    for change in all_changes(full).values():
        assert type(change) is REGISTRY[change.op], change.id


def test_the_full_fixture_folds_without_failures(full):
    structure, failures = full.timeline.fold()
    assert failures == []
    assert sorted(structure.units) == ["admin", "ethics", "hrf", "legal", "ops", "resp"]


def test_units_shorthand_becomes_a_create_change(full):
    ops = full.timeline.get("create-ops")
    assert isinstance(ops, CreateUnit)
    assert ops.unit == UnitSpec(
        id="ops",
        name="Department of Operations",
        kind="department",
        abbreviation="DOE",
        mandate="Runs the operations of the Organization\nin the field and at headquarters.\n",
        functions=("planning", "delivery"),
        location="Geneva",
    )
    assert ops.parent == "dg"
    assert ops.date == FuzzyDate.parse("2001-06")
    assert ops.cites == (Citation("charter", "4"), Citation("charter", "annex 1"))
    assert ops.reason == "set up by the charter"
    assert ops.recorded_by == "registry"
    assert ops.recorded_at == dt.datetime(2021, 10, 28, 14, 30)
    fin = full.timeline.get("create-fin")
    assert fin.basis is Basis.INFERRED
    assert fin.note.startswith("the charter lists")


def test_posts_shorthand_becomes_a_create_post_change(full):
    dg = full.timeline.get("create-post-dg")
    assert isinstance(dg, CreatePost)
    assert (dg.post, dg.title, dg.grade, dg.category) == (
        "dg",
        "Director General",
        "ungraded",
        "USG",
    )
    assert dg.senior is True
    assert dg.duty_station == "Geneva"


def test_generated_and_explicit_ids(full):
    changes = all_changes(full)
    assert isinstance(changes["2005-1"], CreatePost)  # FILESTEM-N
    assert isinstance(changes["2005-3"], Rename)
    assert "legal-support-ends" in changes  # explicit id kept
    assert "2005-8" not in changes  # ... and its generated one not used
    assert isinstance(changes["review-2021-2"], Merge)  # PLAN-N


def test_fields_of_some_changes(full):
    changes = all_changes(full)
    line = changes["2005-7"]
    assert isinstance(line, AddLine)
    assert (line.source, line.kind, line.target) == (
        "legal",
        LineKind.ADMINISTRATIVE_SUPPORT,
        "admin",
    )
    top = changes["2005-10"]
    assert isinstance(top, Move) and top.to is None
    move_post = changes["2010-4"]
    assert isinstance(move_post, MovePost)
    assert move_post.unit == "fin"
    assert move_post.reports_to == MovePost(post="x", date=top.date).reports_to  # kept as is
    assert changes["2010-6"].kind is AssignmentKind.AD_INTERIM
    merge = changes["2010-8"]
    assert merge.units == ("hr", "fin")
    assert merge.new == UnitSpec(
        id="hrf", name="Human Resources and Finance Division", kind="division", abbreviation="HRF"
    )
    assert merge.parent == "admin"
    split = changes["2010-9"]
    assert isinstance(split, Split)
    assert [s.id for s in split.into] == ["prep", "resp"]
    assert split.parents == {"resp": "ops"}
    assert split.keep is False


def test_each_change_knows_the_file_and_line_it_came_from(full):
    rename = full.timeline.get("2005-3")
    assert rename.origin == (str(FIXTURES / "full" / "history" / "2005.yaml"), 14)
    assert rename.where().endswith("history/2005.yaml:14")
    ops = full.timeline.get("create-ops")
    assert ops.origin == (str(FIXTURES / "full" / "units.yaml"), 12)


def test_plans_load_with_phases_events_and_default_dates(full):
    plan = full.plan("review-2021")
    assert plan.status is PlanStatus.PROPOSED
    assert plan.effective == FuzzyDate.parse("2021-Q4")
    assert plan.drafted_at == dt.datetime(2021, 6, 1, 9)
    assert plan.documents == ("memo",)
    assert [p.id for p in plan.phases] == ["first", "second"]
    assert [(e.status, str(e.at), e.by) for e in plan.events] == [
        (PlanStatus.DRAFT, "2021-05", "executive office"),
        (PlanStatus.PROPOSED, "2021-06-01", ""),
    ]
    dates = [str(c.date) for c in plan.changes]
    assert dates == ["2021-Q4", "2022", "2022-03"]  # the plan's, the phase's, its own
    assert plan.phase_of == {"review-2021-2": "second"}


def test_timeline_holds_enacted_plans_only(full):
    ids = {c.id for c in full.timeline}
    assert {"legal-move-1", "create-ethics"} <= ids
    assert not ids & {"review-2021-1", "alternative-1"}
    # The enacted plan's change objects are the plan's own.
    assert full.timeline.get("create-ethics") is full.plan("legal-move").changes[1]


def test_claims_keep_each_source_version(full):
    assert [(c.subject, c.field, c.value, str(c.citation), c.basis) for c in full.claims] == [
        ("legal", "established", "2001", "charter:5", Basis.STATED),
        ("legal", "established", "2002", "report:history", Basis.INFERRED),
    ]


def test_sources_people_and_organization(full):
    charter = full.source("charter")
    assert (charter.symbol, charter.body, charter.session) == ("ACME/1", "Council", "1st session")
    assert charter.date == FuzzyDate.parse("2001-05-14")
    assert (charter.file, charter.url) == ("documents/charter.pdf", "https://example.org/charter")
    assert full.source("memo").cites == ("charter:12", "charter")
    assert full.people["p-ruiz"].name == "Tomás Ruiz"
    assert full.organization.sources == ("charter",)
    assert full.timeline.people is not None and "p-lee" in full.timeline.people


def test_a_single_file_loads(tmp_path):
    record = load_dataset(FIXTURES / "example" / "example.yaml")
    assert record.organization.id == "example"
    assert [c.id for c in record.timeline] == [
        "create-ops",
        "create-emerg",
        "create-post-dg",
        "example-1",
    ]


def test_files_are_read_in_path_order_component_by_component(write):
    # Same-date changes apply in reading order, so the order is observable in the timeline.
    root = write(
        {
            "a.yaml": "changes:\n  - {op: rename, unit: u, name: Third, date: 2010}\n",
            "a-c.yaml": "changes:\n  - {op: rename, unit: u, name: Second, date: 2010}\n",
            "a/b.yaml": "changes:\n  - {op: rename, unit: u, name: First, date: 2010}\n",
            "z.yml": "units:\n  - {id: u, name: U, kind: unit, established: 2009}\n",
            ".hidden/x.yaml": "nonsense: [",
            ".skip.yaml": "nonsense: [",
            "notes.txt": "not read",
        }
    )
    record = load_dataset(root)
    # A folder's files come before a file that only starts with the folder's name.
    names = [c.name for c in record.timeline if isinstance(c, Rename)]
    assert names == ["First", "Second", "Third"]


def test_text_is_taken_as_written(write):
    root = write(
        {
            "a.yaml": """
            units:
              - id: "2021"
                name: 1.10
                kind: office
                abbreviation: NO
                established: 2009
              - id: 44
                name: yes
                kind: unit
                parent: 2021
                established: 2009-01-01
            """
        }
    )
    record = load_dataset(root)
    first, second = record.timeline.changes
    assert (first.unit.id, first.unit.name, first.unit.abbreviation) == ("2021", "1.10", "NO")
    assert (second.unit.id, second.unit.name, second.parent) == ("44", "yes", "2021")
    assert second.date == FuzzyDate.parse("2009-01-01")


def test_empty_sections_and_empty_files_are_fine(write):
    root = write({"a.yaml": "units:\nchanges: []\n", "b.yaml": "", "c.yaml": "# nothing yet\n"})
    record = load_dataset(root)
    assert len(record.timeline) == 0
