"""How fast a large dataset loads, against the cost of parsing its YAML at all.

Generates a synthetic organization of N units (a tree of depth up to ~8, with one post
per unit), writes it as a dataset folder, then times:

* ``yaml.load`` with PyYAML's C parser, with the cyclic garbage collector paused — the
  floor: every loader must parse the text — and as it is usually called;
* ``yaml.compose`` with the C parser — parsing plus the node tree that carries line
  numbers, which Organogram needs to name the line of every problem;
* ``load_dataset`` — Organogram's whole load: checks, change objects, the timeline;
* folding the loaded timeline to today's structure.

Reports medians of several runs and the ratios to the floor, in bench/results/load.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

from organogram.formats import load_dataset
from organogram.formats.nodes import gc_paused

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def generate(folder: Path, units: int, seed: int = 1) -> None:
    """Write a dataset of ``units`` units and as many posts into ``folder``."""
    rng = random.Random(seed)
    kinds = ["department", "division", "unit", "team", "office"]
    lines = ["organization:\n  id: synthetic\n  name: Synthetic Organization\n", "units:\n"]
    depth = {"u0": 0}
    born = {"u0": 2000}
    lines.append("  - id: u0\n    name: Head Office\n    kind: office\n    established: 2000\n")
    ids = ["u0"]
    for i in range(1, units):
        parent = ids[rng.randrange(max(1, len(ids) - 2000), len(ids))] if i > 1 else "u0"
        if depth[parent] >= 8:
            parent = "u0"
        uid = f"u{i}"
        depth[uid] = depth[parent] + 1
        ids.append(uid)
        # A unit is established no earlier than the unit it reports to.
        year = born[uid] = born[parent] + rng.randrange(3)
        lines.append(
            f"  - id: {uid}\n    name: Unit {i}\n    kind: {kinds[depth[uid] % len(kinds)]}\n"
            f"    parent: {parent}\n    established: {year}\n"
        )
    (folder / "units.yaml").write_text("".join(lines))
    posts = ["posts:\n"]
    for i in range(units):
        posts.append(
            f"  - id: p{i}\n    title: Chief of unit {i}\n    grade: P-4\n    unit: u{i}\n"
            f"    established: 2020\n"
        )
    (folder / "posts.yaml").write_text("".join(posts))


def timed(fn, runs: int) -> tuple[float, float, object]:
    """Median and spread (max - min) of ``runs`` calls, and the last result."""
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times) - min(times), result


def peak_memory(fn) -> int:
    """Peak bytes allocated by Python while ``fn`` runs."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    """Generate, measure, write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "load.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"generating {args.units} units and {args.units} posts…", flush=True)
        generate(folder, args.units)
        files = sorted(folder.glob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def parse_plain():
            return [yaml.load(f.read_text(), Loader=LOADER) for f in files]

        def parse():
            # The same parse with the cyclic collector paused, as Organogram's loader does:
            # the fairest floor.
            with gc_paused():
                return parse_plain()

        def compose():
            with gc_paused():
                return [yaml.compose(f.read_text(), Loader=LOADER) for f in files]

        def load():
            return load_dataset(folder)

        rows = []
        for name, fn in (("parse (C, GC paused: floor)", parse),
                         ("parse (C, as usually called)", parse_plain),
                         ("compose (C, GC paused)", compose),
                         ("organogram load", load)):
            print(f"timing {name}…", flush=True)
            median, spread, result = timed(fn, args.runs)
            rows.append((name, median, spread, peak_memory(fn) if args.units <= 200_000 else 0))
            if name == "organogram load":
                record = result
        print("timing fold…", flush=True)
        fold_median, fold_spread, (structure, failures) = timed(
            lambda: record.timeline.fold(), args.runs)
        assert not failures, failures[:3]
        assert len(structure.units) == args.units, "every unit must be in force"

    floor = rows[0][1]
    report = [
        f"# Load benchmark ({dt.date.today().isoformat()})",
        "",
        f"{args.units:,} units and {args.units:,} posts, {size / 1e6:.1f} MB of YAML, "
        f"{args.runs} runs each; command: `python bench/load.py --units {args.units}`.",
        "",
        "| step | median (s) | spread (s) | ratio to floor | peak memory (MB) |",
        "|---|---|---|---|---|",
    ]
    for name, median, spread, mem in rows:
        report.append(f"| {name} | {median:.2f} | {spread:.2f} | {median / floor:.1f} | "
                      f"{mem / 1e6:.0f} |")
    report.append(f"| fold to the present | {fold_median:.2f} | {fold_spread:.2f} | "
                  f"{fold_median / floor:.1f} | |")
    report.append("")
    report.append(f"Every implementation saw the same data: {len(structure.units):,} units in "
                  "force after the fold, no failures.")
    text = "\n".join(report) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
