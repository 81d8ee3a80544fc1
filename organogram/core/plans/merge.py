"""Merge one plan into another: the target gains the other's changes, phases, documents.

Two plans drafted apart may both say something about one unit. Where they set the same
attribute of the same node to different values (one renames the Division to "A", the
other to "B"), the merge is refused and both changes are named: picking one silently
would lose a decision. Where they say the same thing, the other's change is left out
as a duplicate. Change ids stay unique: an id the target already uses is prefixed with
the other plan's id.

The merged plan keeps the target's id, title, status and description; its base
(``drafted_at``) is the earlier of the two, so that changes recorded since either
plan was drafted are checked for conflicts. Enacted plans take no part: the target's
changes are part of the record, and the other's are in the timeline already.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ..changes import Change
from .branch import aware
from .effects import effects
from .model import Plan, PlanError, PlanStatus
from .views import ref, show


@dataclass(frozen=True)
class MergeConflict:
    """Two changes, one from each plan, setting one attribute to different values."""

    node: str
    attribute: str
    ours: Change
    theirs: Change
    our_value: object
    their_value: object

    def message(self) -> str:
        """Both changes and both values, in a sentence."""
        a = self.attribute
        return (
            f"{self.node}: {a} is {show(self.our_value, a)} in change {ref(self.ours, who=False)} "
            f"but {show(self.their_value, a)} in change {ref(self.theirs, who=False)}"
        )


def merge_conflicts(target: Plan, other: Plan) -> list[MergeConflict]:
    """Where the two plans set one attribute of one node to different values."""
    ours: dict[tuple[str, str], tuple[Change, object]] = {}
    for c in target.changes:
        for key, v in effects(c).items():
            ours[key] = (c, v)  # a later change of the same plan wins, as when applied
    out: list[MergeConflict] = []
    for c in other.changes:
        for (node, attribute), v in effects(c).items():
            mine = ours.get((node, attribute))
            if mine is not None and mine[1] != v:
                out.append(MergeConflict(node, attribute, mine[0], c, mine[1], v))
    return out


def merge_plans(target: Plan, other: Plan) -> Plan:
    """``target`` with ``other``'s changes, phases and documents; PlanError on conflicts."""
    problems: list[str] = []
    for plan, role in ((target, "target"), (other, "other")):
        if plan.status is PlanStatus.ENACTED:
            problems.append(f"the {role} plan {plan.id!r} is enacted and cannot be merged")
    if target.id == other.id:
        problems.append(f"a plan cannot be merged into itself ({target.id!r})")
    problems += [c.message() for c in merge_conflicts(target, other)]
    phases = {p.id: p for p in target.phases}
    for p in other.phases:
        if p.id in phases and phases[p.id] != p:
            problems.append(
                f"phase {p.id!r} is {phases[p.id].title!r} from {phases[p.id].effective} "
                f"in {target.id!r} but {p.title!r} from {p.effective} in {other.id!r}"
            )
        phases.setdefault(p.id, p)
    if problems:
        raise PlanError(f"plan {other.id!r} cannot be merged into {target.id!r}", problems)

    out = target.copy(
        phases=tuple(phases.values()),
        documents=tuple(dict.fromkeys((*target.documents, *other.documents))),
        drafted_at=_earlier(target, other),
    )
    taken = {c.id for c in out.changes}
    for c in other.changes:
        if any(same_change(c, mine) for mine in target.changes):
            continue  # both plans decided the same thing: keep it once
        new_id = c.id
        if new_id in taken:
            new_id = _free(f"{other.id}-{c.id}", taken)
        taken.add(new_id)
        out.changes.append(c if new_id == c.id else replace(c, id=new_id))
        phase = other.phase_of.get(c.id)
        if phase is not None:
            out.phase_of[new_id] = phase
    return out


def same_change(a: Change, b: Change) -> bool:
    """The same operation with the same parameters on the same date (ids aside): what a
    merge keeps once."""
    return type(a) is type(b) and a.date == b.date and a.params() == b.params()


def _free(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… whichever is not taken."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def _earlier(a: Plan, b: Plan) -> dt.datetime | None:
    """The earlier base of the two; a plan without one does not move it."""
    moments = [m for m in (a.drafted_at, b.drafted_at) if m is not None]
    return min(moments, key=aware) if moments else None
