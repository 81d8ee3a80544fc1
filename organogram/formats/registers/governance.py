"""Registers of governance: the bodies an organization answers to, their sessions and
bureaux, and its members and observers."""

from __future__ import annotations

from typing import Any

from ...core.governance import Body, BureauOfficer, Membership, MemberStatus, Session
from ..entries import Field, FieldSet
from ..fields import DATE, ID, TEXT
from ..kinds import Bool, Choice, Cite, Int, Nullable
from ..register import Register, ref_to

BODY = ref_to("bodies")
SESSION = ref_to("sessions")
MEMBER_STATUS = Choice("membership status", [s.value for s in MemberStatus], MemberStatus)

BODY_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("name", TEXT, True),
        Field("abbreviation", TEXT),
        Field("kind", TEXT, doc="council, committee, board…"),
        Field("parent", Nullable(BODY), doc="the body this one belongs to"),
        Field("established", DATE),
        Field("ended", DATE),
        Field("cite", Cite()),
        Field("note", TEXT),
    ]
)

BODIES = Register(
    section="bodies",
    noun="governing body",
    cls=Body,
    fields=BODY_FIELDS,
    doc="governing bodies (council, committees)",
)

SESSIONS = Register(
    section="sessions",
    noun="session",
    cls=Session,
    fields=FieldSet(
        [
            Field("id", ID, True),
            Field("body", BODY, True),
            Field("number", Int(1), doc="109 for the 109th session"),
            Field("special", Bool(), doc="a special session, numbered apart"),
            Field("start", DATE, doc="first day (or the period the source gives)"),
            Field("end", DATE, doc="last day"),
            Field("place", TEXT),
            Field("cite", Cite()),
            Field("note", TEXT),
        ]
    ),
    doc="sessions of the governing bodies",
)


def check_officer(record: Any, officer: BureauOfficer) -> list[tuple[str, str]]:
    """(field, why) for a session of another body given as the one that elected the
    officer or the one the officer was outgoing at."""
    out = []
    sessions = record.register("sessions")
    for field in ("session", "outgoing_at"):
        session = sessions.get(getattr(officer, field) or "")
        if session is not None and session.body != officer.body:
            out.append(
                (field, f"{session.id!r} is a session of {session.body!r}, not of {officer.body!r}")
            )
    return out


BUREAU = Register(
    section="bureau",
    noun="bureau officer",
    cls=BureauOfficer,
    fields=FieldSet(
        [
            Field("id", ID, True),
            Field("body", BODY, True),
            Field("role", TEXT, True, doc="Chairperson, First Vice-Chairperson, Rapporteur…"),
            Field("state", TEXT, True, doc="the Member State the officer represents"),
            Field("session", Nullable(SESSION), doc="the session that elected the bureau"),
            Field(
                "outgoing_at",
                Nullable(SESSION),
                doc="the session at which the term ended (an outgoing officer thanked there)",
            ),
            Field("since", DATE, doc="start of the term, when not the session's"),
            Field("until", DATE, doc="end of the term, when not the next session's"),
            Field("name", TEXT, doc="the officer's name, if the source gives it"),
            Field("cite", Cite()),
            Field("note", TEXT),
        ]
    ),
    doc="officers of the bodies' bureaux",
    personal=("name",),
    check=check_officer,
)

MEMBERSHIP = Register(
    section="membership",
    noun="membership",
    cls=Membership,
    fields=FieldSet(
        [
            Field("id", ID, True),
            Field("state", TEXT, True, doc="the State, or for an observer the organization"),
            Field("status", MEMBER_STATUS, doc="member (default) or observer"),
            Field("since", DATE, True, doc="when it became a member or observer"),
            Field("until", DATE, doc="when it ceased to be one"),
            Field("session", Nullable(SESSION), doc="the session that admitted or welcomed it"),
            Field("cite", Cite()),
            Field("note", TEXT),
        ]
    ),
    doc="Member States and observers, with the dates they joined",
)
