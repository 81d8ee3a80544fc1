"""Validate a plan: the rules run on the timeline with the plan, new problems marked.

A plan should not be blamed for problems already in the record. The rules run twice,
on the present timeline and on the timeline with the plan's changes; a finding of the
second run is *new* unless the first run has the same one. Findings are matched first
exactly (rule, subject and message), then by rule and subject alone, so a problem
whose wording changes with the plan (a span of 12 that becomes 13, a renamed unit in
the message) still counts as the old problem. Problems the plan *resolves* are those
of the present structure, as of the plan's last date, that its structure no longer has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..timeline import Timeline
from .branch import before_and_after
from .model import Plan
from .preview import preview

if TYPE_CHECKING:
    from ..validation import Finding, RuleConfig


@dataclass(frozen=True)
class PlanFinding:
    """A finding on the timeline with the plan, and whether the plan brings it."""

    finding: Finding
    new: bool

    # The finding's own attributes, so a PlanFinding reads like a Finding.
    @property
    def code(self) -> str:
        """The rule's code."""
        return self.finding.code

    @property
    def severity(self) -> object:
        """Error, warning or information."""
        return self.finding.severity

    @property
    def message(self) -> str:
        """What does not hold."""
        return self.finding.message

    @property
    def subject(self) -> str | None:
        """The node the problem is on."""
        return self.finding.subject

    @property
    def change_id(self) -> str | None:
        """The change that caused it, if known."""
        return self.finding.change_id

    @property
    def where(self) -> str | None:
        """``file:line`` of that change, if it was read from a file."""
        return self.finding.where

    @property
    def date(self) -> object:
        """The date from which the problem holds."""
        return getattr(self.finding, "date", None)

    @property
    def until(self) -> object:
        """The date from which the problem no longer holds, if it ends."""
        return getattr(self.finding, "until", None)

    def __str__(self) -> str:
        return f"{'new' if self.new else 'already in the record'}: {self.finding}"


@dataclass
class PlanValidation:
    """Findings with the plan (new ones marked) and the problems the plan resolves."""

    findings: list[PlanFinding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    @property
    def new(self) -> list[PlanFinding]:
        """Only the findings the plan brings."""
        return [f for f in self.findings if f.new]


def check_plan(timeline: Timeline, plan: Plan, config: RuleConfig | None = None) -> PlanValidation:
    """Run the rules with and without the plan; mark new findings, list resolved ones.

    Findings come from the whole timeline (a problem is reported once, from the date
    it appears). Problems *resolved* are read on the structure as of the plan's last
    date, since a problem of the record stays in its history whatever a plan does.
    """
    # Imported when used, so that validation may use plans without an import cycle.
    from ..validation import validate_structure

    without, with_plan, _ = before_and_after(timeline, plan)
    before, after = _both(without, with_plan, config)
    old, _ = _match(before, after)
    findings = [PlanFinding(f, i not in old) for i, f in enumerate(after)]
    p = preview(timeline, plan, plan.last_date())
    was = validate_structure(p.base, config)
    _, kept = _match(was, validate_structure(p.structure, config))
    return PlanValidation(findings, [f for j, f in enumerate(was) if j not in kept])


def _both(
    without: Timeline, with_plan: Timeline, config: RuleConfig | None
) -> tuple[list[Finding], list[Finding]]:
    """``validate_timeline`` of both timelines, running their common first changes once.

    The run over the record is kept in the record timeline's memo (by configuration
    and by where the plan's timeline departs from it): validating another plan, or the
    same plan again, only runs what comes after.
    """
    # Imported when used, so that validation may use plans without an import cycle.
    from ..validation import RuleConfig
    from ..validation.run import TimelineRun

    config = config or RuleConfig()
    # The runs must agree on everything up to ``at``, including the change at ``at``
    # the last step looked ahead to: so one before the first change that differs.
    at = max(0, without.common_prefix(with_plan) - 1)
    key = ("plan-validation", config)
    kept = without.memo.get(key)
    if not (isinstance(kept, tuple) and kept[0] == at):
        run = TimelineRun(without, config)
        run.advance(at)
        shared = run.on(without)
        run.advance(len(without.changes))
        kept = without.memo[key] = (at, shared, run.finish())
    _, shared, before = kept
    after = shared.on(with_plan)
    after.advance(len(with_plan.changes))
    return list(before), after.finish()


def _match(before: list[Finding], after: list[Finding]) -> tuple[set[int], set[int]]:
    """Pair findings of ``after`` with those of ``before``: (indexes in after, in before).

    Exact matches first (rule, subject, message), then by rule and subject alone.
    """
    old: set[int] = set()
    used: set[int] = set()
    keys: tuple[Callable[[Finding], object], ...] = (
        lambda f: (f.code, f.subject, f.message),
        lambda f: (f.code, f.subject) if f.subject is not None else (f.code, f.message),
    )
    for key in keys:
        pool: dict[object, list[int]] = {}
        for j, f in enumerate(before):
            if j not in used:
                pool.setdefault(key(f), []).append(j)
        for i, f in enumerate(after):
            same = pool.get(key(f)) if i not in old else None
            if same:
                used.add(same.pop(0))
                old.add(i)
    return old, used


def validate_plan(
    timeline: Timeline, plan: Plan, config: RuleConfig | None = None
) -> list[PlanFinding]:
    """Findings on the timeline with ``plan``, each marked ``new`` unless already there."""
    return check_plan(timeline, plan, config).findings
