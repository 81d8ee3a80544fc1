"""Accounts, their roles and their API tokens: created here, each write audited.

Used by ``organogram user``, the account page and the API's authentication. A
generated password or token is returned once and never stored in clear.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from ..core.errors import OrganogramError
from . import models as m
from .audit import Actor, write_audit
from .permissions import ROLES, forget_roles, role_of

#: Prefix of every token, so a leaked one is recognizable in logs and scanners.
TOKEN_PREFIX = "org_"


class AccountError(OrganogramError):
    """An account operation refused: unknown role or user, a name already taken."""


def _group(role: str) -> Group:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    return Group.objects.get_or_create(name=role)[0]


def find_user(name: str) -> Any:
    """The account named ``name``; AccountError when there is none."""
    users = get_user_model()
    try:
        return users.objects.get(username=name)
    except users.DoesNotExist:
        raise AccountError(f"no account named {name!r}") from None


def add_user(name: str, role: str, actor: Actor, password: str | None = None) -> tuple[Any, str]:
    """Create account ``name`` holding ``role``; returns it and its (generated) password."""
    group = _group(role)
    users = get_user_model()
    password = password or secrets.token_urlsafe(12)
    with transaction.atomic():
        if users.objects.filter(username=name).exists():
            raise AccountError(f"there is already an account named {name!r}")
        user = users.objects.create_user(name, password=password)
        user.groups.add(group)
        write_audit(actor, "organogram.user.add", "user", name, after={"role": role})
    return user, password


def set_role(user: Any, role: str, actor: Actor) -> None:
    """Make ``role`` the one role ``user`` holds."""
    group = _group(role)
    with transaction.atomic():
        before = role_of(user)
        user.groups.remove(*Group.objects.filter(name__in=ROLES))
        user.groups.add(group)
        forget_roles(user)
        write_audit(
            actor,
            "organogram.user.role",
            "user",
            user.get_username(),
            before={"role": before},
            after={"role": role},
        )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def create_token(user: Any, actor: Actor, name: str = "") -> tuple[m.Token, str]:
    """A new API token for ``user``: the row and the token itself (shown once)."""
    text = TOKEN_PREFIX + secrets.token_urlsafe(30)
    with transaction.atomic():
        token = m.Token.objects.create(
            user=user, digest=_digest(text), prefix=text[: len(TOKEN_PREFIX) + 6], name=name
        )
        write_audit(
            actor,
            "organogram.token.create",
            "token",
            str(token.pk),
            after={"user": user.get_username(), "prefix": token.prefix, "name": name},
        )
    return token, text


def revoke_token(user: Any, token_id: int, actor: Actor) -> bool:
    """Delete one of ``user``'s tokens; False when it has no such token."""
    with transaction.atomic():
        token = m.Token.objects.filter(user=user, pk=token_id).first()
        if token is None:
            return False
        write_audit(
            actor,
            "organogram.token.revoke",
            "token",
            str(token_id),
            before={"user": user.get_username(), "prefix": token.prefix, "name": token.name},
        )
        token.delete()
    return True


def user_for_token(text: str) -> Any:
    """The active account a token belongs to, or None."""
    if not text or not text.startswith(TOKEN_PREFIX):
        return None
    token = m.Token.objects.select_related("user").filter(digest=_digest(text)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    # Written at most once a minute: a busy client should not write on every call.
    if token.last_used is None or (now - token.last_used).total_seconds() > 60:
        m.Token.objects.filter(pk=token.pk).update(last_used=now)
    return token.user
