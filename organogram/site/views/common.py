"""What every page shares: the registry's state, the date asked for, who may read."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...core.dates import DateError, FuzzyDate
from ...registry import store
from ...registry.actions import Action
from ...registry.audit import Actor
from ...registry.permissions import can
from ...registry.store import EmptyRegistry


@dataclass
class AsOf:
    """The date a structural page shows: as asked (``raw``), read, and the day it means."""

    raw: str
    date: FuzzyDate
    day: dt.date
    error: str = ""

    @property
    def query(self) -> str:
        """``?at=…`` for links that keep the date; empty when none was asked."""
        return f"?at={self.raw}" if self.raw and not self.error else ""


def as_of(request: HttpRequest) -> AsOf:
    """The ``at`` of the query string (default today); a bad one falls back to today."""
    raw = request.GET.get("at", "").strip()
    today = FuzzyDate.day(dt.date.today())
    if not raw:
        return AsOf("", today, today.end)
    try:
        date = FuzzyDate.parse(raw)
    except DateError as exc:
        return AsOf(raw, today, today.end, str(exc))
    return AsOf(raw, date, date.end)


def actor(request: HttpRequest) -> Actor:
    """Who writes, from a page: the signed-in account, via the web, in this request."""
    return Actor.for_user(request.user, "web", getattr(request, "id", ""))


def may(user: Any, action: type[Action]) -> bool:
    """Whether ``user`` holds a permission of ``action`` (to show its form or link; the
    action itself refuses whoever may not, whatever the page shows)."""
    return any(can(user, p) for p in action.permissions)


def may_see_people(request: HttpRequest) -> bool:
    """Whether holders' names may be shown (``people.view``: never to visitors)."""
    return can(request.user, "people.view")


def requires(
    action: str | tuple[str, ...],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """For pages that need ``can(user, action)`` (a tuple: any one of them, as an
    action's ``permissions``): visitors sign in, others get 403."""
    wanted = (action,) if isinstance(action, str) else action
    action = wanted[0]

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(can(request.user, a) for a in wanted):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                return render(request, "site/denied.html", {"action": action}, status=403)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def registry_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages that read the record: the state as ``state``, reading rules applied.

    Anonymous visitors are sent to sign in when the setting forbids them to read; an
    empty registry gets a page saying how to load a dataset.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can(request.user, "structure.view"):
            return redirect_to_login(request.get_full_path())
        try:
            state = store.current()
        except EmptyRegistry as exc:
            return render(request, "site/empty.html", {"message": str(exc)}, status=503)
        request.organization = state.record.organization  # type: ignore[attr-defined]
        return view(request, state, *args, **kwargs)

    return wrapper


def dated_context(request: HttpRequest, when: AsOf, **context: Any) -> dict[str, Any]:
    """The context of a structural page: the date control's values and the page's own."""
    return {"as_of": when, **context}
