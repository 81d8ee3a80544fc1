"""Calls for nominations: late flags, statuses at a date, summaries, checks on outcomes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from organogram.core.calls import (
    CountBasis,
    Timeliness,
    check_call,
    check_nomination,
    history,
    status_at,
    summarize,
    timeliness,
)
from organogram.core.changes import Assign, CreatePost
from organogram.core.dates import FuzzyDate
from organogram.core.model import Citation, Organization, Person
from organogram.core.nominations import Call, Nomination, NominationStatus, StatusEvent
from organogram.core.record import Record
from organogram.core.timeline import Timeline

D = FuzzyDate.parse
S = NominationStatus
CALL = Call(
    id="call",
    reference="NV/1",
    issued=D("2023-09-28"),
    deadline=D("2023-11-15"),
    posts=("ddg-a", "ddg-b"),
)


def nomination(ident: str, received: str, *events: StatusEvent, **more) -> Nomination:
    return Nomination(
        id=ident, call="call", received=D(received), candidate="X", history=events, **more
    )


def test_received_on_the_deadline_is_on_time_after_it_late():
    assert timeliness(CALL, nomination("a", "2023-11-15")) is Timeliness.ON_TIME
    assert timeliness(CALL, nomination("b", "2023-11-16")) is Timeliness.LATE
    assert timeliness(CALL, nomination("c", "2023-12")) is Timeliness.LATE
    # "November 2023" holds days on both sides of the deadline: the record cannot say
    assert timeliness(CALL, nomination("d", "2023-11")) is Timeliness.UNCERTAIN
    assert timeliness(CALL, nomination("e", "2023-10")) is Timeliness.ON_TIME


def test_the_status_at_a_date_follows_the_history_from_receipt():
    n = nomination(
        "a",
        "2023-11-01",
        StatusEvent(S.INTERVIEWED, D("2024-01-10")),
        StatusEvent(S.SHORTLISTED, D("2023-12-01")),
    )
    assert status_at(n, "2023-10-31") is None
    assert status_at(n, "2023-11-01") is S.RECEIVED
    assert status_at(n, "2023-12-01") is S.SHORTLISTED
    assert status_at(n, "2024") is S.INTERVIEWED  # a period is read as its last day
    assert [e.status for e in history(n)] == [S.RECEIVED, S.SHORTLISTED, S.INTERVIEWED]


def test_a_nomination_cannot_have_events_before_receipt_or_two_outcomes():
    with pytest.raises(ValueError, match="before the nomination was received"):
        nomination("a", "2023-11-01", StatusEvent(S.WITHDRAWN, D("2023-10-01")))
    with pytest.raises(ValueError, match="more than one outcome"):
        nomination(
            "a",
            "2023-11-01",
            StatusEvent(S.ELECTED, D("2024-01")),
            StatusEvent(S.APPOINTED, D("2024-02")),
        )
    with pytest.raises(ValueError, match="only an elected or appointed one"):
        StatusEvent(S.SHORTLISTED, D("2024-01"), assignment="x")


def _record(*nominations: Nomination, call: Call = CALL) -> Record:
    people = {"ana": Person("ana", "Ana"), "ben": Person("ben", "Ben")}
    changes = [
        CreatePost(id="p1", date=D("2020"), post="ddg-a", title="DDG A", senior=True),
        CreatePost(id="p2", date=D("2020"), post="ddg-b", title="DDG B", senior=True),
        CreatePost(id="p3", date=D("2020"), post="other", title="Other"),
        Assign(id="assign-ana", date=D("2024-03-01"), post="ddg-a", person="ana"),
        Assign(id="assign-other", date=D("2024-03-01"), post="other", person="ana"),
        Assign(id="assign-early", date=D("2023-06-01"), post="ddg-b", person="ben"),
    ]
    return Record(
        organization=Organization("org", "Org"),
        timeline=Timeline(changes, people),
        people=people,
        registers={"calls": {"call": call}, "nominations": {n.id: n for n in nominations}},
    )


COMPLETE = replace(CALL, nominations_complete=True)


def test_a_call_summary_counts_what_had_arrived_by_the_date():
    elected = StatusEvent(S.ELECTED, D("2024-02-11"), assignment="assign-ana")
    record = _record(
        nomination("a", "2023-11-01", StatusEvent(S.SHORTLISTED, D("2023-12-01")), elected),
        nomination("b", "2023-11-20"),
        nomination("c", "2023-11-10", StatusEvent(S.WITHDRAWN, D("2023-11-30"))),
        nomination("d", "2024-05-01"),
        call=COMPLETE,
    )
    before = summarize(record, COMPLETE, "2023-11-15")
    assert (before.open, before.received, before.late) == (True, 2, 0)
    assert before.by_status == {"received": 2}
    later = summarize(record, COMPLETE, "2024-03")
    assert (later.open, later.received, later.late) == (False, 3, 1)
    assert later.by_status == {"received": 1, "withdrawn": 1, "elected": 1}
    assert [(n.id, e.assignment) for n, e in later.outcomes] == [("a", "assign-ana")]
    assert summarize(record, COMPLETE, "2024-06").late == 2


def test_without_a_completeness_declaration_the_number_received_is_unknown():
    record = _record(nomination("a", "2023-11-01"), nomination("b", "2023-11-20"))
    later = summarize(record, CALL, "2024-03")
    assert (later.received, later.late, later.uncertain, later.basis) == (None, None, None, None)
    assert (later.recorded, later.recorded_late) == (2, 1)
    nothing = summarize(_record(), CALL, "2024-03")
    assert (nothing.received, nothing.recorded) == (None, 0)  # unknown, not 0


def test_a_number_a_source_gives_counts_from_the_date_it_is_for():
    given = replace(
        CALL,
        nominations_received=7,
        nominations_received_cite=(Citation("minutes", "3"),),
    )
    record = _record(nomination("a", "2023-11-01"), call=given)
    assert summarize(record, given, "2023-11-14").received is None  # before the deadline
    at = summarize(record, given, "2023-12")
    assert (at.received, at.basis, at.as_of) == (7, CountBasis.SOURCE, D("2023-11-15"))
    assert at.recorded == 1
    assert at.late is None  # the source gives no late ones
    with pytest.raises(ValueError, match="needs nominations_received_cite"):
        replace(CALL, nominations_received=7)
    with pytest.raises(ValueError, match="go with nominations_received"):
        replace(CALL, nominations_received_by=D("2023-12"))


def test_a_declared_complete_call_must_hold_the_number_a_source_gives():
    given = replace(
        CALL,
        nominations_complete=True,
        nominations_received=2,
        nominations_received_cite=(Citation("minutes", "3"),),
    )
    one = _record(nomination("a", "2023-11-01"), call=given)
    assert check_call(one, given) == [
        (
            "nominations_complete",
            "declared complete, but the record holds 1 nominations received by 2023-11-15 "
            "where the source gives 2",
        )
    ]
    three = [nomination(x, "2023-11-01") for x in "abc"]
    assert check_call(_record(*three, call=given), given)[0][0] == "nominations_received"
    assert check_call(_record(*three[:2], call=given), given) == []


def test_an_outcome_must_name_an_assignment_of_the_nominated_post_and_person():
    record = _record()

    def told(**kw):
        at = kw.pop("at", "2024-02-11")
        event = StatusEvent(S.ELECTED, D(at), assignment=kw.pop("assignment"))
        return check_nomination(record, nomination("n", "2023-11-01", event, **kw))

    assert told(assignment="assign-ana", person="ana", post="ddg-a") == []
    assert told(assignment="assign-ana") == []  # any of the call's posts
    [(_, why)] = told(assignment="assign-other")
    assert "assigns 'other', not a post of this nomination (ddg-a, ddg-b)" in why
    [(_, why)] = told(assignment="assign-ana", person="ben")
    assert "not the candidate 'ben'" in why
    [(_, why)] = told(assignment="p1")
    assert "'p1' is not an assign change of the timeline" in why
    [(_, why)] = told(assignment="assign-early")
    assert "takes effect (2023-06-01) before the elected (2024-02-11)" in why
    [(field, _)] = check_nomination(record, nomination("n", "2023-11-01", post="other"))
    assert field == "post"
