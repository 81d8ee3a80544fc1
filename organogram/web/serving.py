"""The servers ``organogram serve`` runs: several worker processes, or one for development.

**Worker processes** (``--workers N``, N ≥ 1; the default is one per processor core):
Gunicorn's master process with N worker processes (see :mod:`.workers`). A Python process
computes one request at a time (the interpreter's lock), so with one process twenty
clients queue behind each other on a single core while the others stay idle; N processes
answer N requests at once.
The record is built once before the workers start (Gunicorn's ``preload_app``), so each
worker begins with it instead of reading the database's rows on its first request. Each
worker keeps its own copy afterwards, rebuilt when the revision read from the database
moves (:mod:`organogram.registry.store`): a write through one worker is seen by every
other on its next request.

**One process** (``--workers 0``): Django's own threaded server, as in development, on
systems without Gunicorn (Windows), or to debug in one process. Its queue of waiting
connections is made as long as the system allows: Django's keeps 10, and with more
clients connecting at once the system drops the others' first packets and their browsers
retry a second later, so some requests take a second more for nothing.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from django.core.management.commands.runserver import Command as RunServer
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

from .client_limits import DEFAULT_LIMITS, ClientLimits


class PatientHandler(WSGIRequestHandler):
    """Django's request handler, dropping a client silent for ``timeout`` seconds (Django's
    threaded server gives each connection a thread of its own: one that is never closed
    would stay for as long as the server)."""

    timeout = ClientLimits.client_timeout


class QueueingServer(WSGIServer):
    """Django's WSGI server with the system's longest queue of waiting connections, and
    clients dropped when silent for too long (:class:`PatientHandler`)."""

    request_queue_size = socket.SOMAXCONN

    def __init__(self, address: Any, handler: type, *args: Any, **kwargs: Any):
        if handler is WSGIRequestHandler:
            handler = PatientHandler
        super().__init__(address, handler, *args, **kwargs)


class ServeCommand(RunServer):
    """``runserver`` with :class:`QueueingServer`."""

    server_cls = QueueingServer


def have_workers() -> bool:
    """Whether worker processes can be served here (Gunicorn installed, a POSIX system)."""
    try:
        import gunicorn.app.base  # noqa: F401
    except ImportError:
        return False
    return True


def cores() -> int:
    """The processor cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One worker process per core where worker processes can be served, else 0."""
    return cores() if have_workers() else 0


def serve(address: str, workers: int = 0, limits: ClientLimits = DEFAULT_LIMITS) -> None:
    """Serve the web application at ``address`` (``host:port``) until interrupted, with
    ``workers`` worker processes (0: Django's threaded server in this process), giving
    clients the time ``limits`` allow."""
    if workers <= 0:
        from django.core.management import call_command

        # Each connection has a thread of its own there: a slow head holds only its own.
        PatientHandler.timeout = limits.client_timeout
        call_command(ServeCommand(), address, use_reloader=False, verbosity=0)
        return
    from .workers import WorkerServer

    WorkerServer(address, workers, limits).run()
