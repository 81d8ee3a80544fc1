"""Gunicorn serving the web application in worker processes (see :mod:`.serving`)."""

from __future__ import annotations

import os
import socket
import sys
from typing import Any

from gunicorn.app.base import BaseApplication

from .client_limits import DEFAULT_LIMITS, ClientLimits
from .slow_clients import worker_class

#: Threads of each worker process. They take turns on the interpreter's lock: the second
#: one answers while the first writes out or closes, not two pages at once.
THREADS = 2


def _warm() -> None:
    """Build the current record and what pages first derive from it, so that forked
    workers start with them, and close the database connections, which a forked process
    must not share with its parent.

    The master keeps its copy: the workers share its memory until they move on to a newer
    revision, and a worker started later (one replacing a worker that died) begins from it
    and reads only the writes since.
    """
    from django.db import connections

    from ..registry import store
    from ..site.views.warming import warm

    try:
        warm(store.current())
    except store.EmptyRegistry:
        pass
    finally:
        connections.close_all()


class WorkerServer(BaseApplication):
    """Gunicorn running :data:`organogram.web.wsgi.application` in ``workers`` processes,
    with how long a client may take (see :mod:`.slow_clients`)."""

    def __init__(self, address: str, workers: int, limits: ClientLimits = DEFAULT_LIMITS):
        self.options = {
            "bind": address,
            "workers": workers,
            # Threaded workers: a synchronous worker lingers after each answer until the
            # client has closed its end (up to 2 s), idle meanwhile; here the worker's main
            # thread does that while its other threads answer the next requests. It also
            # reads each request's head, so that a slow client holds no thread.
            "worker_class": worker_class(limits),
            "threads": THREADS,
            # A worker takes no more connections than it can answer: the others wait in
            # the system's queue, in order, for whichever worker is free first (a worker
            # that took in all it could would keep some waiting while another sat idle).
            "worker_connections": THREADS + 1,
            # No kept-alive connections, which would hold those few places while idle.
            "keepalive": 0,
            "preload_app": True,
            # A worker's first request after a write rebuilds the record: minutes on
            # 100,000 units. Slow is not stuck, so no worker is killed for it: the time a
            # client may take is bounded by the limits instead.
            "timeout": 0,
            "backlog": socket.SOMAXCONN,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "organogram",
        }
        super().__init__()

    def run(self) -> None:
        """Serve until stopped, then leave at once, in the master and in every worker.

        A process holding a large record spends a long time at exit freeing it object
        by object, and a forked worker first copies every page it still shares with the
        master in order to do so: more than 30 s for 100,000 units, after which Gunicorn
        kills the worker anyway. The system takes the memory back whole; what needs
        closing (database connections, output) is closed first.
        """
        try:
            super().run()
        except SystemExit as stop:
            leave(stop.code)

    def load_config(self) -> None:
        """Gunicorn's settings from :attr:`options` (not from its command line)."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        """The WSGI application, with the record built (in the master, before forking)."""
        from .wsgi import application

        _warm()
        return application


def leave(code: object) -> None:
    """End this process with ``code`` as ``sys.exit`` would, without Python's teardown."""
    from django.db import connections

    try:
        connections.close_all()
    finally:
        if code is not None and not isinstance(code, int):
            print(code, file=sys.stderr)  # sys.exit("message") prints it and exits with 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 0 if code is None else 1)
