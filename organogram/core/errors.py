"""Errors raised by the core, each saying what does not hold."""

from __future__ import annotations


class OrganogramError(Exception):
    """Base class of every error the core raises on purpose."""


class ChangeError(OrganogramError):
    """A change whose preconditions do not hold on the structure it is applied to."""

    def __init__(self, change_id: str, problems: list[str]):
        self.change_id = change_id
        self.problems = problems
        super().__init__(f"change {change_id}: " + "; ".join(problems))


class SharedStructureError(OrganogramError):
    """A write to a structure that is shared read-only (a snapshot, a checkpoint)."""


class NotFound(OrganogramError):
    """A unit, post, person, source, change or plan that the record does not hold."""
