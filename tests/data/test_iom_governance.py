"""Questions about IOM's governing bodies and the 2023 call for nominations, answered
from data/iom: the 109th session of the Council (the Director General's report of 2018,
Introduction) and the note verbale EO/821/2023 of 28 September 2023."""

from __future__ import annotations

from pathlib import Path

import pytest

from organogram.core.calls import nominations_for, summarize
from organogram.core.governance import MemberStatus
from organogram.core.membership import (
    Standing,
    bureau_at,
    joined_at_session,
    members_at,
    sessions_of,
)
from organogram.core.source_links import source_links
from organogram.formats import load_dataset
from organogram.queries.governance import body_detail

DATASET = Path(__file__).resolve().parents[2] / "data" / "iom"


@pytest.fixture(scope="module")
def record():
    return load_dataset(DATASET)


def test_the_council_bureau_elected_at_the_109th_session(record):
    [session] = [s for s in sessions_of(record, "council") if s.number == 109]
    assert (str(session.start), session.place) == ("2018", "Geneva")
    bureau = {t.officer.role: t.officer.state for t in bureau_at(record, "council", "2018")}
    assert bureau == {
        "Chairperson": "Ethiopia",
        "First Vice-Chairperson": "Denmark",
        "Second Vice-Chairperson": "Philippines",
        "Rapporteur": "Mexico",
    }
    outgoing = record.entry("bureau", "council-chair-before-109")
    assert (outgoing.state, outgoing.role) == ("Chile", "Chairperson")


def test_the_council_bureau_before_and_after_the_109th_session(record):
    # "our sincere appreciation to the outgoing Chairperson, Ambassador Juan Eduardo
    # Eguiguren of Chile" and "the newly elected members of the IOM Council Bureau"
    # (c109-report:introduction); the report names no one else, and gives no days.
    data = body_detail(record, "council", "2018")
    [group] = data["bureau_sessions"]
    assert (group["session"], group["start"]) == ("c-109", "2018")
    assert group["outgoing"] == ["council-chair-before-109"]
    assert group["elected"] == ["c-109-chair", "c-109-vice-1", "c-109-vice-2", "c-109-rapporteur"]
    terms = {t["id"]: t for t in data["bureau"]}
    chile = terms["council-chair-before-109"]
    assert chile["term"] == "since when not recorded; until 2018 (outgoing at the 109th session)"
    # no later Council session is recorded: the term is open, never "still in office"
    ethiopia = terms["c-109-chair"]
    # The report that shows them is dated to the second half of 2018 (its date is a span).
    assert ethiopia["open"] and ethiopia["known_until"] == "2018-07/2018-12"
    assert ethiopia["term"].endswith(
        "in office at least until some time between July 2018 and December 2018; "
        "later not recorded"
    )
    before = {
        t.officer.state: t.standing("2018-06-30")[0]
        for t in bureau_at(record, "council", "2018-06-30")
    }
    assert before["Chile"] is Standing.POSSIBLY and before["Ethiopia"] is Standing.POSSIBLY
    [now] = [t for t in bureau_at(record, "council", "2026") if t.officer.role == "Chairperson"]
    assert now.standing("2026") == (
        Standing.POSSIBLY,
        "in office at least until some time between July 2018 and December 2018; "
        "later not recorded",
    )


def test_the_new_member_and_observers_welcomed_at_the_109th_session(record):
    joined = {m.state: m.status for m in joined_at_session(record, "c-109")}
    assert joined == {
        "Uzbekistan": MemberStatus.MEMBER,
        "International Monetary Fund": MemberStatus.OBSERVER,
        "International Emergency and Development Aid": MemberStatus.OBSERVER,
    }
    assert members_at(record, "2017") == []
    assert [m.state for m in members_at(record, "2019", MemberStatus.MEMBER)] == ["Uzbekistan"]


def test_the_scpf_is_a_committee_of_the_council(record):
    scpf = record.entry("bodies", "scpf")
    assert (scpf.abbreviation, scpf.parent) == ("SCPF", "council")


def test_the_documents_are_linked_to_their_sessions(record):
    body, session = source_links(record, record.source("c109-report"))
    assert (body.id, session.id) == ("council", "c-109")
    body, session = source_links(record, record.source("scpf28"))
    assert (body.id, session.id) == ("scpf", "scpf-28")
    body, session = source_links(record, record.source("res-1385"))
    assert (body.id, session) == ("council", None)


def test_the_2023_call_for_nominations_for_the_two_ddg_posts(record):
    call = record.entry("calls", "ddg-2023")
    assert call.reference == "EO/821/2023"
    assert (str(call.issued), str(call.deadline)) == ("2023-09-28", "2023-11-15")
    assert call.posts == ("ddg-op", "ddg-mr")
    assert "iomcr@iom.int" in call.channel and "note verbale" in call.channel
    assert len(call.requirements) == 2
    assert nominations_for(record, "ddg-2023") == []  # the documents name no candidate
    assert summarize(record, call, "2023-11-16").open is False
