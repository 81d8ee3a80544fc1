"""Every importer on the full public files: what it reads, makes and reports, how fast.

The files are the public data kept beside the repository, in the sibling folder
``shared/data`` (see its README for their traps); they are not part of the project. Each
import runs in a fresh process, so that its peak memory is its own, and the report
gives, per import: the data rows in the files, the units, posts and changes produced
(every unit and post the history ever held), the people, the problems reported by
kind, the wall time of the import (files in, checked record out) and the peak resident
memory of its process. The report goes to ``bench/results/imports.md``.

    python bench/imports.py [--data DIR] [--only NAME] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.about import machine, revision  # noqa: E402
from bench.measure import PeakSampler  # noqa: E402

UK = "uk_organograms_dgu_triplestore"
RAW = "uk_organograms_raw_2013"
IFG = "uk_organograms_ifg_2017_multiversion"


@dataclass(frozen=True)
class Job:
    """One import: a name for the report, the kind, the files (globs in the data folder)."""

    name: str
    kind: str
    globs: tuple[str, ...]
    date: str = ""


JOBS = [
    Job("Ministry of Defence (11 senior snapshots, 2016 junior)", "uk-organogram",
        (f"{UK}/ministry_of_defence-*.csv",)),
    Job("Department for International Development", "uk-organogram",
        (f"{UK}/department_for_international_development-*.csv",)),
    Job("Cabinet Office", "uk-organogram", (f"{UK}/cabinet_office-*.csv",)),
    Job("Home Office", "uk-organogram", (f"{UK}/home_office-*.csv",)),
    Job("HM Revenue and Customs", "uk-organogram",
        (f"{UK}/her_majestys_revenue_and_customs-*.csv",)),
    Job("Department of Health, raw upload 2013", "uk-organogram",
        (f"{RAW}/011013-DH---Organogram-*.csv",), date="2013-09-30"),
    Job("HM Inspectorate of Constabulary, raw upload 2013", "uk-organogram",
        (f"{RAW}/130930-HMIC-Organogram-Data-*.csv",), date="2013-09-30"),
    Job("IfG compilation: Education", "uk-organogram", (f"{IFG}/dfe.csv",)),
    Job("IfG compilation: International Development", "uk-organogram", (f"{IFG}/dfid.csv",)),
    Job("IfG compilation: Treasury", "uk-organogram", (f"{IFG}/hmt.csv",)),
    Job("IfG compilation: Culture, Media and Sport", "uk-organogram", (f"{IFG}/dcms.csv",)),
    Job("GOV.UK organisations register, 3 versions", "govuk-organisations",
        ("govuk_organisations_api_monthly/organisations_*.json",)),
    Job("US agency list, 3 versions", "us-agencies",
        ("usaspending_authoritative_agency_list/authoritative_agency_list_*.csv",)),
]  # fmt: skip


def default_data() -> Path:
    """``shared/data`` beside the repository (for a git worktree, beside its main checkout)."""
    candidates = [ROOT.parent / "shared" / "data"]
    try:
        common = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout.strip()
    except OSError:
        common = ""
    if common:
        candidates.append(Path(common).parent.parent / "shared" / "data")
    return next((c for c in candidates if c.is_dir()), candidates[0])


def data_rows(path: Path) -> int:
    """Data rows of a CSV file (records after the header), or items of a JSON array."""
    if path.suffix.lower() == ".json":
        return len(json.loads(path.read_text(encoding="utf-8")))
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    rows = [r for r in csv.reader(text.splitlines()) if any(c.strip() for c in r)]
    return max(len(rows) - 1, 0)


@dataclass
class Outcome:
    """What one import read, made and reported, and what it cost."""

    job: Job
    files: int = 0
    rows: int = 0
    units: int = 0
    posts: int = 0
    changes: int = 0
    people: int = 0
    errors: int = 0
    warnings: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    peak_mb: float = 0.0
    grew_mb: float = 0.0
    note: str = ""


def run_job(job: Job, files: list[str]) -> Outcome:
    """Run one import (in a fresh process: see main)."""
    from organogram.importers.problems import ImportFailed
    from organogram.importers.run import Options, run_import

    out = Outcome(job, files=len(files), rows=sum(data_rows(Path(f)) for f in files))
    options = Options(date=job.date, progress=False)
    with PeakSampler() as memory:
        start = time.perf_counter()
        try:
            record, report = run_import(job.kind, files, options)
        except ImportFailed as exc:
            out.seconds = time.perf_counter() - start
            out.errors = sum(1 for p in exc.problems if p.severity == "error")
            out.note = str(exc.problems[0]) if exc.problems else "failed"
            record = None
        else:
            out.seconds = time.perf_counter() - start
    out.peak_mb, out.grew_mb = memory.peak / 2**20, memory.grew / 2**20
    if record is not None:
        s, failures = record.timeline.fold()
        out.units = len(s.units) + len(s.retired_units)
        out.posts = len(s.posts) + len(s.retired_posts)
        out.changes = len(record.timeline)
        out.people = len(record.people)
        out.warnings = dict(sorted(report.counts().items()))
        out.errors = len(failures)
    return out


def report(outcomes: list[Outcome], data: Path, command: str) -> str:
    """The Markdown report."""
    lines = [
        f"# Imports of the full public files ({dt.date.today().isoformat()})",
        "",
        f"Command: `{command}`; code at {revision()}; {machine()[0]}.",
        "",
        "Each import ran in a fresh process. *Rows*: data rows in the files (CSV records "
        "after the header, items of a JSON array). *Units*, *posts*: every unit and post "
        "the imported history held at some date. *Time*: files read, checked, built into "
        "a history and folded, wall clock. *Peak*: the process's peak resident memory "
        "while it imported; *growth*: how far that peak went above what the process held "
        "before (the interpreter and the importers' modules).",
        "",
        "| import | kind | files | rows | units | posts | changes | people | time (s) "
        "| peak (MB) | growth (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        lines.append(
            f"| {o.job.name} | `{o.job.kind}` | {o.files} | {o.rows:,} | {o.units:,} "
            f"| {o.posts:,} | {o.changes:,} | {o.people:,} | {o.seconds:.2f} "
            f"| {o.peak_mb:.0f} | {o.grew_mb:.0f} |"
        )
    lines += ["", "## Problems reported, by kind", ""]
    lines += ["Warnings are the known traps of each source, handled as docs/imports.md says.", ""]
    lines += ["| import | errors | warnings by kind |", "|---|---|---|"]
    for o in outcomes:
        kinds = ", ".join(f"{k} {n:,}" for k, n in o.warnings.items()) or "none"
        lines.append(f"| {o.job.name} | {o.errors} | {kinds} |")
    notes = [o for o in outcomes if o.note]
    if notes:
        lines += ["", "## Imports that stopped", ""]
        lines += [f"- {o.job.name}: {o.note}" for o in notes]
    total = sum(o.seconds for o in outcomes)
    lines += ["", f"All imports: {total:.1f} s. The files are those of `shared/data` beside "
              "the repository (its README lists their sources and licences)."]  # fmt: skip
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run every import found in the data folder and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="the data folder (default: ../shared/data)")
    parser.add_argument("--only", default="", help="run the imports whose name contains this")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "imports.md")
    args = parser.parse_args(argv)
    data = args.data or default_data()
    if not data.is_dir():
        print(
            f"bench/imports.py: no data folder at {data}: the public files live in "
            "shared/data beside the repository (or give --data DIR). Nothing was measured.",
            file=sys.stderr,
        )
        return 0
    outcomes = []
    # One fresh process per import ("spawn"), so peak memory is the import's own.
    context = get_context("spawn")
    for job in JOBS:
        if args.only.casefold() not in job.name.casefold():
            continue
        files = sorted(str(p) for g in job.globs for p in data.glob(g))
        if not files:
            print(f"  {job.name}: no files ({', '.join(job.globs)}), skipped", file=sys.stderr)
            continue
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            o = pool.submit(run_job, job, files).result()
        outcomes.append(o)
        print(
            f"  {job.name}: {o.rows:,} rows -> {o.units:,} units, {o.posts:,} posts, "
            f"{o.changes:,} changes in {o.seconds:.2f} s, peak {o.peak_mb:.0f} MB",
            file=sys.stderr,
        )
    if not outcomes:
        print("bench/imports.py: no import had its files. Nothing was written.", file=sys.stderr)
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    given = sys.argv[1:] if argv is None else argv
    command = " ".join(["python bench/imports.py", *given])
    args.out.write_text(report(outcomes, data, command), encoding="utf-8")
    print(f"Wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
