"""The moods and voices papers and descriptions use beyond "will be": "shall", "is to
be", present passives and actives, lists announced by "the following", passive and
possessive placements, members named before their owner. Sentences of their own, about
other units than the test documents, so that each rule is checked as grammar."""

from pathlib import Path

import pytest

from organogram.drafting import draft_paper, draft_structure
from organogram.drafting.mood import decision_mood
from organogram.formats import load_dataset

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def iom():
    return load_dataset(ROOT / "data" / "iom")


def _paper(iom, *paragraphs):
    text = "\n\n".join(f"{n}. {p}" for n, p in enumerate(paragraphs, start=1))
    draft = draft_paper(iom, text, source="p", at="2024-06-30")
    return [(p.op, p.rule, p.params) for p in draft.proposals]


def _places(iom, text):
    draft = draft_structure(iom, text, source="d", at="2024-06-30")
    return {(d["unit"], d["parent"], d["rule"]) for d in draft.described if "unit" in d}


@pytest.mark.parametrize(
    "said",
    [
        "The Budget Division shall be abolished.",
        "The Budget Division is to be abolished.",
        "The Budget Division is hereby abolished.",
        "The Budget Division is closed with effect from 1 March 2025.",
    ],
)
def test_every_mood_of_a_decision_is_read(iom, said):
    [(op, rule, params)] = _paper(iom, said)
    assert (op, rule, params["unit"]) == ("abolish", "will-be-abolished", "budget")


@pytest.mark.parametrize(
    "said",
    [
        "The Budget Division was abolished in 2019.",
        "The Budget Division is currently placed under the Executive Office.",
        "The aim is to improve the Budget Division.",
    ],
)
def test_history_and_the_present_state_propose_nothing(iom, said):
    assert _paper(iom, said) == []
    assert decision_mood(said) == said


def test_an_absorbing_unit_goes_on(iom):
    [(op, rule, params)] = _paper(iom, "The Treasury Division absorbs the Budget Division.")
    assert (op, rule) == ("merge", "absorbs")
    assert params["units"] == ["budget", "treasury"] and params["into"] == "treasury"


def test_responsibility_and_reporting_lines_move_units(iom):
    got = _paper(
        iom,
        "Responsibility for the Policy Hub shall pass to the Executive Office.",
        "The Executive Office assumes responsibility for the Protection Division.",
        "The Policy Hub's reporting line will change to the Department of External Relations.",
    )
    moves = [(rule, p["node"], p["to"]) for op, rule, p in got if op == "move"]
    assert moves == [
        ("responsibility-transferred", "policy-hub", "eo"),
        ("responsibility-transferred", "protection", "eo"),
        ("reporting-line-changes", "policy-hub", "der"),
    ]


def test_a_list_announced_by_the_following_is_the_subject(iom):
    got = _paper(
        iom,
        "The following divisions are to be moved to the Executive Office: the Budget "
        "Division; and the Treasury Division.",
    )
    assert [(r, p["node"], p["to"]) for _, r, p in got] == [
        ("placed-under", "budget", "eo"),
        ("placed-under", "treasury", "eo"),
    ]


def test_becoming_part_of_a_unit_is_a_move_not_a_new_kind(iom):
    got = _paper(iom, "The Policy Hub shall become part of the Protection Division.")
    assert [(op, r, p["node"], p["to"]) for op, r, p in got] == [
        ("move", "becomes-part-of", "policy-hub", "protection")
    ]


@pytest.mark.parametrize(
    "said",
    [
        "The Policy Hub is now supervised by the Protection Division.",
        "The Policy Hub belongs to the Protection Division.",
        "The Policy Hub is one of the units of the Protection Division.",
        "The Policy Hub forms part of the Protection Division.",
    ],
)
def test_passive_and_possessive_placements(iom, said):
    assert ("policy-hub", "protection", "placed-in-passive") in _places(iom, said)


def test_oversight_named_first_then_who_holds_it(iom):
    got = _places(iom, "Oversight of the Policy Hub is exercised by the Protection Division.")
    assert ("policy-hub", "protection", "oversight-exercised-by") in got


def test_a_unit_set_up_within_another_is_new_there(iom):
    draft = draft_structure(
        iom,
        "1. A Foresight Team has been set up within the Policy Hub.",
        source="d",
        at="2024-06-30",
    )
    [create] = [p for p in draft.proposals if p.op == "create"]
    assert (create.params["name"], create.params["kind"], create.params["parent"]) == (
        "Foresight Team",
        "team",
        "policy-hub",
    )


def test_members_named_by_a_possessive_or_before_their_owner(iom):
    text = (
        "1. The Protection Division reports to the Executive Office. Its units are the "
        "Policy Hub and the Budget Division.\n\n"
        "2. Two teams make up the Treasury Division: Cash Management; and Investments."
    )
    got = _places(iom, text)
    assert ("policy-hub", "protection", "its-members-are") in got
    # The list's word gives the kind; the name's own word ("Division") is not read.
    draft = draft_structure(iom, text, source="d", at="2024-06-30")
    teams = {p.params["name"]: p.params for p in draft.proposals if p.op == "create"}
    assert {n: (t["kind"], t["parent"]) for n, t in teams.items()} == {
        "Cash Management": ("team", "treasury"),
        "Investments": ("team", "treasury"),
    }


def test_passive_administrative_support_is_a_line(iom):
    draft = draft_structure(
        iom,
        "1. The Policy Hub is supported administratively by the Executive Office.",
        source="d",
        at="2024-06-30",
    )
    lines = {(d["source"], d["line"], d["target"]) for d in draft.described if "line" in d}
    assert lines == {("policy-hub", "administrative-support", "eo")}


@pytest.mark.parametrize(
    ("said", "name"),
    [
        (
            "The Budget Division will be renamed the Budget, Planning and Control Division.",
            "Budget, Planning and Control Division",
        ),
        (
            "The Budget Division will be renamed the Budget Office, in line with the review.",
            "Budget Office",
        ),
    ],
)
def test_a_new_name_may_hold_a_comma_before_a_capital(iom, said, name):
    [(_op, _rule, params)] = [p for p in _paper(iom, said) if p[0] in ("rename", "reclassify")]
    assert params["name"] == name


# ------------------------------------------------------------ plain phrasing (phrasing.py)
@pytest.mark.parametrize(
    ("said", "op", "rule"),
    [
        ("The Director General hereby abolishes the Budget Division.", "abolish", None),
        ("Management has decided to close the Budget Division.", "abolish", None),
        ("Closure of the Budget Division with effect from 1 May 2025.", "abolish", None),
        ("The abolition of the Budget Division is approved.", "abolish", None),
        ("It is hereby decided that the Budget Division shall be dissolved.", "abolish", None),
        ("The Budget Division will cease to exist at the end of 2025.", "abolish", None),
        ("The Budget Division will be folded into the Treasury Division.", "merge", "merged-into"),
        (
            "The Budget Division shall cease to exist on 1 May 2025, its staff and functions "
            "passing to the Treasury Division.",
            "merge",
            "merged-into",
        ),
    ],
)
def test_a_decision_named_by_its_maker_a_noun_or_another_verb(iom, said, op, rule):
    [(got_op, got_rule, params)] = _paper(iom, said)
    assert got_op == op
    assert rule is None or got_rule == rule
    assert params.get("unit", params.get("units", [None])[0]) == "budget"


@pytest.mark.parametrize(
    "said",
    [
        "The Director General established the Policy Hub in 2018.",
        "The Director General moved the Budget Division to the Executive Office in 2019.",
        "The closure of the Budget Division was discussed at length.",
    ],
)
def test_a_makers_past_act_and_a_noun_under_discussion_propose_nothing(iom, said):
    assert _paper(iom, said) == []


def test_a_maker_transfers_from_one_unit_to_another(iom):
    got = _paper(
        iom,
        "With immediate effect, the Director General hereby transfers the Policy Hub from "
        "the Department of Policy and Research to the Executive Office.",
        "The Deputy Director General for Operations has elevated the Protection Division to "
        "the rank of a department.",
        "The Treasury Division is re-designated the Division of Treasury Operations.",
    )
    assert [(op, p.get("node", p.get("unit")), p.get("to", p.get("kind"))) for op, _, p in got][
        :3
    ] == [("move", "policy-hub", "eo"), ("reclassify", "protection", "department"), (
        "rename",
        "treasury",
        None,
    )]


def test_the_former_and_the_latter_and_a_defined_abbreviation(iom):
    text = (
        "1. The Budget Division and the Treasury Division (TD) work closely. The former "
        "shall be merged with the latter.\n\n"
        "2. The Policy Hub is placed under the authority of TD.\n\n"
        "3. Nothing else changes."
    )
    draft = draft_paper(iom, text, source="p", at="2024-06-30")
    got = [
        (
            p.op,
            p.params.get("units", p.params.get("node")),
            p.params.get("into", p.params.get("to")),
        )
        for p in draft.proposals
    ]
    assert got == [
        ("merge", ["budget", "treasury"], "treasury"),
        ("move", "policy-hub", "treasury"),
    ]
    merge = draft.proposals[0]
    assert merge.basis != "stated" and any("“The former” is read as" in n for n in merge.notes)
    assert not draft.unresolved


def test_posts_named_in_items_are_created_and_abolished(iom):
    text = (
        "1. Posts:\n"
        "   (a) two posts of Budget Analyst (P-3) are established in the Budget Division;\n"
        "   (b) the post of Director General is abolished as from 1 July 2026.\n\n"
        "2. Nothing else.\n\n3. Nothing more."
    )
    draft = draft_paper(iom, text, source="p", at="2024-06-30")
    got = [
        (p.op, p.params.get("title"), p.params.get("unit"), p.params.get("grade"))
        for p in draft.proposals
    ]
    assert got[:2] == [
        ("create-post", "Budget Analyst (post 1 of 2)", "budget", "P-3"),
        ("create-post", "Budget Analyst (post 2 of 2)", "budget", "P-3"),
    ]
    assert [p.op for p in draft.proposals][2:] == ["abolish-post"]


def test_a_dateline_is_the_papers_own_date(iom):
    from organogram.drafting.asof import paper_date

    text = (
        "Title\n\nNew York, 3 March 2025\n\n"
        "1. The Budget Division shall be abolished as from 1 July 2025.\n\n2. x\n\n3. y"
    )
    assert paper_date(text, iom, None).date == "2025-03-03"
    later = text.replace("3 March 2025", "3 March 2026")
    assert paper_date(later, iom, None).date == "2025-06-30"


# ------------------------------------------------ structure descriptions (structure_*.py)
def _lines(iom, text):
    draft = draft_structure(iom, text, source="d", at="2024-06-30")
    lines = [p.params for p in draft.proposals if p.op == "add-line"]
    return {(p["source"], p["kind"], p["target"]) for p in lines}


def test_members_a_unit_has_and_a_unit_that_completes_another(iom):
    text = (
        "1. The Treasury Division manages cash. It has three teams under it: Cash, "
        "Investments, and Banking.\n\n"
        "2. A new Foresight Unit, reporting to the Director, completes the Policy Hub."
    )
    got = _places(iom, text)
    assert {(u, p) for u, p, _ in got} >= {
        ("cash", "treasury"), ("investments", "treasury"), ("banking", "treasury"),
        ("fu", "policy-hub"),
    }


def test_direct_supervision_and_services_handled_by_another(iom):
    text = (
        "1. The Protection Division sits within the Department of Programme Support and "
        "Migration Management. Although it belongs there, the Division works under the "
        "direct supervision of the Executive Office.\n\n"
        "2. The Budget Division plans the budget. Its recruitment and travel are handled "
        "for it by the Department of Human Resources Management.\n\n"
        "3. The Treasury Division's payroll transactions are processed by the Manila "
        "Administrative Centre."
    )
    got = _lines(iom, text)
    assert ("protection", "direct-supervision", "eo") in got
    assert ("budget", "administrative-support", "dhrm") in got
    assert ("treasury", "administrative-support", "manila-ac") in got


def test_a_title_dates_and_names_what_the_description_is_about(iom):
    from organogram.drafting.asof import description_date

    text = (
        "# Department of Policy and Research: structure as at 31 March 2025\n\n"
        "1. The Department of Policy and Research works with the Department of Human "
        "Resources Management. A Foresight Unit completes the Department."
    )
    assert description_date(text, iom, None).date == "2025-03-31"
    assert ("fu", "dpr") in {(u, p) for u, p, _ in _places(iom, text)}


def test_the_latter_in_a_relative_clause_is_not_its_own_subject(iom):
    text = (
        "1. The Policy Hub works with the Department of Operations and Emergencies: in "
        "crises, the Protection Division, which remains part of the latter, leads."
    )
    assert ("protection", "doe") in {(u, p) for u, p, _ in _places(iom, text)}


def test_sections_numbered_by_their_headings_and_members_told_in_sentences(iom):
    text = (
        "# The Treasury Division\n\n## Structure as at 31 May 2025\n\n"
        "Read this first.\n\n"
        "## 1. The Treasury Division\n\nThe Treasury Division reports to the Executive "
        "Office.\n\n"
        "## 2. Its teams\n\nTwo sub-units make up the Treasury Division, both answering to its "
        "Chief.\n\n- The **Cash Team** forecasts cash.\n- The **Banking Unit** keeps the "
        "accounts.\n\n"
        "## 3. Units overseen by the Executive Office\n\nTwo units are overseen by the "
        "Executive Office rather than by a department: the Policy Hub and the Budget "
        "Division. Each of them also has a functional reporting line to the Treasury "
        "Division.\n"
    )
    from organogram.drafting.asof import description_date

    assert description_date(text, iom, None).date == "2025-05-31"
    draft = draft_structure(iom, text, source="d", at="2025-05-31")
    placed = {(d["unit"], d["parent"]) for d in draft.described if "unit" in d}
    assert {("treasury", "eo"), ("ct", "treasury"), ("bu", "treasury")} <= placed
    assert {("policy-hub", "eo"), ("budget", "eo")} <= placed
    kinds = {p.params["name"]: p.params["kind"] for p in draft.proposals if p.op == "create"}
    assert kinds == {"Cash Team": "team", "Banking Unit": "unit"}  # each by its own name
    lines = {
        (p.params["source"], p.params["target"]) for p in draft.proposals if p.op == "add-line"
    }
    assert {("policy-hub", "treasury"), ("budget", "treasury")} <= lines
    cites = {p.cite.rpartition(":")[2] for p in draft.proposals}
    assert cites <= {"1", "2", "3"}


def test_what_a_unit_that_goes_on_will_do_is_proposed_as_its_functions(iom):
    draft = draft_paper(
        iom,
        "1. The Treasury Division will be renamed the Division of Treasury Operations. The "
        "Division of Treasury Operations will have a greater focus on cash forecasting and "
        "on banking relations.\n\n"
        "2. The Budget Division's functions will continue to cover budget preparation and "
        "budget monitoring.\n\n"
        "3. A new Foresight Unit will be created in the Executive Office. The Foresight Unit "
        "will be responsible for scenario planning.\n\n"
        "4. The Policy Hub will continue to advise the Director General.",
        source="p",
        at="2024-06-30",
    )
    described = {p.params["unit"]: p for p in draft.proposals if p.op == "redescribe"}
    # A new unit's functions belong to its creation; "will continue to advise" keeps.
    assert set(described) == {"treasury", "budget"}
    assert all(p.basis != "stated" and p.confidence <= 0.3 for p in described.values())
    assert any("cash forecasting" in f.lower() for f in described["treasury"].params["functions"])
    assert not draft.unresolved  # the new name names the division once given


def test_a_markdown_heading_is_a_heading_and_a_dateline_is_not():
    from organogram.drafting.paragraphs import find_paragraphs

    text = (
        "Geneva, 18 May 2026\n\n### Purpose and entry into force\n\n1. One.\n\n2. Two.\n\n"
        "### Posts\n\n3. Three."
    )
    paras, _ = find_paragraphs(text)
    assert [p.heading for p in paras] == [
        "Purpose and entry into force",
        "Purpose and entry into force",
        "Posts",
    ]


def test_a_unit_told_by_what_it_does_is_found_only_when_its_name_is_in_the_words(iom):
    text = (
        "1. The Treasury Division hosts the team that manages publishing on the IATI "
        "platform.\n\n2. The Budget Division hosts the team managing staff travel."
    )
    draft = draft_structure(iom, text, source="d", at="2024-06-30")
    placed = {(d["unit"], d["parent"], d["rule"]) for d in draft.described if "unit" in d}
    assert ("iati-team", "treasury", "described-by-function") in placed
    assert [u.mention for u in draft.unresolved] == ["the team managing staff travel"]
