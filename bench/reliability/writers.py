"""Concurrent writers and ``kill -9``: no acknowledged write lost, the record valid after.

Phase 1: ``organogram serve --workers 2`` on a registry loaded with the IOM data; client
threads record changes through the API (renames of units, each thread its own units, and
creations of new units), each remembering every change the server acknowledged (201,
with its id). At random moments the server, master and workers, is killed with SIGKILL
and started again; the clients wait and carry on. Afterwards every acknowledged change
must be in the record, with the name it set; ``organogram validate`` must pass on
``organogram export`` of the record, and the export must load into a fresh registry.

Phase 2: ``organogram load --replace`` of another dataset is killed with SIGKILL at a
random moment of its run, again and again: each time the registry must hold either the
record before, whole, or the dataset loaded, whole (compared by the digest of an export).

Conflicting edits: two clients read the same unit (its editing token), then both rename
it at once, each naming the token it read: exactly one must be recorded (201), the other
refused as stale (409); never two, never none.
"""

from __future__ import annotations

import http.client
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .common import IOM, ROOT, Database, Server, cli, export_digest, request, say, token


@dataclass
class Tally:
    """What the clients did: the acknowledged changes and every other outcome."""

    acked: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (unit, name)
    refused: int = 0  # 4xx: the server answered, the change is not recorded
    errors: list[str] = field(default_factory=list)  # 5xx: never expected
    unanswered: int = 0  # the connection failed (server down or killed mid-request)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _units(port: int, tok: str) -> list[str]:
    status, body = request(port, "GET", "/api/structure?all=true", token=tok)
    assert status == 200, (status, body)
    return [n["id"] for n in body["nodes"] if "posts" in n]  # units, not senior posts


def _client(
    server: Server, tok: str, n: int, units: list[str], tally: Tally, stop: threading.Event
) -> None:
    """Record changes until ``stop``: rename one of ``units``, or create a unit under one."""
    rng = random.Random(n)
    k = 0
    while not stop.is_set():
        k += 1
        unit = rng.choice(units)
        # A day of its own for each change of a thread: changes of one unit never meet.
        date = f"{2030 + k // 300}-{1 + k // 28 % 10:02d}-{1 + k % 28:02d}"
        if rng.random() < 0.7:
            name = f"Unit {unit} renamed by client {n}, write {k}"
            change = {"op": "rename", "date": date, "unit": unit, "name": name}
            target = unit
        else:
            target = f"rel-{n}-{k}"
            name = f"New unit {n}.{k}"
            change = {
                "op": "create",
                "date": date,
                "unit": target,
                "name": name,
                "kind": "unit",
                "parent": unit,
            }
        try:
            status, body = request(
                server.port, "POST", "/api/changes", {"change": change}, token=tok, timeout=30
            )
        except (OSError, http.client.HTTPException):
            # Killed mid-answer: not acknowledged, so it may or may not be recorded.
            with tally.lock:
                tally.unanswered += 1
            time.sleep(0.2)
            continue
        with tally.lock:
            if status == 201:
                tally.acked[body["id"]] = (target, name)
            elif status >= 500:
                tally.errors.append(f"{status}: {str(body)[:200]}")
            else:
                tally.refused += 1


def _in_record(export: Path) -> dict[str, dict]:
    """The changes of an exported dataset, by id."""
    found = {}
    for f in sorted(export.rglob("*.yaml")):
        doc = yaml.safe_load(f.read_text()) or {}
        for c in doc.get("changes") or []:
            if isinstance(c, dict) and "id" in c:
                found[str(c["id"])] = c
    return found


def _conflicts(server: Server, tok: str, units: list[str], pairs: int) -> dict:
    """``pairs`` edit pairs on one unit from the same version: how they ended."""
    outcomes = {"one-wins": 0, "both-recorded": 0, "none-recorded": 0, "other": []}
    rng = random.Random(7)
    for i in range(pairs):
        unit = rng.choice(units)
        _, body = request(server.port, "GET", f"/api/units/{unit}", token=tok)
        seen = body["token"]
        results: list[int] = [0, 0]
        gate = threading.Barrier(2)

        def edit(side: int, i=i, unit=unit, seen=seen, results=results, gate=gate) -> None:
            change = {
                "op": "rename",
                "date": f"2040-01-{1 + i % 28:02d}",
                "unit": unit,
                "name": f"Conflict {i} side {side}",
            }
            gate.wait()
            results[side] = request(
                server.port, "POST", "/api/changes", {"change": change, "expected": seen}, token=tok
            )[0]

        threads = [threading.Thread(target=edit, args=(s,)) for s in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        got = sorted(results)
        if got == [201, 409]:
            outcomes["one-wins"] += 1
        elif got == [201, 201]:
            outcomes["both-recorded"] += 1
        elif 201 not in got:
            outcomes["none-recorded"] += 1
            outcomes["other"].append(got)
        else:
            outcomes["other"].append(got)
    return outcomes


def phase_server(
    db: Database, work: Path, *, clients: int, kills: int, pairs: int, rng: random.Random
) -> dict:
    """Phase 1 and the conflicting edits on ``db``."""
    tag = db.name.lower()
    var, name = work / f"writers-{tag}", f"reliab_writers_{tag}"
    db.create(var, name)
    env = db.env(var, name)
    loaded = cli(["load", str(IOM)], env)
    if loaded.returncode != 0:
        raise RuntimeError(f"loading the IOM data: {loaded.stderr}")
    tok = token(env, "writer", "editor")
    server = Server(env, var / "serve.log", workers=2)
    tally, stop = Tally(), threading.Event()
    restarts: list[float] = []
    threads: list[threading.Thread] = []
    try:
        server.start()
        units = _units(server.port, tok)
        shares = [units[i::clients] for i in range(clients)]
        threads = [
            threading.Thread(target=_client, args=(server, tok, n, shares[n], tally, stop))
            for n in range(clients)
        ]
        start = time.monotonic()
        for t in threads:
            t.start()
        for k in range(kills):
            time.sleep(rng.uniform(1.0, 4.0))
            server.kill()
            t0 = time.monotonic()
            server.start()
            restarts.append(time.monotonic() - t0)
            say(f"writers, {db.name}: kill -9 {k + 1}/{kills}; {len(tally.acked)} acknowledged")
        time.sleep(1.0)
        stop.set()
        for t in threads:
            t.join()
        seconds = time.monotonic() - start
        conflicts = _conflicts(server, tok, units, pairs)
    finally:
        stop.set()
        server.stop()
    export = work / f"export-{tag}"
    shutil.rmtree(export, ignore_errors=True)
    done = cli(["export", str(export)], env)
    problems = []
    if done.returncode != 0:
        problems.append(f"export failed: {done.stderr.strip()[-300:]}")
        recorded = {}
    else:
        recorded = _in_record(export)
    lost = [
        cid
        for cid, (unit, nm) in tally.acked.items()
        if cid not in recorded or nm not in (recorded[cid].get("name"),)
    ]
    valid = cli(["validate", str(export)], env) if export.exists() else None
    if valid is None or valid.returncode != 0:
        problems.append(
            "the export does not validate: " + (valid.stdout + valid.stderr).strip()[-500:]
            if valid
            else "no export"
        )
    fresh_var, fresh = work / f"writers-fresh-{tag}", f"reliab_writers_fresh_{tag}"
    db.create(fresh_var, fresh)
    reload = cli(["load", str(export)], db.env(fresh_var, fresh))
    if reload.returncode != 0:
        problems.append(f"the export does not load into a fresh registry: {reload.stderr[-500:]}")
    db.drop(fresh_var, fresh)
    return {
        "var": var,
        "name": name,
        "env": env,
        "export": export,
        "clients": clients,
        "kills": kills,
        "seconds": seconds,
        "acked": len(tally.acked),
        "refused": tally.refused,
        "unanswered": tally.unanswered,
        "server_errors": tally.errors,
        "lost": lost,
        "problems": problems,
        "restart_median": sorted(restarts)[len(restarts) // 2] if restarts else 0.0,
        "conflicts": conflicts,
        "pairs": pairs,
    }


def phase_load(db: Database, work: Path, first: dict, *, kills: int, rng: random.Random) -> dict:
    """Phase 2: ``organogram load --replace`` killed at random; all or nothing each time."""
    env = first["env"]
    before = export_digest(env, work / "digest")
    # What a completed load leaves: measured on a registry of its own.
    probe_var, probe = (
        work / f"writers-probe-{db.name.lower()}",
        f"reliab_writers_probe_{db.name.lower()}",
    )
    db.create(probe_var, probe)
    penv = db.env(probe_var, probe)
    t0 = time.monotonic()
    if cli(["load", str(IOM)], penv).returncode != 0:
        raise RuntimeError("loading the IOM data failed")
    load_time = time.monotonic() - t0
    after = export_digest(penv, work / "digest")
    db.drop(probe_var, probe)
    outcomes = {"before": 0, "after": 0, "neither": 0}
    for _ in range(kills):
        proc = subprocess.Popen(
            [sys.executable, "-m", "organogram.cli.main", "load", str(IOM), "--replace"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # Within the load's run (its start-up included), or just after its end.
        time.sleep(rng.uniform(0.5, max(1.0, load_time * 1.1)))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = export_digest(env, work / "digest")
        kind = "before" if now == before else "after" if now == after else "neither"
        outcomes[kind] += 1
        if kind == "after":
            # The load completed: the next kill starts again from the record before.
            reload = cli(["load", str(first["export"]), "--replace"], env)
            if reload.returncode != 0:
                raise RuntimeError(f"reloading the record: {reload.stderr}")
            before = export_digest(env, work / "digest")
    return {"kills": kills, "load_seconds": load_time, **outcomes}


def run(
    work: Path,
    dbs: list[Database],
    *,
    clients: int = 6,
    kills: int = 8,
    load_kills: int = 6,
    pairs: int = 40,
    seed: int = 20,
) -> list[dict]:
    """Both phases and the conflicting edits on every database: a result per database."""
    results = []
    for db in dbs:
        rng = random.Random(seed)
        say(f"writers, {db.name}: {clients} clients, {kills} kills of the server…")
        first = phase_server(db, work, clients=clients, kills=kills, pairs=pairs, rng=rng)
        say(
            f"writers, {db.name}: {first['acked']} acknowledged, {len(first['lost'])} lost; "
            f"conflicts: {first['conflicts']['one-wins']} of {pairs} pairs one wins; "
            f"{load_kills} kills of a load…"
        )
        second = phase_load(db, work, first, kills=load_kills, rng=rng)
        say(
            f"writers, {db.name}: killed loads left the record before {second['before']}, "
            f"the dataset loaded {second['after']}, neither {second['neither']}"
        )
        db.drop(first["var"], first["name"])
        failures = list(first["problems"])
        if first["lost"]:
            failures.append(f"{len(first['lost'])} acknowledged writes lost: {first['lost'][:5]}")
        if first["server_errors"]:
            failures.append(
                f"{len(first['server_errors'])} server errors: {first['server_errors'][:3]}"
            )
        c = first["conflicts"]
        if c["one-wins"] != pairs:
            failures.append(f"conflicting pairs not settled one way: {c}")
        if second["neither"]:
            failures.append(f"{second['neither']} killed loads left a registry half written")
        results.append({"database": db.name, "server": first, "load": second, "failures": failures})
    return results


def main() -> int:
    import argparse
    import tempfile

    from .common import databases

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="PostgreSQL URL (default: DATABASE_URL)")
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--kills", type=int, default=8)
    parser.add_argument("--load-kills", type=int, default=6)
    parser.add_argument("--pairs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="organogram-writers-") as tmp:
        results = run(
            Path(tmp),
            databases(args.postgres),
            clients=args.clients,
            kills=args.kills,
            load_kills=args.load_kills,
            pairs=args.pairs,
        )
    for r in results:
        for f in r["failures"]:
            print(f"{r['database']}: {f}")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
