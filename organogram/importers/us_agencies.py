"""The USAspending authoritative agency list: agencies and sub-tier agencies, versions.

Each version (the date in its file name, else ``--date``) becomes a structure of
top-tier agencies (by CGAC code, kind ``agency``) and their sub-tier agencies (by
sub-tier code, kind ``sub-tier agency``); versions in date order make a history. Headers
drift between versions (extra columns, a leading space, a column given twice): they are
matched on their words, the first of a repeated one kept. Byte-order marks, CRLF and
Windows-1252 text are read (see :mod:`.tables`). Sub-tier codes that are not codes
("Unknown (may not exist)") and codes given twice are reported and left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.model import Organization, Source, Unit
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Timeline
from .history import Snapshot, build_history
from .mapping import make_id
from .problems import Report
from .run import Options, expand
from .tables import read_csv
from .uk_rows import file_date, normalise

HEADERS = {
    "cgac agency code": "agency",
    "agency name": "agency_name",
    "agency abbreviation": "agency_abbr",
    "subtier code": "subtier",
    "subtier name": "subtier_name",
    "subtier abbreviation": "subtier_abbr",
}
_CODE = re.compile(r"[0-9A-Za-z]{2,6}")


def read(files: list[str], options: Options, report: Report) -> Record | None:
    """Import versions of the agency list into a record with their history."""
    snapshots: list[Snapshot] = []
    sources: dict[str, Source] = {}
    prev: Structure | None = None
    for path in sorted(
        expand(files, ".csv"), key=lambda f: str(file_date(f, options.date, Report()))
    ):
        snap = _version(path, options, report, prev)
        if snap is not None:
            snapshots.append(snap)
            prev = snap.structure
            sources[snap.source] = Source(
                id=snap.source,
                title=f"USAspending authoritative agency list as of {snap.date}",
                date=snap.date,
                file=Path(path).name,
                note="US government work",
            )
    if report.errors or not snapshots:
        if not snapshots and not report.errors:
            report.error(files[0] if files else "(no file)", "no agency rows found", code="file")
        return None
    people: dict = {}
    changes = build_history(snapshots, people, options.progress)
    org = Organization(
        id=options.org_id or "us-federal-government",
        name=options.org_name or "United States federal government",
        description="Federal agencies and sub-tier agencies as listed by USAspending.",
    )
    return Record(org, Timeline(changes, people), sources, {}, [])


def _version(
    path: str, options: Options, report: Report, prev: Structure | None
) -> Snapshot | None:
    date = file_date(path, options.date, report)
    table = read_csv(path, report)
    fields: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        name = HEADERS.get(normalise(header))
        if name is not None and name not in fields:  # a repeated column: the first counts
            fields[name] = i
    missing = [h for h, f in HEADERS.items() if f in ("agency", "agency_name") and f not in fields]
    if missing:
        report.error(path, f"not an agency list: no column {', '.join(missing)}", code="file")
        return None
    if date is None:
        return None
    s = Structure()
    snap = Snapshot(
        date, s, make_id(Path(path).stem), tag=f"v{date}", label="the agency list of {}"
    )
    width = len(table.headers)
    for number, cells in table.rows:
        if len(cells) != width:
            report.warn(
                path,
                f"{len(cells)} cells where the header has {width}: read by position",
                row=number,
                code="row-length",
            )
        get = {f: (cells[i].strip() if i < len(cells) else "") for f, i in fields.items()}
        agency = get["agency"]
        if not _CODE.fullmatch(agency):
            report.warn(
                path,
                f"agency code {agency!r} is not a code: row left out",
                row=number,
                column=table.column_label(fields["agency"]),
                code="code",
            )
            continue
        aid = f"agency-{make_id(agency)}"
        if aid not in s.units:
            s.put_unit(
                Unit(aid, get["agency_name"] or agency, "agency", get.get("agency_abbr", ""))
            )
            snap.rows[aid] = (snap.source, f"row {number}")
        sub = get.get("subtier", "")
        if not sub:
            continue
        if not _CODE.fullmatch(sub):
            report.warn(
                path,
                f"sub-tier code {sub!r} is not a code: row left out",
                row=number,
                column=table.column_label(fields["subtier"]),
                code="code",
            )
            continue
        sid = f"subtier-{make_id(sub)}"
        if sid in s.units:
            report.warn(
                path,
                f"sub-tier code {sub!r} given twice: the first row is kept",
                row=number,
                column=table.column_label(fields["subtier"]),
                code="duplicate",
            )
            continue
        s.put_unit(
            Unit(
                sid, get.get("subtier_name") or sub, "sub-tier agency", get.get("subtier_abbr", "")
            )
        )
        s.set_oversight(sid, aid)
        snap.rows[sid] = (snap.source, f"row {number}")
    if not s.units:
        # An empty version would read as every agency abolished since the one before.
        what = "no rows" if not table.rows else "no row with an agency code"
        report.error(path, f"not an agency list: {what} under its header", code="empty")
        return None
    _keep_blank_columns(path, table, fields, s, prev, report)
    return snap


def _keep_blank_columns(path, table, fields, s: Structure, prev: Structure | None, report) -> None:
    """A column left empty in every row of a version says nothing: the values before stay."""
    if prev is None:
        return
    for field in ("agency_abbr", "subtier_abbr"):
        i = fields.get(field)
        if i is None or any(i < len(c) and c[i].strip() for _, c in table.rows):
            continue
        report.warn(
            path,
            "empty in every row: the abbreviations of the version before are kept",
            column=table.column_label(i),
            code="blank-column",
        )
        kind = "agency" if field == "agency_abbr" else "sub-tier agency"
        for uid, unit in list(s.units.items()):
            old = prev.units.get(uid)
            if unit.kind == kind and old is not None and not unit.abbreviation:
                s.put_unit(unit.but(abbreviation=old.abbreviation))
