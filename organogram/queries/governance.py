"""Governing bodies as data: each body with its sessions, bureau and documents, and the
members and observers at a date. Shared by the command line, the pages and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.governance import Body, MemberStatus, Session
from ..core.membership import (
    BODIES,
    Standing,
    Term,
    bureau_at,
    bureau_of,
    children_of,
    joined_at_session,
    members_at,
    sessions_of,
)
from ..core.record import Record
from ..core.source_links import documents_of, source_links
from .claims import body_claims, membership_claims
from .names import citations


def _text(date: FuzzyDate | None) -> str:
    return str(date) if date else ""


def _document(source: Any) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "symbol": source.symbol,
            "date": _text(source.date)}  # fmt: skip


def session_data(record: Record, session: Session, body: Body | None = None) -> dict[str, Any]:
    """One session: number, title, dates, place, citations and the documents linked to it."""
    return {
        "id": session.id,
        "body": session.body,
        "title": session.title(body),
        "number": session.number,
        "special": session.special,
        "start": _text(session.start),
        "end": _text(session.end),
        "place": session.place,
        "cite": citations(session.cite, record.sources),
        "note": session.note,
        "documents": [_document(s) for s in documents_of(record, session.body, session.id)],
        "joined": [m.id for m in joined_at_session(record, session.id)],
    }


def term_data(
    record: Record, t: Term, day: dt.date | None = None, people: bool = True
) -> dict[str, Any]:
    """One bureau officer with the term the record gives them and, with ``day``, whether
    they were in office then (``standing``: in-office, possibly, not-in-office, and
    ``standing_why``); the officer's name only with ``people`` (personal data, as
    holders' names are). ``term`` says the term in words: an open one is "in office at
    least until D; later not recorded", never "still in office"."""
    o = t.officer
    standing, why = t.standing(day) if day else (None, "")
    body = record.register(BODIES).get(o.body)
    return {
        "id": o.id,
        "role": o.role,
        "state": o.state,
        "name": o.name if people else "",
        "session": o.session,
        "outgoing_at": o.outgoing_at,
        "since": _text(t.since),
        "until": _text(t.until),
        "open": t.open,
        "known_until": _text(t.known_until),
        "elected_at": t.elected_at.title(body) if t.elected_at else "",
        "ended_at": t.ended_at.title(body) if t.ended_at else "",
        "term": term_text(t),
        "standing": str(standing) if standing else None,
        "standing_why": why,
        "in_office": standing is Standing.IN_OFFICE,
        "cite": citations(o.cite, record.sources),
        "note": o.note,
    }


def term_text(t: Term) -> str:
    """The term in words: when it began (or that this is not recorded) and when it ended,
    or for an open term how long the sources show it."""
    if t.since is None:
        start = "since when not recorded"
    else:
        start = f"from {t.since}"
        if t.elected_at is not None:
            start += f" (elected at the {t.elected_at.title()})"
    if t.until is not None:
        end = f"until {t.until}"
        if t.ended_at is not None:
            kind = "outgoing at" if t.officer.outgoing_at else "until"
            end += f" ({kind} the {t.ended_at.title()})"
    elif t.ended_at is not None:
        end = f"until the {t.ended_at.title()}, whose date is not recorded"
    elif t.known_until is not None:
        end = f"in office at least until {t.known_until.moment()}; later not recorded"
    else:
        end = "end not recorded"
    return f"{start}; {end}"


def bureau_sessions(record: Record, terms: list[Term], body: Body | None) -> list[dict[str, Any]]:
    """For each session that elected officers or saw them outgoing, the bureau before it
    (``outgoing``: those it is said to have ended) and after it (``elected``): ids of the
    terms, sessions in date order."""
    out: dict[str, dict[str, Any]] = {}
    for session in sessions_of(record, body.id) if body else []:
        out[session.id] = {
            "session": session.id,
            "title": session.title(body),
            "start": _text(session.start),
            "outgoing": [],
            "elected": [],
        }
    for t in terms:
        if t.elected_at is not None and t.elected_at.id in out:
            out[t.elected_at.id]["elected"].append(t.officer.id)
        if t.officer.outgoing_at and t.officer.outgoing_at in out:
            out[t.officer.outgoing_at]["outgoing"].append(t.officer.id)
    return [g for g in out.values() if g["outgoing"] or g["elected"]]


def body_data(
    record: Record, body: Body, at: str | dt.date | FuzzyDate, people: bool = True
) -> dict[str, Any]:
    """A body with its sessions, its bureau at ``at`` and every officer recorded (their
    names only with ``people``)."""
    day = FuzzyDate.parse(at).end
    parent = record.register(BODIES).get(body.parent) if body.parent else None
    terms = bureau_of(record, body.id)
    return {
        "id": body.id,
        "name": body.name,
        "abbreviation": body.abbreviation,
        "kind": body.kind,
        "parent": body.parent,
        "parent_name": parent.name if parent else "",
        "established": _text(body.established),
        "ended": _text(body.ended),
        "cite": citations(body.cite, record.sources),
        "note": body.note,
        "committees": [{"id": b.id, "name": b.name} for b in children_of(record, body.id)],
        "sessions": [session_data(record, s, body) for s in sessions_of(record, body.id)],
        "bureau_at": [term_data(record, t, day, people) for t in bureau_at(record, body.id, day)],
        "bureau": [term_data(record, t, day, people) for t in terms],
        "bureau_sessions": bureau_sessions(record, terms, body),
        "documents": [_document(s) for s in documents_of(record, body.id)],
        "claims": body_claims(record, body.id, people=people),
    }


def membership_data(
    record: Record, at: str | dt.date | FuzzyDate, people: bool = True
) -> dict[str, Any]:
    """The members and observers in force at ``at`` and how many of each the record holds
    (``members``, ``observers``: only those its sources name, not the organization's
    whole membership), with the claims kept about them (a count a source gives…)."""
    found = members_at(record, at)
    return {
        "claims": membership_claims(record, people=people),
        "members": sum(m.status is MemberStatus.MEMBER for m in found),
        "observers": sum(m.status is MemberStatus.OBSERVER for m in found),
        "list": [
            {
                "id": m.id,
                "state": m.state,
                "status": str(m.status),
                "since": _text(m.since),
                "until": _text(m.until),
                "session": m.session,
                "cite": citations(m.cite, record.sources),
                "note": m.note,
            }
            for m in found
        ],
    }


def governance(
    record: Record, at: str | dt.date | FuzzyDate, people: bool = True
) -> dict[str, Any]:
    """Every body (councils first, their committees after), and the membership at ``at``;
    bureau officers' names only with ``people``."""
    day = FuzzyDate.parse(at).end
    bodies = sorted(record.register(BODIES).values(), key=lambda b: b.parent is not None)
    return {
        "at": day.isoformat(),
        "bodies": [body_data(record, b, day, people) for b in bodies],
        "membership": membership_data(record, day, people),
        "unlinked": unlinked_sources(record),
    }


def unlinked_sources(record: Record) -> list[dict[str, str]]:
    """Sources whose ``body`` or ``session`` text names nothing of the registers: issued
    outside the bodies held (soft links are not errors), or a typo worth a look."""
    out = []
    for source in record.sources.values():
        body, session = source_links(record, source)
        if source.body and body is None:
            out.append({"id": source.id, "body": source.body, "session": source.session,
                        "missing": "body"})  # fmt: skip
        elif source.session and session is None:
            out.append({"id": source.id, "body": source.body, "session": source.session,
                        "missing": "session"})  # fmt: skip
    return out


def body_detail(
    record: Record, body_id: str, at: str | dt.date | FuzzyDate, people: bool = True
) -> dict[str, Any]:
    """One body as :func:`body_data` gives it, or NotFound."""
    body = record.register(BODIES).get(body_id)
    if body is None:
        raise NotFound(f"no governing body {body_id!r}")
    return body_data(record, body, at, people)


def source_body_links(record: Record, source_id: str) -> dict[str, Any]:
    """The body and session a source is linked to (ids and titles), empty where none."""
    body, session = source_links(record, record.source(source_id))
    return {
        "body": {"id": body.id, "name": body.name} if body else None,
        "session": {"id": session.id, "title": session.title(body)} if session else None,
    }
