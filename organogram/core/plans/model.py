"""What a plan is: its changes against a base, its status, documents and phases.

A plan's changes live outside the timeline until it is enacted. Its *base* is the
record as it stood when the plan was drafted (``drafted_at``, record time): changes
recorded later are what conflict detection compares against. Its ``effective`` date
(valid time) is when it takes effect; each change carries its own date, by default
that of its phase or of the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from ..changes import Change
from ..dates import FuzzyDate


class PlanStatus(StrEnum):
    """Where a plan stands: draft -> proposed -> approved -> enacted, or withdrawn."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    APPROVED = "approved"
    ENACTED = "enacted"
    WITHDRAWN = "withdrawn"


#: status -> statuses it may move to.
TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.PROPOSED, PlanStatus.WITHDRAWN}),
    PlanStatus.PROPOSED: frozenset({PlanStatus.APPROVED, PlanStatus.DRAFT, PlanStatus.WITHDRAWN}),
    PlanStatus.APPROVED: frozenset({PlanStatus.ENACTED, PlanStatus.PROPOSED, PlanStatus.WITHDRAWN}),
    PlanStatus.ENACTED: frozenset(),
    PlanStatus.WITHDRAWN: frozenset({PlanStatus.DRAFT}),
}


@dataclass(frozen=True)
class Phase:
    """A stage of a plan with its own effective date."""

    id: str
    title: str
    effective: FuzzyDate


@dataclass(frozen=True)
class StatusEvent:
    """A move of a plan from one status to another: who, when, why."""

    status: PlanStatus
    at: FuzzyDate
    by: str = ""
    note: str = ""


@dataclass
class Plan:
    """A named reorganization: changes against a base, not yet (or now) in the timeline."""

    id: str
    title: str
    effective: FuzzyDate
    status: PlanStatus = PlanStatus.DRAFT
    description: str = ""
    #: record time of the base: timeline changes recorded after it are "since the base".
    drafted_at: dt.datetime | None = None
    documents: tuple[str, ...] = ()
    phases: tuple[Phase, ...] = ()
    changes: list[Change] = field(default_factory=list)
    events: list[StatusEvent] = field(default_factory=list)

    def phase(self, phase_id: str) -> Phase | None:
        """The phase with this id, if any."""
        return next((p for p in self.phases if p.id == phase_id), None)
