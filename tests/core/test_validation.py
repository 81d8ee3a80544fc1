"""Validation rules: each fires on a structure that breaks it and stays quiet on a valid one."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from organogram.core.changes import (
    Abolish,
    AddLine,
    Assign,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Rename,
    UnitSpec,
)
from organogram.core.dates import FuzzyDate
from organogram.core.errors import NotFound
from organogram.core.model import (
    UNNAMED,
    Assignment,
    AssignmentKind,
    Line,
    LineKind,
    Person,
    Post,
    PostStatus,
    Unit,
)
from organogram.core.structure import Structure
from organogram.core.timeline import Timeline
from organogram.core.validation import (
    RULES,
    Finding,
    RuleConfig,
    Scope,
    Severity,
    get_rule,
    validate_structure,
    validate_timeline,
)

DOCS = Path(__file__).resolve().parents[2] / "docs" / "validation.md"
PEOPLE = {"amy": Person("amy", "Amy Pope"), "ugo": Person("ugo", "Ugochi Daniels")}


def U(uid: str, name: str | None = None, kind: str = "unit", **more) -> Unit:
    return Unit(id=uid, name=name if name is not None else f"Unit {uid}", kind=kind, **more)


def P(pid: str, title: str | None = None, **more) -> Post:
    return Post(id=pid, title=title if title is not None else f"Post {pid}", **more)


def build(units=(), posts=(), oversight=None, lines=(), holders=None, **more) -> Structure:
    """A structure built directly, so states the changes would refuse can be made."""
    return Structure(
        units={u.id: u for u in units},
        posts={p.id: p for p in posts},
        oversight=dict(oversight or {}),
        lines=set(lines),
        holders=dict(holders or {}),
        people=dict(PEOPLE),
        **more,
    )


def valid() -> Structure:
    """A small structure that breaks no rule."""
    return build(
        units=[
            U("doe", "Department of Operations", "department", abbreviation="DOE", head="dir"),
            U("prd", "Preparedness Division", "division", abbreviation="PRD"),
            U("dtm", "Displacement Tracking Matrix", "unit"),
        ],
        posts=[
            P("dg", "Director General", senior=True),
            P("ddg", "Deputy Director General for Operations", senior=True),
            P("dir", "Director, DOE", grade="D-2", unit="doe"),
            P("officer", "Officer", grade="P-3", unit="dtm"),
        ],
        oversight={"ddg": "dg", "doe": "ddg", "prd": "doe", "dtm": "prd", "officer": "dir"},
        lines=[Line("dtm", LineKind.DIRECT_SUPERVISION, "ddg")],
        holders={
            "dir": (Assignment("dir", "amy"),),
            "officer": (
                Assignment("officer", "ugo"),
                Assignment("officer", "amy", AssignmentKind.ACTING),
            ),
        },
    )


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# ------------------------------------------------------------------ one example per rule


def _cycle() -> Structure:
    return build(
        units=[U("a"), U("b"), U("c"), U("d")],
        oversight={"a": "b", "b": "c", "c": "a", "d": "a"},
    )


def _orphan() -> Structure:
    return build(
        units=[U("a"), U("b")],
        oversight={"b": "gone"},
        retired_units={"gone": U("gone", "Old Division")},
    )


def _unplaced() -> Structure:
    s = valid()
    s.units["loose"] = U("loose", "Loose Unit")
    return s


def _placement_unknown() -> Structure:
    # Neither at the top nor under anything: no source says where it was placed, which is
    # a gap to fill, not the mistake "unplaced" reports.
    s = valid()
    s.units["lost"] = U("lost", "Lost Unit")
    s.set_oversight("lost", "unknown")
    return s


def _non_senior_overseer() -> Structure:
    s = valid()
    s.oversight["prd"] = "officer"
    return s


def _two_senior_posts() -> Structure:
    s = valid()
    s.posts["ddg-mr"] = P("ddg-mr", "Deputy Director General for Management", senior=True)
    s.oversight["ddg-mr"] = "dg"
    s.lines.add(Line("prd", LineKind.DIRECT_SUPERVISION, "ddg-mr"))
    return s


def _post_in_abolished_unit() -> Structure:
    s = valid()
    s.retired_units["old"] = U("old", "Old Division")
    s.posts["officer"] = s.posts["officer"].but(unit="old")
    return s


def _dangling_line() -> Structure:
    s = valid()
    s.lines.add(Line("prd", LineKind.FUNCTIONAL, "nowhere"))
    return s


def _head_not_in_unit() -> Structure:
    s = valid()
    s.units["prd"] = s.units["prd"].but(head="officer")  # a post in DTM
    return s


def _holder_unknown() -> Structure:
    s = valid()
    s.holders["dg"] = (Assignment("dg", "stranger"),)
    return s


def _multiple_holders() -> Structure:
    s = valid()
    s.holders["dg"] = (Assignment("dg", "amy"), Assignment("dg", "ugo"))
    return s


def _held_post_not_established() -> Structure:
    s = valid()
    s.posts["dg"] = s.posts["dg"].but(status=PostStatus.FROZEN)
    s.holders["dg"] = (Assignment("dg", "amy"),)
    return s


def _empty_unit_kind() -> Structure:
    s = valid()
    s.units["dtm"] = s.units["dtm"].but(kind=" ")
    return s


def _unnamed() -> Structure:
    s = valid()
    s.units["dtm"] = s.units["dtm"].but(name="")
    return s


def _duplicate_name() -> Structure:
    s = valid()
    s.units["dtm"] = s.units["dtm"].but(name="preparedness  division")
    return s


def _duplicate_abbreviation() -> Structure:
    s = valid()
    s.units["dtm"] = s.units["dtm"].but(abbreviation="DOE")
    return s


def _span() -> Structure:
    s = valid()
    for i in range(13):
        s.units[f"u{i}"] = U(f"u{i}")
        s.oversight[f"u{i}"] = "prd"
    return s


def _chain(levels: int) -> Structure:
    """A top post and a chain of units below it, ``levels`` levels in all."""
    s = build(posts=[P("dg", "Director General", senior=True)])
    parent = "dg"
    for i in range(2, levels + 1):
        s.units[f"l{i}"] = U(f"l{i}")
        s.oversight[f"l{i}"] = parent
        parent = f"l{i}"
    return s


FIRES = {
    "cycle": _cycle,
    "orphan": _orphan,
    "unplaced": _unplaced,
    "placement-unknown": _placement_unknown,
    "non-senior-overseer": _non_senior_overseer,
    "two-senior-posts": _two_senior_posts,
    "post-in-abolished-unit": _post_in_abolished_unit,
    "dangling-line": _dangling_line,
    "head-not-in-unit": _head_not_in_unit,
    "holder-unknown": _holder_unknown,
    "multiple-holders": _multiple_holders,
    "held-post-not-established": _held_post_not_established,
    "empty-unit-kind": _empty_unit_kind,
    "unnamed": _unnamed,
    "duplicate-name": _duplicate_name,
    "duplicate-abbreviation": _duplicate_abbreviation,
    "span": _span,
    "depth": lambda: _chain(9),
}


def test_every_structure_rule_has_an_example_that_fires():
    structure_rules = {r.code for r in RULES if r.scope is Scope.STRUCTURE}
    assert structure_rules == set(FIRES)


@pytest.mark.parametrize("code", sorted(FIRES))
def test_rule_fires_on_its_example_and_only_it(code):
    findings = validate_structure(FIRES[code]())
    assert codes(findings) == [code], [str(f) for f in findings]
    (finding,) = findings
    assert finding.severity is get_rule(code).severity
    assert finding.subject is not None and finding.message
    assert (finding.change_id, finding.where, finding.date) == (None, None, None)


def test_no_rule_fires_on_a_valid_structure():
    assert validate_structure(valid()) == []


def test_no_rule_fires_on_an_empty_structure():
    assert validate_structure(Structure()) == []


# ------------------------------------------------------------------ rule details


def test_cycle_is_reported_once_with_its_loop_and_not_for_nodes_hanging_below_it():
    (f,) = validate_structure(_cycle())
    assert f.subject == "a"
    assert "Unit a (a) → Unit b (b) → Unit c (c) → Unit a (a)" in f.message


def test_a_node_overseeing_itself_is_a_cycle():
    (f,) = validate_structure(build(units=[U("a")], oversight={"a": "a"}))
    assert f.code == "cycle"


def test_orphan_says_whether_the_target_was_abolished_or_never_existed():
    (f,) = validate_structure(_orphan())
    assert f.subject == "b" and "Old Division (gone), which was abolished" in f.message
    s = build(units=[U("a")], posts=[P("p", unit="a")], oversight={"p": "nobody"})
    (f,) = validate_structure(s)
    assert (f.code, f.subject) == ("orphan", "p") and "'nobody', which does not exist" in f.message


def test_unplaced_does_not_fire_without_a_top_post():
    s = build(units=[U("a"), U("b"), U("c")], oversight={"c": "a"})
    assert validate_structure(s) == []


def test_unplaced_names_the_top_post():
    (f,) = validate_structure(_unplaced())
    assert f.subject == "loose" and "Director General (dg) is the top" in f.message


def test_two_senior_posts_reads_a_line_written_from_the_senior_post_too():
    s = _two_senior_posts()
    s.lines = {Line("ddg-mr", LineKind.DIRECT_SUPERVISION, "prd")}
    (f,) = validate_structure(s)
    assert f.code == "two-senior-posts" and f.subject == "prd"
    assert "overseen through its chain by Deputy Director General for Operations" in f.message


def test_two_senior_posts_without_a_senior_post_in_the_chain():
    s = build(
        units=[U("a")],
        posts=[P("x", senior=True), P("y", senior=True)],
        lines=[
            Line("a", LineKind.DIRECT_SUPERVISION, "x"),
            Line("a", LineKind.DIRECT_SUPERVISION, "y"),
        ],
    )
    assert "two-senior-posts" in codes(validate_structure(s))


def test_direct_supervision_by_a_senior_post_in_the_chain_is_fine():
    s = valid()
    s.lines.add(Line("prd", LineKind.DIRECT_SUPERVISION, "dg"))  # dg is above ddg
    assert validate_structure(s) == []


def test_post_in_abolished_unit_and_in_an_unknown_unit():
    (f,) = validate_structure(_post_in_abolished_unit())
    assert f.subject == "officer" and "Old Division (old), which was abolished" in f.message
    s = valid()
    s.posts["officer"] = s.posts["officer"].but(unit="ghost")
    (f,) = validate_structure(s)
    assert "'ghost', which does not exist" in f.message


def test_dangling_line_also_reports_a_line_of_oversight_of_a_node_not_in_force():
    s = valid()
    s.oversight["ghost"] = "prd"
    (f,) = validate_structure(s)
    assert (f.code, f.subject) == ("dangling-line", "ghost")


def test_head_not_in_unit_when_the_head_post_does_not_exist():
    s = valid()
    s.units["prd"] = s.units["prd"].but(head="ghost")
    (f,) = validate_structure(s)
    assert f.code == "head-not-in-unit" and "'ghost', which does not exist" in f.message


def test_multiple_holders_ignores_cover_by_an_acting_holder():
    s = valid()
    s.holders["dg"] = (Assignment("dg", "amy"), Assignment("dg", "ugo", AssignmentKind.AD_INTERIM))
    assert validate_structure(s) == []


def test_span_threshold_is_configurable():
    s = _span()  # PRD oversees DTM and 13 more: 14 direct reports
    assert codes(validate_structure(s, RuleConfig(max_span=14))) == []
    (f,) = validate_structure(s, RuleConfig(max_span=13))
    assert "14 direct reports, more than 13" in f.message


def test_depth_reports_only_the_first_level_too_deep():
    s = _chain(11)
    findings = validate_structure(s)
    assert [f.subject for f in findings] == ["l9"]
    assert "at level 9 under Director General (dg), deeper than 8 levels" in findings[0].message
    assert validate_structure(_chain(8)) == []
    assert validate_structure(s, RuleConfig(max_depth=11)) == []


def test_a_holder_the_sources_do_not_name_is_not_an_unknown_person():
    s = valid()
    s.holders["dg"] = (Assignment("dg", UNNAMED),)
    assert "holder-unknown" not in codes(validate_structure(s))


def test_findings_come_errors_first():
    s = _span()
    s.holders["dg"] = (Assignment("dg", "stranger"),)
    assert codes(validate_structure(s)) == ["holder-unknown", "span"]


# ------------------------------------------------------------------ configuration


def test_disabled_rules_do_not_run():
    s = _span()
    assert validate_structure(s, RuleConfig(disabled=frozenset({"span"}))) == []
    assert validate_structure(s, RuleConfig().without("span")) == []


def test_severity_can_be_overridden():
    (f,) = validate_structure(_span(), RuleConfig(severities={"span": "error"}))
    assert f.severity is Severity.ERROR


def test_configs_compare_and_hash_by_their_settings():
    one = RuleConfig(max_span=5, severities={"span": "error"})
    other = RuleConfig(max_span=5, severities={"span": Severity.ERROR})
    assert one == other and hash(one) == hash(other)
    assert one != RuleConfig(max_span=5)


def test_config_rejects_unknown_codes_and_bad_thresholds():
    with pytest.raises(ValueError, match="unknown rule code"):
        RuleConfig(disabled=frozenset({"spam"}))
    with pytest.raises(ValueError, match="unknown rule code"):
        RuleConfig(severities={"spam": Severity.INFO})
    with pytest.raises(ValueError, match="max_span must be a whole number"):
        RuleConfig(max_span=0)
    with pytest.raises(ValueError, match="max_depth must be a whole number"):
        RuleConfig(max_depth="8")  # type: ignore[arg-type]


def test_config_from_mapping():
    config = RuleConfig.from_mapping(
        {"max_span": 20, "disable": ["duplicate-name"], "severity": {"depth": "info"}}
    )
    assert config.max_span == 20 and config.max_depth == 8
    assert not config.enabled("duplicate-name") and config.enabled("span")
    assert config.severity("depth", Severity.WARNING) is Severity.INFO
    with pytest.raises(ValueError, match="unknown validation setting"):
        RuleConfig.from_mapping({"span": 3})
    with pytest.raises(ValueError, match="list of rule codes"):
        RuleConfig.from_mapping({"disable": "span"})
    with pytest.raises(ValueError, match="use error, warning or info"):
        RuleConfig.from_mapping({"severity": {"span": "fatal"}})


def test_get_rule():
    assert get_rule("cycle").severity is Severity.ERROR
    with pytest.raises(NotFound, match="no validation rule 'spam'"):
        get_rule("spam")


# ------------------------------------------------------------------ timelines

Y = FuzzyDate.parse


def create(uid: str, parent: str | None, date: str, **more) -> CreateUnit:
    spec = UnitSpec(id=uid, name=f"Unit {uid}", kind="unit")
    return CreateUnit(id=f"create-{uid}", date=Y(date), unit=spec, parent=parent, **more)


def top(date: str = "2000") -> CreatePost:
    return CreatePost(
        id="create-dg", date=Y(date), post="dg", title="Director General", senior=True
    )


def from_file(change, line: int):
    return replace(change, origin=("data/changes.yaml", line))


def test_a_valid_timeline_has_no_findings():
    timeline = Timeline(
        [
            top(),
            create("a", "dg", "2001"),
            create("b", "a", "2002"),
            Move(id="m", date=Y("2003"), node="b", to="dg"),
            Abolish(id="x", date=Y("2004"), unit="a"),
        ],
        PEOPLE,
    )
    assert validate_timeline(timeline) == []


def test_a_change_on_a_unit_that_does_not_exist_at_its_date():
    rename = from_file(Rename(id="r1", date=Y("2019"), unit="a", name="Renamed"), 14)
    timeline = Timeline([top(), rename, create("a", "dg", "2020")], PEOPLE)
    (f,) = validate_timeline(timeline)
    assert (f.code, f.severity, f.subject) == ("change-precondition", Severity.ERROR, "a")
    assert (f.change_id, f.where, f.date) == ("r1", "data/changes.yaml:14", Y("2019"))
    assert "rename 'r1' (2019) cannot apply: unit 'a' does not exist at this date" in f.message


def test_a_change_on_an_abolished_unit():
    timeline = Timeline(
        [
            top(),
            create("a", "dg", "2001"),
            Abolish(id="x", date=Y("2005"), unit="a"),
            create("b", "a", "2006-03"),
        ],
        PEOPLE,
    )
    (f,) = validate_timeline(timeline)
    assert f.change_id == "create-b" and f.where is None
    assert "oversight target Unit a (a) was abolished before this date" in f.message


def test_two_lines_of_oversight_on_the_same_day():
    first = from_file(Move(id="m1", date=Y("2021-Q4"), node="b", to="dg"), 3)
    second = from_file(Move(id="m2", date=Y("2021-10-01"), node="b", to="a"), 9)
    timeline = Timeline([top(), create("a", "dg", "2001"), create("b", "a", "2001"), first, second])
    (f,) = validate_timeline(timeline)
    assert (f.code, f.subject, f.change_id, f.where) == (
        "multiple-oversight",
        "b",
        "m2",
        "data/changes.yaml:9",
    )
    assert "by move 'm1' (2021-Q4) at data/changes.yaml:3" in f.message
    assert "under a by move 'm2' (2021-10-01)" in f.message


def test_creation_and_move_the_same_day_give_two_lines():
    timeline = Timeline(
        [
            top(),
            create("a", "dg", "2001"),
            create("b", "a", "2021"),
            Move(date=Y("2021"), node="b", to="dg"),
        ]
    )
    assert codes(validate_timeline(timeline)) == ["multiple-oversight"]


def test_moves_on_different_days_are_fine():
    timeline = Timeline(
        [
            top(),
            create("a", "dg", "2001"),
            create("b", "a", "2001"),
            Move(date=Y("2021-10-01"), node="b", to="dg"),
            Move(date=Y("2021-10-02"), node="b", to="a"),
        ]
    )
    assert validate_timeline(timeline) == []


def test_a_handover_by_a_merge_is_not_a_second_explicit_line():
    timeline = Timeline(
        [
            top(),
            create("a", "dg", "2001"),
            create("b", "dg", "2001"),
            create("c", "a", "2001"),
            Merge(date=Y("2021"), units=("a", "b"), into="b"),
            Move(date=Y("2021"), node="c", to="dg"),
        ]
    )
    assert validate_timeline(timeline) == []


def _abolished_with_a_post() -> list:
    """A unit abolished while a post still sits in it (the change allows it; a rule does not)."""
    return [
        top(),
        create("a", "dg", "2001"),
        CreatePost(id="p", date=Y("2001"), post="p", title="Officer", unit="a"),
        from_file(Abolish(id="x", date=Y("2010"), unit="a"), 21),
        *(create(f"u{year}", "dg", str(year)) for year in range(2011, 2021)),
    ]


def test_a_persisting_problem_is_reported_once_from_the_first_date_with_its_cause():
    findings = validate_timeline(Timeline(_abolished_with_a_post()))
    (f,) = findings
    assert (f.code, f.subject, f.date) == ("post-in-abolished-unit", "p", Y("2010"))
    assert (f.change_id, f.where) == ("x", "data/changes.yaml:21")


def test_a_problem_that_goes_away_and_comes_back_is_reported_again():
    changes = [
        *_abolished_with_a_post(),
        MovePost(date=Y("2012-06"), post="p", unit=None),
        create("a2", "dg", "2013"),
        MovePost(date=Y("2014"), post="p", unit="a2"),
        Abolish(id="x2", date=Y("2015"), unit="a2"),
    ]
    findings = validate_timeline(Timeline(changes))
    assert [(f.code, str(f.date), str(f.until), f.change_id) for f in findings] == [
        ("post-in-abolished-unit", "2010", "2012-06", "x"),
        ("post-in-abolished-unit", "2015", "None", "x2"),
    ]
    assert [f.open for f in findings] == [False, True]


def test_span_persisting_for_years_is_reported_once():
    changes = [top(), *(create(f"u{i}", "dg", "2005") for i in range(13))]
    changes += [Rename(date=Y(str(y)), unit="u0", name=f"Unit 0 in {y}") for y in range(2006, 2016)]
    findings = validate_timeline(Timeline(changes))
    assert [(f.code, f.subject, str(f.date)) for f in findings] == [("span", "dg", "2005")]


def test_the_cause_of_a_wide_span_is_the_report_added_not_other_news_of_the_node():
    changes = [top(), *(create(f"u{i}", "dg", "2005") for i in range(12))]
    changes += [
        from_file(create("u12", "dg", "2006"), 40),
        from_file(Assign(id="a", date=Y("2006"), post="dg", person="amy"), 41),
    ]
    (f,) = validate_timeline(Timeline(changes, PEOPLE))
    assert (f.code, f.change_id, f.where) == ("span", "create-u12", "data/changes.yaml:40")


def test_at_dates_limits_the_structure_rules_to_those_dates():
    changes = [
        *_abolished_with_a_post(),
        MovePost(date=Y("2012-06"), post="p", unit=None),
    ]
    timeline = Timeline(changes)
    (f,) = validate_timeline(timeline, at_dates=["2011"])
    assert (f.code, f.date) == ("post-in-abolished-unit", FuzzyDate.day(Y("2011").end))
    assert validate_timeline(timeline, at_dates=["2009", "2013"]) == []


def test_at_dates_still_reports_changes_that_cannot_apply():
    timeline = Timeline([top(), Rename(id="r", date=Y("2019"), unit="a", name="X")])
    assert codes(validate_timeline(timeline, at_dates=["2000"])) == ["change-precondition"]


def test_findings_of_a_timeline_are_in_date_order():
    changes = [
        *_abolished_with_a_post(),
        Rename(id="late", date=Y("2030"), unit="ghost", name="X"),
        Rename(id="early", date=Y("2005"), unit="ghost", name="X"),
    ]
    findings = validate_timeline(Timeline(changes))
    assert [(f.code, str(f.date)) for f in findings] == [
        ("change-precondition", "2005"),
        ("post-in-abolished-unit", "2010"),
        ("change-precondition", "2030"),
    ]


def test_timeline_rules_can_be_disabled():
    timeline = Timeline([top(), Rename(id="r", date=Y("2019"), unit="a", name="X")])
    assert validate_timeline(timeline, RuleConfig().without("change-precondition")) == []


def test_a_structure_rule_on_lines_across_a_timeline():
    changes = [
        top(),
        CreatePost(date=Y("2001"), post="ddg", title="DDG", senior=True, reports_to="dg"),
        CreatePost(date=Y("2001"), post="ddg2", title="DDG 2", senior=True, reports_to="dg"),
        create("a", "ddg", "2001"),
        from_file(
            AddLine(
                id="l", date=Y("2002"), source="a", kind=LineKind.DIRECT_SUPERVISION, target="ddg2"
            ),
            30,
        ),
    ]
    (f,) = validate_timeline(Timeline(changes))
    assert (f.code, f.subject, f.change_id, f.where) == (
        "two-senior-posts",
        "a",
        "l",
        "data/changes.yaml:30",
    )


def test_finding_reads_as_a_line():
    f = Finding(
        "cycle", Severity.ERROR, "a loop", "a", "c1", "data/x.yaml:3", FuzzyDate.parse("2021")
    )
    assert str(f) == "error cycle from 2021 at data/x.yaml:3: a loop"
    closed = Finding("span", Severity.WARNING, "wide", date=Y("2010"), until=Y("2012"))
    assert str(closed) == "warning span from 2010 until 2012: wide"


# ------------------------------------------------------------------ the rules themselves


def test_rules_are_named_explained_and_unique():
    seen = set()
    for r in RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.code), r.code
        assert r.code not in seen
        seen.add(r.code)
        assert r.explanation and "\n" not in r.explanation and r.explanation.endswith(".")
        assert isinstance(r.severity, Severity)


def test_the_required_rules_are_there():
    required = {
        "cycle", "multiple-oversight", "orphan", "unplaced", "two-senior-posts",
        "post-in-abolished-unit", "dangling-line", "head-not-in-unit", "span", "depth",
        "holder-unknown", "empty-unit-kind", "change-precondition",
    }  # fmt: skip
    assert required <= {r.code for r in RULES}


def test_every_rule_is_documented_with_its_severity():
    text = DOCS.read_text(encoding="utf-8")
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `([a-z-]+)` \| (error|warning|info) \|", text, re.MULTILINE)
    }
    missing = [r.code for r in RULES if r.code not in rows]
    assert not missing, f"rules missing from docs/validation.md: {', '.join(missing)}"
    wrong = [r.code for r in RULES if rows[r.code] != r.severity.value]
    assert not wrong, f"docs/validation.md gives the wrong severity for: {', '.join(wrong)}"
    unknown = sorted(set(rows) - {r.code for r in RULES})
    assert not unknown, f"docs/validation.md documents rules that do not exist: {unknown}"
