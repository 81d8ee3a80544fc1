"""What a call for nominations comes to: late nominations, statuses at a date, outcomes.

All of it is computed from the entries, so nothing is stored twice: a nomination that
arrived after the deadline is *flagged* late whatever its recorded history says, and
stays in the call with its other statuses.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from .changes import Assign
from .dates import FuzzyDate
from .nominations import OUTCOMES, Call, Nomination, NominationStatus, StatusEvent
from .record import Record

CALLS = "calls"
NOMINATIONS = "nominations"


class Timeliness(StrEnum):
    """Whether a nomination came by the deadline. ``uncertain``: the dates, as precisely
    as they are known, allow both (received "November 2023" for a 15 November deadline)."""

    ON_TIME = "on-time"
    LATE = "late"
    UNCERTAIN = "uncertain"


def timeliness(call: Call, nomination: Nomination) -> Timeliness:
    """On time when received by the last day of the deadline, late when after it."""
    if nomination.received.start > call.deadline.end:
        return Timeliness.LATE
    if nomination.received.end <= call.deadline.end:
        return Timeliness.ON_TIME
    return Timeliness.UNCERTAIN


def history(nomination: Nomination) -> list[StatusEvent]:
    """The nomination's events in date order, beginning with its receipt."""
    events = sorted(nomination.history, key=lambda e: e.at.start)
    if not any(e.status is NominationStatus.RECEIVED for e in events):
        events.insert(0, StatusEvent(NominationStatus.RECEIVED, nomination.received))
    return events


def status_at(nomination: Nomination, at: str | dt.date | FuzzyDate) -> NominationStatus | None:
    """The nomination's status at ``at`` (a period means its last day); None before it
    was received."""
    day = FuzzyDate.parse(at).end
    current = None
    for event in history(nomination):
        if event.at.start <= day:
            current = event.status
    return current


def outcome(nomination: Nomination) -> StatusEvent | None:
    """The election or appointment that ended the nomination, if any."""
    return next((e for e in nomination.history if e.status in OUTCOMES), None)


def nominations_for(record: Record, call: str) -> list[Nomination]:
    """The nominations answering ``call``, in order of receipt."""
    found = [n for n in record.register(NOMINATIONS).values() if n.call == call]
    return sorted(found, key=lambda n: n.received.start)


class CountBasis(StrEnum):
    """Where a call's number of nominations comes from, when it is known at all."""

    #: the record declares it holds every nomination (``nominations_complete``).
    RECORD = "complete-record"
    #: a source gives the number (``nominations_received``).
    SOURCE = "source"


@dataclass
class CallSummary:
    """A call at a date: whether it is still open, and its nominations.

    ``received``, ``late`` and ``uncertain`` are the call's figures, None where they are
    not known (never 0 for "none recorded"): the record knows them only when it declares
    its nominations complete, and a source may give the number received (``basis``
    says which, ``as_of`` the date a source's figure is for). ``recorded`` and the
    ``recorded_…`` counts and ``by_status`` are about the nominations the record holds.
    """

    call: Call
    at: dt.date
    open: bool
    received: int | None
    late: int | None
    uncertain: int | None
    recorded: int = 0
    recorded_late: int = 0
    recorded_uncertain: int = 0
    basis: CountBasis | None = None
    as_of: FuzzyDate | None = None
    by_status: dict[str, int] = field(default_factory=dict)
    outcomes: list[tuple[Nomination, StatusEvent]] = field(default_factory=list)


def summarize(record: Record, call: Call, at: str | dt.date | FuzzyDate) -> CallSummary:
    """The call's nominations at ``at``: how many were received by then (when known),
    late, and what the record holds of them by status."""
    day = FuzzyDate.parse(at).end
    counts: Counter[str] = Counter()
    late = uncertain = 0
    outcomes = []
    for nomination in nominations_for(record, call.id):
        status = status_at(nomination, day)
        if status is None:
            continue
        counts[str(status)] += 1
        flag = timeliness(call, nomination)
        late += flag is Timeliness.LATE
        uncertain += flag is Timeliness.UNCERTAIN
        done = outcome(nomination)
        if done is not None and done.at.start <= day:
            outcomes.append((nomination, done))
    recorded = sum(counts.values())
    summary = CallSummary(
        call=call,
        at=day,
        open=day <= call.deadline.end,
        received=None,
        late=None,
        uncertain=None,
        recorded=recorded,
        recorded_late=late,
        recorded_uncertain=uncertain,
        by_status={s.value: counts[s.value] for s in NominationStatus if counts[s.value]},
        outcomes=outcomes,
    )
    if call.nominations_complete:
        summary.received, summary.late, summary.uncertain = recorded, late, uncertain
        summary.basis = CountBasis.RECORD
    elif call.nominations_received is not None and call.received_by.end <= day:
        summary.received = call.nominations_received
        summary.basis, summary.as_of = CountBasis.SOURCE, call.received_by
    return summary


def check_call(record: Record, call: Call) -> list[tuple[str, str]]:
    """(field, why) where a call's declared completeness and the number a source gives
    disagree with the nominations the record holds."""
    if call.nominations_received is None:
        return []
    day = call.received_by.end
    mine = nominations_for(record, call.id)
    surely = sum(n.received.end <= day for n in mine)  # received by then whatever the day
    maybe = sum(n.received.start <= day for n in mine)
    if surely > call.nominations_received:
        return [
            (
                "nominations_received",
                f"the record holds {surely} nominations received by {call.received_by}, "
                f"more than the {call.nominations_received} the source gives",
            )
        ]
    if call.nominations_complete and maybe < call.nominations_received:
        return [
            (
                "nominations_complete",
                f"declared complete, but the record holds {maybe} nominations received "
                f"by {call.received_by} where the source gives {call.nominations_received}",
            )
        ]
    return []


def check_nomination(record: Record, nomination: Nomination) -> list[tuple[str, str]]:
    """(field, why) for what a nomination says that its record does not bear out: a
    post the call is not for, an outcome naming an assignment the timeline does not
    hold, or one on another post or for another person. References themselves (the
    call, the person…) are checked by the format."""
    out: list[tuple[str, str]] = []
    call = record.register(CALLS).get(nomination.call)
    if call is None:
        return out
    if nomination.post and nomination.post not in call.posts:
        posts = ", ".join(call.posts)
        out.append(("post", f"{nomination.post!r} is not one of the call's posts ({posts})"))
    for i, event in enumerate(nomination.history):
        if event.assignment is None:
            continue
        where = f"history[{i}].assignment"
        change = record.timeline.get(event.assignment)
        if not isinstance(change, Assign):
            out.append((where, f"{event.assignment!r} is not an assign change of the timeline"))
            continue
        wanted = (nomination.post,) if nomination.post else call.posts
        if change.post not in wanted:
            out.append(
                (
                    where,
                    f"{event.assignment!r} assigns {change.post!r}, not a post "
                    f"of this nomination ({', '.join(wanted)})",
                )
            )
        if nomination.person and change.person != nomination.person:
            out.append(
                (
                    where,
                    f"{event.assignment!r} assigns {change.person!r}, not the "
                    f"candidate {nomination.person!r}",
                )
            )
        if change.date.end < event.at.start:
            out.append(
                (
                    where,
                    f"{event.assignment!r} takes effect ({change.date}) before the "
                    f"{event.status} ({event.at})",
                )
            )
    return out
