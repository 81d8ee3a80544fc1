"""Registers of nominations: calls for nominations and the nominations they receive."""

from __future__ import annotations

from typing import Any

from ...core.calls import check_call, check_nomination
from ...core.nominations import Call, Nomination, NominationStatus, StatusEvent
from ..compound import ListOf, RecordOf
from ..entries import Field, FieldSet
from ..fields import DATE, ID, PERSON, POST, TEXT
from ..kinds import Bool, Choice, Cite, Int, Nullable
from ..register import Register, ref_to
from ..values import entry_values

NOMINATION_STATUS = Choice(
    "nomination status", [s.value for s in NominationStatus], NominationStatus
)

CALLS = Register(
    section="calls",
    noun="call for nominations",
    cls=Call,
    fields=FieldSet(
        [
            Field("id", ID, True),
            Field("reference", TEXT, True, doc="the call's reference, e.g. EO/821/2023"),
            Field("title", TEXT),
            Field("issued", DATE, True),
            Field("deadline", DATE, True, doc="nominations received after it are late"),
            Field("posts", ListOf(POST), True, doc="the posts the call is for"),
            Field("addressed_to", TEXT, doc="who is invited to nominate"),
            Field("channel", TEXT, doc="how and where nominations are sent"),
            Field("requirements", ListOf(TEXT), doc="what a nomination must contain"),
            Field("body", Nullable(ref_to("bodies")), doc="the body that elects or appoints"),
            Field("cite", Cite()),
            Field("note", TEXT),
            Field(
                "nominations_complete",
                Bool(),
                doc="the record holds every nomination the call received; otherwise how "
                "many were received is not known (not 0)",
            ),
            Field(
                "nominations_received",
                Nullable(Int(0)),
                doc="how many nominations a source says the call received",
            ),
            Field(
                "nominations_received_by",
                DATE,
                doc="the date that number is for (default: the deadline)",
            ),
            Field("nominations_received_cite", Cite(), doc="the source that gives the number"),
        ]
    ),
    build=lambda v: Call(**{**v, "posts": tuple(v["posts"])}),
    check=check_call,
    doc="calls for nominations",
)

EVENT = FieldSet(
    [
        Field("status", NOMINATION_STATUS, True),
        Field("at", DATE, True),
        Field("body", Nullable(ref_to("bodies")), doc="elected or appointed by"),
        Field("session", Nullable(ref_to("sessions")), doc="at this session"),
        Field("assignment", ID, doc="the assign change the outcome produced"),
        Field("note", TEXT),
        Field("cite", Cite()),
    ]
)


def _build_nomination(values: dict[str, Any]) -> Nomination:
    events = tuple(StatusEvent(**e) for e in values.get("history", ()))
    return Nomination(**{**values, "history": events})


def _nomination_values(n: Nomination) -> dict[str, Any]:
    values = entry_values(n, NOMINATIONS_FIELDS)
    if n.history:
        values["history"] = [entry_values(e, EVENT) for e in n.history]
    return values


NOMINATIONS_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("call", ref_to("calls"), True),
        Field("received", DATE, True, doc="when the nomination arrived"),
        Field("nominated_by", TEXT, doc="the Member State that nominated the candidate"),
        Field("candidate", TEXT, doc="the candidate's name (personal data)"),
        Field("person", Nullable(PERSON), doc="or the candidate as a person of the record"),
        Field("post", Nullable(POST), doc="which of the call's posts"),
        Field("documents", ListOf(TEXT), doc="what came with the nomination"),
        Field("history", ListOf(RecordOf(EVENT)), doc="status events after receipt"),
        Field("cite", Cite()),
        Field("note", TEXT),
    ]
)

NOMINATIONS = Register(
    section="nominations",
    noun="nomination",
    cls=Nomination,
    fields=NOMINATIONS_FIELDS,
    build=_build_nomination,
    values=_nomination_values,
    check=check_nomination,
    personal=("candidate", "person", "documents"),
    doc="nominations received in answer to calls",
)
