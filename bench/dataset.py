"""The generated organization written as a dataset folder (the YAML format).

Used by the YAML load (:mod:`bench.load_yaml`), the registry load
(:mod:`bench.registry_load`) and the web benchmark (:mod:`bench.web`). On the command
line, ``python -m bench.dataset --size medium --out FOLDER`` writes one.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from organogram.core.changes import MovePost
from organogram.core.model import Organization as Header
from organogram.core.record import Record
from organogram.core.timeline import Timeline
from organogram.formats import dump_dataset

from .generate import Organization, generate
from .sizes import SIZES

#: What the large dataset leaves out (see :func:`record_of`).
WITHOUT_POST_MOVES = "every unit and post and every unit change, without the monthly post moves"
#: Where generated datasets are kept and reused, under the folder the benchmarks run from.
DATASETS = Path("var") / "bench"
#: The file beside the YAML files that says what was generated (so a folder is reused).
STAMP = "bench-dataset.json"


def folder(size: str, without_post_moves: bool) -> Path:
    """Where the dataset of ``size`` is kept: ``var/bench/SIZE`` for the one the benchmarks
    load by default (the large one without its post moves, the others whole), a folder of
    its own for the other, so that neither replaces the other."""
    if without_post_moves == (size == "large"):
        return DATASETS / size
    return DATASETS / f"{size}-{'without' if without_post_moves else 'with'}-post-moves"


def record_of(org: Organization, timeline: Timeline, without_post_moves: bool) -> Record:
    """The record of ``org``: its timeline (optionally without post moves) and its plan.

    The benchmarks that hold the large record in a process as objects (``make bench``'s
    YAML load, the web benchmark) load it without its 4.8 million post moves by default;
    ``make bench-registry SIZE=large POST_MOVES=with`` loads it whole.
    """
    if without_post_moves:
        timeline = Timeline([c for c in timeline if not isinstance(c, MovePost)])
    return Record(
        organization=Header(id="synthetic", name="Synthetic organization"),
        timeline=timeline,
        plans={org.plan.id: org.plan},
    )


def write(
    size: str,
    seed: int,
    folder: Path,
    without_post_moves: bool,
    progress=print,
    org: Organization | None = None,
    timeline: Timeline | None = None,
) -> Path:
    """Write the dataset of ``size`` and ``seed`` into ``folder`` unless it is there already.

    ``org`` (and its ``timeline``), when the caller has generated them already, are
    written instead of generating the organization again.
    """
    stamp = {"size": size, "seed": seed, "without_post_moves": without_post_moves}
    marker = folder / STAMP
    if marker.is_file() and json.loads(marker.read_text()) == stamp:
        progress(f"dataset already in {folder}")
        return folder
    if org is None:
        progress(f"generating the {size} organization (seed {seed})…")
        org = generate(size, seed, progress=progress)
    progress(f"writing it to {folder}…")
    marker.unlink(missing_ok=True)  # a half-written folder is never taken for a whole one
    record = record_of(org, timeline or Timeline(org.changes), without_post_moves)
    dump_dataset(record, folder, overwrite=True)
    marker.write_text(json.dumps(stamp))
    return folder


def main(argv: list[str] | None = None) -> None:
    """Command line: write a dataset folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", choices=sorted(SIZES))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--without-post-moves", action="store_true")
    args = parser.parse_args(argv)
    write(args.size, args.seed, args.out, args.without_post_moves)


if __name__ == "__main__":
    main()
