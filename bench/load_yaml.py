"""Loading the generated organization from its YAML dataset (issue 6, operation 7)."""

from __future__ import annotations

from pathlib import Path

import yaml

from organogram.core.changes import MovePost
from organogram.core.model import Organization as Header
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.formats import dump_dataset, load_dataset
from organogram.formats.nodes import gc_paused

from .generate import Organization
from .peers.core import Core
from .run import Bench, Entry

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FLOOR = "YAML C parser (floor)"
SECTIONS = ("units", "posts", "changes")


def load_operation(bench: Bench, org: Organization, core: Core, tmp: Path) -> None:
    """Write the dataset with dump_dataset, then time load_dataset against parsing it."""
    folder = tmp / "dataset"
    timeline, scope = core.timeline, "the whole record"
    if bench.args.load_without_post_moves:
        # The loader keeps a file's whole YAML node tree while reading it, about 5 KB per
        # entry: the large record's 6 million entries would need some 35 GB.
        timeline = Timeline([c for c in timeline if not isinstance(c, MovePost)])
        scope = "every unit and post and every unit change, without the monthly post moves"
    record = Record(
        organization=Header(id="synthetic", name="Synthetic organization"),
        timeline=timeline,
        plans={org.plan.id: org.plan},
    )
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
        "changes read. Loading into the registry's database is the web application's "
        "(the `organogram load` command) and is not measured here.",
    )
