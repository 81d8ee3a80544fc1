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


#: Answers whose text may hold ids: pages, JSON, and the textual downloads.
_TEXTUAL = ("text/", "application/json", "application/ld+json", "image/svg+xml", "application/xml")


def people_in_ids(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: to a reader who may not see people, every id that names a person is
    shown as its pseudonym, and the pseudonyms are taken back in what the reader sends
    (:mod:`organogram.registry.reading.pseudonyms`).

    Done here, on the way in and out, rather than in each page and answer: a change id is
    written in dozens of places (anchors, links, JSON fields, certainty notes), and a
    place forgotten would show a name.
    """
    from ..registry.permissions import can
    from ..registry.reading.pseudonyms import pseudonyms
    from ..registry.store import EmptyRegistry, current

    def middleware(request: HttpRequest) -> HttpResponse:
        # A call with a token is decided when the token is read (all signed-in roles see
        # people); its answer is still hidden below if its account may not.
        if can(request.user, "people.view") or request.META.get("HTTP_AUTHORIZATION"):
            table = None
        else:
            try:
                table = pseudonyms(current())
            except EmptyRegistry:
                table = None
        if table is not None and table.incoming is not None:
            request.path_info = table.take_back(request.path_info)
            request.path = table.take_back(request.path)
            query = request.GET.copy()
            for key, values in query.lists():
                query.setlist(key, [table.take_back(v) for v in values])
            request.GET = query
        response = get_response(request)
        if can(request.user, "people.view") or response.streaming:
            return response
        if not response.get("Content-Type", "").startswith(_TEXTUAL):
            return response
        if table is None:
            try:
                table = pseudonyms(current())
            except EmptyRegistry:
                return response
        response.content = table.hide(response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

    return middleware


def private_when_signed_in(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: ``Cache-Control: private, no-store`` on every answer to a signed-in
    reader (a session or an API token): such answers may name the holders of posts, and
    no shared cache, nor the browser's, should keep them."""
    from django.utils.cache import add_never_cache_headers, patch_cache_control

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    return middleware


def request_size(get_response: Callable[[HttpRequest], HttpResponse]):
    """Middleware: a request whose body is larger than ``ORGANOGRAM_UPLOAD_BYTES`` is
    refused (413) from its declared length, before any of it is read (in JSON for the
    API)."""
    from django.conf import settings
    from django.http import HttpResponse as Response
    from django.http import JsonResponse

    def middleware(request: HttpRequest) -> HttpResponse:
        limit = settings.ORGANOGRAM_UPLOAD_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            detail = (
                f"Request too large: {length / 1048576:.1f} MB, at most "
                f"{limit / 1048576:.1f} MB (ORGANOGRAM_UPLOAD_MB)."
            )
            # The API answers JSON, as its description says; the site, a line of text.
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": detail}, status=413)
            return Response(detail + "\n", status=413, content_type="text/plain; charset=utf-8")
        return get_response(request)

    return middleware
