"""Examples of the diff: what it says for each kind of difference, and in which order."""

from __future__ import annotations

from dataclasses import replace

from organogram.core.changes import (
    Abolish,
    AbolishPost,
    AddLine,
    Assign,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Reclassify,
    Redescribe,
    RegradePost,
    Relocate,
    Rename,
    Replace,
    SetHead,
    Split,
    UnitSpec,
    Vacate,
)
from organogram.core.dates import FuzzyDate
from organogram.core.diff import (
    SUMMARY_KEYS,
    diff,
    diff_between,
    differences,
    same_structure,
    structure_signature,
)
from organogram.core.model import Assignment, AssignmentKind, LineKind, Person
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline

from .strategies import apply_all

D = FuzzyDate.parse("2020-01-01")
WHEN = FuzzyDate.parse("2022-Q1")
PEOPLE = {"ana": Person("ana", "Ana"), "ben": Person("ben", "Ben")}


def unit(uid, parent=None, **attrs):
    spec = UnitSpec(id=uid, name=attrs.pop("name", uid.upper()), kind=attrs.pop("kind", "division"))
    return CreateUnit(date=D, unit=UnitSpec(**{**spec.__dict__, **attrs}), parent=parent)


def post(pid, **attrs):
    return CreatePost(date=D, post=pid, title=attrs.pop("title", pid.upper()), **attrs)


def build(*changes) -> Structure:
    s = Structure(people=PEOPLE)
    for change in changes:
        change.apply(s)
    return s


def reaches(a: Structure, b: Structure) -> list:
    """The diff from ``a`` to ``b``, after checking that it applies and reaches ``b``."""
    changes = diff(a, b, date=WHEN)
    result = apply_all(a, changes)
    assert same_structure(result, b), differences(result, b)
    return changes


def ops(changes) -> list[tuple]:
    """Each change as (op, main subject), for readable assertions."""
    out = []
    for c in changes:
        p = c.params()
        subject = p.get("post") or p.get("node") or p.get("unit") or p.get("source")
        if isinstance(subject, UnitSpec):
            subject = subject.id
        out.append((c.op, subject))
    return out


# ---------------------------------------------------------------- structures
def test_same_structure_ignores_holder_order_dates_and_history():
    a = build(unit("a"), post("p"), unit("gone"), Abolish(date=D, unit="gone"))
    b = build(unit("a"), post("p"))
    a.set_holders("p", (Assignment("p", "ana"), Assignment("p", "ben", AssignmentKind.ACTING)))
    b.set_holders(
        "p",
        (Assignment("p", "ben", AssignmentKind.ACTING, D), Assignment("p", "ana", since=WHEN)),
    )
    assert same_structure(a, b)
    assert structure_signature(a) == structure_signature(b)
    b.set_holders("p", (Assignment("p", "ana", AssignmentKind.AD_INTERIM),))
    assert not same_structure(a, b)
    assert len(differences(a, b)) == 1 and differences(a, b)[0].startswith("holders[p]: ")


def test_a_structure_does_not_differ_from_itself_or_its_copy():
    s = build(unit("a"), unit("b", "a"), post("p", unit="b", senior=True, reports_to="a"))
    assert diff(s, s, date=WHEN) == []
    assert diff(s, s.copy(), date=WHEN) == []


def test_the_diff_changes_neither_structure():
    a = build(unit("a"), unit("b", "a"))
    b = build(unit("b"), unit("a", "b", name="Renamed"))
    sig_a, sig_b = structure_signature(a), structure_signature(b)
    diff(a, b, date=WHEN)
    assert structure_signature(a) == sig_a and structure_signature(b) == sig_b


# ---------------------------------------------------------- creating, ending
def test_creation_puts_parents_before_children_and_numbers_the_changes():
    target = build(
        unit("top"),
        post("dg", senior=True),
        unit("mid", "dg"),
        unit("leaf", "mid"),
        post("p", unit="leaf", reports_to="dg"),
    )
    changes = reaches(Structure(people=PEOPLE), target)
    # By depth in the target, units before posts; the post waits for its unit.
    assert ops(changes) == [
        ("create", "top"),
        ("create-post", "dg"),
        ("create", "mid"),
        ("create", "leaf"),
        ("create-post", "p"),
    ]
    assert [c.id for c in changes] == [f"diff-{i}" for i in range(1, 6)]
    assert all(c.date == WHEN for c in changes)


def test_ending_everything_vacates_unlinks_and_abolishes_deepest_first():
    start = build(
        unit("top"),
        unit("mid", "top"),
        unit("leaf", "mid"),
        post("p", unit="leaf"),
        AddLine(date=D, source="leaf", kind=LineKind.FUNCTIONAL, target="top"),
        Assign(date=D, post="p", person="ana"),
    )
    changes = reaches(start, Structure(people=PEOPLE))
    assert ops(changes) == [
        ("vacate", "p"),
        ("remove-line", "leaf"),
        ("abolish-post", "p"),
        ("abolish", "leaf"),
        ("abolish", "mid"),
        ("abolish", "top"),
    ]


# ------------------------------------------------------------ editing units
def test_unit_edits_use_the_matching_change():
    a = build(
        unit("a", name="Division of Policy", abbreviation="DP"),
        unit("b", name="Office", kind="office"),
        unit("c", mandate="Old", location="Geneva"),
        post("h"),
    )
    b = build(
        unit("a", name="Division of Policy", abbreviation="DPR"),
        unit("b", name="Department of Operations", kind="department"),
        unit("c", mandate="New", functions=("plan",), location="Manila", head="h"),
        post("h"),
    )
    changes = reaches(a, b)
    kinds = {type(c) for c in changes}
    assert kinds == {Rename, Reclassify, Redescribe, Relocate, SetHead}
    rename = next(c for c in changes if isinstance(c, Rename))
    assert (rename.unit, rename.abbreviation) == ("a", "DPR")
    reclass = next(c for c in changes if isinstance(c, Reclassify))
    assert (reclass.kind, reclass.name) == ("department", "Department of Operations")
    redesc = next(c for c in changes if isinstance(c, Redescribe))
    assert (redesc.mandate, redesc.functions) == ("New", ("plan",))


def test_a_head_post_created_in_the_diff_is_set_after_it_exists():
    a = build(unit("a"))
    b = build(unit("a"), post("h", unit="a"), SetHead(date=D, unit="a", head="h"))
    assert ops(reaches(a, b)) == [("create-post", "h"), ("set-head", "a")]


# ------------------------------------------------------------------- moves
def test_swapping_a_parent_and_its_child_moves_by_depth_in_the_target():
    a = build(unit("a"), unit("b", "a"))
    b = build(unit("b"), unit("a", "b"))
    changes = reaches(a, b)
    assert [(c.node, c.to) for c in changes if isinstance(c, Move)] == [("b", None), ("a", "b")]


def test_a_deep_rotation_applies_without_transient_cycles():
    a = build(unit("r"), unit("a", "r"), unit("b", "a"), unit("c", "b"), unit("d", "c"))
    b = build(unit("d"), unit("c", "d"), unit("b", "c"), unit("a", "b"), unit("r", "a"))
    reaches(a, b)


def test_children_of_an_abolished_unit_go_straight_to_an_existing_new_parent():
    a = build(unit("keep"), unit("old"), unit("child", "old"))
    b = build(unit("keep"), unit("child", "keep"))
    assert ops(reaches(a, b)) == [("move", "child"), ("abolish", "old")]


def test_children_of_an_abolished_unit_wait_at_the_top_for_a_new_parent():
    a = build(unit("old"), unit("child", "old"))
    b = build(unit("new"), unit("child", "new"))
    changes = reaches(a, b)
    assert ops(changes) == [
        ("move", "child"),
        ("abolish", "old"),
        ("create", "new"),
        ("move", "child"),
    ]
    assert [c.to for c in changes if isinstance(c, Move)] == [None, "new"]


# ------------------------------------------------------------------- posts
def test_posts_are_regraded_and_moved():
    a = build(
        unit("a"),
        unit("b"),
        post("dg", senior=True),
        post("p", unit="a", grade="P-4", category="professional"),
    )
    b = build(
        unit("a"),
        unit("b"),
        post("dg", senior=True),
        post("p", unit="b", grade="P-5", category="", title="Senior officer", reports_to="dg"),
    )
    changes = reaches(a, b)
    regrade = next(c for c in changes if isinstance(c, RegradePost))
    assert (regrade.grade, regrade.title, regrade.category) == ("P-5", "Senior officer", "")
    move = next(c for c in changes if isinstance(c, MovePost))
    assert (move.unit, move.reports_to) == ("b", "dg")


def test_a_post_that_becomes_senior_is_amended_keeping_its_holders_and_reports():
    a = build(post("p", grade="D-1"), unit("u", "p"), Assign(date=D, post="p", person="ana"))
    b = build(
        post("p", grade="D-1", senior=True), unit("u", "p"), Assign(date=D, post="p", person="ana")
    )
    changes = reaches(a, b)
    assert ops(changes) == [("amend-post", "p")]
    assert changes[0].given() == {"senior": True}


def test_a_post_retitled_frozen_and_moved_to_projects_is_one_amend_not_a_recreation():
    a = build(post("p", grade="P-4", title="Officer", duty_station="Geneva"))
    b = build(
        post(
            "p", grade="P-4", title="Senior Officer", duty_station="Manila",
            status="frozen", funding="projects", fte=0.5,
        )
    )
    changes = reaches(a, b)
    assert ops(changes) == [("amend-post", "p")]
    assert changes[0].given() == {
        "title": "Senior Officer", "duty_station": "Manila", "status": "frozen",
        "funding": "projects", "fte": 0.5,
    }


def test_a_regraded_and_refunded_post_is_a_regrade_then_an_amend():
    a = build(post("p", grade="P-4", title="Officer"))
    b = build(post("p", grade="P-5", title="Senior Officer", funding="core"))
    changes = reaches(a, b)
    assert ops(changes) == [("regrade-post", "p"), ("amend-post", "p")]
    assert changes[0].title == "Senior Officer" and changes[1].given() == {"funding": "core"}


def test_an_id_that_turns_from_unit_to_post_is_abolished_then_created():
    a = build(unit("x"))
    b = build(post("x"))
    assert ops(reaches(a, b)) == [("abolish", "x"), ("create-post", "x")]


def test_a_post_in_a_unit_that_reports_to_it_is_created_then_placed():
    # The Office of the DG sits under the DG's post, and the post sits in the office.
    b = build(
        post("dg", senior=True),
        unit("odg", "dg"),
        MovePost(date=D, post="dg", unit="odg"),
    )
    changes = reaches(Structure(people=PEOPLE), b)
    assert ops(changes) == [("create-post", "dg"), ("create", "odg"), ("move-post", "dg")]
    assert changes[0].unit is None and changes[2].unit == "odg"


# ------------------------------------------------------- holders and lines
def test_a_holder_whose_kind_changes_is_vacated_and_assigned_again():
    a = build(post("p"), Assign(date=D, post="p", person="ana", kind=AssignmentKind.AD_INTERIM))
    b = build(
        post("p"), Assign(date=D, post="p", person="ana"), Assign(date=D, post="p", person="ben")
    )
    changes = reaches(a, b)
    assert [type(c) for c in changes] == [Vacate, Assign, Assign]
    assert [(c.person, c.kind) for c in changes[1:]] == [
        ("ana", AssignmentKind.REGULAR),
        ("ben", AssignmentKind.REGULAR),
    ]


def test_typed_lines_are_added_and_removed():
    a = build(unit("a"), unit("b"), AddLine(date=D, source="a", kind="functional", target="b"))
    b = build(
        unit("a"), unit("b"), AddLine(date=D, source="a", kind="administrative-support", target="b")
    )
    assert ops(reaches(a, b)) == [("remove-line", "a"), ("add-line", "a")]


def test_a_dangling_reference_shared_by_both_sides_needs_no_change():
    # The core lets a unit be abolished around its post; validation reports it.
    a = build(unit("a"), post("p", unit="a"))
    b = build(unit("a"), post("p", unit="a"), Abolish(date=D, unit="a"))
    assert ops(reaches(a, b)) == [("abolish", "a")]


# ------------------------------------------------------------- between dates
def timeline(*changes) -> Timeline:
    return Timeline(changes, PEOPLE)


def at(text, change):
    return replace(change, date=FuzzyDate.parse(text))


def test_between_dates_a_merge_is_a_merge_and_backwards_a_split():
    tl = timeline(
        at("2010", unit("a")),
        at("2010", unit("b")),
        at("2010", unit("team", "a")),
        at("2010", post("p", unit="b")),
        at(
            "2021-Q4",
            Merge(
                units=("a", "b"),
                into="n",
                new=UnitSpec(id="n", name="N", kind="department"),
                date=D,
            ),
        ),
    )
    forward = diff_between(tl, "2020", "2022")
    assert [type(c) for c in forward.changes] == [Merge]
    assert forward.changes[0].id == "diff-1"
    assert [(ln.predecessor, ln.successor, ln.kind) for ln in forward.lineage] == [
        ("a", "n", "merge"),
        ("b", "n", "merge"),
    ]
    assert [c.op for c in forward.events] == ["merge"]
    assert forward.summary()["merges"] == 1
    assert forward.summary()["units_added"] == 1 and forward.summary()["units_removed"] == 2

    backward = diff_between(tl, "2022", "2020")
    assert backward.backward and backward.start > backward.end
    assert isinstance(backward.changes[0], Split)
    assert apply_all(backward.before, backward.changes).units.keys() == {"a", "b", "team"}
    assert same_structure(apply_all(backward.before, backward.changes), backward.after)
    assert [c.op for c in backward.events] == ["merge"]


def test_between_dates_replacements_are_followed_transitively():
    tl = timeline(
        at("2010", unit("odg")),
        at("2010", unit("div", "odg")),
        at(
            "2015",
            Replace(unit="odg", by="eo1", new=UnitSpec(id="eo1", name="EO", kind="office"), date=D),
        ),
        at(
            "2021",
            Replace(
                unit="eo1",
                by="eo",
                new=UnitSpec(id="eo", name="Executive Office", kind="office"),
                date=D,
            ),
        ),
    )
    dd = diff_between(tl, "2010", "2022")
    assert [(type(c), c.unit, c.by) for c in dd.changes] == [(Replace, "odg", "eo")]
    assert same_structure(apply_all(dd.before, dd.changes), dd.after)
    assert dd.after.oversight == {"div": "eo"}


def test_between_dates_a_split_hands_posts_and_children_where_the_target_has_them():
    tl = timeline(
        at("2010", unit("drm")),
        at("2010", unit("team", "drm")),
        at("2010", post("p", unit="drm")),
        at("2010", post("q", unit="drm")),
        at(
            "2021",
            Split(
                unit="drm",
                into=(
                    UnitSpec(id="dfam", name="F", kind="department"),
                    UnitSpec(id="dhr", name="H", kind="department"),
                ),
                moves={"team": "dhr", "q": "dhr"},
                date=D,
            ),
        ),
    )
    dd = diff_between(tl, "2020", "2022")
    assert len(dd.changes) == 1 and isinstance(dd.changes[0], Split)
    assert dd.changes[0].moves == {"q": "dhr", "team": "dhr"}
    assert same_structure(apply_all(dd.before, dd.changes), dd.after)


def test_a_merge_is_not_used_where_it_would_not_apply():
    # Merged into a unit that did not exist at the start and is gone at the end.
    tl = timeline(
        at("2010", unit("a")),
        at("2015", unit("b")),
        at("2016", Merge(units=("a", "b"), into="b", date=D)),
        at("2018", Abolish(unit="b", date=D)),
    )
    dd = diff_between(tl, "2012", "2020")
    assert ops(dd.changes) == [("abolish", "a")]
    assert [c.op for c in dd.events] == ["create", "merge", "abolish"]


def test_summary_counts_what_differs():
    tl = timeline(
        at("2010", unit("a")),
        at("2010", unit("b")),
        at("2010", unit("c", "a")),
        at("2010", post("p", unit="a", grade="P-3")),
        at("2010", post("q", unit="a")),
        at("2021", Move(node="c", to="b", date=D)),
        at("2021", Rename(unit="a", name="Renamed", date=D)),
        at("2021", RegradePost(post="p", grade="P-4", date=D)),
        at("2021", MovePost(post="q", unit="b", date=D)),
        at("2021", AbolishPost(post="p", date=D)),
        at("2021", post("r")),
    )
    summary = diff_between(tl, "2020", "2021").summary()
    assert list(summary) == list(SUMMARY_KEYS)
    assert {k: v for k, v in summary.items() if v} == {
        "units_moved": 1,
        "units_renamed": 1,
        "posts_added": 1,
        "posts_removed": 1,
        "posts_moved": 1,
    }


def test_a_period_is_read_as_its_last_day():
    tl = timeline(at("2016-12-31", unit("a")), at("2017-01-01", unit("b")))
    dd = diff_between(tl, "2015", "2016")
    assert (dd.start.isoformat(), dd.end.isoformat()) == ("2015-12-31", "2016-12-31")
    assert ops(dd.changes) == [("create", "a")]
    assert all(c.date == FuzzyDate.parse("2016-12-31") for c in dd.changes)
