"""One organogram snapshot into a structure, with the known traps handled and reported.

* references are text: ``00025463`` keeps its zeros; a manager written without them
  (``25463``) is matched to the one post it can be, and reported;
* a manager missing from the snapshot, or 'XX', puts the post at the top (reported when
  missing), and a loop of managers is cut;
* a reference given twice is a job share: one post, its holders together, FTE added
  (a post's ``fte``; a junior row groups posts, so its ``fte`` may exceed 1);
* 'N/D' (not disclosed) and 'Vacant' hold no one; 'Eliminated' posts are left out;
* a snapshot with less than half the senior posts of the one before looks like a partial
  upload: the posts it lacks are kept as they were; so are the junior posts of a
  snapshot that has no junior file.
"""

from __future__ import annotations

from collections import defaultdict

from ..core.dates import FuzzyDate
from ..core.model import UNKNOWN_PLACE, Assignment, Person, Post, Unit
from ..core.structure import Structure
from .history import Snapshot
from .mapping import make_id
from .problems import Report
from .uk_rows import Row

_TOP = {"xx", "", "n/a", "na", "none"}
_NO_ONE = {"n/d", "nd", "vacant", "vacancy", "", "n/a", "not disclosed", "-"}
PERSONAL = "personal data: named in a published organogram"


class SnapshotBuilder:
    """Builds the structure of each snapshot in turn, remembering the one before."""

    def __init__(self, department: str, report: Report, people: dict[str, Person] | None):
        self.department, self.report, self.people = department, report, people
        self.dept = make_id(department)
        self.prev: Structure | None = None

    # ------------------------------------------------------------ units
    def unit_of(self, s: Structure, row: Row) -> str:
        """The unit of a row, created (with its organisation) when first seen."""
        if self.dept not in s.units:
            s.put_unit(Unit(self.dept, self.department, "department"))
        org = row.get("organisation") or self.department
        parent = self.dept
        if make_id(org) != self.dept:
            parent = make_id(org)
            if parent not in s.units:
                s.put_unit(Unit(parent, org, "organisation"))
                s.set_oversight(parent, self.dept)
        name = row.get("unit")
        if not name or make_id(name) == parent:
            return parent
        uid = make_id(name) if parent == self.dept else f"{parent}.{make_id(name)}"
        if uid not in s.units:
            s.put_unit(Unit(uid, name, "unit"))
            s.set_oversight(uid, parent)
        return uid

    def warn(self, row: Row, message: str, code: str, column: str = "") -> None:
        self.report.warn(row.file, message, row=row.row, column=column, code=code)

    # ------------------------------------------------------------ snapshot
    def ids(self, rows: list[Row]) -> set[str]:
        """The ids of the posts and units that ``rows`` describe (before building)."""
        scratch = Structure()
        out = {self.unit_of(scratch, r) for r in rows} | set(scratch.units)
        for r in rows:
            if r.senior and r.get("ref"):
                out.add(f"p-{make_id(r.get('ref'))}")
            elif not r.senior:
                out.add(junior_id(r))
        return out

    def build(
        self, date: FuzzyDate, rows: list[Row], later: set[str] | None = None
    ) -> Snapshot:
        """The snapshot of ``date`` from its rows.

        ``later``: ids that later snapshots describe. One absent here but there before and
        after is kept in force (an id is created once in a dataset's timeline).
        """
        s = Structure(people=self.people if self.people is not None else {})
        snap = Snapshot(
            date, s, make_id(rows[0].source), tag=str(date), label="the organogram as at {}"
        )
        seniors: dict[str, list[Row]] = defaultdict(list)
        for r in (r for r in rows if r.senior):
            ref = r.get("ref")
            if not ref:
                self.warn(
                    r, "no post reference: row left out", "missing-ref", "Post Unique Reference"
                )
                continue
            seniors[ref].append(r)
        refs = {ref: f"p-{make_id(ref)}" for ref in seniors}
        managers: dict[str, tuple[str, Row]] = {}
        for ref, group in seniors.items():
            self.senior_post(s, snap, ref, refs[ref], group, managers)
        refs = {ref: pid for ref, pid in refs.items() if pid in s.posts}
        self.lines(s, refs, managers)
        self.juniors(s, snap, [r for r in rows if not r.senior], refs)
        self.carry_over(s, date, rows, len(seniors), later or set())
        self.prev = s
        return snap

    def senior_post(self, s, snap, ref, pid, group, managers) -> None:
        first = group[0]
        if all(r.get("name").lower() == "eliminated" for r in group):
            self.warn(first, f"post {ref!r} is marked 'Eliminated': left out", "eliminated", "Name")
            return
        if len(group) > 1:
            differ = {(r.get("grade"), r.get("title"), r.get("unit")) for r in group}
            more = "; its rows differ, the first is kept" if len(differ) > 1 else ""
            self.warn(
                first,
                f"post {ref!r} is given {len(group)} times: read as a job "
                f"share, one post held together{more}",
                "job-share",
                "Post Unique Reference",
            )
        title = first.get("title") or f"Post {ref}"
        s.put_post(
            Post(
                pid,
                title,
                first.get("grade"),
                first.get("profession"),
                self.unit_of(s, first),
                senior=True,
                fte=sum(_number(r, self) for r in group),
            )
        )
        snap.rows[pid] = (make_id(first.source), f"row {first.row}")
        managers[pid] = (first.get("reports_to"), first)
        holders = []
        for r in group:
            name = r.get("name")
            if self.people is not None and name.lower() not in _NO_ONE | {"eliminated"}:
                person = make_id(name)
                self.people.setdefault(person, Person(person, name, PERSONAL))
                if all(a.person != person for a in holders):
                    holders.append(Assignment(pid, person))
        if holders:
            s.set_holders(pid, tuple(holders))

    def resolve(self, manager: str, refs: dict[str, str], row: Row, own: str | None) -> str | None:
        """The post a 'reports to' reference names, None for the top, or the unknown place
        when it names a post the snapshot does not hold (reported)."""
        if manager.lower() in _TOP:
            return None
        if manager in refs and refs[manager] != own:
            return refs[manager]
        if manager in refs:
            self.warn(row, f"reports to itself ({manager!r}): placed at the top", "self-manager")
            return None
        stripped = [ref for ref in refs if ref.lstrip("0") == manager.lstrip("0")]
        if len(stripped) == 1:
            self.warn(
                row,
                f"reports to {manager!r}, read as {stripped[0]!r} (leading zeros lost)",
                "leading-zeros",
                "Reports to Senior Post",
            )
            return refs[stripped[0]]
        # It reports to someone: only not to a post the record holds. Its line is not
        # recorded, which is not the same as the top.
        self.warn(
            row,
            f"reports to {manager!r}, which is not a senior post of this snapshot: "
            "its line of oversight is recorded as not known",
            "missing-manager",
            "Reports to Senior Post",
        )
        return UNKNOWN_PLACE

    def lines(self, s: Structure, refs: dict[str, str], managers) -> None:
        for pid, (manager, row) in managers.items():
            target = self.resolve(manager, refs, row, pid)
            if target is not None:
                s.set_oversight(pid, target)
        for pid in managers:  # cut loops of managers, reporting each cut
            seen, node = [pid], s.oversight.get(pid)
            while node is not None and node not in seen:
                seen.append(node)
                node = s.oversight.get(node)
            if node == pid:
                s.set_oversight(pid, None)
                self.warn(
                    managers[pid][1],
                    "its managers loop back to it: placed at the top",
                    "manager-loop",
                )

    def juniors(self, s, snap, rows: list[Row], refs) -> None:
        fte: dict[str, float] = defaultdict(float)
        for r in rows:
            manager = r.get("reports_to")
            target = self.resolve(manager, refs, r, None) if manager else None
            title, grade = r.get("title") or "Junior post", r.get("grade")
            jid = junior_id(r)
            if jid not in s.posts:
                s.put_post(Post(jid, title, grade, r.get("profession"), self.unit_of(s, r)))
                if target is not None:
                    s.set_oversight(jid, target)
                snap.rows[jid] = (make_id(r.source), f"row {r.row}")
            fte[jid] += _number(r, self)
        for jid, value in fte.items():
            s.put_post(s.posts[jid].but(fte=value))

    def carry_over(
        self, s: Structure, date: FuzzyDate, rows: list[Row], seniors: int, later: set[str]
    ) -> None:
        prev = self.prev
        if prev is None:
            return
        before = sum(1 for p in prev.posts.values() if p.senior)
        partial = seniors < before / 2
        no_junior = not any(not r.senior for r in rows)
        senior_file = next((r.file for r in rows if r.senior), rows[0].file)
        if partial:
            self.report.warn(
                senior_file,
                f"{seniors} senior posts where the snapshot before had "
                f"{before}: read as a partial upload, the posts it lacks kept as "
                "they were",
                code="partial",
            )
        if no_junior and any(not p.senior for p in prev.posts.values()):
            self.report.warn(
                senior_file,
                f"no junior staff file for {date}: junior posts kept as they were",
                code="no-junior",
            )
        gaps = 0
        for pid, post in prev.posts.items():
            if pid in s.posts:
                continue
            if not (partial if post.senior else no_junior):
                if pid not in later:
                    continue
                gaps += 1
            self.keep_unit(s, prev, post.unit)
            s.put_post(post)
            holders = prev.holders.get(pid)
            if holders:
                s.set_holders(pid, holders)
        if gaps:
            self.report.warn(
                senior_file,
                f"{gaps} post(s) absent on {date} but described "
                "before and after: kept in force, as left out of this publication",
                code="gap",
            )
        for uid in prev.units:
            if uid not in s.units and uid in later:
                self.keep_unit(s, prev, uid)
        for pid in list(s.posts):
            if pid not in prev.posts or pid in s.oversight:
                continue
            target = prev.oversight.get(pid)
            if target is not None and target in s.posts and pid not in _above(s, target):
                s.set_oversight(pid, target)

    def keep_unit(self, s: Structure, prev: Structure, unit: str | None) -> None:
        while unit is not None and unit not in s.units and unit in prev.units:
            s.put_unit(prev.units[unit])
            parent = prev.oversight.get(unit)
            if parent is not None:
                s.set_oversight(unit, parent)
            unit = parent


def junior_id(row: Row) -> str:
    """A junior post's id: its manager's reference, title and grade (they have no id)."""
    manager, title, grade = row.get("reports_to"), row.get("title"), row.get("grade")
    return f"j-{make_id(manager or 'none')}.{make_id(title or 'junior')}.{make_id(grade or 'none')}"


def _above(s: Structure, node: str) -> list[str]:
    return [node, *s.ancestors(node)]


def _number(row: Row, b: SnapshotBuilder) -> float:
    text = row.get("fte").replace(",", "")
    if not text:
        return 0.0
    try:
        value = float(text)
    except ValueError:
        b.warn(row, f"FTE {text!r} is not a number: read as 0", "fte", "FTE")
        return 0.0
    # A post's FTE is 0 or more and finite (the core refuses any other, naming no row).
    if not 0 <= value < float("inf"):
        b.warn(row, f"FTE {text!r} is not 0 or more: read as 0", "fte", "FTE")
        return 0.0
    return value
