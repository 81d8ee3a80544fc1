"""The diff between two dates of a generated organization, timed (and profiled) alone.

``python -m bench.diff_time --size medium`` generates the organization, folds its
timeline once (as ``make bench`` does before measuring), then times Organogram's diff
between the two dates ``make bench`` uses (``diff``) and the two snapshots that
diff folds (``diff-sets``): processor and wall time of each run, and the minimum.
``--profile`` adds the functions that take the most time in one more diff.

Quicker than ``make bench`` when working on the diff: no peers, no report.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from .generate import generate
from .peers.core import Core
from .sizes import SIZES


def _timed(label: str, fn, runs: int) -> None:
    cpu: list[float] = []
    for _ in range(runs):
        wall, start = time.perf_counter(), time.process_time()
        fn()
        cpu.append(time.process_time() - start)
        print(f"{label}: {cpu[-1]:.3f} s of processor, {time.perf_counter() - wall:.3f} s wall")
    print(f"{label}: minimum {min(cpu):.3f} s of processor over {runs} runs")


def main(argv: list[str] | None = None) -> None:
    """Time (and with ``--profile`` profile) the diff on one generated organization."""
    parser = argparse.ArgumentParser(prog="python -m bench.diff_time", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile one more diff")
    args = parser.parse_args(argv)

    org = generate(args.size, args.seed)
    core = Core(org)
    core.timeline.fold()
    # The dates of ``make bench`` (bench/operations.py): ten years apart on the full sizes.
    d0, d1 = org.days[min(60, len(org.days) - 1)], org.days[min(180, len(org.days) - 1)]
    dd = core.diff(d0, d1)
    print(f"diff between {d0} and {d1}: {len(dd.changes):,} changes")
    print(", ".join(f"{k} {v:,}" for k, v in dd.summary().items() if v))
    del dd
    _timed("diff", lambda: core.diff(d0, d1), args.runs)
    _timed("diff-sets", lambda: (core.snapshot(d0), core.snapshot(d1)), args.runs)
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(core.diff, d0, d1)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
