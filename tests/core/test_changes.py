"""Every change class: it applies as documented, and refuses clearly when it cannot."""

from __future__ import annotations

from dataclasses import replace

import pytest

from organogram.core.changes import (
    REGISTRY,
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
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
    RemoveLine,
    Rename,
    Replace,
    SetHead,
    Split,
    UnitSpec,
    Vacate,
)
from organogram.core.dates import FuzzyDate
from organogram.core.errors import ChangeError
from organogram.core.model import AssignmentKind, Funding, Line, LineKind, Person, PostStatus
from organogram.core.structure import Structure

EARLY = FuzzyDate.parse("2016")
DATE = FuzzyDate.parse("2021-Q4")


def unit(uid: str, name: str, kind: str, parent: str | None = None, **more) -> CreateUnit:
    return CreateUnit(
        date=EARLY, unit=UnitSpec(id=uid, name=name, kind=kind, **more), parent=parent
    )


def base() -> Structure:
    """A small headquarters: DG and a DDG, two departments, a division, a unit, posts."""
    s = Structure(people={"amy": Person("amy", "Amy Pope"), "ugo": Person("ugo", "Ugochi Daniels")})
    for change in [
        CreatePost(date=EARLY, post="dg", title="Director General", senior=True),
        CreatePost(
            date=EARLY,
            post="ddg-ops",
            title="Deputy Director General for Operations",
            grade="ASG",
            senior=True,
            reports_to="dg",
        ),
        unit("doe", "Department of Operations and Emergencies", "department", "dg"),
        unit("prd", "Preparedness and Response Division", "division", "doe"),
        unit("dtm", "Displacement Tracking Matrix", "unit", "prd", head="head-dtm"),
        unit("gmdac", "Global Migration Data Analysis Centre", "centre", "dg"),
        unit(
            "dicp", "Department of International Cooperation and Partnerships", "department", "dg"
        ),
        CreatePost(date=EARLY, post="head-dtm", title="Head, DTM", grade="P-5", unit="dtm"),
        CreatePost(date=EARLY, post="analyst", title="Data Analyst", grade="P-3", unit="gmdac"),
    ]:
        change.apply(s)
    return s


def refused(change, s: Structure) -> str:
    """Apply a change expected to fail; check nothing moved; return its problems."""
    before = s.copy()
    with pytest.raises(ChangeError) as info:
        change.apply(s)
    assert s == before, "a refused change must leave the structure untouched"
    assert info.value.change_id == (change.id or change.op)
    return "; ".join(info.value.problems)


# ------------------------------------------------------------------ create


def test_create_unit_places_it_under_its_parent():
    s = base()
    unit("pd", "Protection Division", "division", "doe").apply(s)
    assert s.units["pd"].name == "Protection Division"
    assert s.parent("pd") == "doe" and "pd" in s.children("doe")


def test_create_unit_at_the_top_has_no_parent():
    s = base()
    unit("iom", "IOM", "organization").apply(s)
    assert s.parent("iom") is None and "iom" in s.roots()


def test_create_unit_refuses_an_id_in_use_and_blank_name_or_kind():
    s = base()
    assert "(doe) already exists" in refused(unit("doe", "X", "department"), s)
    problems = refused(unit("x", " ", ""), s)
    assert "needs a name" in problems and "needs a kind" in problems


def test_create_unit_refuses_a_parent_missing_or_abolished():
    s = base()
    assert "'nowhere' does not exist" in refused(unit("x", "X", "unit", "nowhere"), s)
    Abolish(date=DATE, unit="dicp").apply(s)
    assert "(dicp) was abolished before this date" in refused(unit("x", "X", "unit", "dicp"), s)


# ------------------------------------------------------------------ unit edits


def test_rename_keeps_the_identity():
    s = base()
    Rename(
        date=DATE, unit="dicp", name="Department of External Relations", abbreviation="DER"
    ).apply(s)
    assert s.units["dicp"].name == "Department of External Relations"
    assert s.units["dicp"].abbreviation == "DER" and s.units["dicp"].kind == "department"
    assert s.parent("dicp") == "dg"


def test_rename_of_an_abolished_unit_says_it_was_abolished_before_this_date():
    s = base()
    Abolish(date=DATE, unit="dicp").apply(s)
    problems = refused(Rename(date=DATE, unit="dicp", name="Department of External Relations"), s)
    assert problems == (
        "unit Department of International Cooperation and Partnerships (dicp) "
        "was abolished before this date"
    )


def test_rename_of_an_unknown_unit_and_to_the_same_name_are_refused():
    s = base()
    assert "'ghost' does not exist at this date" in refused(
        Rename(date=DATE, unit="ghost", name="X"), s
    )
    assert "already named" in refused(
        Rename(date=DATE, unit="doe", name="Department of Operations and Emergencies"), s
    )
    assert "needs a new name" in refused(Rename(date=DATE, unit="doe", name="  "), s)


def test_reclassify_upgrades_a_division_to_a_department_with_a_new_name():
    s = base()
    Reclassify(date=DATE, unit="prd", kind="department", name="Department of Preparedness").apply(s)
    assert (s.units["prd"].kind, s.units["prd"].name) == (
        "department",
        "Department of Preparedness",
    )


def test_reclassify_to_the_same_kind_is_refused():
    s = base()
    assert "already a division" in refused(Reclassify(date=DATE, unit="prd", kind="division"), s)
    assert "needs a kind" in refused(Reclassify(date=DATE, unit="prd", kind=""), s)


def test_redescribe_restates_the_mandate_or_functions():
    s = base()
    Redescribe(date=DATE, unit="gmdac", functions=("data", "analysis")).apply(s)
    Redescribe(date=DATE, unit="gmdac", mandate="Migration data.").apply(s)
    assert s.units["gmdac"].mandate == "Migration data."
    assert s.units["gmdac"].functions == ("data", "analysis")
    assert "needs a mandate or functions" in refused(Redescribe(date=DATE, unit="gmdac"), s)


def test_relocate_moves_the_unit_and_refuses_the_same_place():
    s = base()
    Relocate(date=DATE, unit="gmdac", location="Berlin").apply(s)
    assert s.units["gmdac"].location == "Berlin"
    assert "already in 'Berlin'" in refused(Relocate(date=DATE, unit="gmdac", location="Berlin"), s)


def test_set_head_points_at_a_post_and_refuses_an_unknown_one():
    s = base()
    SetHead(date=DATE, unit="gmdac", head="analyst").apply(s)
    assert s.units["gmdac"].head == "analyst"
    assert "head post 'nobody' does not exist" in refused(
        SetHead(date=DATE, unit="gmdac", head="nobody"), s
    )
    assert "already headed by Data Analyst (analyst)" in refused(
        SetHead(date=DATE, unit="gmdac", head="analyst"), s
    )
    SetHead(date=DATE, unit="gmdac", head=None).apply(s)
    assert s.units["gmdac"].head is None


# ------------------------------------------------------------------ move, abolish


def test_move_changes_the_line_of_oversight():
    s = base()
    Move(date=DATE, node="doe", to="ddg-ops").apply(s)
    assert s.parent("doe") == "ddg-ops" and s.ancestors("dtm") == ["prd", "doe", "ddg-ops", "dg"]
    Move(date=DATE, node="doe", to=None).apply(s)
    assert "doe" in s.roots()


def test_move_that_would_make_a_cycle_is_refused():
    s = base()
    problems = refused(Move(date=DATE, node="doe", to="dtm"), s)
    assert "(dtm) is under Department of Operations and Emergencies (doe)" in problems
    assert "would make a cycle" in problems
    assert "cannot oversee itself" in refused(Move(date=DATE, node="doe", to="doe"), s)


def test_move_refuses_missing_nodes_targets_and_no_op():
    s = base()
    assert "'ghost' does not exist" in refused(Move(date=DATE, node="ghost", to="dg"), s)
    assert "oversight target 'nowhere' does not exist" in refused(
        Move(date=DATE, node="doe", to="nowhere"), s
    )
    assert "already under Director General (dg)" in refused(Move(date=DATE, node="doe", to="dg"), s)


def test_abolish_retires_the_unit_and_keeps_its_last_version():
    s = base()
    AddLine(date=DATE, source="dicp", kind=LineKind.FUNCTIONAL, target="doe").apply(s)
    Abolish(date=DATE, unit="dicp").apply(s)
    assert "dicp" not in s.units and s.retired_units["dicp"].kind == "department"
    assert s.label("dicp") == "Department of International Cooperation and Partnerships"
    assert not s.lines and s.parent("dicp") is None


def test_abolish_a_unit_that_still_oversees_others_names_them():
    s = base()
    problems = refused(Abolish(date=DATE, unit="doe"), s)
    assert problems == (
        "Department of Operations and Emergencies (doe) still oversees "
        "Preparedness and Response Division (prd): move them first"
    )


def test_abolish_twice_is_refused():
    s = base()
    Abolish(date=DATE, unit="dicp").apply(s)
    assert "was abolished before this date" in refused(Abolish(date=DATE, unit="dicp"), s)


# ------------------------------------------------------------------ lineage


def test_merge_into_a_new_unit_hands_over_children_and_posts_and_records_lineage():
    s = base()
    unit("team", "Flow Monitoring Team", "team", "dtm").apply(s)
    gdi = UnitSpec(id="gdi", name="Global Data Institute", kind="institute")
    Merge(id="m1", date=DATE, units=("dtm", "gmdac"), into="gdi", new=gdi, parent="ddg-ops").apply(
        s
    )
    assert "dtm" not in s.units and "gmdac" not in s.units
    assert s.parent("gdi") == "ddg-ops" and s.parent("team") == "gdi"
    assert s.posts["analyst"].unit == "gdi" and s.posts["head-dtm"].unit == "gdi"
    assert s.units["gdi"].head == "head-dtm", "a successor without a head inherits one"
    assert [(ln.predecessor, ln.successor, ln.kind, ln.change) for ln in s.lineage] == [
        ("dtm", "gdi", "merge", "m1"),
        ("gmdac", "gdi", "merge", "m1"),
    ]


def test_merge_into_an_existing_unit():
    s = base()
    Merge(date=DATE, units=("dtm", "gmdac"), into="gmdac").apply(s)
    assert "dtm" not in s.units and s.parent("gmdac") == "dg"
    assert s.posts["head-dtm"].unit == "gmdac"
    assert [(ln.predecessor, ln.successor) for ln in s.lineage] == [("dtm", "gmdac")]


def test_merge_preconditions():
    s = base()
    assert "at least two units" in refused(Merge(date=DATE, units=("dtm",), into="dtm"), s)
    assert "'gdi' does not exist at this date: give the new unit's name and kind" in refused(
        Merge(date=DATE, units=("dtm", "gmdac"), into="gdi"), s
    )
    spec = UnitSpec(id="other", name="Global Data Institute", kind="institute")
    assert "must be 'gdi'" in refused(
        Merge(date=DATE, units=("dtm", "gmdac"), into="gdi", new=spec), s
    )
    spec = UnitSpec(id="gdi", name="Global Data Institute", kind="institute")
    assert "cannot report to 'gmdac', merged away" in refused(
        Merge(date=DATE, units=("dtm", "gmdac"), into="gdi", new=spec, parent="gmdac"), s
    )
    Abolish(date=DATE, unit="dicp").apply(s)
    assert "unit Department of International Cooperation and Partnerships (dicp) was" in refused(
        Merge(date=DATE, units=("dicp", "gmdac"), into="gmdac"), s
    )


def test_split_that_ends_the_unit_requires_saying_where_its_children_go():
    s = base()
    specs = (
        UnitSpec(id="erd", name="Emergency Response Division", kind="division"),
        UnitSpec(id="ppd", name="Preparedness Division", kind="division"),
    )
    problems = refused(Split(date=DATE, unit="prd", into=specs), s)
    assert problems == (
        "Displacement Tracking Matrix (dtm) reports to Preparedness and Response Division (prd), "
        "which ends: say where it goes"
    )


def test_split_moves_children_and_posts_and_records_lineage():
    s = base()
    CreatePost(date=DATE, post="dir-prd", title="Director, PRD", grade="D-1", unit="prd").apply(s)
    specs = (
        UnitSpec(id="erd", name="Emergency Response Division", kind="division"),
        UnitSpec(id="ppd", name="Preparedness Division", kind="division"),
    )
    Split(id="s1", date=DATE, unit="prd", into=specs, moves={"dtm": "ppd"}).apply(s)
    assert "prd" not in s.units and s.parent("erd") == "doe" and s.parent("ppd") == "doe"
    assert s.parent("dtm") == "ppd"
    assert s.posts["dir-prd"].unit == "erd", "posts left in the ended unit go to the first new one"
    assert [(ln.predecessor, ln.successor, ln.kind) for ln in s.lineage] == [
        ("prd", "erd", "split"),
        ("prd", "ppd", "split"),
    ]


def test_split_that_keeps_the_unit_needs_no_moves():
    s = base()
    spec = UnitSpec(id="fmu", name="Flow Monitoring Unit", kind="unit")
    Split(date=DATE, unit="prd", into=(spec,), keep=True, parents={"fmu": "ddg-ops"}).apply(s)
    assert "prd" in s.units and s.parent("dtm") == "prd" and s.parent("fmu") == "ddg-ops"


def test_split_preconditions():
    s = base()
    assert "at least one new unit" in refused(Split(date=DATE, unit="prd", into=(), keep=True), s)
    spec = UnitSpec(id="fmu", name="Flow Monitoring Unit", kind="unit")
    assert "(dtm) is moved to 'nowhere', which does not exist" in refused(
        Split(date=DATE, unit="prd", into=(spec,), moves={"dtm": "nowhere"}), s
    )
    assert "'ghost' does not exist" in refused(Split(date=DATE, unit="ghost", into=(spec,)), s)


def test_replace_by_a_new_unit_takes_the_old_units_place():
    s = base()
    spec = UnitSpec(id="eo", name="Executive Office", kind="office")
    Replace(id="r1", date=DATE, unit="doe", by="eo", new=spec).apply(s)
    assert "doe" not in s.units and s.parent("eo") == "dg" and s.parent("prd") == "eo"
    assert [(ln.predecessor, ln.successor, ln.kind) for ln in s.lineage] == [
        ("doe", "eo", "replace")
    ]


def test_replace_by_an_existing_unit():
    s = base()
    Replace(date=DATE, unit="prd", by="gmdac").apply(s)
    assert "prd" not in s.units and s.parent("dtm") == "gmdac"


def test_replace_preconditions():
    s = base()
    assert "cannot replace itself" in refused(Replace(date=DATE, unit="prd", by="prd"), s)
    assert "'eo' does not exist at this date: give the new unit's name and kind" in refused(
        Replace(date=DATE, unit="prd", by="eo"), s
    )
    spec = UnitSpec(id="eo", name="Executive Office", kind="office")
    assert "oversight target 'nowhere' does not exist" in refused(
        Replace(date=DATE, unit="prd", by="eo", new=spec, parent="nowhere"), s
    )


# ------------------------------------------------------------------ lines


def test_add_and_remove_a_typed_line():
    s = base()
    AddLine(date=DATE, source="gmdac", kind=LineKind.DIRECT_SUPERVISION, target="ddg-ops").apply(s)
    line = Line("gmdac", LineKind.DIRECT_SUPERVISION, "ddg-ops")
    assert s.lines == {line} and s.lines_of("gmdac") == [line]
    assert s.parent("gmdac") == "dg", "a typed line leaves the line of oversight alone"
    RemoveLine(date=DATE, source="gmdac", kind="direct-supervision", target="ddg-ops").apply(s)
    assert not s.lines


def test_lines_refuse_the_oversight_kind():
    s = base()
    for cls in (AddLine, RemoveLine):
        problems = refused(cls(date=DATE, source="gmdac", kind="oversight", target="ddg-ops"), s)
        assert "changed with 'move'" in problems


def test_line_preconditions():
    s = base()
    assert "unknown line kind 'dotted'" in refused(
        AddLine(date=DATE, source="gmdac", kind="dotted", target="dg"), s
    )
    problems = refused(AddLine(date=DATE, source="ghost", kind="functional", target="gmdac"), s)
    assert "line source 'ghost' does not exist" in problems
    assert "two different ends" in refused(
        AddLine(date=DATE, source="gmdac", kind="functional", target="gmdac"), s
    )
    assert "has no functional line" in refused(
        RemoveLine(date=DATE, source="gmdac", kind="functional", target="doe"), s
    )
    AddLine(date=DATE, source="gmdac", kind="functional", target="doe").apply(s)
    assert "already has this functional line" in refused(
        AddLine(date=DATE, source="gmdac", kind="functional", target="doe"), s
    )


# ------------------------------------------------------------------ posts


def test_create_post_in_a_unit_and_a_senior_post_as_a_node():
    s = base()
    CreatePost(
        date=DATE, post="dir-gmdac", title="Director, GMDAC", grade="D-1", unit="gmdac"
    ).apply(s)
    assert s.posts["dir-gmdac"].unit == "gmdac" and not s.is_node("dir-gmdac")
    CreatePost(
        date=DATE,
        post="ddg-mr",
        title="DDG for Management and Reform",
        senior=True,
        reports_to="dg",
    ).apply(s)
    assert s.is_node("ddg-mr") and "ddg-mr" in s.children("dg")


def test_create_post_preconditions():
    s = base()
    Abolish(date=DATE, unit="dicp").apply(s)
    problems = refused(CreatePost(date=DATE, post="analyst", title=" ", unit="dicp"), s)
    assert "Data Analyst (analyst) already exists" in problems
    assert "needs a title" in problems
    assert "unit of the post Department of International Cooperation and Partnerships" in problems


def test_abolish_post_refuses_a_held_post_and_one_with_reports():
    s = base()
    Assign(date=DATE, post="analyst", person="amy").apply(s)
    assert refused(AbolishPost(date=DATE, post="analyst"), s) == (
        "post Data Analyst (analyst) is held by amy: vacate it first"
    )
    assert "(dicp) still report to Director General (dg)" in refused(
        AbolishPost(date=DATE, post="dg"), s
    )


def test_abolish_post_retires_it():
    s = base()
    AbolishPost(date=DATE, post="analyst").apply(s)
    assert "analyst" not in s.posts and s.retired_posts["analyst"].grade == "P-3"
    assert "was abolished before this date" in refused(AbolishPost(date=DATE, post="analyst"), s)


def test_regrade_post():
    s = base()
    RegradePost(date=DATE, post="analyst", grade="P-4", title="Senior Data Analyst").apply(s)
    assert (s.posts["analyst"].grade, s.posts["analyst"].title) == ("P-4", "Senior Data Analyst")
    assert "already P-4" in refused(RegradePost(date=DATE, post="analyst", grade="P-4"), s)
    assert "'ghost' does not exist" in refused(RegradePost(date=DATE, post="ghost", grade="P-4"), s)


def test_create_post_with_status_funding_and_fte():
    s = base()
    CreatePost(
        date=DATE, post="p1", title="Officer", status="proposed", funding="projects", fte=0.5
    ).apply(s)
    assert (s.posts["p1"].status, s.posts["p1"].funding, s.posts["p1"].fte) == (
        PostStatus.PROPOSED, Funding.PROJECTS, 0.5,
    )
    assert s.posts["analyst"].status is PostStatus.ESTABLISHED
    assert s.posts["analyst"].funding is Funding.UNKNOWN and s.posts["analyst"].fte == 1.0
    assert "fte must be a number, 0 or more" in refused(
        CreatePost(date=DATE, post="p2", title="Officer", fte=-1), s
    )
    assert "unknown post status 'vacant'" in refused(
        CreatePost(date=DATE, post="p2", title="Officer", status="vacant"), s
    )
    # None is "not given" to an amendment, not a value a new post can be built with.
    for name in ("status", "funding", "fte"):
        assert f"needs a {name}" in refused(
            CreatePost(date=DATE, post="p2", title="Officer", **{name: None}), s
        )
    assert "p2" not in s.posts


def test_amend_post_changes_only_what_it_names():
    s = base()
    before = s.posts["analyst"]
    AmendPost(date=DATE, post="analyst", title="Data Officer", status="frozen", fte=0.5).apply(s)
    after = s.posts["analyst"]
    assert (after.title, after.status, after.fte) == ("Data Officer", PostStatus.FROZEN, 0.5)
    assert (after.grade, after.unit, after.duty_station, after.funding) == (
        before.grade, before.unit, before.duty_station, before.funding,
    )
    AmendPost(date=DATE, post="analyst", funding="core", duty_station="Geneva").apply(s)
    assert s.posts["analyst"].funding is Funding.CORE
    assert s.posts["analyst"].duty_station == "Geneva"


def test_amend_post_preconditions():
    s = base()
    assert "needs at least one of" in refused(AmendPost(date=DATE, post="analyst"), s)
    assert "already has these values" in refused(
        AmendPost(date=DATE, post="analyst", status="established"), s
    )
    assert "needs a title" in refused(AmendPost(date=DATE, post="analyst", title=" "), s)
    assert "unknown funding 'donors'" in refused(
        AmendPost(date=DATE, post="analyst", funding="donors"), s
    )
    assert "'ghost' does not exist" in refused(AmendPost(date=DATE, post="ghost", fte=0.5), s)


def test_abolished_post_keeps_its_last_version_marked_abolished():
    s = base()
    AbolishPost(date=DATE, post="analyst").apply(s)
    assert s.retired_posts["analyst"].status is PostStatus.ABOLISHED


def test_move_post_to_another_unit_or_line():
    s = base()
    MovePost(date=DATE, post="analyst", unit="dtm").apply(s)
    assert s.posts["analyst"].unit == "dtm"
    MovePost(date=DATE, post="analyst", reports_to="head-dtm").apply(s)
    assert s.parent("analyst") == "head-dtm" and s.posts["analyst"].unit == "dtm"


def test_move_post_preconditions():
    s = base()
    assert "needs a unit or a reports_to" in refused(MovePost(date=DATE, post="analyst"), s)
    assert "already there" in refused(MovePost(date=DATE, post="analyst", unit="gmdac"), s)
    Abolish(date=DATE, unit="dicp").apply(s)
    assert "new unit Department of International Cooperation and Partnerships (dicp)" in refused(
        MovePost(date=DATE, post="analyst", unit="dicp"), s
    )


def test_assign_and_vacate():
    s = base()
    Assign(date=DATE, post="ddg-ops", person="ugo", kind=AssignmentKind.AD_INTERIM).apply(s)
    (a,) = s.holders["ddg-ops"]
    assert (a.person, a.kind, a.since) == ("ugo", AssignmentKind.AD_INTERIM, DATE)
    Vacate(date=DATE, post="ddg-ops", person="ugo").apply(s)
    assert "ddg-ops" not in s.holders


def test_assign_an_unknown_person_is_refused():
    s = base()
    problems = refused(Assign(date=DATE, post="analyst", person="nobody"), s)
    assert problems == "person 'nobody' is not in the record"


def test_assign_preconditions():
    s = base()
    assert "unknown assignment kind 'temporary'" in refused(
        Assign(date=DATE, post="analyst", person="amy", kind="temporary"), s
    )
    Assign(date=DATE, post="analyst", person="amy").apply(s)
    assert "'amy' already holds Data Analyst (analyst)" in refused(
        Assign(date=DATE, post="analyst", person="amy"), s
    )


def test_vacate_by_someone_who_does_not_hold_the_post_is_refused():
    s = base()
    assert "'amy' does not hold Data Analyst (analyst) at this date" in refused(
        Vacate(date=DATE, post="analyst", person="amy"), s
    )


# ------------------------------------------------------------------ the vocabulary


def test_registry_knows_every_op_once():
    assert set(REGISTRY) == {
        "create", "rename", "reclassify", "redescribe", "relocate", "set-head", "move",
        "abolish", "merge", "split", "replace", "add-line", "remove-line", "create-post",
        "abolish-post", "regrade-post", "amend-post", "move-post", "assign", "vacate",
    }  # fmt: skip
    assert all(cls.op == op and cls.label for op, cls in REGISTRY.items())


def test_params_subjects_and_where():
    change = Rename(id="c1", date=DATE, unit="dicp", name="Department of External Relations")
    assert change.params() == {
        "unit": "dicp",
        "name": "Department of External Relations",
        "abbreviation": None,
    }
    assert change.subjects() == {"dicp"}
    assert change.where() == "c1"
    change = replace(change, origin=("data/changes.yaml", 12))
    assert change.where() == "data/changes.yaml:12"
