"""Worker memory per write: flat after the first hundred writes.

``organogram serve --workers 2`` on a registry loaded with the IOM data. ``writes``
renames are recorded through the API, each followed by reads of the edited unit's page
(two, so that both workers meet most revisions); every other write renames the same
unit, which so gains a long history, the rest a unit drawn at random. Every 25 writes
the resident memory of each worker is read from /proc. Pass: from the 100th write to the
last, no worker grows by more than ``BOUND_MB`` megabytes per 100 writes (the growth
between the two samples, scaled).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from .common import IOM, Database, Server, cli, request, say, token

#: The most a worker may grow per 100 writes once past the first hundred.
BOUND_MB = 10.0
EVERY = 25
WARM = 100


def run(work: Path, dbs: list[Database], *, writes: int = 400) -> list[dict]:
    """The memory-per-write run on every database: a result per database."""
    results = []
    for db in dbs:
        tag = db.name.lower()
        var, name = work / f"memory-{tag}", f"reliab_memory_{tag}"
        db.create(var, name)
        env = db.env(var, name)
        if cli(["load", str(IOM)], env).returncode != 0:
            raise RuntimeError("loading the IOM data failed")
        tok = token(env, "memory", "editor")
        say(f"memory, {db.name}: {writes} writes, each followed by reads of the unit's page…")
        samples: list[tuple[int, dict[int, int]]] = []
        failures: list[str] = []
        with Server(env, var / "serve.log", workers=2) as server:
            status, body = request(server.port, "GET", "/api/structure?all=true", token=tok)
            units = [n["id"] for n in body["nodes"] if "posts" in n]
            rng = random.Random(25)
            long = rng.choice(units)
            samples.append((0, server.workers_rss()))
            start = time.monotonic()
            for k in range(1, writes + 1):
                unit = long if k % 2 else rng.choice(units)
                change = {
                    "op": "rename",
                    "date": f"{2030 + k // 300}-{1 + k // 28 % 10:02d}-{1 + k % 28:02d}",
                    "unit": unit,
                    "name": f"{unit} as of write {k}",
                }
                status, body = request(
                    server.port, "POST", "/api/changes", {"change": change}, token=tok
                )
                if status != 201:
                    failures.append(f"write {k}: {status} {str(body)[:200]}")
                    break
                for _ in range(2):
                    status, _ = request(server.port, "GET", f"/units/{unit}/", token=tok)
                    if status != 200:
                        failures.append(f"the page of {unit} after write {k}: {status}")
                if k % EVERY == 0:
                    samples.append((k, server.workers_rss()))
                if k % 100 == 0:
                    mb = ", ".join(f"{v / 2**20:.0f}" for v in samples[-1][1].values())
                    say(f"memory, {db.name}: {k} writes, workers at {mb} MB")
            seconds = time.monotonic() - start
        db.drop(var, name)
        pids = sorted(samples[0][1])
        if any(sorted(s) != pids for _, s in samples):
            failures.append("a worker was replaced during the run: memory not comparable")
        at = dict(samples)
        growth = {}
        if WARM in at and writes in at and writes > WARM:
            for pid in pids:
                if pid in at[WARM] and pid in at[writes]:
                    growth[pid] = (at[writes][pid] - at[WARM][pid]) / 2**20 * 100 / (writes - WARM)
            worst = max(growth.values(), default=0.0)
            if worst > BOUND_MB:
                failures.append(
                    f"a worker grew {worst:.1f} MB per 100 writes after the first "
                    f"{WARM} (bound {BOUND_MB} MB)"
                )
        r = {
            "database": db.name,
            "writes": writes,
            "seconds": seconds,
            "long_unit": long,
            "samples": [(k, [v / 2**20 for _, v in sorted(s.items())]) for k, s in samples],
            "growth": [growth[p] for p in sorted(growth)],
            "failures": failures,
        }
        say(
            f"memory, {db.name}: growth after {WARM} writes, per 100 writes: "
            + ", ".join(f"{g:+.1f} MB" for g in r["growth"])
        )
        results.append(r)
    return results


def main() -> int:
    import argparse
    import tempfile

    from .common import databases

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="PostgreSQL URL (default: DATABASE_URL)")
    parser.add_argument("--writes", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="organogram-memory-") as tmp:
        results = run(Path(tmp), databases(args.postgres), writes=args.writes)
    for r in results:
        for f in r["failures"]:
            print(f"{r['database']}: {f}")
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
