"""How long a client of ``organogram serve`` may take (see :mod:`.slow_clients`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClientLimits:
    """How long a client may take: the defaults of ``organogram serve``."""

    #: Seconds from connecting to the end of the request's head.
    header_timeout: float = 10.0
    #: Seconds a read of the body or a write of the answer may wait for the client.
    client_timeout: float = 30.0
    #: Connections a worker keeps waiting for their heads at once; beyond them it takes
    #: no new connection until some complete or are dropped.
    waiting_heads: int = 1000
    #: The longest head read before the thread's parser takes over (which refuses a head
    #: over Gunicorn's own limits with a 400).
    head_bytes: int = 128 * 1024


#: ``organogram serve``'s limits when none are given.
DEFAULT_LIMITS = ClientLimits()
