"""The API object: its routers, its documentation and how refusals become answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from .. import __version__
from ..core.errors import NotFound
from ..formats.codec import ChangeDataError
from ..registry.entry_services import StaleEntry
from ..registry.services import RegistryError, StaleEdit
from ..registry.store import EmptyRegistry
from . import changes, cost, governance, plans, posts, reading, registers
from .auth import AUTH

api = NinjaAPI(
    title="Organogram API",
    version=__version__,
    description=(
        "The registry of an organization's structure over time. Reads answer with the same "
        "data the pages show; writes are dated changes, checked like any other. Sign in with "
        "`Authorization: Bearer TOKEN` (a token from `organogram user token NAME` or the "
        "account page). Who holds a post is never shown to visitors."
    ),
    auth=AUTH,
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("", reading.router)
api.add_router("/changes", changes.router)
api.add_router("/plans", plans.router)
api.add_router("/registers", registers.router)
api.add_router("", cost.router)
api.add_router("", governance.router)
api.add_router("", posts.router)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    """A unit, change, source or plan the record does not hold: 404."""
    return api.create_response(request, {"detail": str(exc)}, status=404)


@api.exception_handler(EmptyRegistry)
def empty(request: HttpRequest, exc: EmptyRegistry) -> HttpResponse:
    """Nothing loaded yet: 503."""
    return api.create_response(request, {"detail": str(exc)}, status=503)


@api.exception_handler(ChangeDataError)
def bad_change(request: HttpRequest, exc: ChangeDataError) -> HttpResponse:
    """A change that is not well formed: 422, with the problems by field."""
    return api.create_response(
        request, {"detail": str(exc), "fields": exc.by_field()}, status=422
    )


@api.exception_handler(RegistryError)
def refused(request: HttpRequest, exc: RegistryError) -> HttpResponse:
    """A write refused (stale token, preconditions, later changes broken): 409."""
    fields = getattr(exc, "fields", None) or {}
    body = {
        "detail": str(exc).split(":\n")[0],
        "reasons": exc.reasons,
        "fields": fields,
        "stale": isinstance(exc, StaleEdit | StaleEntry),
    }
    # A form-like refusal (a field at fault) is 422; one about the record's state, 409.
    return api.create_response(request, body, status=422 if fields else 409)
