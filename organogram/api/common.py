"""What the API's endpoints share: reading dates and telling changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError

from ..core.changes import Change
from ..core.dates import DateError, FuzzyDate
from ..formats.codec import change_to_dict
from ..queries.changes import PERSONAL_PARAMS, change_data
from ..registry.permissions import can
from ..registry.reading.timeline import sentences
from ..registry.store import State

#: The largest ``offset`` a list takes: past any list's end (an empty page), and within
#: what a database's OFFSET holds (a larger one failed there).
MAX_OFFSET = 2**31 - 1


def offset_field() -> Any:
    """The ``offset`` of a paged list: 0 or more, at most :data:`MAX_OFFSET` (422 else)."""
    from ninja import Field

    return Field(0, ge=0, le=MAX_OFFSET, description="entries to skip (0 or more)")


def required_date(name: str, at: str) -> FuzzyDate:
    """``at``, the query parameter ``name``, read as a date or period; 400 when empty or
    not one."""
    if not at.strip():
        raise HttpError(400, f"{name}: a date is needed (YYYY-MM-DD, YYYY-MM, YYYY…)")
    return when(at)


def when(at: str | None) -> FuzzyDate:
    """``at`` read as a date or period (default today); 400 when it is not one."""
    if not at:
        return FuzzyDate.day(dt.date.today())
    try:
        return FuzzyDate.parse(at.strip())
    except DateError as exc:
        raise HttpError(400, str(exc)) from None


def change_rows(
    request: HttpRequest, state: State, changes: Iterable[Change | None]
) -> list[dict[str, Any]]:
    """Timeline changes as the pages list them: data and sentence, people as allowed."""
    people = can(request.auth, "people.view")  # type: ignore[attr-defined]
    told = sentences(state, people)
    return [
        {
            **change_data(c, state.record.sources, told.get(c, ""), people=people),
            "sequence": state.sequences.get(c.id, 0),
            # The change in the shape a write accepts (a dataset entry's mapping), so that
            # what is read can be sent back, edited, as a new change.
            "change": as_written(c, people),
            # Who recorded it is a colleague's name: for signed-in readers only.
            **(
                {
                    "recorded_by": c.recorded_by,
                    "recorded_at": c.recorded_at.isoformat() if c.recorded_at else "",
                }
                if people
                else {}
            ),
        }
        for c in changes
        if c is not None
    ]


#: What a dataset's change mapping holds about people: left out for visitors.
_PERSONAL_FIELDS = PERSONAL_PARAMS | {"recorded_by", "recorded_at"}


def as_written(change: Change, people: bool) -> dict[str, Any]:
    """``change`` as a dataset's ``changes:`` entry writes it (what ``POST /api/changes``
    accepts); without the fields naming people for readers who may not see them."""
    data = change_to_dict(change)
    return data if people else {k: v for k, v in data.items() if k not in _PERSONAL_FIELDS}
