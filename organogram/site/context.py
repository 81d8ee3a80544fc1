"""Template context every page gets: the organization's name and the date asked for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ..registry.permissions import can, role_of


def site(request: HttpRequest) -> dict[str, Any]:
    """``organization`` (None before a dataset is loaded), ``at`` and ``at_query``.

    ``at_query`` (``?at=…``, or empty) is appended to links so that they keep the date.
    """
    from .views.common import as_of

    when = as_of(request)
    organization = getattr(request, "organization", None)
    if organization is None:
        organization = _organization()
    return {
        "organization": organization,
        "at": when.raw if not when.error else "",
        "at_query": when.query,
        "can": Allowed(request.user),
        "role": role_of(request.user) if request.user.is_authenticated else "",
    }


class Allowed:
    """``{% if can.change_record %}``: the permission rule table, asked from templates.

    Dots of an action's name are written as underscores (templates cannot say dots).
    """

    def __init__(self, user: Any) -> None:
        self.user = user

    def __getitem__(self, name: str) -> bool:
        return can(self.user, name.replace("_", ".", 1))


def _organization() -> Any:
    """The registry's organization for pages that do not read the record (sign in)."""
    from django.db import DatabaseError

    from ..registry import store

    try:
        return store.current().record.organization
    except (store.EmptyRegistry, DatabaseError):
        return None
