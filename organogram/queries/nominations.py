"""Calls for nominations as data: each call's deadline, posts and counts at a date, and
its nominations with their late flags, statuses and outcomes.

How many nominations a call received is None (not recorded) unless the record declares
its nominations complete or a source gives the number; ``recorded`` counts those the
record holds, which is all it can count otherwise.

Candidates' names, person ids and documents are personal data: they are included only
when ``personal`` is true (the pages pass whether the reader may see people's data).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.calls import (
    CALLS,
    CallSummary,
    CountBasis,
    Timeliness,
    history,
    nominations_for,
    outcome,
    status_at,
    summarize,
    timeliness,
)
from ..core.changes import CreatePost
from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.nominations import Call, Nomination
from ..core.record import Record
from .names import citations


def _post_titles(record: Record) -> dict[str, str]:
    """Post id -> the title it was created with, over the timeline and the plans."""
    changes = [*record.timeline.changes, *(c for p in record.plans.values() for c in p.changes)]
    return {c.post: c.title for c in changes if isinstance(c, CreatePost)}


def call_data(record: Record, call: Call, at: str | dt.date | FuzzyDate) -> dict[str, Any]:
    """One call: its reference, dates, posts, channel, requirements and counts at ``at``."""
    summary = summarize(record, call, at)
    titles = _post_titles(record)
    return {
        "id": call.id,
        "reference": call.reference,
        "title": call.title,
        "issued": str(call.issued),
        "deadline": str(call.deadline),
        "deadline_text": call.deadline.describe(),
        "open": summary.open,
        "posts": [{"id": p, "title": titles.get(p, p)} for p in call.posts],
        "addressed_to": call.addressed_to,
        "channel": call.channel,
        "requirements": list(call.requirements),
        "body": call.body,
        "cite": citations(call.cite, record.sources),
        "note": call.note,
        "at": summary.at.isoformat(),
        "received": summary.received,
        "received_basis": str(summary.basis) if summary.basis else None,
        "received_as_of": str(summary.as_of) if summary.as_of else None,
        "received_cite": citations(call.nominations_received_cite, record.sources)
        if summary.basis is CountBasis.SOURCE
        else [],
        "received_text": received_text(summary),
        "complete": call.nominations_complete,
        "late": summary.late,
        "uncertain": summary.uncertain,
        "recorded": summary.recorded,
        "recorded_late": summary.recorded_late,
        "recorded_uncertain": summary.recorded_uncertain,
        "by_status": summary.by_status,
    }


def received_text(summary: CallSummary) -> str:
    """How many nominations the call had received, in words to follow "nominations
    received:": the figure where the record or a source gives it, else "not recorded"
    with what the record holds."""
    if summary.basis is CountBasis.RECORD:
        late = f", {summary.late} of them late" if summary.late else ""
        return f"{summary.received} (the record holds them all){late}"
    n = summary.recorded
    late = f", {summary.recorded_late} of them late" if summary.recorded_late else ""
    held = f"the record holds {n}{late}" if n else "the record holds none"
    if summary.basis is CountBasis.SOURCE:
        return f"{summary.received} by {summary.as_of}, as a source gives it ({held})"
    return f"not recorded ({held} and does not say it holds them all)"


def _candidate(record: Record, n: Nomination) -> str:
    """The candidate's name as written, else the name of the person of the record."""
    if n.candidate:
        return n.candidate
    person = record.people.get(n.person or "")
    return person.name if person else (n.person or "")


def nomination_data(
    record: Record, call: Call, n: Nomination, day: dt.date, personal: bool
) -> dict[str, Any]:
    """One nomination with its late flag, its status at ``day`` and its history."""
    done = outcome(n)
    link = None
    if done is not None and done.assignment:
        change = record.timeline.get(done.assignment)
        link = {
            "change": done.assignment,
            "post": getattr(change, "post", None),
            "person": getattr(change, "person", None) if personal else None,
            "date": str(change.date) if change else "",
        }
    status = status_at(n, day)
    flag = timeliness(call, n)
    return {
        "id": n.id,
        "call": n.call,
        "received": str(n.received),
        "timeliness": str(flag),
        "late": flag is Timeliness.LATE,
        "status": str(status) if status else None,
        "nominated_by": n.nominated_by,
        "post": n.post,
        "candidate": _candidate(record, n) if personal else None,
        "person": n.person if personal else None,
        "documents": list(n.documents) if personal else None,
        "history": [
            {
                "status": str(e.status),
                "at": str(e.at),
                "body": e.body,
                "session": e.session,
                "assignment": e.assignment,
                "note": e.note,
            }
            for e in history(n)
        ],
        "outcome": (
            {
                "status": str(done.status),
                "at": str(done.at),
                "body": done.body,
                "session": done.session,
                "assignment": link,
            }
            if done
            else None
        ),
        "note": n.note,
    }


def calls(record: Record, at: str | dt.date | FuzzyDate) -> dict[str, Any]:
    """Every call with its counts at ``at``, latest deadline first."""
    day = FuzzyDate.parse(at).end
    found = sorted(record.register(CALLS).values(), key=lambda c: c.deadline.end, reverse=True)
    return {"at": day.isoformat(), "calls": [call_data(record, c, day) for c in found]}


def call_detail(
    record: Record, call_id: str, at: str | dt.date | FuzzyDate, *, personal: bool
) -> dict[str, Any]:
    """One call and its nominations (names only when ``personal``), or NotFound."""
    call = record.register(CALLS).get(call_id)
    if call is None:
        raise NotFound(f"no call for nominations {call_id!r}")
    day = FuzzyDate.parse(at).end
    return {
        **call_data(record, call, day),
        "personal": personal,
        "nominations": [
            nomination_data(record, call, n, day, personal)
            for n in nominations_for(record, call.id)
            if status_at(n, day) is not None  # received by then
        ],
    }
