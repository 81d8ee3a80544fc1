"""Rules on the sequence of changes: changes that cannot apply, same-day contradictions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..changes import Change
from .config import RuleConfig
from .findings import Hit, Severity, origin_of
from .registry import Scope, rule


@dataclass(frozen=True)
class Step:
    """One change as the timeline fold met it."""

    change: Change
    #: what did not hold where the change stands; empty when it applied.
    problems: tuple[str, ...] = ()
    #: node -> line of oversight (None: the top) that the change explicitly gave it.
    lines: dict[str, str | None] = field(default_factory=dict)


def primary_subject(change: Change) -> str | None:
    """The unit or post a change is chiefly about, for findings and narration."""
    for name in ("unit", "node", "post", "into", "source"):
        value = getattr(change, name, None)
        if isinstance(value, str):
            return value
        if value is not None and isinstance(getattr(value, "id", None), str):
            return value.id  # a unit spec
    subjects = sorted(change.subjects())
    return subjects[0] if subjects else None


def describe_change(change: Change) -> str:
    """``rename 'c12' (2021-Q4)``: how findings name a change."""
    ident = f" {change.id!r}" if change.id else ""
    return f"{change.op}{ident} ({change.date})"


@rule(
    "change-precondition",
    Severity.ERROR,
    "A change does not hold where it stands in the timeline, e.g. it depends on a unit "
    "that does not exist at its date.",
    scope=Scope.TIMELINE,
)
def change_precondition(steps: list[Step], config: RuleConfig) -> Iterator[Hit]:
    """Every change that the fold had to skip, with what does not hold."""
    for step in steps:
        if step.problems:
            hint = ""
            if step.change.date.earliest is None:
                # "../2018" applies from the start of the record, before what it needs.
                hint = (
                    f" ({step.change.date} has no earliest day, so it applies from the start "
                    "of the record: give the earliest day the sources allow, as in "
                    f"2009/{step.change.date.latest:%Y}, or leave what it needs undated too)"
                )
            yield Hit(
                primary_subject(step.change),
                f"{describe_change(step.change)} cannot apply: "
                + "; ".join(step.problems)
                + hint,
                change=step.change,
                date=step.change.date,
            )


@rule(
    "multiple-oversight",
    Severity.ERROR,
    "Two changes with the same effective date give one node two different lines of "
    "oversight, so which one holds on that date is undecided.",
    scope=Scope.TIMELINE,
)
def multiple_oversight(steps: list[Step], config: RuleConfig) -> Iterator[Hit]:
    """Nodes given different lines of oversight by changes taking effect the same day."""
    by_day: dict[dt.date, list[Step]] = {}
    for step in steps:
        if step.lines:
            by_day.setdefault(step.change.date.start, []).append(step)
    for day_steps in by_day.values():
        given: dict[str, list[tuple[Change, str | None]]] = {}
        for step in day_steps:
            for node, target in step.lines.items():
                given.setdefault(node, []).append((step.change, target))
        for node, lines in given.items():
            if len({target for _, target in lines}) < 2:
                continue
            (first, first_target), (later, later_target) = lines[0], lines[-1]
            first_at = origin_of(first)
            yield Hit(
                node,
                f"{node!r} is put under {first_target or 'the top'} by "
                f"{describe_change(first)}{f' at {first_at}' if first_at else ''} "
                f"and under {later_target or 'the top'} by {describe_change(later)}, "
                "both taking effect the same day",
                change=later,
                date=later.date,
            )
