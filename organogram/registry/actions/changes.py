"""Actions on the timeline: record a dated change (or a correction), reverse one.

A change arrives in one shape at every boundary: the mapping a dataset's ``changes:``
entry holds (a form's fields and an API body are turned into it), read by the
dataset codec exactly as a file is. It is checked where it falls in the timeline,
with every later change, and stored as the row that reads back into it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ...core.changes import Change
from ...core.dates import FuzzyDate
from ...core.record import Record
from ...core.timeline import Failure, Timeline
from ...formats.codec import ChangeDataError, change_from_dict, change_to_dict
from ...formats.references import change_dangling
from ...history.inverse import NotReversible, inverse
from ...queries.structure import node_data
from .. import models as m
from ..convert import change_row, row_change
from .base import Action, Audit, Context, Invalid, Outcome, Refused


class ChangeRefused(Refused):
    """A change that does not apply at its date, or that would break later changes."""


class StaleEdit(ChangeRefused):
    """Someone else changed the same units since the editor looked: nothing overwritten."""

    kind = "stale"

    def __init__(self, newer: list[Change]):
        self.newer = newer
        super().__init__(
            "someone else has changed these units since you looked; review the record as it "
            "is now and try again",
            [
                f"{c.id}: {c.op} on {c.date}, recorded by {c.recorded_by or 'unknown'}"
                for c in newer
            ],
        )


@dataclass(frozen=True)
class Recorded:
    """A change recorded in the timeline."""

    change: Change
    sequence: int
    revision: int


@dataclass(frozen=True)
class Checked:
    """A change checked against a timeline (see :func:`check_against`)."""

    #: what keeps the change from applying at its date.
    problems: list[str]
    #: later changes that applied before and would fail with it.
    broken: list[Failure]
    #: the timeline with the change, folded to its end.
    timeline: Timeline


def failure_text(f: Failure) -> str:
    """A failing change in one line: its id, op, date and problems."""
    return f"{f.change.id} ({f.change.op}, {f.change.date}): {'; '.join(f.problems)}"


def check_against(timeline: Timeline, change: Change) -> Checked:
    """Check ``change`` where it falls in ``timeline``, and every change after it.

    Only the changes from the nearest checkpoint before the change on are folded (the
    ones before it do not see it); changes that already failed before are not blamed
    on the new one.
    """
    failed_before = {f.change for f in timeline.failures()}
    # The new timeline shares the checkpoints before the change: its fold starts there.
    grown = timeline.with_changes([change])
    _, after = grown.fold()
    mine = [p for f in after if f.change is change for p in f.problems]
    broken = [f for f in after if f.change is not change and f.change not in failed_before]
    return Checked(mine, broken, grown)


def read_change(
    data: Change | Mapping[str, Any], refusal: type[Refused] = Invalid
) -> Change:
    """The change a boundary's mapping describes (a Change is taken as it is); refused
    (as ``refusal``, kind ``invalid``), problems by field, when it is not one."""
    if isinstance(data, Change):
        return data
    try:
        return change_from_dict(dict(data))
    except ChangeDataError as exc:
        raise refusal("the change is not valid", fields=exc.by_field(), kind="invalid") from None


def reference_problems(record: Record, change: Change) -> dict[str, list[str]]:
    """Field -> why, for each reference of ``change`` that points at nothing in
    ``record``: a source it cites that the record does not hold, a passage its source does
    not list (a source that lists none takes any), a person, an entry... The loader's rule
    (:func:`organogram.formats.references.change_dangling`), so that what is recorded can
    be exported and loaded again."""
    return change_dangling(record, change)


def refuse_dangling(record: Record, change: Change, refusal: type[Refused] = Invalid) -> None:
    """Refuse ``change`` (as ``refusal``, by field) when a reference of it points at
    nothing in ``record``, as a dataset file holding it would be."""
    problems = reference_problems(record, change)
    if problems:
        raise refusal(
            "the change refers to what the record does not hold",
            [f"{field}: {why}" for field, whys in problems.items() for why in whys],
            problems,
            kind="invalid",
        )


def _nodes_at(timeline: Timeline, change: Change) -> dict[str, Any]:
    """The units and posts ``change`` touches, as they stand at its date."""
    s = timeline.snapshot(change.date).structure
    return {n: node_data(s, n) for n in sorted(change.subjects()) if s.exists(n)}


def _refuse_stale(ctx: Context, changes: list[Change], expected: int | None) -> None:
    if expected is None:
        return
    newer = ctx.state.newer_than(frozenset().union(*(c.subjects() for c in changes)), expected)
    if newer:
        raise StaleEdit(newer)


@dataclass
class _Checked:
    """A change stamped and checked: its row, and the timeline before and with it."""

    change: Change
    sequence: int
    row: m.Change
    before: Timeline
    after: Timeline


def _stamp_and_check(
    ctx: Context, timeline: Timeline, change: Change, sequence: int, taken: set[str]
) -> _Checked:
    """``change`` stamped (id, who, when), checked where it falls in ``timeline``."""
    ident = change.id or f"rec-{sequence}"
    if ident in taken or m.Change.objects.filter(pk=ident).exists():
        raise ChangeRefused(f"a change with id {ident!r} is already recorded")
    row = change_row(
        replace(change, id=ident, recorded_by=ctx.actor.by, recorded_at=ctx.now, origin=None),
        sequence,
    )
    # Checked as its row reads back, so that the record this process goes on with is the
    # one every other process makes from the rows.
    stamped = row_change(row)
    checked = check_against(timeline, stamped)
    if checked.problems:
        raise ChangeRefused(f"the change does not apply on {stamped.date}", checked.problems)
    if checked.broken:
        raise ChangeRefused(
            "the change would break later changes, which would no longer apply",
            [failure_text(f) for f in checked.broken],
        )
    return _Checked(stamped, sequence, row, timeline, checked.timeline)


def _recorded(
    ctx: Context, stored: list[_Checked], verb: str, extra: dict[str, Any], *, one: bool = False
) -> Outcome:
    """Save the checked changes' rows; the outcome with one audit entry for each, whose
    result is the list of :class:`Recorded` changes (``one``: the only one)."""
    for s in stored:
        s.row.save()
    state = ctx.state
    last = stored[-1].after
    sequences = {**state.sequences, **{s.change.id: s.sequence for s in stored}}

    def following(number: int, stamp: str):
        return state.following(number, replace(state.record, timeline=last), sequences, stamp)

    audits = [
        Audit(
            f"organogram.change.{verb}",
            "change",
            s.change.id,
            before={"nodes": _nodes_at(s.before, s.change)},
            after={
                "change": change_to_dict(s.change),
                "nodes": _nodes_at(s.after, s.change),
                **extra,
            },
        )
        for s in stored
    ]
    return Outcome(
        None,
        audits,
        appended=[s.change.id for s in stored],
        following=following,
        numbered=lambda number: (
            Recorded(stored[0].change, stored[0].sequence, number)
            if one
            else [Recorded(s.change, s.sequence, number) for s in stored]
        ),
    )


@dataclass
class RecordChange(Action):
    """Record a dated change in the timeline (``corrects``: an earlier change it fixes).

    ``expected`` is the token the editor saw for the units the change touches
    (:meth:`~organogram.registry.store.State.token`); if a newer change touched them
    since, the edit is refused as stale. The change must apply at its date and every
    later change must still apply.
    """

    change: Change | Mapping[str, Any]
    expected: int | None = None
    corrects: str | None = None

    permissions = ("change.record",)
    step = m.Step.Kind.CHANGES

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """Correcting takes its own permission."""
        return ("change.correct",) if self.corrects else ()

    def prepare(self) -> None:
        """Read the change from its mapping."""
        self._change = read_change(self.change, ChangeRefused)

    def check(self, ctx: Context) -> _Checked:
        """Not stale, its references point at something, the corrected change exists,
        and the change applies with the rest."""
        timeline = ctx.state.record.timeline
        _refuse_stale(ctx, [self._change], self.expected)
        refuse_dangling(ctx.state.record, self._change, ChangeRefused)
        if self.corrects is not None and timeline.get(self.corrects) is None:
            raise ChangeRefused(
                f"there is no change {self.corrects!r} in the timeline to correct",
                kind="missing",
            )
        return _stamp_and_check(ctx, timeline, self._change, ctx.next_sequence(), set())

    def execute(self, ctx: Context, checked: _Checked) -> Outcome:
        """Store the row; the result is the :class:`Recorded` change."""
        verb = "correct" if self.corrects else "record"
        extra = {"corrects": self.corrects} if self.corrects else {}
        return _recorded(ctx, [checked], verb, extra, one=True)


@dataclass
class ReverseChange(Action):
    """Record the inverse of timeline change ``change_id``, dated ``date`` (default its own).

    All of the inverse changes are recorded or none (see
    :func:`organogram.history.inverse.inverse`); each is checked as any recorded
    change is, and its audit entry names the change it reverses.
    """

    change_id: str
    date: FuzzyDate | None = None
    reason: str = ""
    expected: int | None = None

    permissions = ("change.reverse",)
    step = m.Step.Kind.CHANGES

    def check(self, ctx: Context) -> list[_Checked]:
        """The inverse exists and every one of its changes applies."""
        timeline = ctx.state.record.timeline
        original = timeline.get(self.change_id)
        if original is None:
            raise ChangeRefused(
                f"there is no change {self.change_id!r} in the timeline to reverse",
                kind="missing",
            )
        if self.date is not None and self.date < original.date:
            # It would apply before the change it undoes: the change would stand while the
            # record says it was reversed.
            raise ChangeRefused(
                f"a reversal cannot take effect ({self.date}) before the change it reverses "
                f"({original.date})",
                fields={"date": [f"on or after {original.date}"]},
            )
        try:
            back = inverse(timeline, original, self.date, self.reason)
        except NotReversible as exc:
            raise ChangeRefused(str(exc)) from None
        # Checked once for all: the first inverse change would make the next look stale.
        _refuse_stale(ctx, back, self.expected)
        stored: list[_Checked] = []
        sequence = ctx.next_sequence()
        for change in back:
            s = _stamp_and_check(ctx, timeline, change, sequence, {x.change.id for x in stored})
            stored.append(s)
            timeline, sequence = s.after, sequence + 1
        return stored

    def execute(self, ctx: Context, checked: list[_Checked]) -> Outcome:
        """Store the rows, each audited as reversing the change."""
        return _recorded(ctx, checked, "reverse", {"reverses": self.change_id})
