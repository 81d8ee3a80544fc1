"""Sign-in backend: Django's own, plus every model permission for administrators.

Django's admin (used for accounts and roles) asks for model permissions; an account
in the administrator role holds them all without being a superuser, so the rule
stays the one of :mod:`organogram.registry.permissions`.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth.backends import ModelBackend

from .permissions import can


class RoleBackend(ModelBackend):
    """ModelBackend that grants administrators every permission."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        """True for administrators; else as Django's own backend says."""
        if can(user_obj, "user.manage"):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        """True for administrators; else as Django's own backend says."""
        if can(user_obj, "user.manage"):
            return True
        return super().has_module_perms(user_obj, app_label)


class SignInLockout(AxesStandaloneBackend):
    """django-axes's lockout check, first of the backends: refuses an account locked out
    from the request's address before any password is checked.

    A check with no request is no sign-in from the web (a test client's ``login``, a
    command): nothing to count it against, so it passes on to the next backend.
    """

    def authenticate(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """None (the next backend decides), or raises while locked out."""
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
