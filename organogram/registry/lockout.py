"""Guessing passwords and tokens: counted, and refused for a while after too many.

The counting is django-axes's, in the database so that every worker process sees the
same counts: a sign-in per account and client address (a mistyped password elsewhere
does not lock the account's owner out), an API token per client address alone (whoever
tries tokens tries many), under an account name no real account can have.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.contrib.auth import user_login_failed
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone

#: The account name token failures are counted under (Django's account names cannot hold
#: spaces or brackets, so no real account shares the count).
TOKEN_ACCOUNT = "(api token)"
TOKEN_CREDENTIALS = {"username": TOKEN_ACCOUNT}


def is_locked(request: HttpRequest, credentials: dict[str, Any]) -> bool:
    """True while ``credentials`` from this request's client address are locked out."""
    return AxesProxyHandler.is_locked(request, credentials)


def failed(request: HttpRequest, credentials: dict[str, Any], sender: str) -> None:
    """Count one failure of ``credentials`` from this request's client address."""
    user_login_failed.send(sender=sender, credentials=credentials, request=request)


def locked_until(request: HttpRequest, credentials: dict[str, Any]) -> dt.datetime:
    """When a lockout of ``credentials`` from this request's address ends: a cool-off
    after the last failure counted (every try while locked out starts it again)."""
    AxesProxyHandler.update_request(request)
    last = AccessAttempt.objects.filter(
        username=credentials.get("username"), ip_address=request.axes_ip_address
    ).aggregate(last=Max("attempt_time"))["last"]
    return (last or timezone.now()) + (get_cool_off(request) or dt.timedelta(0))


def retry_after(until: dt.datetime) -> int:
    """Whole seconds from now until ``until`` (at least 1), for ``Retry-After``."""
    return max(1, math.ceil((until - timezone.now()).total_seconds()))
