"""Every kind of problem names its file, line and field; all are reported; nothing loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.formats import DatasetError, Problem, load_dataset

from .conftest import problems, where

FORMS = "YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"

SOURCES = """
sources:
  - id: memo
    title: Memo
"""


def only(path: Path) -> Problem:
    """The one problem of a dataset."""
    found = problems(path)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def test_yaml_syntax_error_names_its_line(write):
    root = write(
        {
            "units.yaml": """
        units:
          - id: ops
            name: [Operations
            kind: department
        """
        }
    )
    p = only(root)
    assert where(p, root)[:2] == ("units.yaml", 4)
    assert "YAML syntax error" in p.message


def test_tab_indentation_is_a_syntax_error_with_its_line(write):
    root = write({"a.yaml": "units:\n  - id: ops\n\tname: x\n"})
    p = only(root)
    assert (where(p, root)[0], p.line) == ("a.yaml", 3)


def test_unknown_top_level_key_suggests_the_right_one(write):
    root = write(
        {
            "a.yaml": """
        sources: []
        unit:
          - id: ops
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("a.yaml", 2, "unit")
    assert p.message == "unknown section 'unit' (did you mean 'units'?)"


def test_unknown_field_of_an_entry(write):
    root = write(
        {
            "units.yaml": """
        units:
          - id: ops
            name: Operations
            kind: department
            established: 2009
          - id: emerg
            name: Emergencies
            kind: division
            parnet: ops
            established: 2009
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("units.yaml", 9, "units[1].parnet")
    assert "did you mean 'parent'" in p.message


def test_missing_required_field_points_at_the_entry(write):
    root = write(
        {
            "units.yaml": """
        units:
          - id: ops
            kind: department
            established: 2009
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("units.yaml", 2, "units[0].name")
    assert p.message == "required field is missing"


@pytest.mark.parametrize(
    ("line", "expect_field", "expect_message"),
    [
        ("functions: planning", "functions", "expected a list, got 'planning'"),
        ("name: [a, b]", "name", "expected text, got a list"),
        ("abbreviation:", "abbreviation", "expected text, got null"),
        ("head: {post: dg}", "head", "expected an id, got a mapping"),
    ],
)
def test_wrong_types(write, line, expect_field, expect_message):
    field = line.split(":")[0]
    extra = "" if field == "name" else "\n    name: Operations"
    root = write(
        {
            "units.yaml": f"units:\n  - id: ops{extra}\n    kind: department\n"
            f"    {line}\n    established: 2009\n"
        }
    )
    p = only(root)
    assert p.field == f"units[0].{expect_field}"
    assert p.message == expect_message
    assert p.line == (5 if field != "name" else 4)


def test_wrong_type_of_a_boolean(write):
    root = write(
        {
            "posts.yaml": """
        posts:
          - id: dg
            title: Director General
            senior: maybe
            established: 2009
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("posts.yaml", 4, "posts[0].senior")
    assert p.message == "expected true or false, got 'maybe'"


def test_section_that_is_not_a_list(write):
    root = write({"a.yaml": "units:\n  id: ops\n"})
    p = only(root)
    assert where(p, root) == ("a.yaml", 2, "units")
    assert p.message.startswith("expected a list of entries")


def test_file_that_is_not_a_mapping(write):
    root = write({"a.yaml": "- id: ops\n"})
    p = only(root)
    assert where(p, root)[:2] == ("a.yaml", 1)
    assert "a dataset file is a mapping of sections" in p.message


def test_invalid_id(write):
    root = write(
        {
            "units.yaml": """
        units:
          - id: Ops Department
            name: Operations
            kind: department
            established: 2009
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("units.yaml", 2, "units[0].id")
    assert p.message.startswith("'Ops Department' is not a valid id")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2021-13", "'2021-13' is not a valid date: "),
        ("2021-02-30", "'2021-02-30' is not a valid date: day is out of range for month"),
        ("next year", f"'next year' is not a date: use {FORMS}"),
        ("2021-Q5", f"'2021-Q5' is not a date: use {FORMS}"),
    ],
)
def test_invalid_dates(write, date, message):
    root = write(
        {
            "changes.yaml": f"""
        changes:
          - op: abolish
            unit: ops
            date: {date}
        units:
          - id: ops
            name: Operations
            kind: department
            established: 2009
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("changes.yaml", 4, "changes[0].date")
    assert p.message.startswith(message)


def test_units_and_posts_share_one_namespace(write):
    root = write(
        {
            "units.yaml": """
        units:
          - id: dg
            name: Directorate
            kind: office
            established: 2009
        """,
            "posts.yaml": """
        posts:
          - id: dg
            title: Director General
            established: 2009
        """,
        }
    )
    p = only(root)
    # posts.yaml is read before units.yaml (path order), so the unit is the duplicate.
    assert where(p, root) == ("units.yaml", 2, "units[0].id")
    assert p.message == f"duplicate unit or post id 'dg' (first at {root / 'posts.yaml'}:2)"


def test_a_create_change_and_a_shorthand_for_the_same_unit(write):
    root = write(
        {
            "a.yaml": """
        units:
          - id: ops
            name: Operations
            kind: department
            established: 2009
        changes:
          - op: create
            unit: ops
            name: Operations again
            kind: department
            date: 2010
        """
        }
    )
    found = problems(root)
    assert [(p.line, p.field) for p in found] == [(8, "changes[0].unit")]


def test_duplicate_ids_of_sources_people_plans_and_changes(write):
    root = write(
        {
            "a.yaml": """
        sources:
          - {id: memo, title: Memo}
          - {id: memo, title: Another memo}
        people:
          - {id: p1, name: A}
          - {id: p1, name: B}
        units:
          - {id: ops, name: Ops, kind: department, established: 2009}
        changes:
          - {op: rename, unit: ops, name: Operations, date: 2010, id: a-2}
          - {op: rename, unit: ops, name: Ops, date: 2011}
        plans:
          - {id: p, title: P, effective: 2022}
          - {id: p, title: Q, effective: 2022}
        """
        }
    )
    found = [(p.line, p.field, p.message.split(" (")[0]) for p in problems(root)]
    assert found == [
        (3, "sources[1].id", "duplicate source id 'memo'"),
        (6, "people[1].id", "duplicate person id 'p1'"),
        (11, "changes[1].id", "duplicate change id 'a-2'"),  # the generated id of entry 2
        (14, "plans[1].id", "duplicate plan id 'p'"),
    ]


def test_citation_to_an_unknown_source(write):
    root = write(
        {
            "a.yaml": SOURCES
            + """
units:
  - id: ops
    name: Operations
    kind: department
    established: 2009
    cite: [memo:2, minutes:4]
"""
        }
    )
    p = only(root)
    expected = "units[0].cite[1]: 'minutes' is not a source of the dataset"
    assert str(p) == f"{root / 'a.yaml'}:10: {expected}"


def test_reference_to_a_unit_nothing_creates(write):
    root = write(
        {
            "units.yaml": """
        units:
          - id: ops
            name: Operations
            kind: department
            parent: ddg-x
            established: 2009
        """
        }
    )
    p = only(root)
    assert str(p) == (
        f"{root / 'units.yaml'}:5: units[0].parent: 'ddg-x' is not a unit or post of the dataset"
    )


def test_reference_to_a_post_where_a_unit_is_needed(write):
    root = write(
        {
            "a.yaml": """
        posts:
          - {id: dg, title: Director General, senior: true, established: 2009}
        changes:
          - {op: rename, unit: dg, name: Office of the DG, date: 2010}
          - {op: assign, post: dg, person: nobody, date: 2010}
        """
        }
    )
    found = [(p.line, p.field, p.message) for p in problems(root)]
    assert found == [
        (4, "changes[0].unit", "'dg' is a post, not a unit"),
        (5, "changes[1].person", "'nobody' is not a person of the dataset"),
    ]


def test_references_may_point_forward_and_into_other_files(write):
    # Existence at the date is the validator's business: the loader only needs a creator.
    root = write(
        {
            "a.yaml": """
        changes:
          - {op: move, node: ops, to: dg, date: 2001}
        """,
            "b/units.yaml": """
        units:
          - {id: ops, name: Ops, kind: department, established: 2009}
        posts:
          - {id: dg, title: DG, senior: true, established: 2009}
        """,
        }
    )
    record = load_dataset(root)
    assert record.timeline.changes[0].id == "a-1"


def test_invalid_op_lists_the_valid_ones(write):
    root = write(
        {
            "a.yaml": """
        changes:
          - op: rename-unit
            unit: ops
            date: 2010
        """
        }
    )
    p = only(root)
    assert where(p, root) == ("a.yaml", 2, "changes[0].op")
    assert p.message.startswith("'rename-unit' is not a valid op: use one of abolish, ")


def test_missing_op(write):
    root = write({"a.yaml": "changes:\n  - unit: ops\n    date: 2010\n"})
    p = only(root)
    assert where(p, root) == ("a.yaml", 2, "changes[0].op")
    assert p.message.startswith("required field is missing")


UNIT_AND_POST = """
units:
  - {id: ops, name: Ops, kind: department, established: 2009}
  - {id: legal, name: Legal, kind: office, established: 2009}
posts:
  - {id: dg, title: DG, senior: true, established: 2009}
people:
  - {id: p1, name: A}
"""


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        (
            "{op: add-line, source: legal, kind: dotted, target: ops, date: 2010}",
            "changes[0].kind",
            "'dotted' is not a valid line kind: use one of administrative-support, "
            "direct-supervision, functional",
        ),
        (
            "{op: add-line, source: legal, kind: oversight, target: ops, date: 2010}",
            "changes[0].kind",
            "'oversight' is not a valid line kind: use one of administrative-support, "
            "direct-supervision, functional",
        ),
        (
            "{op: assign, post: dg, person: p1, kind: interim, date: 2010}",
            "changes[0].kind",
            "'interim' is not a valid assignment kind: use one of regular, ad-interim, acting, "
            "officer-in-charge",
        ),
        (
            "{op: abolish, unit: legal, date: 2010, basis: guessed}",
            "changes[0].basis",
            "'guessed' is not a valid basis: use one of stated, inferred",
        ),
    ],
)
def test_invalid_enum_values(write, entry, field, message):
    root = write({"a.yaml": f"changes:\n  - {entry}\n" + UNIT_AND_POST})
    p = only(root)
    assert (p.line, p.field, p.message) == (2, field, message)


def test_invalid_plan_status(write):
    plan = "plans:\n  - id: p\n    title: P\n    status: done\n    effective: 2022\n"
    root = write({"a.yaml": plan})
    p = only(root)
    assert (p.line, p.field) == (4, "plans[0].status")
    assert p.message.startswith("'done' is not a valid plan status: use one of draft, proposed")


def test_unknown_phase_of_a_plan_change(write):
    root = write(
        {
            "a.yaml": UNIT_AND_POST
            + """
plans:
  - id: p
    title: P
    effective: 2022
    phases:
      - {id: one, title: One, effective: 2022}
    changes:
      - {op: abolish, unit: legal, phase: two}
"""
        }
    )
    p = only(root)
    assert (p.line, p.field) == (16, "plans[0].changes[0].phase")
    assert p.message == "'two' is not a phase of plan 'p' (phases: one)"


def test_duplicate_key_in_one_entry(write):
    root = write(
        {
            "a.yaml": """
        units:
          - id: ops
            name: Ops
            name: Operations
            kind: department
            established: 2009
        """
        }
    )
    p = only(root)
    assert (p.line, p.field) == (4, "units[0].name")
    assert p.message == "duplicate field: it is given twice"


def test_organization_header_missing_or_twice(write, tmp_path):
    root = write({"a.yaml": "sources: []\n"}, header=False)
    p = only(root)
    assert (p.file, p.line, p.field) == (str(root), None, "organization")
    root = write({"b.yaml": "organization: {id: other, name: Other}\n"})
    p = only(root)
    assert where(p, root) == ("b.yaml", 1, "organization")
    assert p.message.startswith("a second header: the first is at ")


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(DatasetError, match="no such file or folder"):
        load_dataset(tmp_path / "nowhere")
    with pytest.raises(DatasetError, match=r"no \*.yaml or \*.yml file here"):
        load_dataset(tmp_path)


def test_every_problem_is_reported_together_in_reading_order(write):
    root = write(
        {
            "b.yaml": """
        units:
          - id: ops
            name: Operations
            kind: department
            parent: nowhere
            established: someday
        """,
            "a.yaml": """
        changes:
          - op: explode
            date: 2010
          - op: rename
            unit: ops
            date: 2010
        """,
            "c.yaml": "units: [\n",
        }
    )
    found = [where(p, root) for p in problems(root)]
    assert found == [
        ("a.yaml", 2, "changes[0].op"),
        ("a.yaml", 4, "changes[1].name"),
        ("b.yaml", 5, "units[0].parent"),
        ("b.yaml", 6, "units[0].established"),
        ("c.yaml", 2, ""),
    ]


def test_a_bad_dataset_loads_nothing(write):
    good = "".join(
        f"  - {{id: u{i}, name: Unit {i}, kind: unit, established: 2009}}\n" for i in range(50)
    )
    bad = "  - {id: bad, name: Bad, established: 2009}\n"
    root = write({"units.yaml": "units:\n" + good + bad})
    with pytest.raises(DatasetError) as info:
        load_dataset(root)
    text = str(info.value)
    assert text.splitlines()[0] == "1 problem in the dataset:"
    assert "units[50].kind: required field is missing" in text


def test_a_duplicate_id_points_at_the_id_even_when_it_is_not_first(write):
    root = write(
        {
            "a.yaml": """
            sources:
              - id: memo
                title: Memo
              - title: Memo again
                id: memo
            """
        }
    )
    p = only(root)
    assert (p.line, p.field) == (5, "sources[1].id")
    assert p.message == f"duplicate source id 'memo' (first at {root / 'a.yaml'}:2)"


def test_odd_keys_and_bytes_are_problems_not_crashes(write):
    root = write({"a.yaml": "? [units]\n: []\nsources: []\n", "b.yaml": ""})
    (root / "b.yaml").write_bytes(b"units:\n  - id: \xff\xfe\n")
    first, second = problems(root)
    assert (where(first, root), first.message) == (
        ("a.yaml", 1, "a list"),
        "unknown section 'a list'",
    )
    assert where(second, root) == ("b.yaml", 2, "")
    assert second.message.startswith("YAML error: unacceptable character #x00ff")
