"""What the API's endpoints share: reading dates, telling changes, the editing token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError

from ..core.changes import Change
from ..core.dates import DateError, FuzzyDate
from ..queries.changes import change_data
from ..registry.permissions import can
from ..registry.store import State
from ..site.views.unit import sentences


def when(at: str | None) -> FuzzyDate:
    """``at`` read as a date or period (default today); 400 when it is not one."""
    if not at:
        return FuzzyDate.day(dt.date.today())
    try:
        return FuzzyDate.parse(at.strip())
    except DateError as exc:
        raise HttpError(400, str(exc)) from None


def latest_token(state: State) -> int:
    """The sequence of the latest recorded change: a token valid for any edit."""
    return state.once("latest_token", lambda: max(state.sequences.values(), default=0))


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
