"""``check_plan`` on a generated organization, timed (and profiled) alone.

``python -m bench.check_time --size medium`` generates the organization and times
``check_plan`` on its plan as ``make bench`` calls it: the first call validates the
record along its whole timeline and then the plan's branch; later calls reuse the
record's run (kept with the timeline) and only go over the plan's changes. ``--full``
runs every rule on the whole structure at every date instead of re-checking only what
changed (the way it was done before; the findings are the same). ``--profile`` adds
the functions that take the most time in the first call.

Quicker than ``make bench`` when working on validation: no peers, no report.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time

from organogram.core.validation import RuleConfig

from .generate import generate
from .peers.core import Core
from .sizes import SIZES


def _once(label: str, fn) -> object:
    wall, start = time.perf_counter(), time.process_time()
    out = fn()
    cpu = time.process_time() - start
    print(f"{label}: {cpu:.3f} s of processor, {time.perf_counter() - wall:.3f} s wall")
    return out


def main(argv: list[str] | None = None) -> None:
    """Time (and with ``--profile`` profile) check_plan on one generated organization."""
    parser = argparse.ArgumentParser(prog="python -m bench.check_time", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="calls after the first")
    parser.add_argument("--full", action="store_true", help="full checks at every date")
    parser.add_argument("--profile", action="store_true", help="profile the first call")
    args = parser.parse_args(argv)

    org = generate(args.size, args.seed)
    core = Core(org)
    config = RuleConfig(incremental=not args.full)
    print(f"{len(org.changes):,} changes in the record, {len(org.plan.changes)} in the plan")
    if args.profile:
        profile = cProfile.Profile()
        v = profile.runcall(core.check_plan, config)
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    else:
        v = _once("first call (record and plan)", lambda: core.check_plan(config))
    print(f"{len(v.findings):,} findings, {len(v.new):,} new, {len(v.resolved):,} resolved")
    for _ in range(args.runs):
        _once("again (the plan only)", lambda: core.check_plan(config))


if __name__ == "__main__":
    main()
