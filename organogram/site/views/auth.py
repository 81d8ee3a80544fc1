"""Signing in and out, with Django's own views and the site's templates; the page of an
account locked out after too many wrong passwords (see :mod:`organogram.registry.lockout`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ...registry.lockout import locked_until, retry_after

signin = auth_views.LoginView.as_view(
    template_name="site/signin.html", redirect_authenticated_user=True
)
signout = auth_views.LogoutView.as_view()


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """Too many wrong passwords for this account from this address: 429, saying when
    the next try is taken (``AXES_LOCKOUT_CALLABLE``)."""
    credentials = credentials or {"username": request.POST.get("username", "")}
    until = locked_until(request, credentials)
    wait = retry_after(until)
    answer = render(
        request,
        "site/locked_out.html",
        {
            "until": until,
            "minutes": max(1, round(wait / 60)),
            "failures": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    answer["Retry-After"] = str(wait)
    return answer
