"""The columns' first build of a generated organization, timed alone.

``python -m bench.build_time --size medium --runs 2`` generates the organization (seed
1 unless ``--seed``) and builds its columns (:meth:`~organogram.columns.Versions.build`)
``--runs`` times, printing the processor time of each build and their median. To
compare two versions of the code, run it from each in turn, in one session, so that
the machine's load falls alike on both.
"""

from __future__ import annotations

import argparse
import statistics
import time

from organogram.columns import Versions
from organogram.core.timeline import Timeline

from .generate import generate
from .sizes import SIZES


def main(argv: list[str] | None = None) -> None:
    """Build the columns of one generated organization ``--runs`` times."""
    parser = argparse.ArgumentParser(prog="python -m bench.build_time", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    timeline = Timeline(generate(args.size, args.seed).changes)
    times = []
    for _ in range(args.runs):
        start = time.process_time()
        Versions.build(timeline)
        times.append(time.process_time() - start)
    each = ", ".join(f"{t:.3f}" for t in times)
    print(
        f"{args.size} (seed {args.seed}, {len(timeline):,} changes): build {each} s; "
        f"median {statistics.median(times):.3f} s"
    )


if __name__ == "__main__":
    main()
