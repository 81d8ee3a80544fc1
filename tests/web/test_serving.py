"""``organogram serve``'s server keeps every waiting connection of 20 clients at once."""

from __future__ import annotations

import socket

from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

from organogram.web.serving import QueueingServer, ServeCommand


def connects_at_once(server_cls: type[WSGIServer], clients: int) -> int:
    """How many of ``clients`` connections complete at once while nobody accepts them."""
    server = server_cls(("127.0.0.1", 0), WSGIRequestHandler)
    port = server.server_address[1]
    sockets, done = [], 0
    try:
        for _ in range(clients):
            s = socket.socket()
            s.settimeout(0.3)
            sockets.append(s)
            try:
                s.connect(("127.0.0.1", port))
                # A connection the queue has no room for is answered by nothing: its first
                # exchange is lost and retried a second later.
                s.send(b"GET / HTTP/1.0\r\n\r\n")
                done += 1
            except OSError:
                pass
    finally:
        for s in sockets:
            s.close()
        server.server_close()
    return done


def test_twenty_clients_connecting_at_once_all_get_in():
    assert ServeCommand.server_cls is QueueingServer
    assert connects_at_once(QueueingServer, 25) == 25


def test_djangos_own_server_would_leave_some_waiting():
    # What the server fixes: with Django's queue of 10, not all 25 get in at once.
    assert connects_at_once(WSGIServer, 25) < 25
