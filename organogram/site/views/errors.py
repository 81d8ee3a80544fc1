"""The pages of what went wrong: not found, a server error, and an expired form.

They are the site's pages (its header, navigation and way back) rather than bare text,
and say what to do next. A path under ``/api/`` is answered in JSON, as the API answers
everything. A server error's page is drawn with as little as can fail: if even that
fails (the database is down, say), a plain page says so.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404

log = logging.getLogger(__name__)

_PLAIN_500 = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Server error</title>'
    "<h1>Something went wrong on our side</h1><p>The error has been logged. Try again in a "
    "moment; if it goes on, tell the people who run this registry.</p>"
    '<p><a href="/">Back to the structure</a></p></html>'
)


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: what was asked for, why it is not here when the page said, and where to go."""
    # A view's own reason ("no unit 'x'") is said; the URL resolver's (the patterns it
    # tried) is not: it is the code's insides.
    said = exception.args[0] if exception is not None and exception.args else ""
    why = said if isinstance(said, str) and not isinstance(exception, Resolver404) else ""
    if _api(request):
        return JsonResponse({"detail": why or "not found"}, status=404)
    return render(request, "404.html", {"why": why, "path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: an apology and the way back, never the code's insides."""
    if _api(request):
        return JsonResponse({"detail": "server error: the error has been logged"}, status=500)
    try:
        return render(request, "500.html", status=500)
    except Exception:  # the page itself failed: the plainest answer still helps
        log.exception("the server error page could not be drawn")
        return HttpResponse(_PLAIN_500, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 for a form sent without its valid token: most often one left open too long
    (or signed out since), so it says to reload and send again. Nothing was written."""
    if _api(request):
        return JsonResponse({"detail": f"CSRF check failed: {reason}"}, status=403)
    back = request.META.get("HTTP_REFERER", "")
    same_site = back.startswith(f"{request.scheme}://{request.get_host()}/")
    return render(request, "csrf_failure.html", {"back": back if same_site else ""}, status=403)
