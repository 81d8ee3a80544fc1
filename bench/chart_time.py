"""The Chart page's chart of a generated organization, from the structures and from the
columns, and the columns grown after a write, timed alone.

``python -m bench.chart_time --size medium`` generates the organization, folds its
timeline and builds its columns once (as a server does before its first page), then
times, on the two dates ``make bench`` uses for snapshots:

* the chart view as a page makes it the first time a revision is asked for a date
  (:func:`~organogram.charts.chart_view`, a snapshot folded each run), with the posts
  under each box rolled up from the structure (a dataset read from files) and read
  from the columns (the day's mask made each run), whatever the size: the registry
  reads them from the columns from :data:`~organogram.charts.build.COLUMNS_FROM` units;
* those figures alone (:func:`~organogram.charts.build.posts_below`) both ways;

and what a write costs the columns (:meth:`~organogram.columns.Versions.extended`,
which the registry runs on the first read after a write): a rename on the record's last
date and one ten years before it, against building them from the first change.

Processor time of each run; the table gives the minimum and the median. No peers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
from dataclasses import replace

from organogram.charts import ChartRequest, chart_view, views
from organogram.charts.build import COLUMNS_FROM, posts_below
from organogram.columns import Day, Versions
from organogram.core.changes import Rename
from organogram.core.dates import FuzzyDate
from organogram.core.timeline import Timeline

from .dataset import record_of
from .generate import generate
from .sizes import SIZES


def _times(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        out.append(time.process_time() - start)
    return out


def _row(label: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"| {label} | {min(ms):,.1f} | {statistics.median(ms):,.1f} | {len(ms)} |"


def _rename(timeline, years_back: int) -> Rename:
    """A rename of a unit in force on the record's last date, ``years_back`` before it."""
    last = timeline.changes[-1].date.start
    day = last.replace(year=last.year - years_back)
    s = timeline.snapshot(day).structure
    unit = sorted(s.units)[len(s.units) // 2]
    return Rename(date=FuzzyDate.day(day), unit=unit, name=s.units[unit].name + " (renamed)")


def main(argv: list[str] | None = None) -> None:
    """Time the chart both ways, and the columns' growth, on one generated organization."""
    parser = argparse.ArgumentParser(prog="python -m bench.chart_time", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    # Both ways at any size: the crossover is what this measures.
    views.COLUMNS_FROM = 0
    org = generate(args.size, args.seed)
    record = record_of(org, Timeline(org.changes), without_post_moves=False)
    timeline = record.timeline
    timeline.fold()
    build = _times(lambda: Versions.build(timeline), 1)
    versions = Versions.build(timeline)
    rows = [_row("build the columns from the first change", build)]
    present = org.days[-1]
    past = org.days[len(org.days) // 2] + dt.timedelta(days=14)
    for label, day in (("present", present), ("past", past)):
        req = ChartRequest(at=day.isoformat())

        def with_columns(req=req) -> None:
            chart_view(record, req, days=lambda d: Day.of(versions, d))

        # Taking turns, so that the machine's load falls alike on both.
        plain, cols = [], []
        for _ in range(args.runs):
            plain += _times(lambda req=req: chart_view(record, req), 1)
            cols += _times(with_columns, 1)
        rows.append(_row(f"chart view of {day} ({label}): structures", plain))
        rows.append(_row(f"chart view of {day} ({label}): columns", cols))
        snaps = [timeline.snapshot(day).structure for _ in range(args.runs)]
        rows.append(
            _row(f"posts under each box on {day}: structure (fresh)", _each(posts_below, snaps))
        )
        rows.append(
            _row(
                f"posts under each box on {day}: columns (day's mask made)",
                _times(
                    lambda s=snaps[0], day=day: posts_below(s, Day.of(versions, day)), args.runs
                ),
            )
        )
    for label, years in (("on the last date", 0), ("ten years before it", 10)):
        change = replace(_rename(timeline, years), id=f"bench-{years}")
        later = timeline.with_changes([change])
        later.fold()
        runs = args.runs if years == 0 else max(1, args.runs // 3)
        grown = _times(lambda later=later: versions.extended(later), runs)
        rows.append(_row(f"columns after a rename {label} ({change.date}): grown", grown))
    units = len(timeline.snapshot(present).structure.units)
    reads = "columns" if units >= COLUMNS_FROM else "structures"
    print(f"{args.size} (seed {args.seed}): {len(timeline):,} changes, {units:,} units")
    print(f"(the registry reads the chart's figures from the {reads} at this size)")
    print("| step | minimum (ms) | median (ms) | runs |")
    print("|---|---:|---:|---:|")
    print(*rows, sep="\n")


def _each(fn, structures) -> list[float]:
    """``fn`` on each of ``structures`` (each fresh: its figures not yet kept)."""
    it = iter(structures)
    return _times(lambda: fn(next(it)), len(structures))


if __name__ == "__main__":
    main()
