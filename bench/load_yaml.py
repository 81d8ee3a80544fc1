"""Loading the generated organization from its YAML dataset (issue 6, operation 7)."""

from __future__ import annotations

from pathlib import Path

import yaml

from organogram.formats import dump_dataset, load_dataset
from organogram.formats.nodes import gc_paused

from .dataset import WITHOUT_POST_MOVES, record_of
from .generate import Organization
from .peers.core import Core
from .run import Bench, Entry

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FLOOR = "YAML C parser (floor)"
SECTIONS = ("units", "posts", "changes")


def load_operation(bench: Bench, org: Organization, core: Core, tmp: Path) -> None:
    """Write the dataset with dump_dataset, then time load_dataset against parsing it."""
    folder = tmp / "dataset"
    without = bench.args.load_without_post_moves
    scope = WITHOUT_POST_MOVES if without else "the whole record"
    record = record_of(org, core.timeline, without)
    bench.setup_step(
        "write the dataset as YAML (dump_dataset)", lambda: dump_dataset(record, folder)
    )
    files = sorted(folder.glob("*.yaml"))
    megabytes = sum(f.stat().st_size for f in files) / 1e6

    def parse() -> list[object]:
        # The garbage collector paused, as Organogram's loader does: the fairest floor.
        with gc_paused():
            return [yaml.load(f.read_text(), Loader=LOADER) for f in files]

    def entries(docs: list[object]) -> int:
        return sum(len(d.get(k) or []) for d in docs if isinstance(d, dict) for k in SECTIONS)

    bench.run(
        "load",
        f"load the dataset from YAML ({megabytes:,.0f} MB, {len(files)} files: {scope})",
        [
            Entry("Organogram", lambda: load_dataset(folder), lambda r: len(r.timeline)),
            Entry(FLOOR, parse, entries),
        ],
        note="Organogram's load parses with the C parser into nodes that keep line numbers, "
        "checks every field and reference, and builds the change objects and the timeline; "
        "the floor only parses. The answer compared is the number of units, posts and "
        "changes read. Loading into the registry's database (the `organogram load` command) "
        "is measured by `make bench-registry` (bench/results/load-registry-*.md).",
    )
