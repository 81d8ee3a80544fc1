"""The web application's latency under 20 concurrent clients (issue 6, operation 8).

``python -m bench.web`` (``make bench-web``) serves each dataset with the project's own
server, ``organogram serve``, in a fresh registry loaded from the dataset, on loopback:
with ``--workers N`` worker processes (default: ``organogram serve``'s, one per core), or
``--workers 0`` for Django's threaded server in one process (what ``make run`` runs).
Then 20 client threads, each sending its next request as soon
as the last one is answered, ask for unit pages, the structure page and the API's
structure endpoint. Per kind of request it reports the median, the 95th percentile and
the slowest answer, and the throughput. Every answer must be 200; the first request of
each kind (which builds the revision's caches) is made before the timing and reported
apart.

Datasets: ``iom`` (the shipped data/iom) and a generated size (``--size``, default
medium; written by :mod:`bench.dataset`). Results: bench/results/web.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from organogram.web.serving import default_workers

from . import dataset
from .server_process import (
    free_port,
    process_memory,
    process_stats,
    start_server,
    stop_server,
    wait_until_answering,
)
from .sizes import SIZES

RESULTS = Path(__file__).parent / "results"
DATASETS = dataset.DATASETS
IOM = Path("data") / "iom"


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def get(port: int, path: str, timeout: float = 3600.0) -> tuple[int, bytes]:
    """One GET on a new connection: status and body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """``organogram serve`` on a free port, with its own folder for the database."""

    def __init__(self, data: Path, var: Path, workers: int, database: str = ""):
        # ``database``: a DATABASE_URL (an empty database); default SQLite in ``var``.
        self.data, self.var, self.workers, self.database = data, var, workers, database
        self.port = free_port()
        self.log = var / "serve.log"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.var.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "ORGANOGRAM_VAR": str(self.var), "DATABASE_URL": self.database}
        env.pop("ORGANOGRAM_DEBUG", None)
        self.proc = start_server(self.port, self.workers, env, self.log.open("w"), data=self.data)
        start = time.perf_counter()
        # Any answer will do; loading a large dataset first may take long: no time limit.
        wait_until_answering(
            self.proc, self.log, lambda: bool(get(self.port, "/api/me", timeout=5)), pause=1
        )
        self.ready = time.perf_counter() - start
        return self

    def processes(self) -> dict[int, list[str]]:
        """The server's processes (its master and workers): the fields of each one's stat."""
        assert self.proc is not None
        # The server was started in a session of its own: its group is its pid.
        return {pid: f for pid, f in process_stats().items() if int(f[2]) == self.proc.pid}

    def memory(self) -> list[tuple[str, dict[str, int]]]:
        """(role, :func:`process_memory`) of each server process: the master first."""
        assert self.proc is not None
        out = []
        for pid in sorted(self.processes(), key=lambda p: (p != self.proc.pid, p)):
            held = process_memory(pid)
            if held is not None:
                out.append(("master" if pid == self.proc.pid else "worker", held))
        return out

    def cpu(self) -> float:
        """Processor seconds (user and system) the server's processes have used so far."""
        ticks = sum(int(f[11]) + int(f[12]) for f in self.processes().values())
        return ticks / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            # Workers holding a large record can take longer than 30 s to wind down; the
            # measurements are made, so the report must not be lost to it.
            late = "the server did not stop within 30 s of being asked to: killed"
            stop_server(self.proc, on_kill=lambda: say(late))


@dataclass
class Kind:
    """One kind of request: its label, its paths, and what was measured."""

    label: str
    paths: list[str]
    first: float = 0.0
    times: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    wall: float = 0.0
    #: the server's processor time per request, seconds.
    cpu: float = 0.0
    #: timed requests for a path asked before in the run (a unit page kept per revision).
    repeats: int = 0

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile of the times (nearest rank)."""
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def load(port: int, kind: Kind, clients: int, requests: int) -> None:
    """``requests`` requests of ``kind`` by ``clients`` threads without pause."""
    lock = threading.Lock()
    left = [requests]
    errors: list[str] = []
    rng = random.Random(1)
    order = [kind.paths[rng.randrange(len(kind.paths))] for _ in range(requests)]
    # Asked in reverse order, after the first request (kind.paths[0]).
    seen = {kind.paths[0]}
    for path in reversed(order):
        kind.repeats += path in seen
        seen.add(path)

    def client() -> None:
        while True:
            with lock:
                if left[0] <= 0 or errors:
                    return
                left[0] -= 1
                path = order[left[0]]
            start = time.perf_counter()
            status, body = get(port, path)
            seconds = time.perf_counter() - start
            with lock:
                if status != 200:
                    errors.append(f"{path}: {status}")
                kind.times.append(seconds)
                kind.sizes.append(len(body))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kind.wall = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"{kind.label}: {errors[:5]}")


def kinds_for(port: int, units: int) -> tuple[list[Kind], float]:
    """Unit pages of ``units`` units drawn from today's structure, the page, the API."""
    # The first request builds the record of the revision from the database's rows (on a
    # large registry, minutes): it is timed, and reported, apart.
    start = time.perf_counter()
    status, body = get(port, "/api/structure?all=true")
    assert status == 200, status
    built = time.perf_counter() - start
    say(f"the record built and the structure answered in {built:.1f} s")
    nodes = [n["id"] for n in json.loads(body)["nodes"] if "posts" in n]
    picked = random.Random(6).sample(nodes, min(units, len(nodes)))
    kinds = [
        Kind("unit page", [f"/units/{u}/" for u in picked]),
        Kind("structure page", ["/"]),
        # The whole answer, as measured before the endpoint was paged.
        Kind("API: structure", ["/api/structure?all=true"]),
    ]
    return kinds, built


def measure(name: str, data: Path, var: Path, args: argparse.Namespace) -> dict:
    """Serve ``data`` from a fresh registry and measure every kind of request."""
    db, marker = var / "organogram.sqlite3", var / "loaded-from.txt"
    loaded = f"{data.resolve()}\n{(data / dataset.STAMP).read_text() if name != 'iom' else ''}"
    reused = args.reuse and db.exists() and marker.is_file() and marker.read_text() == loaded
    if reused:
        say(f"{name}: the registry of the last run holds this dataset already (--reuse)")
    else:
        db.unlink(missing_ok=True)
        marker.unlink(missing_ok=True)
    say(f"{name}: starting the server (loads the dataset into an empty registry)…")
    with Server(data, var, args.workers) as server:
        say(f"{name}: answering after {server.ready:.1f} s")
        marker.write_text(loaded)
        kinds, built = kinds_for(server.port, args.units)
        for kind in kinds:
            # One request first: the revision's caches are built there, once per revision
            # (a unit's page is kept only once asked: the timed requests meet most units
            # for the first time, and the report counts those that do not).
            start = time.perf_counter()
            status, _ = get(server.port, kind.paths[0])
            assert status == 200, (kind.paths[0], status)
            kind.first = time.perf_counter() - start
            say(
                f"{name}: {kind.label}: first answer in {kind.first:.2f} s; "
                f"{args.requests} requests by {args.clients} clients…"
            )
            cpu = server.cpu()
            load(server.port, kind, args.clients, args.requests)
            kind.cpu = (server.cpu() - cpu) / len(kind.times)
            say(
                f"{name}: {kind.label}: median {statistics.median(kind.times) * 1e3:.0f} ms, "
                f"p95 {kind.percentile(95) * 1e3:.0f} ms"
            )
        return {
            "name": name,
            "memory": server.memory(),
            "processes": len(server.processes()),
            "ready": server.ready,
            "reused": reused,
            "built": built,
            "kinds": kinds,
        }


#: Issue 21's target for a worker serving the large organization, bytes: its fair share
#: (PSS), the measure that neither counts the pages it shares with the other processes
#: once per process nor leaves them out.
WORKER_TARGET = 2 * 1024**3

#: Targets of issue 6: the 95th percentile under 100 ms on the IOM data, 300 ms on large.
TARGETS = {"iom": 0.100}
SIZE_TARGET = 0.300


def ms(x: float) -> str:
    return f"{x * 1e3:,.0f}"


def report(results: list[dict], args: argparse.Namespace) -> str:
    """The Markdown report."""
    from .report import machine, revision

    command = " ".join(
        ["python -m bench.web"]
        + ([f"--size {args.size}"] if args.only != "iom" else [])
        + [f"--workers {args.workers}"]
        + ([f"--only {args.only}"] if args.only else [])
    )
    if args.workers:
        server = (
            f"`organogram serve --workers {args.workers}`: Gunicorn's master process and "
            f"{args.workers} worker process{'es' if args.workers > 1 else ''} of two threads "
            "each, the threads of a process taking turns on the interpreter's lock"
        )
    else:
        server = (
            "`organogram serve --workers 0` (what `make run` runs): Django's threaded server, "
            "one process answering one request at a time under the interpreter's lock"
        )
    lines = [
        "# Web latency under 20 concurrent clients",
        "",
        f"Command: `{command}`; code at commit {revision()}. "
        f"Machine: {'; '.join(machine())}, shared with other work: expect noise, and read "
        "the server's processor time per request beside the latencies.",
        "",
        f"The server is {server}; on loopback, with the registry in SQLite loaded from the "
        f"dataset. {args.clients} client threads each send their next request as soon as the last "
        f"is answered (no pause), {args.requests} requests per kind; unit pages are drawn "
        f"from {args.units} units in force (or all of them, when fewer), and a unit asked "
        "again is answered from its page kept for the revision: the share of such requests "
        "is in the last column (each worker process keeps its own). Times are from sending "
        "the request to the last byte of the answer; every answer was 200.",
        "",
    ]
    for r in results:
        target = TARGETS.get(r["name"], SIZE_TARGET)
        lines += [
            f"## {r['title']}",
            "",
            f"Server answering {r['ready']:.0f} s after start ("
            + (
                "the registry loaded by an earlier run, --reuse"
                if r["reused"]
                else "migrations and the load of the dataset into the registry included"
            )
            + f"; {r['processes']} server process{'es' if r['processes'] > 1 else ''}); "
            + (
                "the record, and what the first pages derive from it, were built from the "
                "registry's rows before the workers started (so are inside that time); the "
                "first request, which writes today's structure as JSON in one worker, "
                if args.workers
                else "the first request, which builds the record from the registry's rows and "
                "folds it to today, "
            )
            + f"{r['built']:.1f} s. First (ms): the first request of each kind, which builds "
            "what that kind keeps per revision (in one worker: the others build it during "
            "the timed requests).",
            "",
            "| request | first (ms) | median (ms) | p95 (ms) | slowest (ms) | requests/s "
            "| server processor per request (ms) | answer (KB) | p95 target | asked before |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|",
        ]
        for k in r["kinds"]:
            p95 = k.percentile(95)
            met = "met" if p95 < target else "**missed**"
            lines.append(
                f"| {k.label} | {ms(k.first)} | {ms(statistics.median(k.times))} | {ms(p95)} "
                f"| {ms(max(k.times))} | {len(k.times) / k.wall:,.1f} | {ms(k.cpu)} "
                f"| {statistics.mean(k.sizes) / 1e3:,.0f} | < {ms(target)} ms: {met} "
                f"| {k.repeats / len(k.times):.0%} |"
            )
        lines.append("")
        lines += memory_table(r["memory"], r["name"])
    return "\n".join(lines)


def gib(n: int) -> str:
    return f"{n / 1024**3:.2f}"


def memory_table(memory: list[tuple[str, dict[str, int]]], name: str) -> list[str]:
    """The server's processes' memory after the timed requests, as report lines."""
    if not memory:
        return []
    lines = [
        "Memory of the server's processes after the timed requests (GiB; from the "
        "kernel's /proc/PID/smaps_rollup): resident counts every page the process maps, "
        "including those the workers share with the master since they were forked (the "
        "record built before the workers started); fair share divides each shared page "
        "among the processes that map it; own counts only the pages no other process "
        "maps; peak is the high-water mark of resident memory."
        + (
            f" Issue 21's target: a worker serving the large organization within "
            f"{gib(WORKER_TARGET)} GiB of fair share."
            if name == "large"
            else ""
        ),
        "",
        "| process | resident | fair share | own | peak resident |"
        + (" target |" if name == "large" else ""),
        "|---|---:|---:|---:|---:|" + ("---|" if name == "large" else ""),
    ]
    for role, held in memory:
        row = (
            f"| {role} | {gib(held['rss'])} | {gib(held['pss'])} | {gib(held['uss'])} "
            f"| {gib(held['peak'])} |"
        )
        if name == "large":
            if role == "worker":
                row += " met |" if held["pss"] < WORKER_TARGET else " **missed** |"
            else:
                row += " |"
        lines.append(row)
    total = sum(held["pss"] for _, held in memory)
    lines += ["", f"All the server's processes together: {gib(total)} GiB (fair shares).", ""]
    return lines


def main(argv: list[str] | None = None) -> None:
    """Measure the IOM dataset and a generated one; write bench/results/web.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="medium", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=400, help="per kind of request")
    parser.add_argument("--units", type=int, default=200, help="units whose pages are asked")
    parser.add_argument("--only", choices=("iom", "size"), default=None)
    parser.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="organogram serve's worker processes (default: one per core, "
        "as organogram serve's own default); 0: Django's threaded server in one process",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a registry the last run loaded the same data into",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "web.md")
    args = parser.parse_args(argv)
    results = []
    if args.only != "size":
        r = measure("iom", IOM, DATASETS / "web-iom", args)
        r["title"] = "IOM headquarters (data/iom)"
        results.append(r)
    if args.only != "iom":
        size = SIZES[args.size]
        folder = dataset.write(
            args.size,
            args.seed,
            DATASETS / args.size,
            without_post_moves=args.size == "large",
            progress=say,
        )
        r = measure(args.size, folder, DATASETS / f"web-{args.size}", args)
        r["title"] = (
            f"Synthetic {args.size} organization ({size.units:,} units, "
            f"{size.posts:,} posts, {size.months} months of changes; seed {args.seed})"
        )
        results.append(r)
    args.out.write_text(report(results, args))
    say(f"report written to {args.out}")


if __name__ == "__main__":
    main()
