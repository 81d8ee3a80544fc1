"""The address a request came from, for counting failed sign-ins and tokens.

Behind a reverse proxy every request comes from the proxy: the client's address is then in
a header the proxy sets, named by ``ORGANOGRAM_CLIENT_IP_HEADER`` (e.g. ``X-Forwarded-For``
or ``X-Real-IP``). Only then is the header read: without a proxy that sets it, anyone
could send it and be counted as whoever they like.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: from the configured header when there is one, else the
    connection's; of a list (``X-Forwarded-For``), the right-most entry, the one the
    trusted proxy itself added (those before it are whatever the client sent). None
    when neither holds an address: the attempts are then counted by account alone,
    and nothing that is not an address reaches the database (PostgreSQL stores
    addresses as ``inet`` and refuses anything else)."""
    header = getattr(settings, "ORGANOGRAM_CLIENT_IP_HEADER", "")
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        entries = [e.strip() for e in request.META.get(key, "").split(",") if e.strip()]
        if entries and _address(entries[-1]):
            return entries[-1]
    remote = request.META.get("REMOTE_ADDR", "")
    return remote if _address(remote) else None


def _address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
