"""Settle a merge's conflicts: for each, one plan's change wins and the other's is left out.

:func:`~organogram.core.plans.merge.merge_plans` refuses two plans that set one attribute
of one node to different values. Settling chooses, conflict by conflict, which plan's
decision stands: the losing change is left out of the merge as a whole (a change is one
decision; half of a merge of two units cannot be kept). Each conflict has an id made
from the node and the attribute (``dom:name``), so a caller can name its choice.

Leaving a change out can uncover another conflict (a plan that renames a unit twice
loses its second rename; its first may still disagree), so settling repeats until no
chosen conflict is left. A change cannot both win one conflict and lose another: that
choice keeps neither decision, and is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..changes import Change
from .merge import MergeConflict, merge_conflicts
from .model import Plan, PlanError


def conflict_ids(found: list[MergeConflict]) -> list[str]:
    """An id for each conflict, in order: ``NODE:ATTRIBUTE`` (``-2``… when repeated)."""
    out: list[str] = []
    for c in found:
        base = f"{c.node}:{c.attribute.replace(' ', '-')}"
        ident, n = base, 1
        while ident in out:
            n += 1
            ident = f"{base}-{n}"
        out.append(ident)
    return out


@dataclass
class Settled:
    """The two plans once the chosen conflicts are settled, and what is left to choose."""

    target: Plan
    other: Plan
    #: the target's changes left out because the other plan's won
    dropped: list[Change] = field(default_factory=list)
    #: the other plan's changes left out because the target's won
    left_out: list[Change] = field(default_factory=list)
    #: (id, conflict) of every conflict no choice names yet
    unsettled: list[tuple[str, MergeConflict]] = field(default_factory=list)
    #: the ids of the conflicts a choice settled
    used: set[str] = field(default_factory=set)


def settle(target: Plan, other: Plan, take: Mapping[str, str]) -> Settled:
    """Apply ``take`` (conflict id -> the id of the plan whose change wins).

    Refused (PlanError) when a choice names neither plan, or when a change would both
    win and lose. Conflicts no choice names are returned in ``unsettled``, the plans
    keeping both of their changes.
    """
    sides = {target.id, other.id}
    wrong = [f"{k}: {v!r} is neither {target.id!r} nor {other.id!r}" for k, v in take.items()
             if v not in sides]
    if wrong:
        raise PlanError("a choice names neither plan", wrong)
    out = Settled(target, other)
    winners: set[str] = set()
    while True:
        found = merge_conflicts(out.target, out.other)
        chosen = [(i, c) for i, c in zip(conflict_ids(found), found, strict=True) if i in take]
        out.unsettled = [(i, c) for i, c in zip(conflict_ids(found), found, strict=True)
                         if i not in take]
        if not chosen:
            return out
        losers_t: set[str] = set()
        losers_o: set[str] = set()
        for ident, c in chosen:
            out.used.add(ident)
            if take[ident] == target.id:
                winners.add(c.ours.id)
                losers_o.add(c.theirs.id)
            else:
                winners.add(c.theirs.id)
                losers_t.add(c.ours.id)
        both = sorted(winners & (losers_t | losers_o))
        if both:
            raise PlanError(
                "a change cannot both win one conflict and lose another",
                [f"change {x!r} wins one of the chosen conflicts and loses another: "
                 "choose the same plan for the conflicts it is in" for x in both],
            )
        out.dropped += [c for c in out.target.changes if c.id in losers_t]
        out.left_out += [c for c in out.other.changes if c.id in losers_o]
        out.target = _without(out.target, losers_t)
        out.other = _without(out.other, losers_o)


def _without(plan: Plan, ids: set[str]) -> Plan:
    """``plan`` without the changes ``ids`` (whatever its status: a copy, not an edit)."""
    if not ids:
        return plan
    return plan.copy(
        changes=[c for c in plan.changes if c.id not in ids],
        phase_of={k: v for k, v in plan.phase_of.items() if k not in ids},
    )
