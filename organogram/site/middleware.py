"""A request id on every request, so the audit entries of one operation can be grouped."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def request_id(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: ``request.id`` is a fresh hex id, echoed in the ``X-Request-Id`` header."""

    def middleware(request: HttpRequest) -> HttpResponse:
        request.id = uuid.uuid4().hex  # type: ignore[attr-defined]
        response = get_response(request)
        response["X-Request-Id"] = request.id  # type: ignore[attr-defined]
        return response

    return middleware
