"""Questions a reader of the five IOM documents can ask, answered from data/iom.

Each case is one question, with the passage that answers it in its id: ``scpf28:N`` is
paragraph N of the 2021 review paper, ``drm2016:SECTION`` the November 2016 description
of the Department of Resources Management, ``c109:SECTION`` the Director General's report
to the 109th Council session (2018; its paragraphs are not numbered), ``portfolio:SECTION``
the undated portfolio of the Deputy Director General for Management and Reform, and
``ev-821:SECTION`` the note verbale of 28 September 2023. Every answer goes through the
query functions the command line uses (``structure_at``, ``diff_dates``,
``unit_history``, ``posts_at``, ``post_detail``, the plan queries) and is exact: in force,
possibly in force or not in force; a placement or "not recorded"; a holder, a holder not
named, or none; a name at a date; a lineage.

What the documents do not say stays unsaid: a unit first *shown* in a document is in place
by its date, since when not recorded; a placement no document gives is unknown; an
incumbent the text implies is a holder not named, never a vacancy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.core.certainty import CERTAIN, NOT_IN_FORCE, POSSIBLE
from organogram.formats import load_dataset
from organogram.queries.diff import diff_dates
from organogram.queries.history import unit_history
from organogram.queries.plans import plan_narrative, plan_preview
from organogram.queries.posts import assignments, post_detail, posts_at
from organogram.queries.structure import structure_at

DATASET = Path(__file__).resolve().parents[2] / "data" / "iom"
PLAN = "hq-review-2021"

IN, MAYBE, NOT = CERTAIN, POSSIBLE, NOT_IN_FORCE


@pytest.fixture(scope="module")
def record():
    return load_dataset(DATASET)


@pytest.fixture(scope="module")
def at(record):
    """``at(date)``: the structure of that day, with nodes by id (from ``structure_at``)."""
    cache: dict[str, dict] = {}

    def structure(date: str) -> dict:
        if date not in cache:
            data = structure_at(record, date)
            data["by_id"] = {n["id"]: n for n in data["nodes"]}
            data["still"] = {n["id"] for n in data["possibly_still"]}
            cache[date] = data
        return cache[date]

    return structure


def status(data: dict, node: str) -> str:
    """In force, possibly in force or not in force, as the structure of the day says."""
    if node in data["by_id"]:
        return data["by_id"][node]["status"]
    return MAYBE if node in data["still"] else NOT


def q(question: str, *values):
    return pytest.param(*values, id=question)


# ------------------------------------------------------------------ in force at a date

STATUS = [
    # before and around 2009
    q("MECC Division at 2008-12-31? created since 2009 [scpf28:6]", "mecc", "2008-12-31", NOT),
    q(
        "MECC Division at 2010-06-30? between 2009 and 2018 [scpf28:6; c109:longer-term-responses]",
        "mecc",
        "2010-06-30",
        MAYBE,
    ),
    q(
        "RBM Unit at 2010-06-30? since 2009, in place by 2021 [scpf28:6, 13]",
        "rbm",
        "2010-06-30",
        MAYBE,
    ),
    q("Policy Hub at 2010-06-30? established 2018 [scpf28:27]", "policy-hub", "2010-06-30", NOT),
    q("DOE at 2009-12-31? the 2009 architecture [scpf28:4]", "doe", "2009-12-31", IN),
    q(
        "DTM at 2013-06-30? shown 2018, grew over the decade [scpf28:28; c109:informing-debate]",
        "dtm",
        "2013-06-30",
        MAYBE,
    ),
    q(
        "Director General post at 2008-06-30? in place by 2009 [scpf28:4]",
        "dg",
        "2008-06-30",
        MAYBE,
    ),
    # 2016
    q("HRM Division at 2016-11-30? [drm2016:composition]", "dhrm", "2016-11-30", IN),
    q("ICT Division at 2016-11-30? [drm2016:composition]", "dict", "2016-11-30", IN),
    q(
        "Accounting Division at 2016-11-30? [drm2016:composition]",
        "finance-accounting",
        "2016-11-30",
        IN,
    ),
    q("Budget Division at 2016-11-30? [drm2016:composition]", "budget", "2016-11-30", IN),
    q("Treasury Division at 2016-11-30? [drm2016:composition]", "treasury", "2016-11-30", IN),
    q(
        "Common Services Unit at 2016-11-30? [drm2016:composition]",
        "common-services",
        "2016-11-30",
        IN,
    ),
    q(
        "Staff Travel Coordination Unit at 2016-11-30? [drm2016:composition]",
        "staff-travel",
        "2016-11-30",
        IN,
    ),
    q(
        "HR units in 2014? in place by Nov 2016, since when not stated [drm2016:hrm]",
        "hr-policy-advisory",
        "2014-06-30",
        MAYBE,
    ),
    q(
        "Supply Chain Division at 2016-11-30? closed list [drm2016:composition]",
        "supply-chain",
        "2016-11-30",
        NOT,
    ),
    q(
        "Emergency Support Unit at 2016-11-30? closed list [drm2016:composition]",
        "emergency-support",
        "2016-11-30",
        NOT,
    ),
    q(
        "Supply Chain Division at 2019-06-30? between Dec 2016 and the portfolio "
        "[drm2016:composition; portfolio:supply-chain]",
        "supply-chain",
        "2019-06-30",
        MAYBE,
    ),
    q(
        "Office of Legal Affairs at 2016-11-30? named [drm2016:hr-policy-advisory]",
        "dla",
        "2016-11-30",
        IN,
    ),
    q(
        "Ethics and Conduct Office at 2016-11-30? named [drm2016:hr-policy-advisory]",
        "ethics",
        "2016-11-30",
        IN,
    ),
    q("Manila Administrative Centre at 2016-11-30? [drm2016:hrm]", "manila-ac", "2016-11-30", IN),
    q(
        "Manila Administrative Centre at 2015-06-30? since when not stated [drm2016:hrm]",
        "manila-ac",
        "2015-06-30",
        MAYBE,
    ),
    q("DICP at 2016-12-31? the 2009 architecture [scpf28:4, 21]", "der", "2016-12-31", IN),
    q(
        "Gender Coordination Unit at 2016-12-31? existing in 2021 [scpf28:32]",
        "gender-coordination",
        "2016-12-31",
        MAYBE,
    ),
    q(
        "Migration Research Division at 2016-12-31? existing in 2021 [scpf28:27]",
        "migration-research",
        "2016-12-31",
        MAYBE,
    ),
    q("DSPOP at 2016-12-31? created by the review [scpf28:11-12]", "dspop", "2016-12-31", NOT),
    q(
        "Single DDG at 2016-12-31? first shown 2018 [c109:what-2019-will-bring]",
        "ddg",
        "2016-12-31",
        MAYBE,
    ),
    q(
        "CRO at 2018-12-31? shown Nov 2016, later not recorded [drm2016:cro]",
        "cro",
        "2018-12-31",
        MAYBE,
    ),
    # 2018
    q("OIG at 2018-12-31? [c109:what-2019-will-bring]", "oig", "2018-12-31", IN),
    q("GMDAC at 2018-12-31? [c109:informing-debate]", "gmdac", "2018-12-31", IN),
    q("IOM Development Fund at 2018-12-31? [c109:working-with-states]", "idf", "2018-12-31", IN),
    q("MECC Division at 2018-12-31? [c109:longer-term-responses]", "mecc", "2018-12-31", IN),
    q("MECC Division at 2018-06-30? between 2009 and 2018 [scpf28:6]", "mecc", "2018-06-30", MAYBE),
    q(
        "Policy Hub at 2018-12-31? 2018 vs 2019 [scpf28:27; c109:what-2019-will-bring]",
        "policy-hub",
        "2018-12-31",
        MAYBE,
    ),
    q(
        "Policy Hub at 2017-12-31? [scpf28:27; c109:what-2019-will-bring]",
        "policy-hub",
        "2017-12-31",
        NOT,
    ),
    q(
        "UNNM Secretariat at 2018-12-31? taken on in 2019 [c109:what-2019-will-bring]",
        "unnm-secretariat",
        "2018-12-31",
        NOT,
    ),
    q("DTM at 2018-12-31? [c109:longer-term-responses]", "dtm", "2018-12-31", IN),
    q(
        "Single DDG at 2018-12-31? 'under the aegis' [c109:what-2019-will-bring]",
        "ddg",
        "2018-12-31",
        IN,
    ),
    # 2019
    q(
        "Transition and Recovery Division at 2019-06-30? in place by 2021 [scpf28:15]",
        "transition-recovery",
        "2019-06-30",
        MAYBE,
    ),
    q("RBM Unit at 2019-06-30? [scpf28:6, 13]", "rbm", "2019-06-30", MAYBE),
    q(
        "Resettlement and Movement Management Division at 2019-06-30? [scpf28:23]",
        "resettlement-movement",
        "2019-06-30",
        MAYBE,
    ),
    q(
        "Preparedness and Response Division at 2019-06-30? [scpf28:23, 28]",
        "preparedness-response",
        "2019-06-30",
        IN,
    ),
    q(
        "Policy Hub at 2019-06-30? [scpf28:27; c109:what-2019-will-bring]",
        "policy-hub",
        "2019-06-30",
        MAYBE,
    ),
    q(
        "Policy Hub at 2019-12-31? latest bound 2019 [c109:what-2019-will-bring]",
        "policy-hub",
        "2019-12-31",
        IN,
    ),
    q(
        "DDG for Operations at 2019-06-30? Res. 1385 of Oct 2020 [scpf28:7]",
        "ddg-op",
        "2019-06-30",
        NOT,
    ),
    q(
        "UNNM Secretariat at 2019-06-30? between 2019 and the paper [c109; scpf28:18]",
        "unnm-secretariat",
        "2019-06-30",
        MAYBE,
    ),
    q(
        "Media and Communications at 2019-06-30? shown 2021 [scpf28:18]",
        "media-comms",
        "2019-06-30",
        MAYBE,
    ),
    q("New York office at 2019-06-30? shown 2021 [scpf28:18]", "ny-office", "2019-06-30", MAYBE),
    q(
        "Global Data Institute at 2019-06-30? created by the review [scpf28:28]",
        "gdi",
        "2019-06-30",
        NOT,
    ),
    q("Office of the DG at 2019-06-30? [scpf28:9, 17]", "odg", "2019-06-30", IN),
    # 2020
    q("DDG for Management and Reform at 2020-06-30? [scpf28:7]", "ddg-mr", "2020-06-30", NOT),
    q(
        "DDG for Management and Reform at 2020-11-30? [scpf28:7; ev-821:note]",
        "ddg-mr",
        "2020-11-30",
        IN,
    ),
    q(
        "Three teams of DSPOP at 2020-06-30? existing in 2021 [scpf28:12-13]",
        "risk-management",
        "2020-06-30",
        MAYBE,
    ),
    q("GMDAC at 2020-06-30? [c109:informing-debate]", "gmdac", "2020-06-30", IN),
    q(
        "Ethics and Conduct Office at 2020-06-30? [drm2016:hr-policy-advisory]",
        "ethics",
        "2020-06-30",
        IN,
    ),
    q(
        "Staff security office at 2020-06-30? existing function in 2021 [scpf28:32]",
        "oss",
        "2020-06-30",
        MAYBE,
    ),
    # 2021
    q("Single DDG at 2021-03-31? 'the incumbent' [scpf28:9]", "ddg", "2021-03-31", IN),
    q("Single DDG at 2021-12-31? no document ends it [scpf28:9]", "ddg", "2021-12-31", MAYBE),
    q(
        "Transition and Recovery Division at 2021-09-30? [scpf28:15]",
        "transition-recovery",
        "2021-09-30",
        IN,
    ),
    q(
        "Gender Coordination Unit at 2021-09-30? [scpf28:32]",
        "gender-coordination",
        "2021-09-30",
        IN,
    ),
    q(
        "Executive Office at 2021-11-15? the review's window [scpf28:17, 38]",
        "eo",
        "2021-11-15",
        MAYBE,
    ),
    q("Executive Office at 2021-09-30? [scpf28:17, 38]", "eo", "2021-09-30", NOT),
    # after the review
    q("Executive Office at 2022-12-31? [scpf28:17, 38]", "eo", "2022-12-31", IN),
    q("Office of the DG at 2022-12-31? replaced [scpf28:17]", "odg", "2022-12-31", NOT),
    q(
        "Migration Research Division at 2022-12-31? brought together, not ended [scpf28:27]",
        "migration-research",
        "2022-12-31",
        IN,
    ),
    q("Policy Hub at 2022-12-31? repurposed [scpf28:27]", "policy-hub", "2022-12-31", IN),
    q(
        "Gender Coordination Unit at 2022-12-31? replaced [scpf28:32]",
        "gender-coordination",
        "2022-12-31",
        NOT,
    ),
    q(
        "Gender and Diversity Unit at 2022-12-31? [scpf28:32; portfolio:intro]",
        "gender-diversity",
        "2022-12-31",
        IN,
    ),
    q("CRO at 2022-12-31? later not recorded [drm2016:cro]", "cro", "2022-12-31", MAYBE),
    q(
        "PSEA/SH Unit at 2016-01-01? existence before the portfolio not recorded "
        "[portfolio:psea-sh]",
        "psea-sh",
        "2016-01-01",
        MAYBE,
    ),
    q(
        "Innovation and Knowledge Management Unit at 2022-12-31? [scpf28:27]",
        "innovation-km",
        "2022-12-31",
        IN,
    ),
]


@pytest.mark.parametrize(("node", "date", "expected"), STATUS)
def test_in_force_at_a_date(at, node, date, expected):
    assert status(at(date), node) == expected


# ------------------------------------------------------------------ placement at a date

UNKNOWN = "not recorded"

PLACEMENT = [
    q(
        "Where did the Office of Legal Affairs sit in 2016? not stated [drm2016; scpf28:31]",
        "dla",
        "2016-11-30",
        UNKNOWN,
    ),
    q(
        "Where did the Ethics and Conduct Office sit in 2016? [drm2016:hr-policy-advisory]",
        "ethics",
        "2016-11-30",
        UNKNOWN,
    ),
    q(
        "Where did the Manila Administrative Centre sit in 2016? [drm2016:hrm]",
        "manila-ac",
        "2016-11-30",
        UNKNOWN,
    ),
    q(
        "Where did the DRM sit in 2016? 'assists' the DG is not oversight [drm2016:mandate]",
        "dfam",
        "2016-11-30",
        UNKNOWN,
    ),
    q(
        "Where did DICP sit in 2016? 'will remain' under the DG [scpf28:21]",
        "der",
        "2016-12-31",
        "dg",
    ),
    q("Where was the HRM Division in 2016? [drm2016:composition]", "dhrm", "2016-11-30", "dfam"),
    q(
        "Where was the Occupational Health Unit in 2016? read from the order "
        "[drm2016:occupational-health]",
        "occupational-health",
        "2016-11-30",
        "dhrm",
    ),
    q(
        "Where was the Panama team in 2016? [drm2016:hr-policy-advisory]",
        "hr-panama",
        "2016-11-30",
        "hr-policy-advisory",
    ),
    q(
        "Where was the single DDG in 2018? to whom it reported is not stated "
        "[c109:what-2019-will-bring]",
        "ddg",
        "2018-12-31",
        UNKNOWN,
    ),
    q("Where was the OIG in 2018? [c109:what-2019-will-bring]", "oig", "2018-12-31", UNKNOWN),
    q("Where was GMDAC in 2018? [c109:informing-debate]", "gmdac", "2018-12-31", UNKNOWN),
    q(
        "Where was the IOM Development Fund in 2018? [c109:working-with-states]",
        "idf",
        "2018-12-31",
        UNKNOWN,
    ),
    q(
        "Where was the MECC Division in 2018? [c109:longer-term-responses]",
        "mecc",
        "2018-12-31",
        UNKNOWN,
    ),
    q(
        "Where was the DTM in 2018? 'belonged to' PRD [scpf28:28]",
        "dtm",
        "2018-12-31",
        "preparedness-response",
    ),
    q(
        "Where was PRD in 2019? DOE 'will retain' it [scpf28:23]",
        "preparedness-response",
        "2019-06-30",
        "doe",
    ),
    q(
        "Where was Resettlement and Movement Management in 2019? [scpf28:23]",
        "resettlement-movement",
        "2019-06-30",
        "doe",
    ),
    q(
        "Where did DOE sit in 2019? only its new placement is given [scpf28:22]",
        "doe",
        "2019-06-30",
        UNKNOWN,
    ),
    q(
        "Where did the Department of Migration Management sit in 2019? [scpf28:22]",
        "dpsmm",
        "2019-06-30",
        UNKNOWN,
    ),
    q(
        "Where did the Office of the DG sit in 2019? read from its name [scpf28:9, 17]",
        "odg",
        "2019-06-30",
        "dg",
    ),
    q(
        "To whom did Media and Communications report in 2021? [scpf28:18]",
        "media-comms",
        "2021-09-30",
        "dg",
    ),
    q(
        "To whom did the UNNM Secretariat report in 2021? [scpf28:18]",
        "unnm-secretariat",
        "2021-09-30",
        "dg",
    ),
    q(
        "To whom did the Special Envoys report in 2021? [scpf28:18]",
        "special-envoys",
        "2021-09-30",
        "dg",
    ),
    q(
        "Where was the Transition and Recovery Division in 2021? [scpf28:15]",
        "transition-recovery",
        "2021-09-30",
        UNKNOWN,
    ),
    q(
        "Where was the Gender Coordination Unit in 2021? [scpf28:32]",
        "gender-coordination",
        "2021-09-30",
        UNKNOWN,
    ),
    q(
        "To whom does the DDG for Operations report in 2020? [ev-821:annex-1.II]",
        "ddg-op",
        "2020-11-30",
        "dg",
    ),
    q("Under whom is DSPOP after the review? [scpf28:12]", "dspop", "2022-12-31", "dg"),
    q("Under whom is DER after the review? 'remain' [scpf28:21]", "der", "2022-12-31", "dg"),
    q("Under whom is DPDC after the review? [scpf28:14]", "dpdc", "2022-12-31", "ddg-op"),
    q(
        "Under whom is DPR after the review? section heading only [scpf28:27]",
        "dpr",
        "2022-12-31",
        "ddg-op",
    ),
    q("Where is the Policy Hub after the review? [scpf28:27]", "policy-hub", "2022-12-31", "dpr"),
    q(
        "Where is the Innovation and Knowledge Management Unit? [scpf28:27]",
        "innovation-km",
        "2022-12-31",
        "dpr",
    ),
    q("Where is the DTM after the review? [scpf28:28]", "dtm", "2022-12-31", "gdi"),
    q("Where is GMDAC after the review? [scpf28:28]", "gmdac", "2022-12-31", "gdi"),
    q(
        "Under whom is the IOM Development Fund after the review? [scpf28:29]",
        "idf",
        "2022-12-31",
        "ddg-op",
    ),
    q(
        "Where is the Protection Division? 'within the department' [scpf28:25-26]",
        "protection",
        "2022-12-31",
        "dpsmm",
    ),
    q(
        "Under whom is DFAM after the review? [scpf28:30; portfolio:intro]",
        "dfam",
        "2022-12-31",
        "ddg-mr",
    ),
    q(
        "Where is the Supply Chain Division? [portfolio:supply-chain]",
        "supply-chain",
        "2022-12-31",
        "dfam",
    ),
    q(
        "Where is the Transition and Recovery Division after the review? [scpf28:15]",
        "transition-recovery",
        "2022-12-31",
        "dpdc",
    ),
    q(
        "Where is the PSEA/SH Unit after the review? [portfolio:intro]",
        "psea-sh",
        "2022-12-31",
        "ddg-mr",
    ),
    q(
        "Where is the IATI team? [portfolio:finance-accounting]",
        "iati-team",
        "2022-12-31",
        "finance-accounting",
    ),
]


@pytest.mark.parametrize(("node", "date", "parent"), PLACEMENT)
def test_placement_at_a_date(at, node, date, parent):
    data = at(date)
    node_data = data["by_id"][node]
    if parent == UNKNOWN:
        assert (node_data["parent"], node_data["placement"]) == (None, "unknown")
        assert node in data["unplaced"]
    else:
        assert (node_data["parent"], node_data["placement"]) == (parent, "recorded")


def test_nothing_is_placed_under_the_director_general_without_a_source(at):
    """Which units sit directly under the Director General in 2019? Only the Office of the
    Director General (by its name), DICP ("remain", scpf28:21) and the functions shown
    reporting to the DG in 2021 (scpf28:18), those possibly."""
    under = {n["id"]: n["status"] for n in at("2019-06-30")["nodes"] if n["parent"] == "dg"}
    assert under == {
        "odg": IN,
        "der": IN,
        "media-comms": MAYBE,
        "ny-office": MAYBE,
        "special-envoys": MAYBE,
        "unnm-secretariat": MAYBE,
    }


# ------------------------------------------------------------------ names and kinds at a date

NAMES = [
    q(
        "DFAM's name in Nov 2016 [drm2016; scpf28:30]",
        "dfam",
        "2016-11-30",
        "Department of Resources Management",
        "department",
    ),
    q(
        "DFAM's name after the review [scpf28:30]",
        "dfam",
        "2022-12-31",
        "Department of Financial and Administrative Management",
        "department",
    ),
    q(
        "Legal Affairs in 2016 [drm2016:hr-policy-advisory; scpf28:31]",
        "dla",
        "2016-11-30",
        "Office of Legal Affairs",
        "office",
    ),
    q(
        "Legal Affairs after the review [scpf28:31; portfolio:dla]",
        "dla",
        "2022-12-31",
        "Department of Legal Affairs",
        "department",
    ),
    q(
        "Ethics office in 2016 [drm2016:hr-policy-advisory]",
        "ethics",
        "2016-11-30",
        "Ethics and Conduct Office",
        "office",
    ),
    q(
        "Ethics office in the portfolio [portfolio:ethics]",
        "ethics",
        "2022-12-31",
        "Office of Ethics and Conduct",
        "office",
    ),
    q(
        "Accounting Division in 2016 [drm2016:accounting]",
        "finance-accounting",
        "2016-11-30",
        "Accounting Division",
        "division",
    ),
    q(
        "Finance and Accounting Division in the portfolio [portfolio:finance-accounting]",
        "finance-accounting",
        "2022-12-31",
        "Finance and Accounting Division",
        "division",
    ),
    q(
        "Human Resources Management in 2016: a division [drm2016:composition; scpf28:31]",
        "dhrm",
        "2016-11-30",
        "Human Resources Management Division",
        "division",
    ),
    q(
        "Human Resources Management in 2021: still a division [scpf28:31 'currently']",
        "dhrm",
        "2021-09-30",
        "Human Resources Management Division",
        "division",
    ),
    q(
        "Human Resources Management after the review [scpf28:31]",
        "dhrm",
        "2022-12-31",
        "Department of Human Resources Management",
        "department",
    ),
    q(
        "ICT after the review [scpf28:31]",
        "dict",
        "2022-12-31",
        "Department of Information and Communications Technology",
        "department",
    ),
    q(
        "External Relations in 2021 [scpf28:21]",
        "der",
        "2021-09-30",
        "Department of International Cooperation and Partnerships",
        "department",
    ),
    q(
        "External Relations after the review [scpf28:21]",
        "der",
        "2022-12-31",
        "Department of External Relations",
        "department",
    ),
    q(
        "DPSMM in 2019 [scpf28:22, 25 'currently']",
        "dpsmm",
        "2019-06-30",
        "Department of Migration Management",
        "department",
    ),
    q(
        "DPSMM after the review [scpf28:22]",
        "dpsmm",
        "2022-12-31",
        "Department of Programme Support and Migration Management",
        "department",
    ),
    q(
        "Talent Management Unit in 2016 [drm2016:talent]",
        "talent",
        "2016-11-30",
        "Talent Management Unit",
        "unit",
    ),
    q(
        "Talent unit in the portfolio [portfolio:talent]",
        "talent",
        "2022-12-31",
        "Integrated Talent Management Unit",
        "unit",
    ),
    q(
        "Migration and Sustainable Development: a unit by name [scpf28:15]",
        "migration-development",
        "2021-09-30",
        "Migration and Sustainable Development Unit",
        "unit",
    ),
]


@pytest.mark.parametrize(("node", "date", "name", "kind"), NAMES)
def test_name_and_kind_at_a_date(at, node, date, name, kind):
    found = at(date)["by_id"][node]
    assert (found["name"], found["kind"]) == (name, kind)


def test_which_divisions_make_up_the_drm_in_2016(at):
    """Which divisions and units make up the DRM in November 2016? Five and two
    [drm2016:composition]; the Chief Risk Officer is in its structure [drm2016:cro]."""
    nodes = at("2016-11-30")["nodes"]
    children = {n["id"]: n["kind"] for n in nodes if n["parent"] == "dfam"}
    assert children == {
        "dhrm": "division",
        "dict": "division",
        "finance-accounting": "division",
        "budget": "division",
        "treasury": "division",
        "common-services": "unit",
        "staff-travel": "unit",
    }
    assert all(n["status"] == IN for n in nodes if n["id"] in children)


def test_which_units_the_new_departments_gather(at):
    """Which units do DSPOP, DPDC and DPR hold after the review? [scpf28:12-15, 27]"""
    nodes = at("2022-12-31")["nodes"]

    def kids(parent):
        return {n["id"] for n in nodes if n["parent"] == parent}

    assert kids("dspop") == {"rbm", "risk-management", "monitoring-evaluation",
                             "operational-compliance"}  # fmt: skip
    assert kids("dpdc") == {"transition-recovery", "mecc", "migration-development"}
    assert kids("dpr") == {"policy-hub", "migration-research", "migration-law", "innovation-km"}
    assert kids("gdi") == {"dtm", "gmdac"}
    assert kids("doe") == {"preparedness-response", "resettlement-movement"}


# ------------------------------------------------------------------ holders

HOLDERS = [
    q(
        "DG at 2018-12-31: the report's unnamed author [c109:introduction]",
        "dg",
        "2018-12-31",
        [(None, "regular")],
    ),
    q(
        "DG at 2019-06-30: unnamed, not vacant [c109:introduction]",
        "dg",
        "2019-06-30",
        [(None, "regular")],
    ),
    q(
        "DG at 2021-03-31: unnamed, initiated the review [scpf28:7]",
        "dg",
        "2021-03-31",
        [(None, "regular")],
    ),
    q(
        "Single DDG at 2018-12-31: unnamed [c109:what-2019-will-bring]",
        "ddg",
        "2018-12-31",
        [(None, "regular")],
    ),
    q(
        "Single DDG at 2021-03-31: 'the incumbent' [scpf28:9]",
        "ddg",
        "2021-03-31",
        [(None, "regular")],
    ),
    q(
        "DDG-OP at 2021-06-30: selected, not arrived; no holder [scpf28:1, 38]",
        "ddg-op",
        "2021-06-30",
        [],
    ),
    q(
        "DDG-OP at 2021-12-31: arrived in Q4 2021, unnamed [scpf28:38]",
        "ddg-op",
        "2021-12-31",
        [(None, "regular")],
    ),
    q(
        "DDG-MR at 2023-06-30: unnamed, and Vojackova-Sollorano ad interim possibly "
        "[portfolio:intro; scpf28:38]",
        "ddg-mr",
        "2023-06-30",
        [(None, "regular"), ("vojackova-sollorano", "ad-interim")],
    ),
]


@pytest.mark.parametrize(("post", "date", "holders"), HOLDERS)
def test_holders_at_a_date(at, post, date, holders):
    node = at(date)["by_id"][post]
    assert [(h["person"], h["kind"]) for h in node["holders"]] == holders
    assert node["holding"] == ("held" if holders else "no holder recorded")


def test_no_post_is_vacant_anywhere(record):
    """Does any document say a post was vacant? No: no date shows a vacancy, only holders,
    holders not named, or no holder recorded [all documents]."""
    for date in ("2016-11-30", "2018-12-31", "2019-06-30", "2020-06-30", "2021-06-30",
                 "2022-12-31", "2023-12-31"):  # fmt: skip
        rows = posts_at(record, date)["posts"]
        assert rows and all("holding" in r for r in rows)
        assert not [r["id"] for r in rows if r.get("holding") == "vacant" or r.get("vacant")]


def test_the_ad_interim_is_only_possible(at):
    """Is Irena Vojackova-Sollorano certainly DDG-MR ad interim at any date? No: the
    portfolio is undated [portfolio:intro]."""
    for date in ("2021-12-31", "2023-06-30", "2025-01-01"):
        interim = [h for h in at(date)["by_id"]["ddg-mr"]["holders"] if h["person"]]
        assert [(h["person"], h["certain"]) for h in interim] == [("vojackova-sollorano", False)]


def test_swing_and_his_successor(record):
    """Who held the DG post? Ambassador Swing, at some time before 2018; then the report's
    author, not named, by the 109th session [c109:introduction]."""
    held = [(a["person"], a["name"], a["until"]) for a in assignments(record, "dg")]
    assert held == [
        ("swing", "Ambassador Swing", "../2018"),
        (None, "a holder not named in the sources", None),
    ]


# ------------------------------------------------------------------ posts

POSTS = [
    q(
        "CRO: in the DRM, no grade [drm2016:cro]",
        "cro",
        "2016-11-30",
        "Chief Risk Officer",
        "",
        "dfam",
    ),
    q(
        "OIG positions: Professional, no grade [c109:what-2019-will-bring]",
        "oig-professional-1",
        "2019-06-30",
        "Professional position, Office of the Inspector General (1 of 2)",
        "",
        "oig",
    ),
    q(
        "Director of GDI: no grade [scpf28:34, 36]",
        "gdi-director",
        "2022-12-31",
        "Director of the Global Data Institute",
        "",
        "gdi",
    ),
    q(
        "UN Network post: no grade, no unit [scpf28:34]",
        "unnm-gcm-1",
        "2022-12-31",
        "UN Network on Migration and Global Compact support (post 1 of 2)",
        "",
        None,
    ),
    q(
        "DRM Director retitled with the department [scpf28:30]",
        "dfam-director",
        "2022-12-31",
        "Director of the Department of Financial and Administrative Management",
        "",
        "dfam",
    ),
]


@pytest.mark.parametrize(("post", "date", "title", "grade", "unit"), POSTS)
def test_posts(record, post, date, title, grade, unit):
    d = post_detail(record, post, date)
    assert (d["title"], d.get("grade") or "", (d.get("unit") or {}).get("id")) == (
        title,
        grade,
        unit,
    )


def test_the_cro_is_supervised_not_supervising(record):
    """Who supervises whom? The Chief Risk Officer is under the supervision of the DRM's
    Director and gets its administrative support [drm2016:cro]; told that way round."""
    diff = diff_dates(record, "2008-12-31", "2016-11-30")
    texts = [c["text"] for c in diff["changes"]]
    assert (
        "The Chief Risk Officer comes under the direct supervision of the Director of the "
        "Department of Resources Management." in texts
    )
    assert (
        "The Chief Risk Officer receives administrative support from the Department of "
        "Resources Management." in texts
    )
    assert not [t for t in texts if "under the direct supervision of the Chief Risk" in t]


def test_the_oig_positions_and_why(record):
    """How many positions went to the OIG, of what category, and why? Two Professional
    positions, after the SCPF session [c109:what-2019-will-bring]."""
    created = [
        c for c in record.timeline if c.op == "create-post" and c.params().get("unit") == "oig"
    ]
    assert [(c.params()["category"], str(c.date)) for c in created] == [
        ("Professional", "2018"),
        ("Professional", "2018"),
    ]
    assert all("Standing Committee" in c.reason for c in created)


# ------------------------------------------------------------------ the review, told


def test_the_diff_never_calls_a_first_sighting_established(record):
    """From mid-2020 to the end of 2022, is the RBM Unit "established"? No: it moved into
    DSPOP and was in place by 2021, since when not recorded [scpf28:6, 13]. Only the
    review's new units are established [scpf28:11-28, 32]."""
    diff = diff_dates(record, "2020-06-30", "2022-12-31")
    texts = [c["text"] for c in diff["changes"]]
    established = sorted(t.split(" is established")[0] for t in texts if " is established" in t)
    assert established == sorted(
        [
            "The Department of Strategic Planning and Organizational Performance",
            "The Department of Peace and Development Coordination",
            "The Department of Policy and Research",
            "The Global Data Institute",
            "The Innovation and Knowledge Management Unit",
            "The Protection Division",
        ]
    )
    assert (
        "The Results-Based Management Unit is placed under the oversight of the Department "
        "of Strategic Planning and Organizational Performance; its earlier place is not "
        "recorded." in texts
    )
    confirmed = {c["id"]: c["text"] for c in diff["confirmed"]}
    assert confirmed["rbm"] == (
        "Results-Based Management Unit: came into force some time between 2009 and September 2021"
    )
    assert confirmed["transition-recovery"].endswith("in place by September 2021; since when "
                                                     "is not recorded")  # fmt: skip


def test_the_plan_places_what_had_no_recorded_place(record):
    """How does the plan tell DOE's move? "placed under the DDG for Operations; its earlier
    place is not recorded", never "no longer under the Director General" [scpf28:22]."""
    story = plan_narrative(record, PLAN)
    sentences = [s for section in story["sections"] for s in section["sentences"]]
    assert any(
        s.startswith("The Department of Operations and Emergencies is placed under the "
                     "oversight of the Deputy Director General for Operations; its earlier "
                     "place is not recorded")
        for s in sentences
    )  # fmt: skip
    assert not [s for s in sentences if "no longer under the Director General" in s]


def test_the_review_window_and_process(record):
    """When and how was the review made? Initiated after Res. 1385 (28 Oct 2020), with
    consultations January-May 2021 [scpf28:7, 9], presented to SCPF-28 after May 2021
    [scpf28:1], carried out from Q4 2021 to 2022 [scpf28:38]."""
    plan = record.plans[PLAN]
    events = [(str(e.status), str(e.at)) for e in plan.events]
    assert events == [
        ("draft", "2020-10-28/2021-05"),
        ("proposed", "2021-05/2021"),
        ("enacted", "2021-Q4/2022"),
    ]
    assert "January and May 2021" in plan.events[0].note
    assert plan_preview(record, PLAN)["ok"]


def claims(record, subject, field):
    return {
        (c.value, str(c.citation))
        for c in record.claims
        if (c.subject, c.field) == (subject, field)
    }


FUNDED = ("dspop-director", "dpdc-director", "gdi-director", "unnm-gcm-1", "unnm-gcm-2")


@pytest.mark.parametrize("post", FUNDED)
def test_how_the_new_posts_are_funded(record, post):
    """How is each new post funded? Mostly from existing resources in the short term, maybe
    more in the medium term; no amount given [scpf28:34]."""
    [(value, cite)] = claims(record, post, "funding")
    assert cite == "scpf28:34" and value.startswith("mostly existing available resources")
    assert "amount not given" in value


def test_what_the_review_costs(record):
    """What does the review cost? "limited additional costs", amount not given [scpf28:34];
    any computed figure is illustrative, kept apart [illustrative-costs.yaml]."""
    assert claims(record, "hq-review-2021", "cost") == {
        ("limited additional costs; amount not given", "scpf28:34")
    }
    tables = record.registers["cost_tables"]
    rates = record.registers["exchange_rates"]
    assert all(e.illustrative and e.id.startswith("illustrative-") for e in tables.values())
    assert all(e.illustrative and e.id.startswith("illustrative-") for e in rates.values())


BUDGET = [
    q(
        "2018 original operational budget [c109:what-iom-will-need-to-deliver]",
        "pb-2018-operational",
        "USD",
        "956000000",
        "approved",
    ),
    q(
        "2019 Administrative Part, proposed [c109:what-iom-will-need-to-deliver]",
        "pb-2019-administrative",
        "CHF",
        "52229662",
        "proposed",
    ),
    q(
        "2019 Operational Part [c109:what-iom-will-need-to-deliver]",
        "pb-2019-operational",
        "USD",
        "1000000000",
        "proposed",
    ),
    q(
        "2019 Operation Support Income [c109:what-iom-will-need-to-deliver]",
        "pb-2019-operational-support-income",
        "USD",
        "96000000",
        "proposed",
    ),
]


@pytest.mark.parametrize(("entry", "currency", "amount", "stage"), BUDGET)
def test_budget_figures(record, entry, currency, amount, stage):
    b = record.entry("budgets", entry)
    assert (b.currency, str(b.amount), str(b.stage)) == (currency, amount, stage)
    assert [str(c) for c in b.cite] == ["c109-report:what-iom-will-need-to-deliver"]


SOURCE_DATES = [
    q(
        "When was the review paper written? May-Sept 2021 [scpf28:1, 9, 38]",
        "scpf28",
        "2021-05/2021-09",
    ),
    q(
        "When is the portfolio dated? not before the review [portfolio:intro]",
        "ddg-mr-portfolio",
        "2021-10/..",
    ),
    q("When was C/Sp/5/3 issued? after May 2021 [scpf28:1]", "c-sp-5-3", "2021-05/2021-09"),
    q("When is the DRM description dated? [drm2016, foot]", "drm2016", "2016-11"),
]


@pytest.mark.parametrize(("source", "date"), SOURCE_DATES)
def test_source_dates(record, source, date):
    assert str(record.sources[source].date) == date


def test_the_dtm_decade_is_kept_as_a_claim(record):
    """How old is the DTM? "over the past decade" in 2021, about 2011 [scpf28:28]; the record
    keeps the firmer bounds 2009/2018 and the claim."""
    assert ('about 2011 ("a much larger dimension over the past decade")', "scpf28:28") in claims(
        record, "dtm", "established"
    )
    history = unit_history(record, "dtm")
    assert history["versions"][0]["since"] == "2009/2018"


def test_two_documents_leaving_the_same_thing_open_read_as_one_doubt(at):
    """drm2016:talent and portfolio:talent both leave the Integrated Talent Management
    Unit's name open between December 2016 and 2022: one doubt citing both."""
    doubts = at("2019-06-30")["by_id"]["talent"]["uncertain"]
    spans = [(d["aspect"], d["date"]) for d in doubts]
    assert len(spans) == len(set(spans))
    named = next(d for d in doubts if d["aspect"] == "details")
    assert {"drm2016:talent", "ddg-mr-portfolio:talent"} <= set(named["cites"])
    assert len(named["changes"]) >= 2 and named["words"].count("possibly not yet as shown") == 1
