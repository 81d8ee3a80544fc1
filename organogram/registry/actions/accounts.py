"""Actions on accounts: add one, set its role, create and revoke API tokens.

Accounts are not part of the record: these actions leave an audit entry but do not
move the revision. A generated password or token is returned once and never stored
in clear.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .. import models as m
from ..permissions import ROLES, forget_roles, role_of
from .base import Action, Audit, Context, Outcome, Refused

#: Prefix of every token, so a leaked one is recognizable in logs and scanners.
TOKEN_PREFIX = "org_"


class AccountError(Refused):
    """An account operation refused: unknown role or user, a name already taken."""


def _group(role: str) -> Group:
    if role not in ROLES:
        raise AccountError(
            f"unknown role {role!r}: use one of {', '.join(ROLES)}",
            fields={"role": [f"use one of {', '.join(ROLES)}"]},
            kind="invalid",
        )
    return Group.objects.get_or_create(name=role)[0]


def find_user(name: str) -> Any:
    """The account named ``name``; refused as missing when there is none."""
    users = get_user_model()
    try:
        return users.objects.get(username=name)
    except users.DoesNotExist:
        raise AccountError(f"no account named {name!r}", kind="missing") from None


def digest(text: str) -> str:
    """How a token is stored: its SHA-256, never the token itself."""
    return hashlib.sha256(text.encode()).hexdigest()


class _TokenAction(Action):
    """What the writes of a token share: one's own, or an administrator's business."""

    user: Any
    permissions = ("token.manage",)
    step = None

    def needs(self, ctx: Context) -> tuple[str, ...]:
        """Another account's token takes ``user.manage``."""
        me = ctx.actor.user
        if me is not None and getattr(me, "pk", None) != getattr(self.user, "pk", None):
            return ("user.manage",)
        return ()


@dataclass
class AddUser(Action):
    """Create account ``name`` holding ``role``; the result is it and its password
    (generated when none is given). ``superuser`` also opens Django's own admin site to it
    (the first administrator that ``organogram serve`` makes)."""

    name: str
    role: str
    password: str | None = None
    superuser: bool = False

    permissions = ("user.manage",)
    step = None

    def check(self, ctx: Context) -> Group:
        """The role exists and the name is free."""
        group = _group(self.role)
        if get_user_model().objects.filter(username=self.name).exists():
            raise AccountError(f"there is already an account named {self.name!r}")
        return group

    def execute(self, ctx: Context, group: Group) -> Outcome:
        """Create the account in its group."""
        password = self.password or secrets.token_urlsafe(12)
        users = get_user_model().objects
        make = users.create_superuser if self.superuser else users.create_user
        user = make(self.name, password=password)
        user.groups.add(group)
        after = {"role": self.role, **({"superuser": True} if self.superuser else {})}
        audit = Audit("organogram.user.add", "user", self.name, after=after)
        return Outcome((user, password), audit)


@dataclass
class SetRole(Action):
    """Make ``role`` the one role ``user`` holds."""

    user: Any
    role: str

    permissions = ("user.manage",)
    step = None

    def check(self, ctx: Context) -> Group:
        """The role exists."""
        return _group(self.role)

    def execute(self, ctx: Context, group: Group) -> Outcome:
        """Replace the account's groups."""
        before = role_of(self.user)
        self.user.groups.remove(*Group.objects.filter(name__in=ROLES))
        self.user.groups.add(group)
        forget_roles(self.user)
        audit = Audit(
            "organogram.user.role", "user", self.user.get_username(),
            before={"role": before}, after={"role": self.role},
        )
        return Outcome(None, audit)


@dataclass
class CreateToken(_TokenAction):
    """A new API token for ``user``: the result is the row and the token itself (shown
    once)."""

    user: Any
    name: str = ""

    def execute(self, ctx: Context, checked: None) -> Outcome:
        """Store the token's digest and the prefix that recognizes it."""
        text = TOKEN_PREFIX + secrets.token_urlsafe(30)
        token = m.Token.objects.create(
            user=self.user,
            digest=digest(text),
            prefix=text[: len(TOKEN_PREFIX) + 6],
            name=self.name,
        )
        audit = Audit(
            "organogram.token.create", "token", str(token.pk),
            after={"user": self.user.get_username(), "prefix": token.prefix, "name": self.name},
        )
        return Outcome((token, text), audit)


@dataclass
class RevokeToken(_TokenAction):
    """Delete one of ``user``'s tokens."""

    user: Any
    token_id: int

    def check(self, ctx: Context) -> m.Token:
        """The account has that token."""
        token = m.Token.objects.filter(user=self.user, pk=self.token_id).first()
        if token is None:
            raise AccountError(
                f"{self.user.get_username()} has no token {self.token_id}", kind="missing"
            )
        return token

    def execute(self, ctx: Context, token: m.Token) -> Outcome:
        """Delete it."""
        before = {
            "user": self.user.get_username(), "prefix": token.prefix, "name": token.name,
        }
        token.delete()
        return Outcome(None, Audit("organogram.token.revoke", "token", str(self.token_id),
                                   before=before))
