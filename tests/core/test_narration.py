"""Narration: every change told in plain English, with the names in force at its turn."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from organogram.core.changes import (
    REGISTRY,
    Abolish,
    AbolishPost,
    AddLine,
    AmendPost,
    Assign,
    Change,
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
from organogram.core.model import AssignmentKind, Citation, LineKind, Person, Source
from organogram.core.narration import (
    NARRATORS,
    a,
    citation_text,
    kind_word,
    narrate_change,
    narrate_changes,
    the,
)
from organogram.core.structure import Structure

EARLY = FuzzyDate.parse("2016")
Q4 = FuzzyDate.parse("2021-Q4")
SOURCES = {
    "scpf28": Source("scpf28", "IOM Headquarters Organizational Review", symbol="SCPF/28"),
    "drm2016": Source("drm2016", "Department of Resources Management"),
}


def scpf(passage: str) -> tuple[Citation, ...]:
    return (Citation("scpf28", passage),)


def new_unit(uid, name, kind, parent=None, **more) -> CreateUnit:
    return CreateUnit(
        date=EARLY, unit=UnitSpec(id=uid, name=name, kind=kind, **more), parent=parent
    )


def base() -> Structure:
    """Part of the IOM headquarters before the 2021 review."""
    s = Structure(people={"ugo": Person("ugo", "Ugochi Daniels")})
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
        new_unit("odg", "Office of the Director General", "office", "dg"),
        new_unit(
            "dicp", "Department of International Cooperation and Partnerships", "department", "dg"
        ),
        new_unit("doe", "Department of Operations and Emergencies", "department", "dg"),
        new_unit("prd", "Preparedness and Response Division", "division", "doe", location="Geneva"),
        new_unit("dtm", "Displacement Tracking Matrix", "unit", "prd"),
        new_unit("gmdac", "Global Migration Data Analysis Centre", "centre", "dg"),
        CreatePost(date=EARLY, post="dir-prd", title="Director, PRD", grade="D-1", unit="prd"),
        CreatePost(date=EARLY, post="analyst", title="Data Analyst", grade="P-3", unit="gmdac"),
    ]:
        change.apply(s)
    return s


#: One change of every op, each applicable to base(), with the sentence it should give.
SAMPLES = {
    "create": (
        new_unit("pd", "Protection Division", "division", "doe"),
        "The Protection Division is established, under the Department of Operations and "
        "Emergencies.",
    ),
    "rename": (
        Rename(date=Q4, unit="dicp", name="Department of External Relations", cites=scpf("21")),
        "The Department of International Cooperation and Partnerships is renamed the "
        "Department of External Relations (SCPF/28 para. 21).",
    ),
    "reclassify": (
        Reclassify(date=Q4, unit="prd", kind="department", name="Department of Preparedness"),
        "The Preparedness and Response Division is reclassified from a division to a "
        "department and renamed the Department of Preparedness.",
    ),
    "redescribe": (
        Redescribe(date=Q4, unit="gmdac", mandate="Data for migration policy."),
        'The mandate of the Global Migration Data Analysis Centre is restated: "Data for '
        'migration policy.".',
    ),
    "relocate": (
        Relocate(date=Q4, unit="prd", location="Manila"),
        "The Preparedness and Response Division moves from Geneva to Manila.",
    ),
    "set-head": (
        SetHead(date=Q4, unit="prd", head="dir-prd"),
        "The Preparedness and Response Division is headed by the Director, PRD.",
    ),
    "move": (
        Move(date=Q4, node="doe", to="ddg-ops", cites=scpf("22")),
        "The Department of Operations and Emergencies is placed under the oversight of the "
        "Deputy Director General for Operations, no longer under the Director General "
        "(SCPF/28 para. 22).",
    ),
    "abolish": (
        Abolish(date=Q4, unit="dicp"),
        "The Department of International Cooperation and Partnerships is abolished.",
    ),
    "merge": (
        Merge(
            date=Q4,
            units=("dtm", "gmdac"),
            into="gdi",
            new=UnitSpec(id="gdi", name="Global Data Institute", kind="institute"),
            parent="ddg-ops",
            cites=scpf("28"),
        ),
        "The Displacement Tracking Matrix and the Global Migration Data Analysis Centre are "
        "brought together in the new Global Data Institute, under the Deputy Director General "
        "for Operations (SCPF/28 para. 28).",
    ),
    "split": (
        Split(
            date=Q4,
            unit="prd",
            into=(
                UnitSpec(id="erd", name="Emergency Response Division", kind="division"),
                UnitSpec(id="ppd", name="Preparedness Division", kind="division"),
            ),
            moves={"dtm": "ppd"},
        ),
        "The Preparedness and Response Division is split into two new units, the Emergency "
        "Response Division and the Preparedness Division; the Displacement Tracking Matrix "
        "goes to the Preparedness Division.",
    ),
    "replace": (
        Replace(
            date=Q4,
            unit="odg",
            by="eo",
            new=UnitSpec(id="eo", name="Executive Office", kind="office", abbreviation="EO"),
            cites=scpf("14"),
        ),
        "The Office of the Director General is replaced by the new Executive Office (EO) "
        "(SCPF/28 para. 14).",
    ),
    "add-line": (
        AddLine(date=Q4, source="gmdac", kind=LineKind.DIRECT_SUPERVISION, target="ddg-ops"),
        "The Global Migration Data Analysis Centre comes under the direct supervision of the "
        "Deputy Director General for Operations.",
    ),
    "remove-line": (
        RemoveLine(date=Q4, source="prd", kind=LineKind.ADMINISTRATIVE_SUPPORT, target="doe"),
        "The Preparedness and Response Division no longer receives administrative support "
        "from the Department of Operations and Emergencies.",
    ),
    "create-post": (
        CreatePost(
            date=Q4,
            post="dir-gdi",
            title="Director, Global Data Institute",
            grade="D-2",
            unit="gmdac",
            reports_to="ddg-ops",
        ),
        "A post of Director, Global Data Institute (D-2) is created in the Global Migration "
        "Data Analysis Centre, reporting to the Deputy Director General for Operations.",
    ),
    "abolish-post": (
        AbolishPost(date=Q4, post="analyst"),
        "The post of Data Analyst (P-3) in the Global Migration Data Analysis Centre is abolished.",
    ),
    "regrade-post": (
        RegradePost(date=Q4, post="dir-prd", grade="D-2"),
        "The post of Director, PRD is regraded from D-1 to D-2.",
    ),
    "amend-post": (
        AmendPost(date=Q4, post="analyst", title="Data Officer", status="frozen", fte=0.5),
        "The post of Data Analyst (P-3) is retitled Data Officer, is frozen and becomes "
        "0.5 full-time equivalent.",
    ),
    "move-post": (
        MovePost(date=Q4, post="analyst", unit="dtm"),
        "The post of Data Analyst (P-3) moves from the Global Migration Data Analysis Centre "
        "to the Displacement Tracking Matrix.",
    ),
    "assign": (
        Assign(date=Q4, post="ddg-ops", person="ugo", kind=AssignmentKind.AD_INTERIM),
        "Ugochi Daniels holds the post of Deputy Director General for Operations (ASG) ad interim.",
    ),
    "vacate": (
        Vacate(date=Q4, post="ddg-ops", person="ugo"),
        "Ugochi Daniels leaves the post of Deputy Director General for Operations (ASG).",
    ),
}


def structure_for(op: str) -> Structure:
    s = base()
    if op == "remove-line":
        AddLine(date=EARLY, source="prd", kind="administrative-support", target="doe").apply(s)
    if op == "vacate":
        Assign(date=EARLY, post="ddg-ops", person="ugo").apply(s)
    return s


def test_every_op_of_the_vocabulary_has_a_narration():
    missing = sorted(set(REGISTRY) - set(NARRATORS))
    assert not missing, f"change ops without a narration: {', '.join(missing)}"


def test_every_op_has_a_sample_here():
    assert set(SAMPLES) == set(REGISTRY)


@pytest.mark.parametrize("op", sorted(SAMPLES))
def test_each_op_is_told_in_a_sentence(op):
    change, expected = SAMPLES[op]
    s = structure_for(op)
    assert change.check(s) == [], "the sample must apply to its structure"
    assert narrate_change(change, s, SOURCES) == expected


def test_narration_does_not_modify_the_structure():
    s = base()
    before = s.copy()
    for op, (change, _) in SAMPLES.items():
        narrate_change(change, s if op not in ("vacate", "remove-line") else structure_for(op))
    assert s == before


# ------------------------------------------------------------------ variants


def told(change, s=None, **kw) -> str:
    return narrate_change(change, s or base(), SOURCES, **kw)


def test_create_names_the_kind_when_the_name_does_not():
    assert told(new_unit("hub", "Policy Hub", "unit", "dg")) == (
        "The Policy Hub is established as a unit, under the Director General."
    )
    assert told(new_unit("x", "Migration Research", "office")) == (
        "The Migration Research is established as an office."
    )


def test_create_without_a_kind_says_nothing_of_it():
    assert (
        told(new_unit("tf", "Task Force on Data", "")) == "The Task Force on Data is established."
    )


def test_an_op_without_a_narration_is_an_error_not_a_silent_blank():
    @dataclass(kw_only=True, frozen=True)
    class Unknown(Change):
        op = "unknown-op"

    with pytest.raises(KeyError, match="no narration for change op 'unknown-op'"):
        narrate_change(Unknown(date=Q4), base())


def test_names_that_start_with_the_do_not_get_a_second_one():
    change = new_unit("x", "The Ombudsperson", "office", abbreviation="OMB")
    assert told(change) == "The Ombudsperson (OMB) is established as an office."
    assert the("The Executive Office") == "the Executive Office"
    assert the("Executive Office") == "the Executive Office"


def test_kind_words_read_naturally():
    assert kind_word("regional-office") == "regional office"
    assert kind_word("Special_Liaison  Office") == "special liaison office"
    assert [a(w) for w in ("division", "office", "institute", "unit", "European team")] == [
        "a division",
        "an office",
        "an institute",
        "a unit",
        "a European team",
    ]


def test_rename_with_only_a_new_abbreviation():
    name = "Global Migration Data Analysis Centre"
    assert told(Rename(date=Q4, unit="gmdac", name=name, abbreviation="GMDAC")) == (
        "The abbreviation of the Global Migration Data Analysis Centre becomes GMDAC."
    )


def test_merge_into_an_existing_unit():
    assert told(Merge(date=Q4, units=("dtm", "gmdac"), into="gmdac")) == (
        "The Displacement Tracking Matrix is merged into the Global Migration Data Analysis Centre."
    )


def test_split_that_keeps_the_unit():
    spec = UnitSpec(id="fmu", name="Flow Monitoring Unit", kind="unit")
    assert told(Split(date=Q4, unit="prd", into=(spec,), keep=True)) == (
        "Part of the work of the Preparedness and Response Division passes to the new Flow "
        "Monitoring Unit; the Preparedness and Response Division continues."
    )


def test_move_to_the_top():
    assert told(Move(date=Q4, node="gmdac", to=None)) == (
        "The Global Migration Data Analysis Centre is placed at the top of the structure, no "
        "longer under the Director General."
    )


def test_direct_supervision_written_from_the_senior_post_reads_the_right_way_round():
    change = AddLine(date=Q4, source="ddg-ops", kind="direct-supervision", target="gmdac")
    assert told(change) == SAMPLES["add-line"][1]


def test_functional_line():
    change = AddLine(date=Q4, source="gmdac", kind="functional", target="doe")
    assert told(change) == (
        "The Global Migration Data Analysis Centre gains a functional line to the Department "
        "of Operations and Emergencies."
    )


def test_redescribe_functions_lists_the_first_few():
    change = Redescribe(date=Q4, unit="dtm", functions=("tracking", "flows", "surveys", "maps"))
    assert told(change) == (
        "The functions of the Displacement Tracking Matrix are restated: tracking; flows; "
        "surveys; and 1 more."
    )


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("regular", "Ugochi Daniels is appointed to the post of Data Analyst (P-3)."),
        ("acting", "Ugochi Daniels acts in the post of Data Analyst (P-3)."),
        (
            "officer-in-charge",
            "Ugochi Daniels is placed in charge of the post of Data Analyst (P-3) as "
            "officer-in-charge.",
        ),
    ],
)
def test_assignment_kinds(kind, sentence):
    assert told(Assign(date=Q4, post="analyst", person="ugo", kind=kind)) == sentence


def test_holders_can_be_left_unnamed():
    assign = Assign(date=Q4, post="analyst", person="ugo", kind="ad-interim")
    assert told(assign, show_people=False) == "The post of Data Analyst (P-3) is filled ad interim."
    vacate, _ = SAMPLES["vacate"]
    assert narrate_change(vacate, structure_for("vacate"), show_people=False) == (
        "The post of Deputy Director General for Operations (ASG) is vacated."
    )


# ------------------------------------------------------------------ citations and dates


def test_citations_by_symbol_else_id_and_passages_as_given():
    cites = (
        Citation("scpf28", "21"),
        Citation("scpf28", "22"),
        Citation("drm2016", "objectives"),
        Citation("unknown-doc"),
    )
    assert citation_text(cites, SOURCES) == (
        "SCPF/28 paras. 21 and 22; drm2016 objectives; unknown-doc"
    )
    assert citation_text([Citation("scpf28", "annex-1"), Citation("scpf28", "3")], SOURCES) == (
        "SCPF/28 para. 3, annex-1"
    )
    assert citation_text([Citation("scpf28", "21")]) == "scpf28 para. 21"
    assert citation_text([]) == ""


def test_dated_sentences_give_the_date_in_words():
    change, _ = SAMPLES["rename"]
    assert told(change, dated=True) == (
        "In Q4 2021, the Department of International Cooperation and Partnerships is renamed "
        "the Department of External Relations (SCPF/28 para. 21)."
    )
    change = Abolish(date=FuzzyDate.parse("2020-10-28"), unit="dicp")
    assert told(change, dated=True).startswith("On 28 October 2020, the Department of")
    change = Abolish(date=FuzzyDate.parse("2009"), unit="dicp")
    assert told(change, dated=True).startswith("In 2009, the Department of")


# ------------------------------------------------------------------ several changes


def test_narrate_changes_uses_the_names_in_force_at_each_turn():
    s = base()
    before = s.copy()
    changes = [
        Rename(date=Q4, unit="dicp", name="Department of External Relations"),
        Move(date=Q4, node="dicp", to="ddg-ops"),
        Abolish(id="gone", date=Q4, unit="dicp"),
    ]
    assert narrate_changes(changes, s, SOURCES) == [
        "The Department of International Cooperation and Partnerships is renamed the "
        "Department of External Relations.",
        "The Department of External Relations is placed under the oversight of the Deputy "
        "Director General for Operations, no longer under the Director General.",
        "The Department of External Relations is abolished.",
    ]
    assert s == before, "the start structure is left as it was"


def test_narrate_changes_reports_and_skips_a_change_that_does_not_apply():
    bad = Rename(id="c7", date=Q4, unit="ghost", name="Nothing", origin=("data/plan.yaml", 12))
    told_ = narrate_changes([bad, Abolish(date=Q4, unit="dicp")], base(), SOURCES, dated=True)
    assert told_ == [
        "Change 'c7' (rename, 2021-Q4, data/plan.yaml:12) is left out, as it does not apply "
        "here: unit 'ghost' does not exist at this date.",
        "In Q4 2021, the Department of International Cooperation and Partnerships is abolished.",
    ]


def test_a_created_post_says_its_status_funding_and_fte_unless_defaults():
    s = base()
    proposed = CreatePost(
        date=Q4, post="p1", title="Data Officer", grade="P-3", status="proposed",
        funding="projects", fte=0.5,
    )
    assert narrate_change(proposed, s, SOURCES) == (
        "A post of Data Officer (P-3) is created, proposed, funded from projects, "
        "0.5 full-time equivalent."
    )
    plain = CreatePost(date=Q4, post="p2", title="Data Officer", funding="core")
    assert narrate_change(plain, s, SOURCES) == (
        "A post of Data Officer is created, funded from the core budget."
    )
