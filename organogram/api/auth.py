"""Who is calling the API: a token (``Authorization: Bearer org_…``), a session, or a visitor.

A bad token is refused (401) rather than read as a visitor, so a client with an
expired token learns it at once. A session may write only with its CSRF token, as a
form of the site would.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from ..registry.accounts import user_for_token
from ..registry.audit import Actor
from ..registry.permissions import can

_SAFE = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer TOKEN``, a token from `organogram user token` or the account page."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """The token's account, or None (then the call is refused with 401)."""
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


def session_or_visitor(request: HttpRequest) -> Any:
    """The signed-in account of the session, else a visitor; None refuses the call."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return None  # a token was given and TokenAuth did not accept it
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return AnonymousUser()
    if request.method not in _SAFE and check_csrf(request) is not None:
        return None
    return user


#: Tried in order: a valid token wins; without one, the session or a visitor.
AUTH = [TokenAuth(), session_or_visitor]


def need(request: HttpRequest, action: str) -> Any:
    """The caller, if it may take ``action``; else 401 (visitor) or 403 (signed in)."""
    user = request.auth  # type: ignore[attr-defined]
    if can(user, action):
        return user
    if not user.is_authenticated:
        raise HttpError(401, f"sign in (a token) to do this: {action}")
    raise HttpError(403, f"your role does not allow {action}")


def actor(request: HttpRequest) -> Actor:
    """The actor of an API write, for the audit log."""
    return Actor.for_user(request.auth, "api", getattr(request, "id", ""))  # type: ignore[attr-defined]
