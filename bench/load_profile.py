"""Where the memory of ``organogram load`` goes, stage by stage.

``python -m bench.load_profile FOLDER [--postgres URL]`` loads the dataset folder into a
fresh registry (SQLite in a temporary folder, or the PostgreSQL database the URL names,
emptied first) through the command's own path
(:func:`~organogram.registry.services.load_dataset_into_registry`), and prints for each
stage its wall and processor time, the peak resident memory during it and the resident
memory at its end.

The stages are marked by wrapping the functions the load calls (reading a file,
assembling the record, folding the timeline, building and writing the rows, the search
index); nothing of the load itself is changed. With ``--trace``, Python's own allocations
too (:mod:`tracemalloc`): once memory is freed and reused, the resident figure no longer
tells what a later stage needs. The peak of a stage is the kernel's own
(``VmHWM``, reset at every stage's start through ``/proc/self/clear_refs``), so no
sampling can miss it; this needs Linux.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import os
import re
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _status(field: str) -> int:
    """A field of /proc/self/status, in bytes."""
    with open("/proc/self/status") as f:
        found = re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M)
    return int(found.group(1)) * 1024 if found else 0


#: A stage's name, or what makes it from the arguments of the call it marks.
Named = str | Callable[..., str]


class Stages:
    """The stages of one run: each one's name, times, peak and resident memory at its end."""

    def __init__(self, trace: bool = False) -> None:
        self.rows: list[tuple[str, float, float, int, int]] = []
        #: per stage, Python's own allocations (tracemalloc): the peak and those live at
        #: its end; resident memory hides them once freed memory is reused.
        self.traced: list[tuple[int, int]] = []
        self.trace = trace
        if trace:
            tracemalloc.start()
        self.name = "start (Python, Django, migrations)"
        self.clock = (time.perf_counter(), time.process_time())

    def enter(self, name: str) -> None:
        """End the current stage and start ``name``."""
        wall, cpu = self.clock
        peak, rss = _status("VmHWM"), _status("VmRSS")
        self.rows.append(
            (self.name, time.perf_counter() - wall, time.process_time() - cpu, peak, rss)
        )
        print(f"  {self.name}: peak {peak / 1e9:.2f} GB, then {rss / 1e9:.2f} GB", flush=True)
        if self.trace:
            live, top = tracemalloc.get_traced_memory()
            self.traced.append((top, live))
            print(f"    allocated: peak {top / 1e9:.2f} GB, live {live / 1e9:.2f} GB", flush=True)
            tracemalloc.reset_peak()
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the present resident memory
        self.name = name
        self.clock = (time.perf_counter(), time.process_time())

    def wrap(self, owner: Any, attr: str, name: Named, after: Named = "") -> None:
        """Mark a stage ``name`` while ``owner.attr`` runs (``after``: the stage that follows
        it); either name may be made from the call's arguments."""
        inner = getattr(owner, attr)

        def text(named: Named, args: tuple, kw: dict) -> str:
            return named(*args, **kw) if callable(named) else named

        @functools.wraps(inner)
        def marked(*args: Any, **kw: Any) -> Any:
            self.enter(text(name, args, kw))
            try:
                return inner(*args, **kw)
            finally:
                if after:
                    self.enter(text(after, args, kw))

        setattr(owner, attr, marked)

    def table(self) -> str:
        """The stages as a Markdown table."""
        head = "| stage | wall (s) | processor (s) | peak in it (GB) | resident at its end (GB) |"
        rule = "|---|---:|---:|---:|---:|"
        if self.trace:
            head += " allocated: peak in it (GB) | live at its end (GB) |"
            rule += "---:|---:|"
        lines = [head, rule]
        for i, (name, wall, cpu, peak, rss) in enumerate(self.rows):
            line = f"| {name} | {wall:.1f} | {cpu:.1f} | {peak / 1e9:.2f} | {rss / 1e9:.2f} |"
            if self.trace:
                top, live = self.traced[i]
                line += f" {top / 1e9:.2f} | {live / 1e9:.2f} |"
            lines.append(line)
        return "\n".join(lines)


def instrument(stages: Stages) -> None:
    """Wrap the load's steps so that each marks its stage."""
    from organogram.core.timeline import Timeline
    from organogram.formats import load as load_module
    from organogram.registry import search_index
    from organogram.registry.actions import dataset

    stages.wrap(
        load_module, "read_file", lambda r, file: f"reading {Path(file).name}", after="checks"
    )
    if hasattr(load_module, "compose_file"):  # before the files were read as composed
        stages.wrap(
            load_module,
            "compose_file",
            lambda path: f"{path.name}: composing the YAML",
            after=lambda path: f"{path.name}: reading the nodes into objects",
        )
    stages.wrap(load_module, "assemble", "assembling the record (ordering the timeline)")
    stages.wrap(dataset.LoadRecord, "prepare", "folding the timeline", after="before writing")
    if hasattr(dataset, "record_tables"):  # rows made as they are written
        stages.wrap(dataset, "record_tables", "making and writing the rows")
    else:
        stages.wrap(dataset, "record_rows", "making the rows", after="writing the rows")
    # Before the documents were made as they are written, they were all made first.
    whole = not hasattr(search_index, "each_document")
    stages.wrap(search_index, "rebuild", "search index", after="committing")
    stages.wrap(
        Timeline,
        "histories",
        "search index: every node's history",
        after="search index: making the documents"
        if whole
        else "search index: making and writing the documents",
    )
    if whole:
        stages.wrap(search_index, "write", "search index: writing the documents")


def main(argv: list[str] | None = None) -> None:
    """Load the folder with every stage marked; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--postgres", help="a PostgreSQL database URL (emptied first)")
    parser.add_argument(
        "--trace",
        action="store_true",
        help="also Python's own allocations per stage (tracemalloc: twice as slow or more)",
    )
    parser.add_argument("--out", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args(argv)
    stages = Stages(args.trace)
    var = tempfile.mkdtemp(prefix="organogram-profile-")
    # The loaded database is only the measure's by-product: removed when the run ends.
    atexit.register(shutil.rmtree, var, ignore_errors=True)
    os.environ["ORGANOGRAM_VAR"] = var
    os.environ["DATABASE_URL"] = args.postgres or ""
    from organogram.web.local import migrate, setup

    setup()
    migrate()
    if args.postgres:
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)
    from organogram.registry.audit import Actor
    from organogram.registry.services import load_dataset_into_registry

    instrument(stages)
    result = load_dataset_into_registry(args.folder, Actor.command_line("bench"))
    stages.enter("end")
    print(f"{result.counts}", file=sys.stderr)
    peak = f"The run's peak: {max(r[3] for r in stages.rows) / 1e9:.2f} GB."
    print(stages.table())
    print(f"\n{peak}")
    if args.out:
        args.out.write_text(report(args, result.counts["changes"], stages.table(), peak))


def report(args: argparse.Namespace, changes: int, table: str, peak: str) -> str:
    """The stages as a Markdown report: what was loaded, where, at which commit."""
    from .about import machine, revision

    database = "PostgreSQL" if args.postgres else "SQLite"
    megabytes = sum(f.stat().st_size for f in args.folder.glob("*.yaml")) / 1e6
    return "\n".join(
        [
            f"# Where `organogram load` spends its memory: {args.folder.name}",
            "",
            f"`python -m bench.load_profile {args.folder.name}`: {changes:,} changes, "
            f"{megabytes:,.0f} MB of YAML, into {database}. Code at commit {revision()}. "
            f"Machine: {'; '.join(machine())}.",
            "",
            "Each stage's peak is the kernel's high-water mark of resident memory since the "
            "stage began (reset at its start); memory freed by one stage is reused by the "
            "next before the process asks for more.",
            "",
            table,
            "",
            peak,
            "",
        ]
    )


if __name__ == "__main__":
    main()
