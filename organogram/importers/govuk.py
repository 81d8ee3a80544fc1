"""The GOV.UK organisations register: versions into units, lines, lineage and a history.

Each version (a JSON array, its date in the file name) lists organisations with their
parents, children, status and, once closed, how (``govuk_closed_status``), when
(``closed_at``) and what superseded them. Live organisations become units (kind: their
``format``), under their first parent; further parents become functional lines. The
versions in date order make a history (see :mod:`.history`): what the first version lists
was in place by its date, and what differs in a later version changed between the
version before and it (a version's date is the day the register was served). Each
closure is a change dated as the register states it (``closed_at``), even when the
version that first shows it is months later: its ``recorded_at`` is that version's date;
a closure without ``closed_at`` is dated between the version before and the first that
shows it, and a version's change that follows a closure dated in between is dated from
the day after it. A change of
name (``changed_name``) keeps the unit; ``merged``, ``replaced`` and ``split`` are
merges, replacements and splits into the superseding organisations; other closures
abolish. Problems of the data are reported: see docs/imports.md.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

from ..core.changes import Abolish, Change, Merge, Move, Rename, Replace, Split, UnitSpec, step
from ..core.dates import FuzzyDate
from ..core.model import Basis, Citation, Line, LineKind, Organization, Source, Unit
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Timeline
from .govuk_shape import organisations
from .history import Snapshot, changes_between, seen_date
from .mapping import make_id
from .problems import Report
from .run import Options, expand
from .uk_rows import file_date


def _slug(ref: dict | str) -> str:
    url = ref["id"] if isinstance(ref, dict) else ref
    return url.rstrip("/").rsplit("/", 1)[-1]


def read(files: list[str], options: Options, report: Report) -> Record | None:
    """Import versions of the register into a record with their history."""
    versions: list[tuple[FuzzyDate, str, dict[str, dict]]] = []
    for path in expand(files, ".json"):
        date = file_date(path, options.date, report)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            report.error(path, f"cannot read the register: {exc}", code="file")
            continue
        orgs = organisations(path, data, report)
        if date is not None and orgs is not None:
            versions.append((date, path, orgs))
    if report.errors or not versions:
        if not versions and not report.errors:
            report.error(files[0] if files else "(no file)", "no register found", code="file")
        return None
    versions.sort(key=lambda v: v[0].sort_key())
    return _Importer(versions, options, report).run()


class _Importer:
    def __init__(self, versions, options: Options, report: Report):
        self.versions, self.options, self.report = versions, options, report
        self.sources = {
            f"govuk-{d}": Source(
                id=f"govuk-{d}",
                title=f"GOV.UK organisations register, {d}",
                date=d,
                file=Path(p).name,
                note="Open Government Licence v3.0",
            )
            for d, p, _ in versions
        }
        self.record_of: dict[str, dict] = {}  # slug -> its latest record
        self.closures: dict[str, tuple[FuzzyDate, FuzzyDate, dict]] = {}  # slug -> (t, seen, rec)
        previous: FuzzyDate | None = None
        for date, _, orgs in versions:
            for slug, o in orgs.items():
                self.record_of[slug] = o
                d = o["details"]
                if d.get("govuk_status") == "closed" and slug not in self.closures:
                    at = d.get("closed_at")
                    # Without closed_at: closed since the version before, by this one.
                    t = FuzzyDate.parse(at[:10]) if at else seen_date(previous, date)
                    self.closures[slug] = (t, date, o)
            previous = date
        # A change of name keeps the unit: its slugs are one identity, the last one's id.
        self.renamed = {
            slug: _slug(o["superseding_organisations"][0])
            for slug, (_, _, o) in self.closures.items()
            if o["details"].get("govuk_closed_status") == "changed_name"
            and len(o["superseding_organisations"]) == 1
        }

    def ident(self, slug: str) -> str:
        seen = {slug}
        while slug in self.renamed and self.renamed[slug] not in seen:
            slug = self.renamed[slug]
            seen.add(slug)
        return make_id(slug)

    def closed_by(self, slug: str, day: dt.date) -> bool:
        c = self.closures.get(slug)
        return c is not None and c[0].start <= day

    def target(self, date: FuzzyDate, orgs: dict[str, dict], path: str) -> Snapshot:
        s = Structure()
        source = f"govuk-{date}"
        snap = Snapshot(
            date, s, source, tag=f"govuk-{date}", label="the GOV.UK register as served on {}"
        )
        live = {slug: o for slug, o in orgs.items() if not self.closed_by(slug, date.start)}
        for slug, o in live.items():
            uid = self.ident(slug)
            if uid in s.units and slug != uid:
                continue  # the older name of a unit whose newer name is listed too
            d = o["details"]
            abbr = d.get("abbreviation") or ""
            s.put_unit(
                Unit(
                    uid,
                    o["title"],
                    (o.get("format") or "organisation").lower(),
                    "" if abbr == o["title"] else abbr,
                )
            )
            snap.rows[uid] = (source, slug)
        for slug, o in live.items():
            uid = self.ident(slug)
            parents = [self.ident(_slug(p)) for p in o.get("parent_organisations", [])]
            parents = [p for p in dict.fromkeys(parents) if p in s.units and p != uid]
            if parents and uid not in s.oversight:
                first = next((p for p in parents if uid not in [p, *s.ancestors(p)]), None)
                if first is None:
                    self.report.warn(
                        path,
                        f"{slug}: its parents are below it: placed at the top",
                        code="parent-loop",
                    )
                else:
                    s.set_oversight(uid, first)
                for other in parents:
                    if other != first:
                        s.add_line(Line(uid, LineKind.FUNCTIONAL, other))
            for child in o.get("child_organisations", []):
                c = orgs.get(_slug(child))
                if c and slug not in {_slug(p) for p in c.get("parent_organisations", [])}:
                    self.report.warn(
                        path,
                        f"{slug} lists {_slug(child)} as a child, which does "
                        "not list it as a parent: the child's own list is used",
                        code="parent-child",
                    )
        return snap

    def run(self) -> Record | None:
        current = Structure()
        changes: list[Change] = []
        events = [(t, 0, slug) for slug, (t, _, _) in self.closures.items()]
        events += [(d, 1, i) for i, (d, _, _) in enumerate(self.versions)]
        events.sort(key=lambda e: (e[0].sort_key(), e[1]))
        first = self.versions[0][0]
        skipped = 0
        previous: Snapshot | None = None
        closed: list[Change] = []  # closures since the previous version
        for date, kind, what in events:
            if kind == 1:
                d, path, orgs = self.versions[what]
                snap = self.target(d, orgs, path)
                seen = changes_between(current, snap, previous)
                _follow(seen, closed, d)
                changes.extend(seen)
                previous, closed = snap, []
                continue
            if date.start <= first.start and self.ident(what) not in current.units:
                skipped += 1
                continue
            done = self.closure(current, what)
            changes.extend(done)
            closed.extend(done)
        if skipped:
            self.report.warn(
                self.versions[0][1],
                f"{skipped} organisations closed on or before "
                f"{first} (the first version): not in the history",
                code="closed-before",
            )
        org = Organization(
            id=self.options.org_id or "uk-government",
            name=self.options.org_name or "UK government organisations (GOV.UK register)",
            description="Organisations of the UK government as listed on GOV.UK, "
            f"{len(self.versions)} version(s) from {first} to {self.versions[-1][0]}.",
        )
        return Record(org, Timeline(changes), self.sources, {}, [])

    def closure(self, s: Structure, slug: str) -> list[Change]:
        t, seen, o = self.closures[slug]
        d = o["details"]
        status = d.get("govuk_closed_status") or "closed"
        uid = self.ident(slug)
        common = {
            "date": t,
            "cites": (Citation(f"govuk-{seen}", slug),),
            "recorded_at": dt.datetime.combine(seen.start, dt.time()),
            "note": f"closed status: {status}"
            + ("" if d.get("closed_at") else f"; no closing date, first listed closed on {seen}"),
            # A stated closing date is the register's; without one the date is inferred.
            "basis": Basis.STATED if d.get("closed_at") else Basis.INFERRED,
        }
        succ = [self.ident(_slug(x)) for x in o.get("superseding_organisations", [])]
        succ = [x for x in dict.fromkeys(succ) if x != uid]
        if uid not in s.units:
            return []

        def spec(x: str) -> UnitSpec:
            rec = next((r for sl, r in self.record_of.items() if self.ident(sl) == x), None)
            name = rec["title"] if rec else x
            return UnitSpec(
                id=x, name=name, kind=((rec or {}).get("format") or "organisation").lower()
            )

        out: list[Change] = []
        if status == "changed_name" and slug in self.renamed:
            new = spec(uid)
            if new.name != s.units[uid].name:
                out.append(Rename(unit=uid, name=new.name, **common))
        elif status == "merged" and succ:
            target = succ[0]
            out.append(
                Merge(units=(uid, target), into=target, **common)
                if target in s.units
                else Merge(
                    units=(uid,),
                    into=target,
                    new=spec(target),
                    parent=s.oversight.get(uid),
                    **common,
                )
            )
        elif status in ("replaced", "changed_name") and succ:
            target = succ[0]
            out.append(
                Replace(unit=uid, by=target, **common)
                if target in s.units
                else Replace(unit=uid, by=target, new=spec(target), **common)
            )
        elif status == "split" and succ and not any(x in s.units for x in succ):
            into = tuple(spec(x) for x in succ)
            moves = dict.fromkeys(s.children(uid), into[0].id)
            out.append(Split(unit=uid, into=into, moves=moves, **common))
        else:
            if status == "split" and succ:
                self.report.warn(
                    "(register)",
                    f"{slug} split into units that exist already "
                    f"({', '.join(succ)}): abolished, lineage not kept",
                    code="split",
                )
            for child in list(s.reporting_to(uid)):
                out.append(Move(node=child, to=s.oversight.get(uid), **common))
            out.append(Abolish(unit=uid, **common))
        applied = []
        for n, proposed in enumerate(out, 1):
            change = replace(proposed, id=f"close-{uid}" + (f"-{n}" if len(out) > 1 else ""))
            problems = step(change, s)
            if problems:
                self.report.warn(
                    "(register)",
                    f"closure of {slug} on {t} left out: " + "; ".join(problems),
                    code="closure",
                )
                break
            applied.append(change)
        return applied


def _touches(change: Change) -> frozenset[str]:
    return change.subjects() | change.needs() | change.creates()


def _follow(seen: list[Change], closed: list[Change], by: FuzzyDate) -> None:
    """Date the changes a version shows after the closures they follow (replaced in ``seen``).

    A version's changes are dated from the day after the version before, but they were
    found after the closures dated in between had been applied; one that touches a unit
    such a closure touched (a new name of the unit it made, a child it moved) happened
    after it: it is dated from the day after that closure (a change applies from its first
    day, so it could not be dated from the closure's own day and still follow it), and so
    is a change that follows one so dated.
    """
    last: dict[str, Change] = {}  # id -> the latest-dated change that touched it
    for c in closed:
        for i in _touches(c):
            last[i] = c
    if not last:
        return
    for k, c in enumerate(seen):
        touched = _touches(c)
        before = [last[i] for i in touched if i in last]
        after = max(before, key=lambda x: x.date.sort_key(), default=None)
        if after is None or after.date.sort_key() <= c.date.sort_key():
            continue
        # After a day, from the next one; after a change of this version, from its start
        # (its date is then the same, and the order the diff found is kept).
        day = after.date.end + dt.timedelta(days=1) if after.date.exact else after.date.start
        c = seen[k] = replace(
            c,
            date=FuzzyDate.between(FuzzyDate.day(day), by) if day <= by.end else by,
            note=f"{c.note}; after {after.id} ({after.date.describe()}), which it follows",
        )
        for i in touched:
            last[i] = c
