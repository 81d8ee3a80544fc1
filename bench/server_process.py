"""``organogram serve`` in a process of its own, for the benchmarks and the reliability runs:
a free loopback port, the start in a session of its own, the wait until it answers, the
stop (asked, then forced) of the server and every worker it started, and the processes'
figures in /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO


def free_port() -> int:
    """A loopback port no one listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    port: int,
    workers: int,
    env: dict[str, str],
    log: IO,
    *,
    data: Path | None = None,
    extra: list[str] | tuple[str, ...] = (),
    cwd: Path | None = None,
) -> subprocess.Popen:
    """``organogram serve --port PORT --workers WORKERS [EXTRA…] [--data DATA]`` writing its
    output to ``log``, in a session of its own: its process group is its pid, so that
    :func:`stop_server` and :func:`kill_server` reach every worker. ``log`` is closed
    here once the server holds its own copy (a run that restarts the server many times
    would otherwise keep one open file per start)."""
    cmd = [
        sys.executable,
        "-m",
        "organogram.cli.main",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        *extra,
    ]
    if data:
        cmd += ["--data", str(data)]
    try:
        return subprocess.Popen(
            cmd, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    finally:
        log.close()


def wait_until_answering(
    proc: subprocess.Popen,
    log: Path,
    answers: Callable[[], bool],
    *,
    timeout: float | None = None,
    pause: float = 0.3,
) -> None:
    """Ask ``answers()`` every ``pause`` seconds until it says yes (an OSError: not yet).

    Raises RuntimeError, with the end of ``log``, when the server stops meanwhile, or when
    ``timeout`` seconds pass (None: no limit).
    """
    start = time.monotonic()
    while timeout is None or time.monotonic() - start < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server stopped: {log.read_text()[-2000:]}")
        try:
            if answers():
                return
        except OSError:
            pass
        time.sleep(pause)
    raise RuntimeError(f"the server did not answer within {timeout:.0f} s")


def kill_server(proc: subprocess.Popen) -> None:
    """SIGKILL to the master and every worker: no shutdown, as a power cut would."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(30)


def stop_server(proc: subprocess.Popen, on_kill: Callable[[], None] | None = None) -> None:
    """Ask the server to stop (SIGTERM to its session); kill it (:func:`kill_server`) if it
    has not within 30 s, after calling ``on_kill``."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            if on_kill is not None:
                on_kill()
            kill_server(proc)


def process_stats() -> dict[int, list[str]]:
    """Every process's fields of /proc/PID/stat after its name (the first, its state), by
    pid; a process that ends meanwhile is left out."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                found[int(entry)] = f.read().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
    return found


#: The fields of /proc/PID/smaps_rollup and /proc/PID/status read by :func:`process_memory`.
_ROLLUP = ("Rss", "Pss", "Private_Clean", "Private_Dirty")


def process_memory(pid: int) -> dict[str, int] | None:
    """Bytes of memory process ``pid`` holds: ``rss`` (resident, pages shared with
    others counted whole), ``pss`` (its fair share: a page shared by n processes counts
    1/n), ``uss`` (its own pages, freed if it ended) and ``peak`` (the kernel's
    high-water mark of its resident memory); None if it has ended."""
    found: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                name, _, rest = line.partition(":")
                if name in _ROLLUP:
                    found[name] = int(rest.split()[0]) * 1024
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    found["VmHWM"] = int(line.split()[1]) * 1024
    except OSError:  # ended meanwhile
        return None
    return {
        "rss": found.get("Rss", 0),
        "pss": found.get("Pss", 0),
        "uss": found.get("Private_Clean", 0) + found.get("Private_Dirty", 0),
        "peak": found.get("VmHWM", 0),
    }
