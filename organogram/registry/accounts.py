"""Accounts, their roles and their API tokens, as functions for the command line and
scripts (each runs one action of :mod:`organogram.registry.actions.accounts`), and how
the API finds the account a token belongs to.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from . import models as m
from .actions import AddUser, CreateToken, RevokeToken, SetRole, run
from .actions.accounts import TOKEN_PREFIX, AccountError, digest, find_user
from .audit import Actor

__all__ = [
    "TOKEN_PREFIX",
    "AccountError",
    "add_user",
    "create_token",
    "find_user",
    "revoke_token",
    "set_role",
    "user_for_token",
]


def add_user(name: str, role: str, actor: Actor, password: str | None = None) -> tuple[Any, str]:
    """Create account ``name`` holding ``role``; returns it and its (generated) password."""
    return run(AddUser(name, role, password), actor)


def set_role(user: Any, role: str, actor: Actor) -> None:
    """Make ``role`` the one role ``user`` holds."""
    run(SetRole(user, role), actor)


def create_token(user: Any, actor: Actor, name: str = "") -> tuple[m.Token, str]:
    """A new API token for ``user``: the row and the token itself (shown once)."""
    return run(CreateToken(user, name), actor)


def revoke_token(user: Any, token_id: int, actor: Actor) -> bool:
    """Delete one of ``user``'s tokens; False when it has no such token."""
    try:
        run(RevokeToken(user, token_id), actor)
    except AccountError as exc:
        if exc.kind != "missing":
            raise
        return False
    return True


def user_for_token(text: str) -> Any:
    """The active account a token belongs to, or None."""
    if not text or not text.startswith(TOKEN_PREFIX):
        return None
    token = m.Token.objects.select_related("user").filter(digest=digest(text)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Written at most once a minute: a busy client should not write on every call.
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        m.Token.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
