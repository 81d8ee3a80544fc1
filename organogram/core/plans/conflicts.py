"""Three-way conflicts between a plan and what was recorded since it was drafted.

A plan is drafted against its *base*: the timeline as it stood at ``drafted_at``
(record time). By the time it is enacted, others may have recorded changes "since the
base". For every node the plan touches (its changes' subjects and every node they
move, re-home or re-parent) three versions are compared as of the plan's end date
(the latest of its dates; the effective date for a plan with one date):

* BASE: the base timeline folded;
* WANT: the base timeline with the plan's changes;
* NOW: the current timeline folded.

An attribute (existence, name, kind, parent, mandate, head, grade, unit, a typed
line…) conflicts when BASE, WANT and NOW are three different values: both sides
changed it, differently. A change on one side only, or the same value on both, is not
a conflict. Besides, a plan change whose preconditions held on the base and fail on
the present is a conflict (the plan renames a unit abolished since), unless the
present already is what the plan wants; and a change recorded since the base that
the plan would stop from applying is one too. Without ``drafted_at`` the whole record
is the base: only the plan changes that fail on the present are reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..changes import Change
from ..collector import paused
from ..structure import Structure
from ..timeline import Timeline
from .branch import base_timeline, end_of, plan_changes, since_base
from .model import Plan
from .trace import Trace, trace
from .views import GONE, attributes, ref, show, value, view

VALUE = "value"
PRECONDITION = "precondition"
BROKEN = "broken"


@dataclass(frozen=True)
class Conflict:
    """One disagreement between a plan and the record since its base."""

    kind: str  # VALUE, PRECONDITION or BROKEN
    node: str
    label: str
    attribute: str = ""
    base: object = GONE
    want: object = GONE
    now: object = GONE
    #: changes recorded since the base that made the NOW value (or broke the plan change).
    since: tuple[Change, ...] = ()
    #: the plan change that wants the WANT value, or that no longer applies.
    plan_change: Change | None = None
    problems: tuple[str, ...] = ()

    def message(self) -> str:
        """The conflict in a sentence or two, naming the changes on both sides."""
        who = f"{self.label} ({self.node})" if self.label != self.node else self.node
        since = ", ".join(ref(c) for c in self.since) or "no single change"
        if self.kind == VALUE:
            mine = f" by {ref(self.plan_change)}" if self.plan_change else ""
            a = self.attribute
            return (
                f"{who}: {a} was {show(self.base, a)} in the plan's base; the plan sets "
                f"{show(self.want, a)}{mine}, but since the base it became "
                f"{show(self.now, a)} ({since})"
            )
        if self.kind == PRECONDITION:
            assert self.plan_change is not None
            why = "; ".join(self.problems)
            tail = f" (changed since the base by {since})" if self.since else ""
            return f"plan change {ref(self.plan_change)} no longer applies to {who}: {why}{tail}"
        return (
            f"change {since}, recorded since the plan's base, would no longer apply "
            f"with the plan: {'; '.join(self.problems)}"
        )

    def __str__(self) -> str:
        return self.message()


@paused()
def conflicts(
    timeline: Timeline, plan: Plan, *, branch: Timeline | None = None
) -> list[Conflict]:
    """Every conflict between ``plan`` and the changes recorded since its base.

    ``branch``: :func:`~organogram.core.plans.branch.plan_timeline` of the same
    timeline and plan, when the caller has made it already (it is not made again).
    """
    mine = plan_changes(timeline, plan)
    if not mine:
        return []
    day = end_of(plan.dates())
    base_tl = base_timeline(timeline, plan)
    since = since_base(timeline, plan)
    later = set(since)
    if branch is None:
        branch = timeline.with_changes(mine)

    base = trace(base_tl, day).structure
    # Without a base older than the record, the plan's branch of the base is the branch
    # of the record itself: made once, and folded once for both uses below.
    want_tl = branch if base_tl is timeline else base_tl.with_changes(mine)
    first = trace(want_tl, day, follow=mine)
    # Nodes the plan touches, reparenting and re-homing included; watched in the next folds.
    nodes = set(first.touched).union(*(c.subjects() for c in mine))
    want = trace(want_tl, day, follow=mine, watch=nodes, until=day)
    now = trace(timeline, day, follow=since, watch=nodes)
    # The same fold as ``first`` when the branches are one (following changes records
    # what they touched and changes nothing else).
    both = first if want_tl is branch else trace(branch, day)

    out = _preconditions(mine, first, now, both, want, no_base=plan.drafted_at is None)
    blamed = {c.plan_change for c in out}
    for node in sorted(nodes):
        vb, vw, vn = view(base, node), view(want.structure, node), view(now.structure, node)
        for a in attributes(vb, vw, vn):
            b, w, n = value(vb, a), value(vw, a), value(vn, a)
            if b in (n, w) or w == n:
                continue
            wanted = want.causes.get((node, a), [])
            if wanted and all(c in blamed for c in wanted):
                continue  # already reported as a plan change that no longer applies
            made = now.causes.get((node, a)) or now.touched.get(node, [])
            out.append(
                Conflict(
                    VALUE,
                    node,
                    _label(base, now.structure, node),
                    a,
                    b,
                    w,
                    n,
                    tuple(made),
                    wanted[-1] if wanted else None,
                )
            )
    failed_now = now.failed()
    for f in both.failures:
        if f.change in later and f.change not in failed_now:
            node = min(f.change.subjects(), default="")
            out.append(
                Conflict(
                    BROKEN,
                    node,
                    _label(base, now.structure, node),
                    since=(f.change,),
                    problems=f.problems,
                )
            )
    return out


def _preconditions(
    mine: list[Change], on_base: Trace, now: Trace, both: Trace, want: Trace, *, no_base: bool
) -> list[Conflict]:
    """Plan changes that held on the base and fail on the present, unless redundant."""
    out: list[Conflict] = []
    failed_base = on_base.failed()
    own = set(mine)
    for f in both.failures:
        c = f.change
        if c not in own:
            continue
        if c in failed_base and not no_base:
            continue  # fails on the base too: the plan's own failure, not a conflict
        subjects = sorted(c.subjects())
        if not no_base and all(
            view(both.structure, n) == view(want.structure, n) for n in subjects
        ):
            continue  # the present already is what the plan wants
        made = [m for n in subjects for m in now.touched.get(n, []) if m.date.start <= c.date.start]
        node = next((n for n in subjects if now.touched.get(n)), subjects[0] if subjects else "")
        out.append(
            Conflict(
                PRECONDITION,
                node,
                _label(now.structure, want.structure, node),
                since=_unique(made),
                plan_change=c,
                problems=f.problems,
            )
        )
    return out


def _unique(changes: list[Change]) -> tuple[Change, ...]:
    """``changes`` without repeats, in order (changes are not hashable)."""
    seen: set[int] = set()
    return tuple(c for c in changes if not (c in seen or seen.add(c)))


def _label(a: Structure, b: Structure, node: str) -> str:
    """The node's name in the first structure that knows it."""
    name = a.label(node)
    return name if name != node else b.label(node)
