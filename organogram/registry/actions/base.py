"""What every write is: an action with a permission, checks and an execution, and the one
function that runs them.

Every write to the registry — from a page, the API, the command line or a loader — is
an :class:`Action`. :func:`run` takes it through the same steps, once for all:

1. the person: may the actor take this action at all (:attr:`Action.permissions`)?
2. the input: :meth:`Action.prepare`, which needs no record (a form's fields, a
   dataset's changes folded);
3. in one transaction that first locks the revision row (so writes are serialized):
   permissions that depend on the record (:meth:`Action.needs`), then
   :meth:`Action.check` against the record as it stands, then :meth:`Action.execute`,
   which writes the rows;
4. the revision moves on with a step saying what the write did, and the audit entry
   the action describes is written in the same transaction.

A refusal at any step is a :class:`Refused`, with a message, the reasons and the
problems by field, and nothing is written. Interfaces show refusals; they decide
nothing themselves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ...core.errors import OrganogramError
from ...core.record import Record
from .. import models as m
from .. import search_index, store
from ..audit import Actor, write_audit
from ..catchup import write_step
from ..permissions import can


class Refused(OrganogramError):
    """A write refused; nothing was written.

    ``message`` says why in a sentence, ``reasons`` lists every problem, ``fields``
    maps an input field to its problems (for forms and the API). ``kind`` tells an
    interface how to answer: ``forbidden`` (the person may not), ``missing`` (what it
    acts on does not exist), ``invalid`` (the input is not well formed), ``stale``
    (someone changed it since the person looked) or ``conflict`` (the record does not
    allow it as it stands). A refusal of one area
    (:class:`~organogram.registry.actions.plan_common.PlanRefused`, say) gives its
    ``kind`` when it is made; :class:`Forbidden` and :class:`Invalid` are the refusals
    every action shares.
    """

    kind: ClassVar[str] = "conflict"

    def __init__(
        self,
        message: str,
        reasons: list[str] | None = None,
        fields: dict[str, list[str]] | None = None,
        *,
        kind: str | None = None,
    ):
        if kind is not None:
            self.kind = kind
        self.message = message
        self.reasons = list(reasons or [])
        self.fields = {k: list(v) for k, v in (fields or {}).items()}
        # Told in full where only text goes (the command line): every reason, else every
        # field's problems.
        lines = self.reasons or [f"{k}: {p}" for k, ps in self.fields.items() for p in ps]
        text = message if not lines else message + ":\n" + "\n".join(f"- {r}" for r in lines)
        super().__init__(text)

    @property
    def stale(self) -> bool:
        """Whether the person should look again (someone else wrote since)."""
        return self.kind == "stale"

    def as_dict(self) -> dict[str, Any]:
        """The refusal as data, as the API answers it."""
        return {
            "detail": self.message,
            "kind": self.kind,
            "reasons": self.reasons,
            "fields": self.fields,
            "stale": self.stale,
        }


class Forbidden(Refused):
    """The actor's role does not allow the action; ``permission`` names the rule."""

    kind = "forbidden"

    def __init__(self, permission: str):
        self.permission = permission
        super().__init__(f"your role does not allow {permission}")


class Invalid(Refused):
    """The input is not well formed; ``fields`` says where."""

    kind = "invalid"


@dataclass
class Context:
    """What an action sees while it runs: who, when, the locked revision, the record."""

    actor: Actor
    #: the revision row, locked until the transaction ends (None for actions that do not
    #: write the record, such as accounts).
    revision: m.Revision | None
    #: the moment of the write, in whole seconds (as changes are stamped).
    now: dt.datetime = field(default_factory=lambda: timezone.now().replace(microsecond=0))
    _state: store.State | None = None

    @property
    def state(self) -> store.State:
        """The record as it stands (read once per write; refuses an empty registry)."""
        if self._state is None:
            self._state = store.current()
        return self._state

    def next_sequence(self) -> int:
        """The sequence number the next stored change gets."""
        return (m.Change.objects.aggregate(top=Max("sequence"))["top"] or 0) + 1


@dataclass(frozen=True)
class Audit:
    """The audit entry a write leaves: what was done to which object, before and after."""

    action: str
    object_type: str
    object_id: str = ""
    before: Any = None
    after: Any = None
    message: str = ""


@dataclass
class Outcome:
    """What an action's execution did: its result for the caller, and what to record.

    ``appended`` lists the ids of changes joining the timeline (for the step that
    catching-up workers read); ``following``, given the new revision's number and stamp,
    makes the state after the write when the action built its record already (it is
    installed, so this process need not read the rows back).
    """

    result: Any
    #: one entry, or one per object written (a reversal recording several changes).
    audit: Audit | list[Audit]
    appended: list[str] = field(default_factory=list)
    following: Callable[[int, str], store.State] | None = None
    #: when the result tells the new revision: makes it from the revision's number.
    numbered: Callable[[int], Any] | None = None
    #: the record after the write, when the action has it whole (a load), for the
    #: search index; otherwise it is made from ``following`` or read back.
    record: Record | None = None


class Action:
    """One kind of write. Subclasses say who may take it, check it and execute it."""

    #: The rules of the role table, any one of which allows the action.
    permissions: ClassVar[tuple[str, ...]] = ()
    #: What the write does to the record, for the step it leaves (None: it does not
    #: touch the record, so the revision does not move).
    step: ClassVar[str | None] = m.Step.Kind.OTHER

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """Permissions that depend on the record, any one of which is needed (default
        none beyond :attr:`permissions`)."""
        return ()

    def prepare(self) -> None:
        """Check the input without the record; raise :class:`Refused` (``Invalid``)."""

    def check(self, ctx: Context) -> Any:
        """Check against the record as it stands; raise :class:`Refused`, or return
        what :meth:`execute` needs (computed once)."""
        return None

    def execute(self, ctx: Context, checked: Any) -> Outcome:
        """Write the rows; the audit entry and the revision are :func:`run`'s."""
        raise NotImplementedError


def allowed(actor: Actor, permissions: tuple[str, ...]) -> bool:
    """Whether ``actor`` holds one of ``permissions``.

    An actor without an account is whoever runs the command line or a script with the
    database's own credentials: they could write the database directly, so the role
    table does not bind them (their audit entries say ``via: cli``).
    """
    if not permissions:
        return True
    if actor.user is None:
        return True
    return any(can(actor.user, p) for p in permissions)


def _refuse_person(actor: Actor, permissions: tuple[str, ...]) -> None:
    if not allowed(actor, permissions):
        raise Forbidden(permissions[0])


def run(action: Action, actor: Actor) -> Any:
    """Take ``action`` for ``actor``: all of it, audited, or nothing (see the module)."""
    _refuse_person(actor, action.permissions)
    action.prepare()
    with transaction.atomic():
        revision = lock_revision() if action.step is not None else None
        ctx = Context(actor, revision)
        extra = action.needs(ctx)
        if extra:
            _refuse_person(actor, extra)
        checked = action.check(ctx)
        outcome = action.execute(ctx, checked)
        number = 0
        following: store.State | None = None
        if revision is not None:
            number = bump(revision, action.step, outcome.appended)
            if outcome.following is not None:
                following = outcome.following(number, revision.stamp)
            # The search index moves with the record, in the same transaction.
            search_index.after_write(
                action.step,
                outcome,
                lambda: following if following is not None else store.current(),
            )
        audits = outcome.audit if isinstance(outcome.audit, list) else [outcome.audit]
        for a in audits:
            write_audit(
                actor,
                a.action,
                a.object_type,
                a.object_id,
                before=a.before,
                after=a.after,
                message=a.message,
                revision=number,
            )
        if following is not None:
            store.install(following)
    if outcome.numbered is not None:
        return outcome.numbered(number)
    return outcome.result


def lock_revision() -> m.Revision:
    """The revision row, locked until the transaction ends (created on first write)."""
    m.Revision.objects.get_or_create(pk=1)
    return m.Revision.objects.select_for_update().get(pk=1)


def bump(rev: m.Revision, kind: str, changes: list[str] | None = None) -> int:
    """Move the revision on, leaving the step that says what the write did (``kind``:
    see :class:`~organogram.registry.models.Step`; ``changes``: the ids appended)."""
    rev.number += 1
    rev.stamp = uuid.uuid4().hex
    rev.save(update_fields=["number", "stamp"])
    write_step(rev.number, rev.stamp, kind, changes)
    return rev.number


def revision_number() -> int:
    """The revision as stored now (0 before the first write)."""
    row = m.Revision.objects.filter(pk=1).first()
    return row.number if row is not None else 0
