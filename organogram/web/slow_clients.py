"""Worker processes that slow or silent clients cannot starve.

Gunicorn's threaded worker hands a connection to one of its few threads as soon as the
first bytes arrive, and the thread then waits, with no time limit, for the rest of the
request's head. A handful of connections that send half a head and then nothing hold
every thread of every worker, and every other request waits for as long as they stay.

Here a worker's main loop, which waits on all its connections at once, reads each
request's head itself and hands the connection to a thread only once the head is
complete. A client that sends nothing, or its head too slowly, costs a socket and a
buffer, never a thread, and is dropped when its head is not complete within the header
timeout (:class:`~.client_limits.ClientLimits`). Once a thread has the connection, each
read of the body and each write of the answer must progress within the client timeout,
so that a client that stops reading its answer (or sending its body) does not hold the
thread either.

A production server should still sit behind a reverse proxy that buffers requests and
answers (docs/deployment.md): these limits keep the server answering when it does not.
"""

from __future__ import annotations

import contextlib
import errno
import selectors
import time
from collections import deque
from functools import partial
from typing import Any

from gunicorn.workers.gthread import TConn, ThreadWorker

from .client_limits import ClientLimits

#: The end of a request's head (HTTP/1.x).
END_OF_HEAD = b"\r\n\r\n"


class HeadConn(TConn):
    """A connection whose request head is read by the worker's main loop."""

    def __init__(self, *args: Any, limits: ClientLimits, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.head = bytearray()
        self.deadline = time.monotonic() + limits.header_timeout

    def complete(self) -> bool:
        """Whether the head read so far is whole (or long enough for the parser to judge)."""
        return END_OF_HEAD in self.head or len(self.head) >= self.limits.head_bytes

    def init(self) -> None:
        """Set up the parser with the head already read, and bound each later read and
        write by the client timeout."""
        if self.initialized:
            return
        super().init()
        self.sock.settimeout(self.limits.client_timeout)
        if self.head:
            self.parser.unreader.unread(bytes(self.head))
            self.head = bytearray()


class HeadFirstWorker(ThreadWorker):
    """Gunicorn's threaded worker, reading request heads in its main loop.

    Used through :func:`worker_class`, which sets :attr:`limits`.
    """

    limits = ClientLimits()

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.heads: deque[HeadConn] = deque()

    def set_accept_enabled(self, enabled: bool) -> None:
        """Accept only while there is room for another waiting head as well."""
        super().set_accept_enabled(enabled and len(self.heads) < self.limits.waiting_heads)

    def accept(self, listener: Any) -> None:
        """Take a connection and wait for its head in this loop, not in a thread."""
        if self.cfg.is_ssl:  # a TLS handshake is the threads' work (organogram serves none)
            return super().accept(listener)
        try:
            client, address = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        conn = HeadConn(self.cfg, client, address, listener.getsockname(), limits=self.limits)
        self.heads.append(conn)
        self.poller.register(client, selectors.EVENT_READ, partial(self.read_head, conn))

    def read_head(self, conn: HeadConn, client: Any) -> None:
        """Read what has arrived of ``conn``'s head; hand it to a thread when complete."""
        try:
            data = client.recv(64 * 1024)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client left before its head was complete
            self.drop(conn)
            return
        conn.head += data
        if conn.complete():
            self.poller.unregister(client)
            self.heads.remove(conn)
            self.nr_conns += 1
            conn.data_ready = True
            self.enqueue_req(conn)

    def drop(self, conn: HeadConn) -> None:
        """Close a connection still waiting for its head."""
        with contextlib.suppress(KeyError, ValueError, OSError):
            self.poller.unregister(conn.sock)
        self.heads.remove(conn)
        conn.close()

    def murder_pending(self) -> None:
        """Also drop the connections whose heads are late (this runs about every second)."""
        super().murder_pending()
        now = time.monotonic()
        # Accepted in order with the same timeout, so the late ones are first.
        while self.heads and self.heads[0].deadline <= now:
            self.drop(self.heads[0])


def worker_class(limits: ClientLimits) -> type[HeadFirstWorker]:
    """The worker class for Gunicorn's ``worker_class`` setting, with ``limits``."""
    return type("HeadFirstWorker", (HeadFirstWorker,), {"limits": limits})
