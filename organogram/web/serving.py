"""The server ``organogram serve`` runs: Django's own threaded server, with a longer queue.

Django's development server keeps 10 connections waiting to be accepted. With more
clients than that connecting at once (a page's assets, a few users), the system drops
the others' first packets and their browsers retry a second later, so some requests
take a second more for nothing. The queue here holds as many as the system allows.
"""

from __future__ import annotations

import socket

from django.core.management.commands.runserver import Command as RunServer
from django.core.servers.basehttp import WSGIServer


class QueueingServer(WSGIServer):
    """Django's WSGI server with the system's longest queue of waiting connections."""

    request_queue_size = socket.SOMAXCONN


class ServeCommand(RunServer):
    """``runserver`` with :class:`QueueingServer`."""

    server_cls = QueueingServer


def serve(address: str) -> None:
    """Serve the web application at ``address`` (``host:port``) until interrupted."""
    from django.core.management import call_command

    call_command(ServeCommand(), address, use_reloader=False, verbosity=0)
