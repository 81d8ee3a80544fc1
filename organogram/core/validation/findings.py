"""What a validation rule reports: a finding, with how serious it is and where it comes from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..changes import Change
from ..dates import FuzzyDate


class Severity(StrEnum):
    """How serious a finding is; an error makes a structure or a plan invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for information: the order to show them in."""
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: on a node (``subject``), maybe caused by a change."""

    code: str
    severity: Severity
    message: str
    subject: str | None = None
    change_id: str | None = None
    #: ``file:line`` the change was read from, when it was read from a file.
    where: str | None = None
    #: On a timeline: the date from which the problem holds (first date it appears).
    date: FuzzyDate | None = None
    #: On a timeline: the first checked date on which it no longer holds (None: it
    #: still holds at the end of the timeline).
    until: FuzzyDate | None = None

    @property
    def open(self) -> bool:
        """True when the problem still holds at the end of what was checked."""
        return self.until is None

    def __str__(self) -> str:
        parts = [f"{self.severity} {self.code}"]
        if self.date is not None:
            parts.append(f"from {self.date}")
        if self.until is not None:
            parts.append(f"until {self.until}")
        if self.where:
            parts.append(f"at {self.where}")
        return " ".join(parts) + ": " + self.message


@dataclass(frozen=True)
class Hit:
    """What a rule's check yields; the runner turns it into a :class:`Finding`.

    ``key`` identifies the problem across snapshots (default: the message), so a problem
    that persists over many dates is reported once. ``causes`` lists the nodes whose
    changes may have brought the problem about (default: the subject alone); on a
    timeline, the latest change to one of them on the date the problem appears is
    named as its cause.
    """

    subject: str | None
    message: str
    key: object = None
    causes: tuple[str, ...] | None = None
    change: Change | None = None
    date: FuzzyDate | None = None


def origin_of(change: Change) -> str | None:
    """``file:line`` a change was read from, or None when it was not read from a file."""
    if change.origin:
        return f"{change.origin[0]}:{change.origin[1]}"
    return None
