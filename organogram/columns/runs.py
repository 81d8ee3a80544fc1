"""Runs of post creations and moves, written into the columns together.

Most changes of a large record are a post created in a unit or moved to another unit.
The fast path (:mod:`.bulk`) takes those that are simple (an ordinary post, dated to
one day) without the core's ``step``: it checks them as the core does and writes one
row each. Between two changes taken through ``step`` the structure does not change (the
fast path only reads it), so such changes are taken a run at a time: each is checked in
its turn against the same units in force and the posts kept in :class:`~.bulk.Bulk`
(a move: the post kept here or joining, the unit another one and in force; a creation:
the core's own check), and the run's rows are written at its end with a few NumPy
operations: a row per post created or moved, in the order of the changes (the rows a
change at a time would give, in the same places); each move closes the version its post
had before it, which is the row opened by the post's previous change in the run or, for
its first, its open version before the run; each post's last row becomes its open
version. The stale posts and their units (:attr:`~.bulk.Bulk.stale`,
:attr:`~.bulk.Bulk.by_unit`) are brought up to date once per post moved.

The first change that the fast path does not take ends the run: it goes through the
core's ``step`` as before, and the next run starts after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain

import numpy as np

from ..core.changes import CreatePost, MovePost
from ..core.structure import Structure
from .bulk import KEEP, NOWHERE, Bulk
from .schema import NONE, OPEN, TOP


class Runs:
    """The fast path over one fold: what it keeps between runs."""

    def __init__(self, bulk: Bulk):
        self.bulk = bulk
        #: id of a change's date -> (the date, its day number, or -1 when it spans more
        #: than one day): changes share date objects, so each is read once.
        self.days: dict[int, tuple] = {}
        #: each unit in force -> its node number (made at the first run, then kept up to
        #: date by :meth:`after`).
        self.units: dict[str, int] | None = None

    def after(self, s: Structure, touched: set[str]) -> None:
        """Take the units that a change through the core's ``step`` touched."""
        units = self.units
        if units is None:
            return
        find = self.bulk.recorder.nodes.find
        for node in touched:
            if node in s.units:
                units[node] = find(node)
            else:
                units.pop(node, None)

    def take(self, changes: list, i: int, s: Structure) -> int:
        """Take the changes from position ``i`` on while the fast path takes them; returns
        the position of the first change not taken (``i`` when none is)."""
        bulk = self.bulk
        kept, stale, by_unit, base = bulk.kept, bulk.stale, bulk.by_unit, bulk.base
        kept_get, days_get = kept.get, self.days.get
        units = self.units
        if units is None:
            find = bulk.recorder.nodes.find
            units = self.units = {u: find(u) for u in s.units}
        unit_number = units.get
        rec = bulk.recorder
        number, grades, text = rec.number, rec.grades.number, rec.text.number
        # Each change of the run: its day; and the positions of those that failed.
        run_days: list[int] = []
        failed: list[int] = []
        # Each row written: (its unit, grade, title and node numbers), its change.
        rows: list[tuple[int, int, int, int]] = []
        made: list[int] = []
        created: list[int] = []  # the rows that create their post
        moved: list[str] = []  # each move's post and its unit before it
        moved_from: list[str] = []
        n = len(changes)
        k = i
        while k < n:
            c = changes[k]
            cls = type(c)
            if cls is not MovePost and cls is not CreatePost:
                break
            date = c.date
            known = days_get(id(date))
            if known is None:
                first = date.start
                day = first.toordinal() if first == date.end else -1
                known = self.days[id(date)] = (date, day)
            day = known[1]
            if day < 0:
                break
            p, u = c.post, c.unit
            if cls is MovePost:
                if c.reports_to != KEEP or u == KEEP:
                    break
                was = kept_get(p)
                if was is None:
                    if bulk.join(p, s) is None:
                        break
                    was = kept[p]
                now = was[0]
                # The core's common move: to another unit in force.
                if u == now:
                    break
                un = unit_number(u)
                if un is None:
                    break
                kept[p] = (u, *was[1:])
                moved.append(p)
                moved_from.append(now)
                rows.append((un, *was[1:]))
            else:
                if c.senior or c.reports_to is not None or u is None or p in kept:
                    break
                if c.check(s):  # the core's own check: the post is not in the structure
                    failed.append(k - i)
                    run_days.append(day)
                    k += 1
                    continue
                # Numbered in the order a change at a time numbers them.
                grade, title, nid = grades(c.grade), text(c.title), number(p)
                kept[p], base[p] = (u, grade, title, nid), c
                stale[p] = None
                by_unit.setdefault(u, set()).add(p)
                rec.post_obj[nid] = None
                created.append(len(rows))
                rows.append((units[u], grade, title, nid))
            made.append(k)
            run_days.append(day)
            k += 1
        if k == i:
            return i
        day = np.array(run_days, dtype=np.int64)
        fails = np.zeros(len(day), dtype=np.int8)
        fails[failed] = 1
        rec.tables["changes"].extend({"start": day, "end": day, "failed": fails}, len(day))
        if rows:
            at = np.array(made, dtype=np.int64)
            _write(rec, rows, at, day[at - i], created)
        _stale(bulk, moved, moved_from)
        return k


def _stale(bulk: Bulk, moved: list[str], moved_from: list[str]) -> None:
    """Each post moved: stale from its first move in the run (its unit in the structure
    is the one it left then), and among the posts of the unit it is in now."""
    stale, by_unit, kept = bulk.stale, bulk.by_unit, bulk.kept
    stale_get, by_unit_get = stale.get, by_unit.get
    for p, was_in in dict(zip(reversed(moved), reversed(moved_from), strict=True)).items():
        was = stale_get(p, NOWHERE)
        if was is NOWHERE:
            stale[p] = was_in
            there = by_unit_get(was_in)
            if there is None:
                by_unit[was_in] = {p}
            else:
                there.add(p)
        elif was != was_in:
            by_unit[was_in].discard(p)
        now = kept[p][0]
        there = by_unit_get(now)
        if there is None:
            by_unit[now] = {p}
        else:
            there.add(p)


def _write(rec, rows: list, at: np.ndarray, day: np.ndarray, created: Iterable[int]) -> None:
    """Write the run's ``rows`` (each a post version's unit, grade, title and node
    numbers, made by the change at ``at`` on ``day``) into the posts table, each closing
    the version its post had before it."""
    table = rec.tables["posts"]
    m = len(rows)
    a = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=4 * m).reshape(m, 4)
    nid = a[:, 3]
    first = table.n
    # The rows of each post in the order of the run: each closes the one before it, the
    # first closes the post's open version (a creation closes nothing).
    order = np.argsort(nid, kind="stable")
    sorted_nid = nid[order]
    same = sorted_nid[1:] == sorted_nid[:-1]
    closes = np.empty(m, dtype=np.int64)
    closes[order[1:][same]] = first + order[:-1][same]
    starts = order[np.concatenate(([True], ~same))]
    open_post = rec.open_post
    closes[starts] = open_post[nid[starts]]
    closes[list(created)] = NONE
    within = closes >= first
    until = np.full(m, OPEN, dtype=np.int64)
    until_hi = until.copy()
    ended = np.full(m, NONE, dtype=np.int64)
    later = closes[within] - first
    until[later] = until_hi[later] = day[within]
    ended[later] = at[within]
    before = (closes >= 0) & ~within
    table.close_rows(closes[before], day[before], at[before])
    table.extend(
        {
            "node": nid,
            "unit": a[:, 0],
            "parent": TOP,
            "grade": a[:, 1],
            "senior": 0,
            "title": a[:, 2],
            "since": day,
            "since_hi": day,
            "until": until,
            "until_hi": until_hi,
            "made": at,
            "ended": ended,
        },
        m,
    )
    lasts = order[np.concatenate((~same, [True]))]
    open_post[nid[lasts]] = first + lasts
