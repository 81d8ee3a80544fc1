"""Governing bodies at a date: sessions, bureau terms, members, and sources linked to them."""

from __future__ import annotations

import pytest

from organogram.core.dates import FuzzyDate
from organogram.core.governance import (
    Body,
    BureauOfficer,
    Membership,
    MemberStatus,
    Session,
    ordinal,
)
from organogram.core.membership import Standing, bureau_at, members_at, sessions_of, term
from organogram.core.model import Citation, Organization, Source
from organogram.core.record import Record
from organogram.core.source_links import documents_of, session_number, source_links
from organogram.core.timeline import Timeline

D = FuzzyDate.parse
COUNCIL = Body("council", "Council")
SCPF = Body("scpf", "Standing Committee on Programmes and Finance", "SCPF", parent="council")


def _record(**registers) -> Record:
    sources = {s.id: s for s in registers.pop("sources", ())}
    return Record(
        organization=Organization("org", "Org"),
        timeline=Timeline([], {}),
        sources=sources,
        registers={k: {e.id: e for e in v} for k, v in registers.items()},
    )


SESSIONS = [
    Session("c-110", "council", 110, start=D("2019-11-26"), end=D("2019-11-29")),
    Session("c-109", "council", 109, start=D("2018-11-27"), end=D("2018-11-30")),
    Session("c-sp-4", "council", 4, special=True, start=D("2019-05")),
    Session("scpf-28", "scpf", 28, start=D("2021")),
]


def test_sessions_are_in_date_order_and_titled():
    record = _record(sessions=SESSIONS, bodies=[COUNCIL, SCPF])
    assert [s.id for s in sessions_of(record, "council")] == ["c-109", "c-sp-4", "c-110"]
    assert SESSIONS[1].title(COUNCIL) == "109th session of the Council"
    assert SESSIONS[2].title() == "4th special session"
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 21, 102, 113)] == [
        "1st", "2nd", "3rd", "11th", "12th", "21st", "102nd", "113th",
    ]  # fmt: skip


def test_a_bureau_serves_from_its_session_to_the_next_regular_one():
    chair109 = BureauOfficer("a", "council", "Chairperson", "Ethiopia", session="c-109")
    chair110 = BureauOfficer("b", "council", "Chairperson", "Denmark", session="c-110")
    outgoing = BureauOfficer("c", "council", "Chairperson", "Chile", until=D("2018"))
    record = _record(sessions=SESSIONS, bureau=[chair109, chair110, outgoing])
    t = term(record, chair109)
    assert (t.since, t.until) == (D("2018-11-27"), D("2019-11-26"))  # special one skipped
    assert [t.officer.state for t in bureau_at(record, "council", "2019-06")] == ["Ethiopia"]
    assert [t.officer.state for t in bureau_at(record, "council", "2019-11-26")] == ["Denmark"]
    # Chile's term ended some day of 2018 and its start is not recorded: possibly in office
    [chile] = bureau_at(record, "council", "2018-11-26")
    assert chile.officer.state == "Chile"
    standing, why = chile.standing("2018-11-26")
    assert standing is Standing.POSSIBLY and "since when is not recorded" in why
    assert chile.standing("2018-12-31")[0] is Standing.OUT
    with pytest.raises(ValueError, match="give the session"):
        BureauOfficer("d", "council", "Rapporteur", "Mexico")


def test_a_term_no_later_session_ends_is_open_not_still_in_office():
    report = Source("report", "Report of the 109th session", date=D("2018-12"))
    chair = BureauOfficer(
        "a", "council", "Chairperson", "Ethiopia", session="c-109", cite=(Citation("report"),)
    )
    record = _record(sessions=SESSIONS[1:2], bureau=[chair], sources=[report])
    t = term(record, chair)
    assert (t.since, t.until, t.open) == (D("2018-11-27"), None, True)
    assert t.known_until == D("2018-12")  # the latest date the sources support
    assert t.standing("2018-11-26")[0] is Standing.OUT
    assert t.standing("2018-12-31") == (Standing.IN_OFFICE, "")
    later = t.standing("2026")
    assert later == (
        Standing.POSSIBLY,
        "in office at least until December 2018; later not recorded",
    )


def test_an_officer_outgoing_at_a_session_served_until_it():
    session = Session("c-109", "council", 109, start=D("2018"))  # no days recorded
    before = BureauOfficer("b", "council", "Chairperson", "Chile", outgoing_at="c-109")
    after = BureauOfficer("a", "council", "Chairperson", "Ethiopia", session="c-109")
    record = _record(sessions=[session], bureau=[before, after])
    t = term(record, before)
    assert (t.since, t.until, t.ended_at) == (None, D("2018"), session)
    assert [x.officer.state for x in bureau_at(record, "council", "2017-06")] == ["Chile"]
    assert bureau_at(record, "council", "2017-06")[0].standing("2017-06")[0] is Standing.POSSIBLY
    # inside 2018 both are possible: the session's day is not recorded
    assert {x.officer.state for x in bureau_at(record, "council", "2018-06")} == {
        "Chile",
        "Ethiopia",
    }
    assert [x.officer.state for x in bureau_at(record, "council", "2018")] == ["Ethiopia"]
    with pytest.raises(ValueError, match="not both"):
        BureauOfficer("c", "council", "Chairperson", "Chile", outgoing_at="c-109", until=D("2018"))
    with pytest.raises(ValueError, match="same session"):
        BureauOfficer("c", "council", "Chairperson", "Chile", session="c-109", outgoing_at="c-109")


def test_a_next_session_without_a_date_still_ends_the_term():
    sessions = [Session("s1", "council", 1, start=D("2018")), Session("s2", "council", 2)]
    chair = BureauOfficer("a", "council", "Chairperson", "X", session="s1")
    t = term(_record(sessions=sessions, bureau=[chair]), chair)
    assert (t.until, t.ended_at.id, t.open) == (None, "s2", False)
    standing, why = t.standing("2020")
    assert standing is Standing.POSSIBLY and "session that ended the term is not recorded" in why


def test_members_and_observers_at_a_date():
    record = _record(
        membership=[
            Membership("uz", "Uzbekistan", D("2018")),
            Membership("imf", "International Monetary Fund", D("2018"), MemberStatus.OBSERVER),
            Membership("old", "Oldland", D("1990"), until=D("2000-06-01")),
        ]
    )
    assert [m.id for m in members_at(record, "1999")] == ["old"]
    assert members_at(record, "2017") == []
    assert [m.id for m in members_at(record, "2018-01-01")] == ["imf", "uz"]
    assert [m.id for m in members_at(record, "2018", MemberStatus.MEMBER)] == ["uz"]
    assert [m.id for m in members_at(record, "2000-05-31")] == ["old"]
    assert members_at(record, "2000-06-01") == []
    with pytest.raises(ValueError, match="ends"):
        Membership("x", "X", D("2000"), until=D("1999"))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("109th Session", 109),
        ("Twenty-eighth Session", 28),
        ("One hundred and ninth session", 109),
        ("Fifth Special Session", 5),
        ("Sixtieth", 60),
        ("Special Session", None),
    ],
)
def test_session_numbers_are_read_from_words_or_digits(text, number):
    assert session_number(text) == number


def test_sources_link_softly_to_bodies_and_sessions():
    sources = [
        Source("r", "Report", body="Council", session="109th Session", date=D("2018")),
        Source(
            "p",
            "Paper",
            body="Standing Committee on Programmes and Finance",
            session="Twenty-eighth Session",
        ),
        Source("s", "Special", body="the council", session="Fourth Special Session"),
        Source("u", "UN", body="United Nations General Assembly", session="72nd"),
        Source("n", "No session", body="SCPF", session="Thirtieth Session"),
    ]
    record = _record(sources=sources, bodies=[COUNCIL, SCPF], sessions=SESSIONS)
    links = {s.id: source_links(record, s) for s in sources}
    ids = {k: (b and b.id, s and s.id) for k, (b, s) in links.items()}
    assert ids == {
        "r": ("council", "c-109"),
        "p": ("scpf", "scpf-28"),
        "s": ("council", "c-sp-4"),
        "u": (None, None),
        "n": ("scpf", None),
    }
    assert [s.id for s in documents_of(record, "council")] == ["r", "s"]
    assert [s.id for s in documents_of(record, "council", "c-109")] == ["r"]
