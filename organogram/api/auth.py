"""Who is calling the API: a token (``Authorization: Bearer org_…``), a session, or a visitor.

A bad token is refused (401) rather than read as a visitor, so a client with an
expired token learns it at once. Bad tokens are counted per client address: after
``ORGANOGRAM_SIGNIN_FAILURES`` of them every token from there is refused (429, with
``Retry-After``) for the cool-off (:mod:`organogram.registry.lockout`). A session may
write only with its CSRF token, as a form of the site would.
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
from ..registry.lockout import TOKEN_CREDENTIALS, failed, is_locked, locked_until, retry_after
from ..registry.permissions import can

_SAFE = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer TOKEN``, a token from `organogram user token` or the account page."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        """The token's account, or None (then the call is refused with 401); refused
        with 429 while this client address is locked out for too many bad tokens."""
        # Checked before the token, so that a right guess during the lockout tells nothing.
        if is_locked(request, TOKEN_CREDENTIALS):
            raise TokensLocked(request)
        user = user_for_token(token)
        if user is not None:
            request.user = user
            return user
        failed(request, TOKEN_CREDENTIALS, sender=__name__)
        if is_locked(request, TOKEN_CREDENTIALS):
            raise TokensLocked(request)
        return None


def _answered_here(request: HttpRequest) -> None:
    """The API answers a lockout itself (JSON): not the sign-in page of axes's middleware."""
    request.axes_locked_out = False  # type: ignore[attr-defined]


class TokensLocked(Exception):
    """Too many bad tokens from one client address: refused until ``until``."""

    def __init__(self, request: HttpRequest) -> None:
        _answered_here(request)
        self.until = locked_until(request, TOKEN_CREDENTIALS)
        super().__init__(
            "too many bad tokens from this address: try again after "
            f"{self.until:%Y-%m-%d %H:%M:%S} UTC"
        )

    def retry_after(self) -> int:
        """Seconds until the lockout ends."""
        return retry_after(self.until)


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
