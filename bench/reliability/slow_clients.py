"""Slow and silent clients: the server keeps answering everyone else.

``organogram serve --workers 2`` (two threads each) with a header timeout of 5 s and a
client timeout of 5 s. While ``silent`` connections send half a request head and then
nothing (each reopened as soon as the server drops it, as an attacker would), and one
client sends a request body a byte a second, an ordinary client asks for a unit page and
``/api/me`` in turn. Pass: every ordinary request is answered 200 within ``BOUND`` seconds,
each silent connection is dropped within the header timeout and 2 s, and a client that
stops sending its body is dropped within the client timeout and 2 s.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from .common import EXAMPLE, Database, Server, cli, request, say

#: The slowest an ordinary request may be answered while the slow clients hold on.
BOUND = 2.0
HEADER_TIMEOUT = 5.0
CLIENT_TIMEOUT = 5.0
HALF_HEAD = b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def _silent(port: int, stop: threading.Event, drops: list[float], lock: threading.Lock) -> None:
    """Half a head, then nothing; when dropped, note after how long and connect again."""
    while not stop.is_set():
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        start = time.monotonic()
        s.sendall(HALF_HEAD)
        s.settimeout(0.5)
        while not stop.is_set():
            try:
                if s.recv(1024) == b"":
                    with lock:
                        drops.append(time.monotonic() - start)
                    break
            except TimeoutError:
                continue
            except OSError:
                with lock:
                    drops.append(time.monotonic() - start)
                break
        s.close()


def _trickle(port: int, stop: threading.Event) -> None:
    """A request body sent a byte a second, again and again."""
    while not stop.is_set():
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
        body = b"x" * 30
        s.sendall(
            b"POST /api/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
            + f"\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        )
        try:
            for b in body:
                if stop.is_set():
                    break
                s.sendall(bytes([b]))
                time.sleep(1.0)
            s.settimeout(10)
            s.recv(1024)
        except OSError:
            pass
        s.close()


def _stalled_body(port: int) -> float:
    """Seconds until the server drops a client that declares a body and sends none."""
    s = socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT * 4)
    s.sendall(b"POST /api/changes HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n")
    start = time.monotonic()
    try:
        while s.recv(1024):
            pass
    except OSError:
        pass
    s.close()
    return time.monotonic() - start


def run(work: Path, dbs: list[Database], *, silent: int = 24, seconds: float = 30) -> list[dict]:
    """The slow-client run on every database: a result per database."""
    results = []
    for db in dbs:
        tag = db.name.lower()
        var, name = work / f"slow-{tag}", f"reliab_slow_{tag}"
        db.create(var, name)
        env = db.env(var, name)
        if cli(["load", str(EXAMPLE)], env).returncode != 0:
            raise RuntimeError("loading the example dataset failed")
        extra = ["--header-timeout", str(HEADER_TIMEOUT), "--client-timeout", str(CLIENT_TIMEOUT)]
        say(
            f"slow clients, {db.name}: {silent} silent connections and a trickling body "
            f"for {seconds:.0f} s…"
        )
        with Server(env, var / "serve.log", workers=2, extra=extra) as server:
            stop, lock, drops = threading.Event(), threading.Lock(), []
            threads = [
                threading.Thread(target=_silent, args=(server.port, stop, drops, lock))
                for _ in range(silent)
            ] + [threading.Thread(target=_trickle, args=(server.port, stop))]
            for t in threads:
                t.start()
            time.sleep(1.0)  # let them all connect
            times, bad = [], []
            start = time.monotonic()
            paths = ["/units/ops/", "/api/me"]
            while time.monotonic() - start < seconds:
                path = paths[len(times) % 2]
                t0 = time.monotonic()
                try:
                    status, _ = request(server.port, "GET", path, timeout=BOUND * 10)
                except OSError as exc:
                    status = str(exc)
                times.append(time.monotonic() - t0)
                if status != 200:
                    bad.append(f"{path}: {status}")
                time.sleep(0.1)
            stalled = _stalled_body(server.port)
            stop.set()
            for t in threads:
                t.join(30)
        db.drop(var, name)
        slowest = max(times)
        failures = []
        if bad:
            failures.append(f"{len(bad)} ordinary requests failed: {bad[:3]}")
        if slowest > BOUND:
            failures.append(f"an ordinary request took {slowest:.2f} s (bound {BOUND} s)")
        if not drops:
            failures.append("no silent connection was dropped")
        elif max(drops) > HEADER_TIMEOUT + 2:
            failures.append(f"a silent connection was held {max(drops):.1f} s")
        if stalled > CLIENT_TIMEOUT + 2:
            failures.append(f"a stalled body was held {stalled:.1f} s")
        ordered = sorted(times)
        r = {
            "database": db.name,
            "silent": silent,
            "seconds": seconds,
            "requests": len(times),
            "median": ordered[len(ordered) // 2],
            "slowest": slowest,
            "drops": len(drops),
            "longest_hold": max(drops) if drops else None,
            "stalled": stalled,
            "failures": failures,
        }
        say(
            f"slow clients, {db.name}: {len(times)} ordinary requests, slowest {slowest:.2f} s; "
            f"{len(drops)} silent connections dropped, the longest after "
            f"{r['longest_hold'] or 0:.1f} s; a stalled body dropped after {stalled:.1f} s"
        )
        results.append(r)
    return results


def main() -> int:
    import argparse
    import tempfile

    from .common import databases

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="PostgreSQL URL (default: DATABASE_URL)")
    parser.add_argument("--silent", type=int, default=24)
    parser.add_argument("--seconds", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="organogram-slow-") as tmp:
        results = run(Path(tmp), databases(args.postgres), silent=args.silent, seconds=args.seconds)
    for r in results:
        for f in r["failures"]:
            print(f"{r['database']}: {f}")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
