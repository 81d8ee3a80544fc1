"""Loading the generated organization from its YAML dataset (issue 6, operation 7)."""

from __future__ import annotations

import yaml

from organogram.formats import load_dataset
from organogram.formats.nodes import gc_paused

from . import dataset
from .generate import Organization
from .peers.core import Core
from .run import Bench, Entry, say

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FLOOR = "YAML C parser (floor)"
SECTIONS = ("units", "posts", "changes")


def load_operation(bench: Bench, org: Organization, core: Core) -> None:
    """Write the dataset with dump_dataset (or reuse the one kept in var/bench), then
    time load_dataset against parsing it."""
    args = bench.args
    without = args.load_without_post_moves
    scope = dataset.WITHOUT_POST_MOVES if without else "the whole record"
    # Kept between runs (as the registry and web benchmarks keep it): writing the large
    # dataset takes about ten minutes, and the same size and seed give the same files.
    folder = bench.setup_step(
        "write the dataset as YAML (dump_dataset), unless kept from an earlier run",
        lambda: dataset.write(args.size, args.seed, dataset.DATASETS / args.size, without,
                              progress=say, org=org, timeline=core.timeline),
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
