"""UK government organograms into a record: units, posts, grades, FTE, lines, history.

Each snapshot (a date, its senior and junior files) becomes a structure: the department
at the top, its organisations and their units below it (kind ``department``,
``organisation``, ``unit``); each senior post a senior post (a node of the tree) in its
unit, reporting to the post its row names; each junior row a post grouping that many FTE
of one title and grade under a senior post. Posts with the same 'Post Unique Reference'
in successive snapshots are the same post, so the snapshots in date order make a history
(see :mod:`.history`): a snapshot is as at its date, so what the first shows was in place
by then, since when unknown (``../2013-03-31``), and what changed between two snapshots
changed some time after the first (``2013-04-01/2013-09-30``). FTE is the posts'
``fte``; names of holders as people, marked personal, unless left out. The traps of the
data are handled and reported: see :mod:`.uk_traps` and docs/imports.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ..core.dates import FuzzyDate
from ..core.model import Organization, Person, Source
from ..core.record import Record
from ..core.timeline import Timeline
from .history import Snapshot, build_history
from .mapping import make_id
from .problems import Report
from .progress import Progress
from .run import Options
from .uk_rows import Row, read_rows
from .uk_traps import SnapshotBuilder


def read(files: list[str], options: Options, report: Report) -> Record | None:
    """Import organogram files of one department (any snapshots, senior and junior)."""
    from .run import expand

    rows: list[Row] = []
    paths = expand(files, ".csv")
    with Progress("Reading organograms", len(paths), enabled=options.progress) as bar:
        for path in paths:
            rows.extend(read_rows(path, options.date, report)[0])
            bar.advance()
    if report.errors:
        return None
    if not rows:
        report.error(files[0] if files else "(no file)", "no organogram rows found", code="file")
        return None
    departments = Counter(r.get("department") or r.get("organisation") for r in rows)
    department = departments.most_common(1)[0][0] or "Department"
    if len([d for d in departments if d]) > 1:
        others = ", ".join(sorted(d for d in departments if d and d != department))
        report.warn(
            rows[0].file,
            f"rows name other parent departments ({others}): all are read as parts of {department}",
            code="department",
        )
    by_date: dict[FuzzyDate, list[Row]] = defaultdict(list)
    for r in rows:
        by_date[r.date].append(r)
    people: dict[str, Person] = {}
    builder = SnapshotBuilder(department, report, people if options.names else None)
    snapshots: list[Snapshot] = []
    dates = sorted(by_date, key=lambda d: d.sort_key())
    ids = [builder.ids(by_date[d]) for d in dates]
    for i, date in enumerate(dates):
        later = set().union(*ids[i + 1 :]) if i + 1 < len(ids) else set()
        snapshots.append(builder.build(date, by_date[date], later))
    changes = build_history(snapshots, people, options.progress)
    sources = _sources(rows, department)
    org = Organization(
        id=options.org_id or make_id(department),
        name=options.org_name or department,
        description=f"Posts and reporting lines of {department} as published in its "
        f"organograms, {len(snapshots)} snapshot(s) from {snapshots[0].date} to "
        f"{snapshots[-1].date}.",
    )
    return Record(org, Timeline(changes, people), sources, dict(people))


def _sources(rows: list[Row], department: str) -> dict[str, Source]:
    out: dict[str, Source] = {}
    for r in rows:
        sid = make_id(r.source)
        if sid in out:
            continue
        kind = (
            "senior and junior staff"
            if r.source != Path(r.file).stem
            else ("senior staff" if r.senior else "junior staff")
        )
        out[sid] = Source(
            id=sid,
            title=f"{department} organogram, {kind}, as at {r.date}",
            body=department,
            date=r.date,
            file=Path(r.file).name,
            note="UK government organogram data, Open Government Licence v3.0",
        )
    return out
