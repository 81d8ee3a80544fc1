"""Clients that connect and then send their request slowly, or not at all, do not stop
``organogram serve`` from answering the others (organogram.web.slow_clients).

These tests run a real server on a free loopback port, on a registry of their own.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from organogram.cli.main import build_parser
from organogram.web.serving import have_workers

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "datasets" / "example"

#: More slow clients than the server has threads in all its workers (2 workers of 2).
SLOW = 12


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a server on a registry loaded with the example dataset."""
    folder = tmp_path_factory.mktemp("registry")
    env = {**os.environ, "ORGANOGRAM_VAR": str(folder), "DATABASE_URL": ""}
    env.pop("ORGANOGRAM_DEBUG", None)
    run = subprocess.run(
        [sys.executable, "-m", "organogram.cli.main", "load", str(EXAMPLE)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def serving(env: dict[str, str], *options: str) -> Iterator[int]:
    """A server started with ``options``, answering on the port yielded."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "organogram.cli.main", "serve", "--port", str(port), *options],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
            try:
                assert get(port, "/api/me", 30) == 200
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        # Every worker started (the first answer may come before the second is ready).
        time.sleep(1)
        yield port
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)


def slow_clients(port: int, count: int) -> list[socket.socket]:
    """``count`` connections that sent half a request's head and then nothing."""
    held = []
    for _ in range(count):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        held.append(s)
    return held


WORKERS = [
    pytest.param(
        "2",
        marks=pytest.mark.skipif(not have_workers(), reason="worker processes need Gunicorn"),
    ),
    "0",
]


@pytest.mark.parametrize("workers", WORKERS)
def test_slow_clients_do_not_stop_the_others_being_answered(registry, workers):
    for port in serving(registry, f"--workers={workers}"):
        held = slow_clients(port, SLOW)
        # Silent ones as well, which have sent nothing at all.
        held += [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(SLOW)]
        try:
            time.sleep(1)
            started = time.monotonic()
            for _ in range(4):
                assert get(port, "/api/me", timeout=5) == 200
            assert time.monotonic() - started < 5
        finally:
            for s in held:
                s.close()


@pytest.mark.skipif(not have_workers(), reason="worker processes need Gunicorn")
def test_a_head_not_complete_in_time_is_dropped(registry):
    for port in serving(registry, "--workers=1", "--header-timeout=1"):
        (held,) = slow_clients(port, 1)
        try:
            started = time.monotonic()
            held.settimeout(10)
            # The server closes the connection without an answer.
            assert held.recv(1024) == b""
            assert time.monotonic() - started < 5
        finally:
            held.close()
        # A head completed in time is answered as ever.
        (late,) = slow_clients(port, 1)
        with late:
            late.sendall(b"1\r\nConnection: close\r\n\r\n")
            late.settimeout(10)
            assert late.recv(1024).startswith(b"HTTP/1.1 200")


def test_serve_takes_timeouts_in_seconds():
    args = build_parser().parse_args(["serve"])
    assert (args.header_timeout, args.client_timeout) == (10.0, 30.0)
    args = build_parser().parse_args(["serve", "--header-timeout=2.5", "--client-timeout=60"])
    assert (args.header_timeout, args.client_timeout) == (2.5, 60.0)
    for wrong in ("0", "-1", "soon", "inf", "nan"):
        with pytest.raises(SystemExit):
            build_parser().parse_args(["serve", f"--header-timeout={wrong}"])
