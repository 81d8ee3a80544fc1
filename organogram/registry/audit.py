"""Who is writing and through what, and the audit entry every write leaves."""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass, field
from typing import Any

from . import models as m


@dataclass(frozen=True)
class Actor:
    """Who makes a write, through what (web, api, cli), within which request."""

    by: str
    via: str = m.AuditEntry.Via.CLI
    user: Any = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @classmethod
    def for_user(cls, user: Any, via: str, request_id: str = "") -> Actor:
        """An actor for a signed-in account."""
        return cls(user.get_username(), via, user, request_id or uuid.uuid4().hex)

    @classmethod
    def command_line(cls, by: str | None = None) -> Actor:
        """An actor for the command line: ``by`` or the name of the account running it."""
        return cls(by or _login_name(), m.AuditEntry.Via.CLI)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container, say)
        return "command line"


def write_audit(
    actor: Actor,
    action: str,
    object_type: str,
    object_id: str = "",
    *,
    before: Any = None,
    after: Any = None,
    message: str = "",
    revision: int = 0,
) -> m.AuditEntry:
    """Record one write; call inside the write's transaction so both land or neither."""
    user = actor.user if getattr(actor.user, "pk", None) is not None else None
    return m.AuditEntry.objects.create(
        user=user,
        by=actor.by,
        via=str(actor.via),
        action=action,
        object_type=object_type,
        object_id=object_id,
        before=before,
        after=after,
        message=message,
        request_id=actor.request_id,
        revision=revision,
    )
