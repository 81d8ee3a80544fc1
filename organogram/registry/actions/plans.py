"""Actions on plans: draft one; add, edit and remove its changes; settle its conflicts
(rebase); move its status; enact it.

The core's plan workflow (:mod:`organogram.core.plans.workflow`) decides — which
moves exist and who may make them, what may be edited in which status, the ids of
new plans and changes — and these actions store what it decided.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Max

from ...core.changes import Change
from ...core.dates import DateError, FuzzyDate
from ...core.plans import (
    MOVES,
    Plan,
    PlanError,
    PlanStatus,
    add_changes,
    check_editable,
    enact,
    move_for,
    new_plan,
    plan_id_for,
    preview,
    rebase,
    remove_changes,
    replace_change,
    transition,
)
from ...formats.codec import change_to_dict
from ...formats.kinds import ID_RE, ID_RULE
from .. import models as m
from ..convert import change_row
from .base import Action, Audit, Context, Outcome, Refused
from .changes import read_change


class PlanRefused(Refused):
    """A plan write refused; nothing was written."""


class StalePlan(PlanRefused):
    """The plan moved since the person looked at it."""

    kind = "stale"


#: Every permission that makes some move of the workflow.
MOVE_PERMISSIONS: tuple[str, ...] = tuple(dict.fromkeys(p for mv in MOVES for p in mv.permissions))


def _plan(ctx: Context, plan_id: str) -> tuple[Plan, m.Plan]:
    """(core plan, row) of ``plan_id``, read inside the locked transaction."""
    plan = ctx.state.record.plans.get(plan_id)
    row = m.Plan.objects.filter(pk=plan_id).first()
    if plan is None or row is None:
        raise PlanRefused(f"there is no plan {plan_id!r}", kind="missing")
    return plan, row


def _expect(plan: Plan, expected: str | None) -> None:
    """Refuse when the plan's status moved since the person looked at it."""
    if expected is not None and str(plan.status) != expected:
        last = plan.events[-1] if plan.events else None
        who = f" ({last.by or 'someone'} moved it on {last.at})" if last else ""
        raise StalePlan(
            f"the plan is {plan.status} now, no longer {expected}{who}: "
            "look at it again before acting on it"
        )


def _editable(plan: Plan) -> None:
    why = check_editable(plan)
    if why is not None:
        raise PlanRefused(why)


def _core(call: Any, message: str | None = None) -> Any:
    """``call()``, the core's refusal (PlanError) turned into the registry's."""
    try:
        return call()
    except PlanError as exc:
        head = message or str(exc).split(":\n", 1)[0]
        raise PlanRefused(head, exc.reasons) from None


def _event_row(row: m.Plan, plan: Plan) -> None:
    """Store the last status event of ``plan`` (as the core recorded it)."""
    event = plan.events[-1]
    top = row.events.aggregate(top=Max("position"))["top"]
    m.PlanEvent.objects.create(
        plan=row,
        position=0 if top is None else top + 1,
        status=str(event.status),
        at=str(event.at),
        by=event.by,
        note=event.note.strip(),
    )


class _Stored:
    """The ids of every stored change (timeline and plans), asked one at a time: a new
    change needs one or two answers, not a set of a large record's every id."""

    def __init__(self, but: set[str]):
        self.but = but

    def __contains__(self, ident: object) -> bool:
        return ident not in self.but and m.Change.objects.filter(pk=ident).exists()


def _refuse_failing(ctx: Context, candidate: Plan, change: Change) -> None:
    failed = [
        f for f in preview(ctx.state.record.timeline, candidate).failures if f.change is change
    ]
    if failed:
        raise PlanRefused(
            f"the change does not apply on {change.date} where it falls in the plan",
            [p for f in failed for p in f.problems],
        )


@dataclass
class DraftPlan(Action):
    """A new draft plan, based on the record as it stands now (its ``drafted_at``).

    ``plan_id`` defaults to one made from the title. Refused, naming the field, when
    the title is empty, the date is not one, or the id is taken or not an id.
    """

    title: str
    effective: str
    description: str = ""
    plan_id: str = ""

    permissions = ("plan.draft",)
    step = m.Step.Kind.PLANS

    def prepare(self) -> None:
        """Read the title, the date and the id."""
        fields: dict[str, list[str]] = {}
        self.title = self.title.strip()
        if not self.title:
            fields["title"] = ["a plan needs a title"]
        try:
            self._when = FuzzyDate.parse(self.effective.strip())
        except DateError as exc:
            fields["effective"] = [str(exc)]
        self.plan_id = self.plan_id.strip()
        if self.plan_id and ID_RE.fullmatch(self.plan_id) is None:
            fields["id"] = [f"{self.plan_id!r} is not a valid id: {ID_RULE}"]
        self._fields = fields

    def check(self, ctx: Context) -> str:
        """The id is free; returns it (made from the title when none was given)."""
        ctx.state  # noqa: B018 - refuses an empty registry before anything else
        taken = set(m.Plan.objects.values_list("id", flat=True))
        if self.plan_id and self.plan_id in taken:
            self._fields["id"] = [f"there is already a plan {self.plan_id!r}"]
        if self._fields:
            raise PlanRefused("the plan cannot be drafted", fields=self._fields, kind="invalid")
        return self.plan_id or plan_id_for(self.title, taken)

    def execute(self, ctx: Context, plan_id: str) -> Outcome:
        """Store the plan and its first status event; the result is its row."""
        plan = new_plan(
            plan_id,
            self.title,
            self._when,
            by=ctx.actor.by,
            at=ctx.now,
            description=self.description.strip(),
        )
        position = (m.Plan.objects.aggregate(top=Max("position"))["top"] or 0) + 1
        row = m.Plan.objects.create(
            id=plan.id,
            position=position,
            title=plan.title,
            status=str(plan.status),
            effective=str(plan.effective),
            description=plan.description,
            drafted_at=ctx.now.isoformat(),
        )
        _event_row(row, plan)
        after = {"title": plan.title, "effective": str(plan.effective), "status": "draft"}
        return Outcome(row, Audit("organogram.plan.create", "plan", plan.id, after=after))


@dataclass
class AddPlanChange(Action):
    """Add the change ``data`` describes (a dataset entry's mapping) to a draft plan.

    The date defaults to the phase's or the plan's effective date; the id, to the
    plan's next free one. Refused, naming the field, when the mapping is not a valid
    change, and with the reasons when the change would not apply where it falls.
    """

    plan_id: str
    data: Mapping[str, Any]
    phase: str | None = None

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, Change]:
        """The plan is a draft, the change is valid, its id free, and it applies."""
        plan, _ = _plan(ctx, self.plan_id)
        _editable(plan)
        wanted = dict(self.data)
        if self.phase and plan.phase(self.phase) is None:
            raise PlanRefused(
                "the change cannot be added", fields={"phase": [f"no phase {self.phase!r}"]},
                kind="invalid",
            )
        if not wanted.get("date"):
            ph = plan.phase(self.phase) if self.phase else None
            wanted["date"] = str(ph.effective if ph else plan.effective)
        change = read_change(wanted, PlanRefused)
        taken = _Stored({c.id for c in plan.changes})
        if change.id and (change.id in taken or plan_has(plan, change.id)):
            raise PlanRefused(
                "the change cannot be added",
                fields={"id": [f"a change {change.id!r} exists already"]},
                kind="invalid",
            )
        candidate = _core(lambda: add_changes(plan, [change], self.phase or None, taken=taken))
        added = candidate.changes[-1]
        _refuse_failing(ctx, candidate, added)
        return candidate, added

    def execute(self, ctx: Context, checked: tuple[Plan, Change]) -> Outcome:
        """Store the change's row at the end of the plan; the result is the change."""
        candidate, change = checked
        top = m.Change.objects.filter(plan_id=self.plan_id).aggregate(top=Max("position"))["top"]
        position = 0 if top is None else top + 1
        change_row(change, ctx.next_sequence(), candidate, position).save()
        audit = Audit(
            "organogram.plan.change.add", "plan", self.plan_id,
            after={"change": change_to_dict(change)},
        )
        return Outcome(change, audit)


def plan_has(plan: Plan, change_id: str) -> bool:
    """Whether ``plan`` holds a change of this id."""
    return any(c.id == change_id for c in plan.changes)


@dataclass
class EditPlanChange(Action):
    """Replace a change of a draft plan by the one ``data`` describes, in its place.

    The change keeps its id and phase; the date defaults to the one it had.
    """

    plan_id: str
    change_id: str
    data: Mapping[str, Any]

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, Change, Change]:
        """The plan is a draft holding the change, the new one is valid and applies."""
        plan, _ = _plan(ctx, self.plan_id)
        _editable(plan)
        old = next((c for c in plan.changes if c.id == self.change_id), None)
        if old is None:
            raise PlanRefused(
                f"plan {self.plan_id!r} has no change {self.change_id!r}", kind="missing"
            )
        wanted = {**dict(self.data), "id": self.change_id}
        wanted.setdefault("date", str(old.date))
        new = read_change(wanted, PlanRefused)
        candidate = _core(lambda: replace_change(plan, new))
        _refuse_failing(ctx, candidate, new)
        return candidate, old, new

    def execute(self, ctx: Context, checked: tuple[Plan, Change, Change]) -> Outcome:
        """Rewrite the change's row (same sequence and position)."""
        candidate, old, new = checked
        row = m.Change.objects.get(pk=self.change_id, plan_id=self.plan_id)
        fresh = change_row(new, row.sequence, candidate, row.position)
        fresh.save(force_update=True)
        audit = Audit(
            "organogram.plan.change.edit", "plan", self.plan_id,
            before={"change": change_to_dict(old)}, after={"change": change_to_dict(new)},
        )
        return Outcome(new, audit)


@dataclass
class RemovePlanChange(Action):
    """Take a change out of a draft plan."""

    plan_id: str
    change_id: str

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> Change:
        """The plan is a draft holding the change."""
        plan, _ = _plan(ctx, self.plan_id)
        _editable(plan)
        change = next((c for c in plan.changes if c.id == self.change_id), None)
        if change is None:
            raise PlanRefused(
                f"plan {self.plan_id!r} has no change {self.change_id!r}", kind="missing"
            )
        _core(lambda: remove_changes(plan, [self.change_id]))
        return change

    def execute(self, ctx: Context, change: Change) -> Outcome:
        """Delete the change's row."""
        m.Change.objects.filter(pk=self.change_id, plan_id=self.plan_id).delete()
        audit = Audit(
            "organogram.plan.change.remove", "plan", self.plan_id,
            before={"change": change_to_dict(change)},
        )
        return Outcome(None, audit)


@dataclass
class RebasePlan(Action):
    """Settle a draft plan's conflicts: its base moves to now, so what was recorded since
    no longer conflicts (for a plan reviewed against those changes: its own kept,
    adjusted or dropped)."""

    plan_id: str

    permissions = ("plan.edit",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, m.Plan]:
        """The plan is a draft; returns it rebased and its row."""
        plan, row = _plan(ctx, self.plan_id)
        _editable(plan)
        return _core(lambda: rebase(plan, at=ctx.now)), row

    def execute(self, ctx: Context, checked: tuple[Plan, m.Plan]) -> Outcome:
        """Store the new base."""
        plan, row = checked
        before = row.drafted_at
        row.drafted_at = plan.drafted_at.isoformat() if plan.drafted_at else ""
        row.save(update_fields=["drafted_at"])
        audit = Audit(
            "organogram.plan.rebase", "plan", self.plan_id,
            before={"drafted_at": before}, after={"drafted_at": row.drafted_at},
        )
        return Outcome(None, audit)


@dataclass
class MovePlan(Action):
    """Move a plan to status ``to`` with a note (``enacted``: see :class:`EnactPlan`).

    ``expected`` is the status the person saw; if the plan has moved since, the move
    is refused. Who may make the move is the workflow's table's to say
    (:data:`~organogram.core.plans.model.MOVES`); a move it does not hold is refused
    saying what to do instead.
    """

    plan_id: str
    to: str
    note: str = ""
    expected: str | None = None

    permissions = MOVE_PERMISSIONS
    step = m.Step.Kind.PLANS

    def prepare(self) -> None:
        """The target is a status (enacting is its own action)."""
        try:
            self._to = PlanStatus(self.to)
        except ValueError:
            raise PlanRefused(
                f"{self.to!r} is not a plan status",
                fields={"to": ["not a plan status"]},
                kind="invalid",
            ) from None

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """The permissions of this move, from the workflow's table."""
        plan, _ = _plan(ctx, self.plan_id)
        _expect(plan, self.expected)
        try:
            return move_for(plan, self._to).permissions
        except PlanError:
            # Not a move of the workflow: whoever may move plans hears why not (check).
            return ()

    def check(self, ctx: Context) -> tuple[Plan, Plan, m.Plan]:
        """The move exists from where the plan stands; returns the plan moved."""
        plan, row = _plan(ctx, self.plan_id)
        _core(lambda: move_for(plan, self._to))
        if self._to is PlanStatus.ENACTED:
            raise PlanRefused("a plan is enacted by enacting it, which checks it first")
        moved = _core(
            lambda: transition(plan, self._to, by=ctx.actor.by, at=ctx.now.date(), note=self.note)
        )
        return plan, moved, row

    def execute(self, ctx: Context, checked: tuple[Plan, Plan, m.Plan]) -> Outcome:
        """Store the status and the event the core recorded."""
        plan, moved, row = checked
        row.status = str(moved.status)
        row.save(update_fields=["status"])
        _event_row(row, moved)
        mv = move_for(plan, moved.status)
        note = self.note.strip()
        audit = Audit(
            f"organogram.plan.{mv.verb}", "plan", self.plan_id,
            before={"status": str(plan.status)},
            after={"status": str(moved.status), **({"note": note} if note else {})},
        )
        return Outcome(moved.status, audit)


@dataclass
class EnactPlan(Action):
    """Enact an approved plan: its changes join the timeline, all or nothing.

    Refused with every reason the core gives (not approved, no changes, conflicts with
    what was recorded since its base, a change that would not apply, a recorded change
    it would break). On success the plan's change rows are stamped with who recorded
    them and when, numbered after every change recorded so far (the order enacting
    checked), and the plan is enacted.
    """

    plan_id: str
    note: str = ""
    expected: str | None = None

    permissions = ("plan.enact",)
    step = m.Step.Kind.PLANS

    def check(self, ctx: Context) -> tuple[Plan, Any, m.Plan]:
        """The core enacts the plan on the record (or says every reason why not)."""
        plan, row = _plan(ctx, self.plan_id)
        _expect(plan, self.expected)
        result = _core(
            lambda: enact(
                ctx.state.record.timeline, plan, by=ctx.actor.by, at=ctx.now, note=self.note
            ),
            f"plan {self.plan_id!r} cannot be enacted",
        )
        return plan, result, row

    def execute(self, ctx: Context, checked: tuple[Plan, Any, m.Plan]) -> Outcome:
        """Stamp and number the change rows; store the status and its event."""
        plan, result, row = checked
        top = ctx.next_sequence() - 1
        for i, change in enumerate(result.changes, start=1):
            m.Change.objects.filter(pk=change.id, plan_id=self.plan_id).update(
                sequence=top + i, recorded_by=ctx.actor.by, recorded_at=ctx.now.isoformat()
            )
        row.status = str(result.plan.status)
        row.save(update_fields=["status"])
        _event_row(row, result.plan)
        ids = [c.id for c in result.changes]
        audit = Audit(
            "organogram.plan.enact", "plan", self.plan_id,
            before={"status": str(plan.status)}, after={"status": "enacted", "changes": ids},
            message=self.note.strip(),
        )
        return Outcome(list(result.changes), audit, appended=ids)


def allowed_moves(status: PlanStatus | str, may: Any) -> list[PlanStatus]:
    """The statuses a plan in ``status`` may be moved to by someone for whom ``may(p)``
    says whether they hold permission ``p`` (enacting aside)."""
    here = PlanStatus(status)
    return [
        mv.to
        for mv in MOVES
        if mv.frm is here
        and mv.to is not PlanStatus.ENACTED
        and any(may(p) for p in mv.permissions)
    ]
