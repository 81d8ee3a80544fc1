"""What a plan is: its changes against a base, its status, documents and phases.

A plan's changes live outside the timeline until it is enacted. Its *base* is the
record as it stood when the plan was drafted (``drafted_at``, record time): changes
recorded later are what conflict detection compares against. Its ``effective`` date
(valid time) is when it takes effect; each change carries its own date, by default
that of its phase or of the plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum

from ..changes import Change
from ..dates import FuzzyDate
from ..errors import OrganogramError


class PlanError(OrganogramError):
    """A plan operation refused, with every reason (not only the first)."""

    def __init__(self, message: str, reasons: list[str] | None = None):
        self.reasons: list[str] = list(reasons or [])
        text = (
            message
            if not self.reasons
            else message + ":\n" + "\n".join(f"- {r}" for r in self.reasons)
        )
        super().__init__(text)


class PlanStatus(StrEnum):
    """Where a plan stands: draft -> proposed -> approved -> enacted, or withdrawn."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    APPROVED = "approved"
    ENACTED = "enacted"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class Move:
    """One move of the workflow: from a status to another, and what it is called.

    ``verb`` names the move in the audit log (``organogram.plan.<verb>``); ``label`` is
    what a button that makes it says; ``permissions`` are the rules of the role table
    (:mod:`organogram.registry.permissions`) any one of which allows it.
    """

    frm: PlanStatus
    to: PlanStatus
    verb: str
    label: str
    permissions: tuple[str, ...]


#: The workflow, once: every move a plan may make. Statuses, verbs, buttons and
#: permissions everywhere (registry, pages, API, command line) are read from here.
MOVES: tuple[Move, ...] = (
    Move(PlanStatus.DRAFT, PlanStatus.PROPOSED, "propose", "Propose", ("plan.propose",)),
    # Taking a proposal back to work on it, or sending it back for revision.
    Move(
        PlanStatus.PROPOSED,
        PlanStatus.DRAFT,
        "redraft",
        "Send back to draft",
        ("plan.propose", "plan.approve"),
    ),
    Move(PlanStatus.PROPOSED, PlanStatus.APPROVED, "approve", "Approve", ("plan.approve",)),
    Move(
        PlanStatus.APPROVED,
        PlanStatus.PROPOSED,
        "propose",
        "Reopen the approval",
        ("plan.approve",),
    ),
    # Enacting is more than a move: it puts the changes in the timeline (see enact()).
    Move(PlanStatus.APPROVED, PlanStatus.ENACTED, "enact", "Enact", ("plan.enact",)),
    Move(PlanStatus.DRAFT, PlanStatus.WITHDRAWN, "withdraw", "Withdraw", ("plan.withdraw",)),
    Move(PlanStatus.PROPOSED, PlanStatus.WITHDRAWN, "withdraw", "Withdraw", ("plan.withdraw",)),
    Move(PlanStatus.APPROVED, PlanStatus.WITHDRAWN, "withdraw", "Withdraw", ("plan.withdraw",)),
    Move(PlanStatus.WITHDRAWN, PlanStatus.DRAFT, "redraft", "Reopen as a draft", ("plan.edit",)),
)

#: (from, to) -> the move; a pair not in it is not a move of the workflow.
MOVE_OF: dict[tuple[PlanStatus, PlanStatus], Move] = {(m.frm, m.to): m for m in MOVES}

#: status -> statuses it may move to (read from :data:`MOVES`).
TRANSITIONS: dict[PlanStatus, frozenset[PlanStatus]] = {
    s: frozenset(m.to for m in MOVES if m.frm is s) for s in PlanStatus
}

#: The statuses in which a plan's changes, phases and base may be edited: a plan under
#: review or approved is what its reviewers saw; to change it, send it back to draft.
EDITABLE: frozenset[PlanStatus] = frozenset({PlanStatus.DRAFT})


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
    #: change id -> phase id, for changes written with ``phase: ID``.
    phase_of: dict[str, str] = field(default_factory=dict)

    def phase(self, phase_id: str) -> Phase | None:
        """The phase with this id, if any."""
        return next((p for p in self.phases if p.id == phase_id), None)

    def phase_for(self, change: Change) -> Phase | None:
        """The phase a change belongs to: as written, else the phase with the same date."""
        named = self.phase_of.get(change.id)
        if named is not None:
            return self.phase(named)
        # A change without an explicit phase whose date is a phase's date is read as part
        # of it, so a dataset need not repeat the phase on every change.
        return next((p for p in self.phases if p.effective == change.date), None)

    def dates(self) -> list[FuzzyDate]:
        """The plan's effective date and every date of its changes, in order."""
        return sorted({self.effective, *(c.date for c in self.changes)}, key=FuzzyDate.sort_key)

    def last_date(self) -> FuzzyDate:
        """The latest of the plan's dates: by then every one of its changes has applied."""
        return max(self.dates(), key=lambda d: (d.end, d.sort_key()))

    def copy(self, **updates: object) -> Plan:
        """An independent copy (lists and maps too), with some attributes changed."""
        fresh = replace(
            self,
            changes=list(self.changes),
            events=list(self.events),
            phase_of=dict(self.phase_of),
        )
        return replace(fresh, **updates) if updates else fresh
