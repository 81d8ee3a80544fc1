"""Questions about IOM Headquarters, drawn from the five documents, answered from data/iom.

Each test asks one question a reader of the documents could ask (its id or docstring says
which, and cites the paragraph or section that answers it) and answers it through the
functions the command line uses: ``load_dataset``, ``structure_at``, ``unit_history``,
``diff_dates``, the plan queries, and the record's claims and sources. The answers are
exact ids and names, so a wrong parent, name, date or lineage in the dataset fails here.

Citations: "scpf28 para. N" is the 2021 paper to the Standing Committee on Programmes and
Finance (28th session); "drm2016" the Department of Resources Management description
(November 2016); "portfolio" the description of the portfolio of the Deputy Director
General for Management and Reform; "EO/821/2023" the note verbale of 28 September 2023;
"C/109 report" the Director General's report to the 109th session of the Council (2018).

The tests read only data/iom, never the documents themselves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.cli.main import main
from organogram.formats import load_dataset
from organogram.queries.diff import diff_dates
from organogram.queries.history import unit_history
from organogram.queries.plans import plan_narrative, plan_preview, plan_validation
from organogram.queries.structure import structure_at

REPO = Path(__file__).resolve().parents[2]
DATASET = REPO / "data" / "iom"
PLAN = "hq-review-2021"

BEFORE_REVIEW = "2021-09-30"  # the last day before the review's first quarter
AFTER_REVIEW = "2022"  # the year of full implementation (read as its last day)
PORTFOLIO = "2023"  # the post-review detail with its ad interim holder


@pytest.fixture(scope="module")
def record():
    return load_dataset(DATASET)


@pytest.fixture(scope="module")
def chart(record):
    """``chart(at)``: the nodes in force at ``at``, by id (from ``structure_at``)."""
    cache: dict[str, dict[str, dict]] = {}

    def at(date: str) -> dict[str, dict]:
        if date not in cache:
            cache[date] = {n["id"]: n for n in structure_at(record, date)["nodes"]}
        return cache[date]

    return at


def q(question: str, *values):
    """A parametrized case whose id is the question with its citation."""
    return pytest.param(*values, id=question)


# ------------------------------------------------------------------ names at a date

NAMES = [
    q(
        "What was the Department of External Relations called before the 2021 review? "
        "(scpf28 para. 21)",
        "der", BEFORE_REVIEW, "Department of International Cooperation and Partnerships",
    ),
    q(
        "What is the department called after the review? (scpf28 para. 21)",
        "der", AFTER_REVIEW, "Department of External Relations",
    ),
    q(
        "What was the Department of Programme Support and Migration Management called "
        "before the review? (scpf28 paras. 22 and 25)",
        "dpsmm", BEFORE_REVIEW, "Department of Migration Management",
    ),
    q(
        "What is the Department of Migration Management called after the review? "
        "(scpf28 paras. 22 and 25)",
        "dpsmm", AFTER_REVIEW, "Department of Programme Support and Migration Management",
    ),
    q(
        "What was the department for finance, human resources and IT called in November 2016? "
        "(drm2016, mandate)",
        "dfam", "2016-11", "Department of Resources Management",
    ),
    q(
        "What is the Department of Resources Management called after the review? "
        "(scpf28 para. 30)",
        "dfam", AFTER_REVIEW, "Department of Financial and Administrative Management",
    ),
    q(
        "What was the legal office called in 2016? (drm2016, Human Resources Policy and "
        "Advisory Services Unit; scpf28 para. 31)",
        "dla", "2016-11", "Office of Legal Affairs",
    ),
    q(
        "What is the Office of Legal Affairs called after the review? (scpf28 para. 31)",
        "dla", AFTER_REVIEW, "Department of Legal Affairs",
    ),
    q(
        "What was the Finance and Accounting Division called in November 2016? "
        "(drm2016, composition and Accounting Division)",
        "finance-accounting", "2016-11", "Accounting Division",
    ),
    q(
        "What is the accounting division called in the portfolio? (portfolio, Finance and "
        "Accounting Division)",
        "finance-accounting", PORTFOLIO, "Finance and Accounting Division",
    ),
    q(
        "What was the talent unit called in 2016? (drm2016, Talent Management Unit)",
        "talent", "2016-11", "Talent Management Unit",
    ),
    q(
        "What is the talent unit called in the portfolio? (portfolio, Integrated Talent "
        "Management Unit)",
        "talent", PORTFOLIO, "Integrated Talent Management Unit",
    ),
    q(
        "What was the ethics office called in 2016? (drm2016, Human Resources Policy and "
        "Advisory Services Unit)",
        "ethics", "2016-11", "Ethics and Conduct Office",
    ),
    q(
        "What is the ethics office called in the portfolio? (portfolio, Office of Ethics and "
        "Conduct)",
        "ethics", PORTFOLIO, "Office of Ethics and Conduct",
    ),
    q(
        "What is the office that replaces the Office of the Director General called? "
        "(scpf28 para. 17)",
        "eo", AFTER_REVIEW, "Executive Office",
    ),
    q(
        "What is the delocalized human resources unit in Manila called in the portfolio? "
        "(portfolio, Human Resources Operations and Advisory Services Unit)",
        "hr-manila", PORTFOLIO, "Manila Human Resources Operations",
    ),
]


@pytest.mark.parametrize(("unit", "at", "name"), NAMES)
def test_name_at_date(chart, unit, at, name):
    assert chart(at)[unit]["name"] == name


# ------------------------------------------------------------------ kind before and after

KINDS = [
    q(
        "Was Human Resources Management a division or a department in 2016, and after the "
        "review? (drm2016, composition; scpf28 para. 31)",
        "dhrm",
        ("division", "Human Resources Management Division"),
        ("department", "Department of Human Resources Management"),
    ),
    q(
        "Was ICT a division or a department in 2016, and after the review? "
        "(drm2016, composition; scpf28 para. 31)",
        "dict",
        ("division", "Information and Communications Technology Division"),
        ("department", "Department of Information and Communications Technology"),
    ),
    q(
        "Was Legal Affairs an office or a department in 2016, and after the review? "
        "(drm2016; scpf28 para. 31)",
        "dla",
        ("office", "Office of Legal Affairs"),
        ("department", "Department of Legal Affairs"),
    ),
]


@pytest.mark.parametrize(("unit", "before", "after"), KINDS)
def test_kind_before_and_after_the_review(chart, unit, before, after):
    b, a = chart("2016-11")[unit], chart(AFTER_REVIEW)[unit]
    assert (b["kind"], b["name"]) == before
    assert (a["kind"], a["name"]) == after


# ------------------------------------------------------------------ who oversaw it

PARENTS = [
    q("Who oversees the Department of Operations and Emergencies after the review? "
      "(scpf28 para. 22)", "doe", AFTER_REVIEW, "ddg-op"),
    q("Who oversees the Department of Programme Support and Migration Management after the "
      "review? (scpf28 para. 22)", "dpsmm", AFTER_REVIEW, "ddg-op"),
    q("Who oversees the Department of Peace and Development Coordination? (scpf28 para. 14)",
      "dpdc", AFTER_REVIEW, "ddg-op"),
    q("Who oversees the Department of Strategic Planning and Organizational Performance? "
      "(scpf28 para. 12)", "dspop", AFTER_REVIEW, "dg"),
    q("Who oversees the Department of External Relations after the review? (scpf28 para. 21)",
      "der", AFTER_REVIEW, "dg"),
    q("Who oversees the Department of Financial and Administrative Management after the "
      "review? (scpf28 para. 30)", "dfam", AFTER_REVIEW, "ddg-mr"),
    q("Where was the Human Resources Management Division in 2016? (drm2016, composition)",
      "dhrm", "2016-11", "dfam"),
    q("Where was the ICT Division in 2016? (drm2016, composition)", "dict", "2016-11", "dfam"),
    q("Who oversees the Department of Human Resources Management after the review? "
      "(scpf28 para. 31)", "dhrm", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees the Department of Information and Communications Technology after the "
      "review? (scpf28 para. 31)", "dict", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees the Department of Legal Affairs after the review? (scpf28 para. 31)",
      "dla", AFTER_REVIEW, "ddg-mr"),
    q("Which department keeps the Preparedness and Response Division? (scpf28 para. 23)",
      "preparedness-response", AFTER_REVIEW, "doe"),
    q("Which department keeps the Resettlement and Movement Management Division? "
      "(scpf28 para. 23)", "resettlement-movement", AFTER_REVIEW, "doe"),
    q("Where does the Transition and Recovery Division go? (scpf28 para. 15)",
      "transition-recovery", AFTER_REVIEW, "dpdc"),
    q("Where does the Migration, Environment and Climate Change Division go? "
      "(scpf28 para. 15)", "mecc", AFTER_REVIEW, "dpdc"),
    q("Where does the Migration and Sustainable Development Unit go? (scpf28 para. 15)",
      "migration-development", AFTER_REVIEW, "dpdc"),
    q("Where does the Results-Based Management Unit go? (scpf28 para. 12)",
      "rbm", AFTER_REVIEW, "dspop"),
    q("Where does the risk management team go? (scpf28 para. 12)",
      "risk-management", AFTER_REVIEW, "dspop"),
    q("Where does the monitoring and evaluation team go? (scpf28 para. 12)",
      "monitoring-evaluation", AFTER_REVIEW, "dspop"),
    q("Where does the operational compliance team go? (scpf28 para. 12)",
      "operational-compliance", AFTER_REVIEW, "dspop"),
    q("Where is the new Innovation and Knowledge Management Unit? (scpf28 para. 27)",
      "innovation-km", AFTER_REVIEW, "dpr"),
    q("Where did the Displacement Tracking Matrix belong before the review? "
      "(scpf28 para. 28)", "dtm", "2019", "preparedness-response"),
    q("Where is the Displacement Tracking Matrix after the review? (scpf28 para. 28)",
      "dtm", AFTER_REVIEW, "gdi"),
    q("Where is the Global Migration Data Analysis Centre after the review? "
      "(scpf28 para. 28)", "gmdac", AFTER_REVIEW, "gdi"),
    q("Who oversees the IOM Development Fund after the review? (scpf28 para. 29)",
      "idf", AFTER_REVIEW, "ddg-op"),
    q("Where is the single Protection Division? (scpf28 paras. 25 and 26, placement "
      "inferred)", "protection", AFTER_REVIEW, "dpsmm"),
    q("Where is the Protection Division? In the Department of Programme Support and "
      "Migration Management (scpf28 paras. 25-26; the secretariat role of para. 19 is a "
      "function of the Executive Office, not a unit)", "protection", AFTER_REVIEW, "dpsmm"),
    q("Who oversees the Gender and Diversity Unit? (scpf28 para. 32)",
      "gender-diversity", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees ethics and conduct after the review? (scpf28 para. 32)",
      "ethics", AFTER_REVIEW, "ddg-mr"),
    q("Where was the Occupational Health Unit in 2016? (drm2016, Occupational Health Unit, "
      "placement read from the order)", "occupational-health", "2016-11", "dhrm"),
    q("Who oversees occupational health after the review? (scpf28 para. 32)",
      "occupational-health", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees staff security after the review? (scpf28 para. 32)",
      "oss", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees environmental sustainability after the review? (scpf28 para. 32)",
      "env-sustainability", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees the Manila Administrative Centre after the review? (scpf28 para. 33)",
      "manila-ac", AFTER_REVIEW, "ddg-mr"),
    q("Who oversees the Panama Administrative Centre after the review? (scpf28 para. 33)",
      "panama-ac", AFTER_REVIEW, "ddg-mr"),
    q("Does Media and Communications still report to the Director General? (scpf28 para. 18)",
      "media-comms", AFTER_REVIEW, "dg"),
    q("Does the UN Network on Migration Secretariat report to the Director General? "
      "(scpf28 para. 18)", "unnm-secretariat", AFTER_REVIEW, "dg"),
    q("Does the Office to the United Nations in New York report to the Director General? "
      "(scpf28 para. 18)", "ny-office", AFTER_REVIEW, "dg"),
    q("Do the Special Envoys report to the Director General? (scpf28 para. 18)",
      "special-envoys", AFTER_REVIEW, "dg"),
    q("To whom does the Deputy Director General for Operations report? "
      "(EO/821/2023, annex I)", "ddg-op", PORTFOLIO, "dg"),
    q("To whom does the Deputy Director General for Management and Reform report? "
      "(EO/821/2023, annex II)", "ddg-mr", PORTFOLIO, "dg"),
    q("Which department holds the Supply Chain Division? (portfolio, Supply Chain Division)",
      "supply-chain", PORTFOLIO, "dfam"),
    q("Which department holds the Emergency Support Unit? (portfolio, Emergency Support "
      "Unit)", "emergency-support", PORTFOLIO, "dfam"),
    q("Which department holds the Organizational Design and Classification Unit? "
      "(portfolio, Department of Human Resources Management)", "org-design", PORTFOLIO, "dhrm"),
    q("Which department holds the Staff Welfare Unit? (portfolio)",
      "staff-welfare", PORTFOLIO, "dhrm"),
    q("Which unit oversees Manila Human Resources Operations? (portfolio, Human Resources "
      "Operations and Advisory Services Unit)", "hr-manila", PORTFOLIO, "hr-ops-advisory"),
    q("Which unit held the delocalized Panama team in 2016? (drm2016, Human Resources Policy "
      "and Advisory Services Unit)", "hr-panama", "2016-11", "hr-policy-advisory"),
    q("Which unit oversees Panama Human Resources Advisory Services in the portfolio? "
      "(portfolio, Human Resources Operations and Advisory Services Unit)",
      "hr-panama", PORTFOLIO, "hr-ops-advisory"),
    q("Which unit holds the Security Operations Centre team? (portfolio, ICT Security Unit)",
      "ict-soc", PORTFOLIO, "ict-security"),
    q("Which department holds the Contract Law Division? (portfolio, Department of Legal "
      "Affairs)", "contract-law", PORTFOLIO, "dla"),
    q("Which division has a unit in Manila? (portfolio, Contract Law Division)",
      "contract-law-manila", PORTFOLIO, "contract-law"),
    q("Which office runs the staff security operations centre in Panama? "
      "(portfolio, Office of Staff Security)", "oss-panama", PORTFOLIO, "oss"),
]


@pytest.mark.parametrize(("node", "at", "parent"), PARENTS)
def test_line_of_oversight_at_date(chart, node, at, parent):
    assert chart(at)[node]["parent"] == parent


def test_parents_differ_before_the_review(chart):
    """Who oversaw the operational and resources departments just before the review?

    Before the review only External Relations is stated to sit under the Director General
    (scpf28 para. 21, "will remain"); where the others sat is not recorded (no document
    says). After, under the two Deputy Directors General (scpf28 paras. 22, 30 and 31).
    The dataset once placed them all under the Director General, which no source gives.
    """
    before = chart(BEFORE_REVIEW)
    unplaced = ("doe", "dpsmm", "dfam", "dla")
    assert before["der"]["parent"] == "dg"
    assert {u: (before[u]["parent"], before[u]["placement"]) for u in unplaced} == dict.fromkeys(
        unplaced, (None, "unknown")
    )
    assert before["dhrm"]["parent"] == before["dict"]["parent"] == "dfam"


def test_functional_lines_to_the_executive_office(chart):
    """Which departments are under "the Director General and the Executive Office"?

    The Department of Strategic Planning and Organizational Performance (scpf28 para. 12)
    and the Department of External Relations (scpf28 para. 21): oversight by the Director
    General, a functional line to the Executive Office.
    """
    after = chart(AFTER_REVIEW)
    for unit in ("dspop", "der"):
        assert after[unit]["parent"] == "dg"
        assert [(ln["kind"], ln["to"]) for ln in after[unit]["lines"]] == [("functional", "eo")]


# ------------------------------------------------------------------ existence at a date

EXISTS = [
    q("Did the Policy Hub exist in November 2016? (scpf28 para. 27: established in 2018)",
      "policy-hub", "2016-11", False),
    q("Did the Policy Hub exist in 2019? (scpf28 para. 27)", "policy-hub", "2019", True),
    q("Does the Policy Hub exist after the review? (scpf28 para. 27: repurposed and "
      "brought together, not ended)", "policy-hub", AFTER_REVIEW, True),
    q("Did a Deputy Director General for Operations exist in September 2020? "
      "(scpf28 para. 7: Resolution No. 1385 of 28 October 2020)", "ddg-op", "2020-09", False),
    q("Did the post exist on 28 October 2020? (scpf28 para. 7)", "ddg-op", "2020-10-28", True),
    q("Did the single Deputy Director General exist in 2018? "
      "(C/109 report, what 2019 will bring)", "ddg", "2018", True),
    q("Is there still a single Deputy Director General after the review? "
      "(scpf28 paras. 7 and 38, end inferred)", "ddg", AFTER_REVIEW, False),
    q("Did the Department of Strategic Planning and Organizational Performance exist just "
      "before the review? (scpf28 para. 11)", "dspop", BEFORE_REVIEW, False),
    q("Does it exist after the review? (scpf28 para. 11)", "dspop", AFTER_REVIEW, True),
    q("Does the Office of the Director General exist after the review? (scpf28 para. 17)",
      "odg", AFTER_REVIEW, False),
    q("Did the Office of the Director General exist in 2016? (scpf28 paras. 4 and 17)",
      "odg", "2016-11", True),
    q("Does the Gender Coordination Unit exist after the review? (scpf28 para. 32)",
      "gender-coordination", AFTER_REVIEW, False),
    q("Did the 2016 Department of Resources Management have a Supply Chain Division? "
      "(drm2016, composition)", "supply-chain", "2016-11", False),
    q("Did the Office of the Inspector General exist in 2018? "
      "(C/109 report, what 2019 will bring)", "oig", "2018", True),
    q("Was the Global Migration Data Analysis Centre at work in 2018? "
      "(C/109 report, informing debate)", "gmdac", "2018", True),
]


@pytest.mark.parametrize(("node", "at", "exists"), EXISTS)
def test_exists_at_date(chart, node, at, exists):
    assert (node in chart(at)) is exists


def test_where_the_data_centre_is(chart):
    """Where is the Global Migration Data Analysis Centre? In Berlin (C/109 report,
    informing debate)."""
    gmdac = chart("2018")["gmdac"]
    assert (gmdac["name"], gmdac["abbreviation"], gmdac["location"]) == (
        "Global Migration Data Analysis Centre",
        "GMDAC",
        "Berlin",
    )


# ------------------------------------------------------------------ lineage

LINEAGE = [
    q("What did the Executive Office replace? (scpf28 para. 17)",
      "eo", {"odg"}, "replace", "review-replace-odg"),
    q("What did the Gender and Diversity Unit replace? (scpf28 para. 32)",
      "gender-diversity", {"gender-coordination"}, "replace", "review-replace-gender-coordination"),
    q("Where did the Human Resources Policy Unit come from? (drm2016 and portfolio; the "
      "split is the dataset's reading)",
      "hr-policy", {"hr-policy-advisory"}, "split", "split-hr-policy-advisory"),
]


@pytest.mark.parametrize(("unit", "predecessors", "kind", "change"), LINEAGE)
def test_predecessors(record, unit, predecessors, kind, change):
    links = unit_history(record, unit)["predecessors"]
    assert {link["predecessor"] for link in links} == predecessors
    assert {(link["kind"], link["change"]) for link in links} == {(kind, change)}


def test_what_the_policy_hub_became(record):
    """What did the Policy Hub become? It was repurposed and brought together with the two
    divisions in the Department of Policy and Research, in the review's window (scpf28
    paras. 27 and 38): moved, not merged away, like the divisions of para. 15. Neither the
    department nor the Protection Division (para. 26, IOM's protection *work* brought
    together) has a recorded predecessor."""
    hub = unit_history(record, "policy-hub")
    assert hub["in_force"] and hub["successors"] == []
    last = hub["versions"][-1]
    assert (last["parent"], last["since"]) == ("dpr", "2021-Q4/2022")
    for unit in ("migration-research", "migration-law"):
        history = unit_history(record, unit)
        assert history["in_force"] and history["versions"][-1]["parent"] == "dpr"
    assert unit_history(record, "dpr")["predecessors"] == []
    assert unit_history(record, "protection")["predecessors"] == []


def test_what_the_2016_policy_and_advisory_unit_became(record):
    """What became of the Human Resources Policy and Advisory Services Unit of 2016? Its
    work is shared by two units of the portfolio (drm2016; portfolio; inferred split)."""
    history = unit_history(record, "hr-policy-advisory")
    assert {s["successor"] for s in history["successors"]} == {"hr-ops-advisory", "hr-policy"}
    assert history["versions"][-1]["basis"] == "inferred"


def test_data_initiatives_keep_their_identity(record):
    """Is the Global Data Institute a merger? No: the Displacement Tracking Matrix keeps its
    functions and only changes placement, beside the Global Migration Data Analysis Centre
    (scpf28 para. 28)."""
    gdi = unit_history(record, "gdi")
    assert gdi["predecessors"] == []
    for unit in ("dtm", "gmdac"):
        history = unit_history(record, unit)
        assert history["in_force"] and history["successors"] == []
        assert [v["parent"] for v in history["versions"]][-1] == "gdi"


# ------------------------------------------------------------------ histories

def test_history_of_the_resources_department(record):
    """How did the Department of Resources Management change? Renamed the Department of
    Financial and Administrative Management and moved from the Director General to the
    Deputy Director General for Management and Reform (drm2016; scpf28 para. 30)."""
    versions = unit_history(record, "dfam")["versions"]
    # Where it sat before the review is not recorded (no document says).
    first = versions[0]
    assert (first["name"], first["parent"], first["placement"], first["since"]) == (
        "Department of Resources Management",
        None,
        "unknown",
        "2009",
    )
    renamed = next(v for v in versions if v["name"] != versions[0]["name"])
    assert (renamed["name"], renamed["parent"], renamed["since"]) == (
        "Department of Financial and Administrative Management",
        "ddg-mr",
        "2021-Q4/2022",
    )


def test_history_of_the_psea_coordinator(record):
    """When was the post of Senior Coordinator on the Prevention of Sexual Exploitation and
    Abuse and Sexual Harassment created? At the end of 2020 (scpf28 para. 32)."""
    first = unit_history(record, "psea-coordinator")["versions"][0]
    assert first["since"] == "2020-Q4"
    assert first["basis"] == "stated"
    assert {(s["source"], s["passage"]) for s in first["sources"]} == {("scpf28", "32")}


STATED_OR_INFERRED = [
    q("Does the paper state the rename to External Relations? Yes (scpf28 para. 21)",
      "der", "review-rename-der", "stated"),
    q("Does the paper state where the Department of Peace and Development Coordination "
      "sits? Yes (scpf28 para. 14)", "dpdc", "review-create-dpdc", "stated"),
    q("Does the paper state that the Department of Policy and Research is under the Deputy "
      "Director General for Operations? No, only its section heading implies it "
      "(scpf28 para. 27)", "dpr", "review-create-dpr", "inferred"),
    q("Does the paper state where the Global Data Institute sits? No, only its section "
      "heading (scpf28 para. 28)", "gdi", "review-create-gdi", "inferred"),
    q("Does the paper say where the Executive Office sits? No: it takes the place of the "
      "Office of the Director General (scpf28 para. 17)", "eo", "review-replace-odg", "inferred"),
    q("Do the documents say where the Policy Hub sat before the review? No "
      "(scpf28 para. 27)", "policy-hub", "create-policy-hub", "inferred"),
]


@pytest.mark.parametrize(("node", "change", "basis"), STATED_OR_INFERRED)
def test_stated_or_inferred(record, node, change, basis):
    versions = unit_history(record, node)["versions"]
    changes = unit_history(record, node)["changes"]
    assert change in changes
    matching = [v for v in versions if v["change"] == change]
    if matching:
        assert matching[0]["basis"] == basis
    else:  # told in a version whose last change is another one of the same day
        diff = diff_dates(record, "2021-09-30", "2022")
        event = next(e for e in diff["events"] if e["id"] == change)
        assert event["basis"] == basis


# ------------------------------------------------------------------ the Chief Risk Officer

def test_chief_risk_officer_lines_in_2016(record):
    """To whom did the Chief Risk Officer report in November 2016? To the Director General,
    through the administrative support of the Department of Resources Management and under
    the supervision of its Director (drm2016, Chief Risk Officer). The administrative line is
    not the line of oversight. The post belongs to the department ("this structure also
    includes"), and is not a senior post: the dataset once made it one, which told its
    supervision backwards."""
    s = record.timeline.snapshot("2016-11-30").structure
    cro = s.posts["cro"]
    assert (cro.unit, s.parent("cro"), cro.senior) == ("dfam", "dg", False)
    assert {(str(ln.kind), ln.target) for ln in s.lines_of("cro") if ln.source == "cro"} == {
        ("administrative-support", "dfam"),
        ("direct-supervision", "dfam-director"),
    }
    assert s.label("dfam") == "Department of Resources Management"


# ------------------------------------------------------------------ the DDG-MR portfolio

DIRECTLY_SUPERVISED = {
    "gender-diversity",
    "psea-sh",
    "oss",
    "ethics",
    "env-sustainability",
    "hq-building",
    "occupational-health",
}
OVERSEEN = {"dfam", "dhrm", "dict", "dla", "manila-ac", "panama-ac"}


def test_ddg_mr_directly_supervises_seven_units(chart):
    """Which units does the Deputy Director General for Management and Reform directly
    supervise? Seven (portfolio, opening paragraph)."""
    nodes = chart(PORTFOLIO)
    supervised = {
        n["id"]
        for n in nodes.values()
        if ("direct-supervision", "ddg-mr") in {(ln["kind"], ln["to"]) for ln in n["lines"]}
    }
    assert supervised == DIRECTLY_SUPERVISED


def test_ddg_mr_also_oversees_four_departments_and_two_centres(chart):
    """Which structures does the Deputy Director General for Management and Reform also
    oversee? Four departments and the Manila and Panama Administrative Centres (portfolio,
    opening paragraph); none of them is under direct supervision."""
    nodes = chart(PORTFOLIO)
    under = {n["id"] for n in nodes.values() if n["parent"] == "ddg-mr"}
    assert under == DIRECTLY_SUPERVISED | OVERSEEN
    for unit in OVERSEEN:
        assert not [ln for ln in nodes[unit]["lines"] if ln["kind"] == "direct-supervision"]
    assert {nodes[u]["name"] for u in OVERSEEN if nodes[u]["kind"] == "department"} == {
        "Department of Financial and Administrative Management",
        "Department of Human Resources Management",
        "Department of Information and Communications Technology",
        "Department of Legal Affairs",
    }


def test_ddg_mr_ad_interim(chart):
    """Who holds the post of Deputy Director General for Management and Reform, and how?
    Irena Vojackova-Sollorano, ad interim (portfolio, opening paragraph).

    The undated portfolio gives no date for her interim, so it is possible from October
    2021 on, never certain; the Deputy selected in May 2021 and expected in the last quarter
    of 2021 is recorded as a holder not named (scpf28 paras. 1 and 38)."""
    holders = chart(PORTFOLIO)["ddg-mr"]["holders"]
    assert [(h["person"], h["kind"], h["certain"]) for h in holders] == [
        (None, "regular", True),
        ("vojackova-sollorano", "ad-interim", False),
    ]
    assert holders[1]["name"].startswith("Irena Voj")


# ------------------------------------------------------------------ the leadership posts

def senior_posts(nodes: dict[str, dict]) -> set[str]:
    return {n["id"] for n in nodes.values() if n["kind"] == "senior-post"}


def test_one_deputy_before_resolution_1385_and_two_after(record, chart):
    """How many Deputy Directors General were there? One in 2019 (C/109 report), two after
    Resolution No. 1385 of 28 October 2020 (scpf28 para. 7), the single post ending with the
    review: no document ends it, so after May 2021 it is possibly still in force (inferred).
    The Chief Risk Officer is not a senior post (drm2016)."""
    assert senior_posts(chart("2019")) == {"dg", "ddg"}
    assert senior_posts(chart("2020-10-28")) == {"dg", "ddg", "ddg-op", "ddg-mr"}
    assert senior_posts(chart(AFTER_REVIEW)) == {"dg", "ddg-op", "ddg-mr"}
    after = structure_at(record, AFTER_REVIEW)
    assert {p["id"] for p in after["possibly_still"]} == {"ddg", "cro"}
    names = {chart(AFTER_REVIEW)[p]["name"] for p in ("ddg-op", "ddg-mr")}
    assert names == {
        "Deputy Director General for Operations",
        "Deputy Director General for Management and Reform",
    }


def test_duty_station_of_the_deputies(record):
    """Where are the two Deputy Directors General posted? Geneva, Switzerland (EO/821/2023,
    annexes I and II), on posts created by Resolution No. 1385 (scpf28 para. 7)."""
    for post in ("ddg-op", "ddg-mr"):
        first = unit_history(record, post)["versions"][0]
        assert (first["duty_station"], first["since"], first["parent"]) == (
            "Geneva, Switzerland",
            "2020-10-28",
            "dg",
        )
        assert "res-1385" in {s["source"] for s in first["sources"]}


def test_director_general_before_and_after_2018(record, chart):
    """Who was Director General? Ambassador Swing led IOM before the author of the report to
    the 109th session (2018), whose first Council it was; neither tenure is dated and the
    successor is not named (C/109 report, introduction). In 2019 the post is held by that
    unnamed successor, not vacant (the dataset once showed no holder from 2018)."""
    from organogram.queries.posts import assignments

    held = [(a["person"], a["since"], a["until"]) for a in assignments(record, "dg")]
    assert held == [("swing", "../2018", "../2018"), (None, "../2018", None)]
    assert [(h["person"], h["kind"]) for h in chart("2019")["dg"]["holders"]] == [
        (None, "regular")
    ]
    assert chart("2019")["dg"]["holding"] == "held"


def test_deputies_created_in_2020(record):
    """What changed in the senior leadership during 2020? The two Deputy Director General
    posts were created on 28 October 2020 (scpf28 para. 7, Resolution No. 1385)."""
    diff = diff_dates(record, "2020-01", "2020-12")
    created = {c["params"]["post"] for c in diff["changes"] if c["op"] == "create-post"}
    assert {"ddg-op", "ddg-mr"} <= created
    events = {e["id"]: e for e in diff["events"]}
    for change in ("create-post-ddg-op", "create-post-ddg-mr"):
        assert events[change]["date"] == "2020-10-28"
        assert ("scpf28", "7") in {(s["source"], s["passage"]) for s in events[change]["sources"]}


# ------------------------------------------------------------------ the new posts (para. 34)

NEW_POSTS = {
    "gdi-director": ("Director of the Global Data Institute", "gdi"),
    "dpdc-director": ("Director of the Department of Peace and Development Coordination", "dpdc"),
    "dspop-director": (
        "Director of the Department of Strategic Planning and Organizational Performance",
        "dspop",
    ),
    # No unit is given for the two posts (scpf28 para. 34); the dataset once put them in
    # the Department of External Relations, which is now only a claim.
    "unnm-gcm-1": ("UN Network on Migration and Global Compact support (post 1 of 2)", None),
    "unnm-gcm-2": ("UN Network on Migration and Global Compact support (post 2 of 2)", None),
}


def test_new_posts_of_the_review(record):
    """Which positions does the review add? Three Directors (Global Data Institute, Peace and
    Development Coordination, Strategic Planning and Organizational Performance) and two
    posts for the UN Network on Migration and the Global Compact (scpf28 para. 34)."""
    diff = plan_preview(record, PLAN)["diff"]
    created = {
        c["params"]["post"]: (c["params"]["title"], c["params"].get("unit"))
        for c in diff
        if c["op"] == "create-post"
    }
    assert created == NEW_POSTS
    for post in NEW_POSTS:
        first = unit_history(record, post)["versions"][0]
        assert first["since"] == "2021-Q4/2022"
        assert ("scpf28", "34") in {(s["source"], s["passage"]) for s in first["sources"]}


def test_new_directors_head_their_units(chart):
    """Who heads the new units? Their Directors (scpf28 para. 34; headship inferred)."""
    after = chart(AFTER_REVIEW)
    assert {u: after[u]["head"] for u in ("gdi", "dpdc", "dspop")} == {
        "gdi": "gdi-director",
        "dpdc": "dpdc-director",
        "dspop": "dspop-director",
    }


# ------------------------------------------------------------------ the plan

def test_plan_phases_and_dates(record):
    """When does the review take effect? Adjustments begin in the last quarter of 2021, with
    the new Deputy Directors General, and are complete in 2022 (scpf28 para. 38): no change
    has a day of its own, so each falls some time in that window."""
    plan = record.plans[PLAN]
    assert (str(plan.status), str(plan.effective)) == ("enacted", "2021-Q4/2022")
    phases = [(p.id, str(p.effective)) for p in plan.phases]
    assert phases == [("begin", "2021-Q4/2022"), ("full", "2022")]
    story = plan_narrative(record, PLAN)
    assert [p.rsplit(": ", 1)[1] for p in story["phases"]] == ["between Q4 2021 and 2022", "2022"]
    assert {str(c.date) for c in plan.changes} == {"2021-Q4/2022"}


def test_plan_previews_and_validates_cleanly(record):
    """Does the review apply to the record without a problem? Every change applies and it
    brings no new error (scpf28 paras. 10-34)."""
    preview = plan_preview(record, PLAN)
    assert preview["ok"] and preview["problems"] == []
    assert preview["date"] == "2022-12-31"
    validation = plan_validation(record, PLAN)
    assert validation["ok"] and validation["new_errors"] == 0


def test_every_plan_change_cites_the_paper(record):
    """Is every operation of the review cited to a paragraph of the paper? (scpf28)"""
    for change in record.plans[PLAN].changes:
        passages = {c.passage for c in change.cites if c.source == "scpf28"}
        assert passages and all(p.isdigit() and 11 <= int(p) <= 34 for p in passages), change.id


def test_what_the_review_changed(record):
    """What did the review change between September 2021 and the end of 2022? No merge (the
    Protection Division and the Department of Policy and Research are new units; what they
    gather goes on, scpf28 paras. 26-27), two replacements (Executive Office, Gender and
    Diversity Unit), three divisions or offices made departments, and the renames of paras.
    21, 22, 30 and 31."""
    diff = diff_dates(record, BEFORE_REVIEW, "2022-12-31")
    summary = diff["summary"]
    assert (summary["merges"], summary["replacements"], summary["units_reclassified"]) == (0, 2, 3)
    texts = [c["text"] for c in diff["changes"]]
    assert (
        "The Department of International Cooperation and Partnerships is renamed the "
        "Department of External Relations." in texts
    )
    assert (
        "The Department of Migration Management is renamed the Department of Programme "
        "Support and Migration Management." in texts
    )


HIGHLIGHTS = [
    ("two new departments (paras. 11-12)",
     "The Department of Strategic Planning and Organizational Performance is established"),
    ("two new departments (para. 14)",
     "The Department of Peace and Development Coordination is established"),
    ("Executive Office (para. 17)",
     "The Office of the Director General is replaced by the new Executive Office"),
    ("External Relations (para. 21)",
     "The Department of International Cooperation and Partnerships is renamed the "
     "Department of External Relations"),
    ("DDG for Operations' departments (para. 22)",
     "The Department of Operations and Emergencies is placed under the oversight of the "
     "Deputy Director General for Operations"),
    ("DDG for Operations' departments (para. 22)",
     "The Department of Programme Support and Migration Management is placed under the "
     "oversight of the Deputy Director General for Operations"),
    ("Protection Division (para. 26)", "The Protection Division is established"),
    ("Department of Policy and Research (para. 27)",
     "The Department of Policy and Research is established"),
    ("Global Data Institute (para. 28)", "The Global Data Institute is established"),
    ("DDG for Management and Reform's departments (para. 30)",
     "The Department of Financial and Administrative Management is placed under the "
     "oversight of the Deputy Director General for Management and Reform"),
    ("DDG for Management and Reform's departments (para. 31)",
     "The Department of Human Resources Management is placed under the oversight of the "
     "Deputy Director General for Management and Reform"),
    ("DDG for Management and Reform's departments (para. 31)",
     "The Department of Information and Communications Technology is placed under the "
     "oversight of the Deputy Director General for Management and Reform"),
    ("DDG for Management and Reform's departments (para. 31)",
     "The Department of Legal Affairs is placed under the oversight of the Deputy Director "
     "General for Management and Reform"),
    ("Gender and Diversity Unit (para. 32)",
     "The Gender Coordination Unit is replaced by the new Gender and Diversity Unit"),
]


def test_narration_follows_the_highlights(record):
    """Does the narration of the review tell the paper's Highlights in the paper's order?
    (scpf28 paras. 10-33)"""
    story = plan_narrative(record, PLAN)
    sentences = [s for section in story["sections"] for s in section["sentences"]]
    positions = []
    for label, words in HIGHLIGHTS:
        found = [i for i, sentence in enumerate(sentences) if words in sentence]
        assert found, f"the narration does not tell {label}: {words!r}"
        positions.append(found[0])
    labels = [label for label, _ in HIGHLIGHTS]
    assert positions == sorted(positions), list(zip(labels, positions, strict=True))
    assert not [s for s in sentences if "is left out" in s]
    # The description sums the plan up in the same order, from the leadership it serves to
    # the timeline of para. 38.
    description = story["description"]
    order = [
        "Resolution No. 1385",
        "Strategic Planning and Organizational Performance",
        "Peace and Development Coordination",
        "takes the place of the Office of the Director General",
        "External Relations",
        "Protection Division",
        "Policy and Research",
        "Global Data Institute",
        "Financial and Administrative Management",
        "Gender and Diversity Unit",
        "last quarter of 2021",
    ]
    assert [description.index(w) for w in order] == sorted(description.index(w) for w in order)
    assert story["text"].startswith("# IOM Headquarters Organizational Review (2021)")


# ------------------------------------------------------------------ claims and sources

def claims_about(record, subject: str, field: str) -> set[tuple[str, str, str, str]]:
    return {
        (c.value, c.citation.source, c.citation.passage, str(c.basis))
        for c in record.claims
        if c.subject == subject and c.field == field
    }


def test_policy_hub_disagreement(record):
    """When was the Policy Hub established? The 2021 paper says 2018 (scpf28 para. 27); the
    2018 report says it will be developed in 2019 (C/109 report, what 2019 will bring). Both
    are kept, each with its source."""
    assert claims_about(record, "policy-hub", "established") == {
        ("2018", "scpf28", "27", "stated"),
        ("2019", "c109-report", "what-2019-will-bring", "stated"),
    }
    assert str(record.sources["c109-report"].date) == "2018-07/2018-12"
    assert str(record.sources["scpf28"].date) == "2021-05/2021-09"
    created = next(c for c in record.timeline if c.id == "create-policy-hub")
    assert str(created.date) == "2018/2019"


def test_one_division_two_names(record):
    """What is the emergency division called? "Emergency Preparedness and Response" in
    scpf28 para. 23, "Preparedness and Response" in para. 28: both names are kept."""
    assert claims_about(record, "preparedness-response", "name") == {
        ("Emergency Preparedness and Response Division", "scpf28", "23", "stated"),
        ("Preparedness and Response Division", "scpf28", "28", "stated"),
    }


def test_implied_placements_are_claims(record):
    """Which placements does the paper only imply by its headings? The Department of Policy
    and Research and the Global Data Institute under the Deputy Director General for
    Operations (scpf28 paras. 27 and 28)."""
    for subject, passage in (("dpr", "27"), ("gdi", "28")):
        expected = {("ddg-op", "scpf28", passage, "inferred")}
        assert claims_about(record, subject, "parent") == expected


SOURCES = [
    q("What is the symbol and date of the note verbale calling for nominations? "
      "(EO/821/2023)", "ev-821", "EO/821/2023", "2023-09-28"),
    q("When was Council Resolution No. 1385 adopted? (scpf28 para. 7)",
      "res-1385", "Council Resolution No. 1385", "2020-10-28"),
    q("What document holds the terms of reference of the two posts, and of when? "
      "(EO/821/2023, covering note)", "c-sp-4-4", "C/Sp/4/4", "2020-10-12"),
    q("When was Council Resolution No. 1309 adopted? (C/109 report, introduction)",
      "res-1309", "Council Resolution No. 1309", "2015-11-24"),
    q("Which General Assembly resolution doubled the contribution to the Sustainable "
      "Development Group, and when? (C/109 report, Programme and Budget for 2019)",
      "ga-res-72-279", "72/279", "2018-05-31"),
    q("When is the Department of Resources Management description dated? (drm2016, foot)",
      "drm2016", "", "2016-11"),
    q("When was the report to the 109th Council session given? In the second half of 2018: "
      "after the first half's Compact negotiations, before its adoption (C/109 report, "
      "working with States and introduction)", "c109-report", "", "2018-07/2018-12"),
]


@pytest.mark.parametrize(("source", "symbol", "date"), SOURCES)
def test_source_symbol_and_date(record, source, symbol, date):
    found = record.sources[source]
    assert (found.symbol, str(found.date)) == (symbol, date)


def test_the_review_paper_as_a_source(record):
    """Which body and session was the review paper for? The Standing Committee on Programmes
    and Finance, twenty-eighth session (scpf28, title page); it cites C/Sp/4/4, C/Sp/5/3 and
    Resolution No. 1385 (paras. 1 and 7)."""
    paper = record.sources["scpf28"]
    assert (paper.body, paper.session) == (
        "Standing Committee on Programmes and Finance",
        "Twenty-eighth Session",
    )
    assert {"c-sp-4-4", "c-sp-5-3", "res-1385", "mopan-2019"} <= set(paper.cites)
    assert record.sources["c109-report"].session == "109th Session"


# ------------------------------------------------------------------ the command line

def test_validate_exits_0(capsys):
    """Does ``organogram validate data/iom`` pass? It exits 0 with no error."""
    assert main(["validate", str(DATASET)]) == 0
    out = capsys.readouterr().out
    assert " 0 error(s)" in out


# ------------------------------------------------------------------ posts and terms of reference


def test_terms_of_reference_of_the_ddg_for_management_and_reform(record):
    """What are the terms of reference of the Deputy Director General for Management and
    Reform? Those of Annex II of C/Sp/4/4, enclosed with EO/821/2023: nine duties, English
    required, a Master's degree, 20 years of experience; values and competencies at level 3
    shared with the other Deputy."""
    from organogram.queries.posts import post_detail

    d = post_detail(record, "ddg-mr", "2024")
    terms = d["terms"]
    assert terms["id"] == "ddg-mr-c-sp-4-4" and len(terms["duties"]) == 9
    assert all(i["cite"] == "ev-821:annex-2.II" for i in terms["duties"])
    english, other = terms["languages"]
    assert (english["language"], english["cite"]) == ("English", "ev-821:annex-2.IV")
    assert "level" not in english  # required: the default, not written
    assert other["level"] == "desirable"
    assert "20 years" in terms["experience"][0]["text"]
    levels = {c["level"] for c in d["description"]["core_competencies"]}
    assert levels == {"3"} and len(d["description"]["managerial_competencies"]) == 5
    assert [(a["person"], a["kind"]) for a in d["assignments"]] == [
        (None, "regular"),
        ("vojackova-sollorano", "ad-interim"),
    ]


def test_the_dfam_director_post_is_retitled_with_the_department(record):
    """After the 2021 review renamed the Department of Resources Management (scpf28 para.
    30), its Director's post bears the new name."""
    from organogram.queries.posts import post_detail

    assert post_detail(record, "dfam-director", "2020")["title"].endswith("Resources Management")
    assert post_detail(record, "dfam-director", "2022")["title"] == (
        "Director of the Department of Financial and Administrative Management"
    )
