"""The API object: its routers, its documentation and how refusals become answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja.errors import HttpError, ValidationError

from .. import __version__
from ..core.dates import DateError
from ..core.errors import NotFound
from ..formats.codec import ChangeDataError
from ..registry.actions import Refused
from ..registry.store import EmptyRegistry
from . import (
    changes,
    cost,
    drafts,
    governance,
    names,
    plans,
    posts,
    reading,
    registers,
    search,
    sources,
)
from .auth import AUTH, TokensLocked
from .errors import DescribedAPI, error_body, validation_fields

api = DescribedAPI(
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
api.add_router("/sources", sources.router)
api.add_router("/changes", changes.router)
# Before the plans' own: "/draft" is no plan's id.
api.add_router("/plans", drafts.router)
api.add_router("/plans", plans.router)
api.add_router("/registers", registers.router)
api.add_router("", cost.router)
api.add_router("", governance.router)
api.add_router("", posts.router)
api.add_router("", names.router)
api.add_router("", search.router)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    """A unit, change, source or plan the record does not hold: 404."""
    return api.create_response(request, error_body(404, str(exc)), status=404)


@api.exception_handler(DateError)
def not_a_date(request: HttpRequest, exc: DateError) -> HttpResponse:
    """A date or period that is not one, wherever it was read (a query's ``at``…): 400,
    as :func:`organogram.api.common.when` answers it."""
    return api.create_response(request, error_body(400, str(exc)), status=400)


@api.exception_handler(EmptyRegistry)
def empty(request: HttpRequest, exc: EmptyRegistry) -> HttpResponse:
    """Nothing loaded yet: 503."""
    return api.create_response(request, {"detail": str(exc)}, status=503)


@api.exception_handler(TokensLocked)
def tokens_locked(request: HttpRequest, exc: TokensLocked) -> HttpResponse:
    """Too many bad tokens from this address: 429, with when to try again."""
    answer = api.create_response(request, {"detail": str(exc)}, status=429)
    answer["Retry-After"] = str(exc.retry_after())
    return answer


@api.exception_handler(ChangeDataError)
def bad_change(request: HttpRequest, exc: ChangeDataError) -> HttpResponse:
    """A change that is not well formed: 422, with the problems by field."""
    body = error_body(422, str(exc), exc.by_field())
    return api.create_response(request, body, status=422)


@api.exception_handler(ValidationError)
def not_valid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Parameters or a body that do not validate: 422, a refusal with the problems by
    field (not ninja's list, so that every 422 has one shape)."""
    fields = validation_fields(exc.errors)
    detail = "the request does not validate: " + ", ".join(fields)
    return api.create_response(request, error_body(422, detail, fields), status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """An error an endpoint raised with its status: in the body that status has."""
    status = exc.status_code
    return api.create_response(request, error_body(status, str(exc)), status=status)


#: How each kind of refusal is answered: the record's state (409) apart from the
#: person (403), what does not exist (404) and input that is not well formed (422).
STATUS_OF_REFUSAL = {"forbidden": 403, "missing": 404, "invalid": 422, "stale": 409}


@api.exception_handler(Refused)
def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
    """A write refused by its action, answered with the refusal as data."""
    status = STATUS_OF_REFUSAL.get(exc.kind, 409)
    if status == 403 and not getattr(request.auth, "is_authenticated", False):  # type: ignore[attr-defined]
        status = 401
    elif status == 409 and exc.fields:
        # A form-like refusal (a field at fault) is 422, as an invalid input is.
        status = 422
    return api.create_response(request, exc.as_dict(), status=status)
