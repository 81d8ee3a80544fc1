"""Runs of post creations and moves, written into the columns together.

Most changes of a large record are a post created in a unit or moved to another unit.
The fast path (:mod:`.bulk`) takes those that are simple (an ordinary post, dated to
one day) without the core's ``step``: it checks them as the core does and writes one
row each. Between two changes taken through ``step`` the structure does not change (the
fast path only reads it), so such changes are taken a run at a time, against the same
units in force and the posts kept in :class:`~.kept.Kept`. A stretch of plain moves
(posts kept here, to units in force, on one day) is read in one tight loop (each
change's post and unit numbers) and taken with NumPy (:func:`~.batch.take_moves`: a
move's unit before it is its post's previous move's in the stretch); any other change
of the run is checked in its turn (a move: the post joining, the unit another one and
in force; a creation: what the core's check reads, its own values by
:func:`sure_to_create` or, when that is not sure, the check itself). The run's rows
are written at its end with a few NumPy operations (:func:`~.batch.write_rows`), and
each row's post is listed in its unit (:attr:`~.kept.Kept.listed`).

The first change that the fast path does not take ends the run: it goes through the
core's ``step`` as before, and the next run starts after it."""

from __future__ import annotations

import numpy as np

from ..core.changes import CreatePost, MovePost
from ..core.model import Funding, PostStatus
from ..core.structure import Structure
from .batch import take_moves, write_rows
from .bulk import ABSENT, FRESH, KEEP, Bulk

INFINITY = float("inf")
STATUSES = PostStatus._value2member_map_
FUNDINGS = Funding._value2member_map_


def sure_to_create(c: CreatePost) -> bool:
    """True when the core's check of ``c`` finds nothing wrong with its own values (its
    title, status, funding and full-time equivalent), as it does in the common case;
    False leaves the question to the check. Whether its id is new and its unit in force
    are read by the caller (:meth:`Runs.take`)."""
    fte = c.fte
    return (
        (fte.__class__ is float or fte.__class__ is int)
        and 0 <= fte < INFINITY
        and c.status in STATUSES
        and c.funding in FUNDINGS
        and c.title.strip() != ""
    )


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
        first = type(changes[i]) if i < len(changes) else None
        if first is not MovePost and first is not CreatePost:
            return i
        bulk = self.bulk
        bulk.grow()
        kept, stale, unit_of, base = bulk.kept, bulk.stale, bulk.unit, bulk.base
        kept_get, days_get = kept.get, self.days.get
        units = self.units
        if units is None:
            find = bulk.recorder.nodes.find
            units = self.units = {u: find(u) for u in s.units}
        unit_number = units.get
        in_force, posts = s.units, s.posts
        rec = bulk.recorder
        number, grades, text = rec.number, rec.grades.number, rec.text.number
        # Each change of the run: its day; and the positions of those that failed.
        run_days: list[int] = []
        failed: list[int] = []
        # Each row written: its post's and its unit's numbers, its change.
        row_post: list[int] = []
        row_unit: list[int] = []
        made: list[int] = []
        created: list[int] = []  # the rows that create their post
        n_stale = 0  # posts that became stale
        last_date, day = None, -1
        n = len(changes)
        k = i
        while k < n:
            if last_date is not None and day >= 0:
                # Plain moves of posts kept here, to units in force, on the same day.
                seg_post: list[int] = []
                seg_unit: list[int] = []
                for j in range(k, n):
                    c = changes[j]
                    if type(c) is not MovePost or c.date is not last_date:
                        break
                    u = c.unit
                    if c.reports_to != KEEP or u == KEEP:
                        break
                    nid, un = kept_get(c.post), unit_number(u)
                    if nid is None or un is None:
                        break
                    seg_post.append(nid)
                    seg_unit.append(un)
                if seg_post:
                    m = take_moves(bulk, seg_post, seg_unit)
                    n_stale += m[1]
                    m = m[0]
                    row_post += seg_post[:m]
                    row_unit += seg_unit[:m]
                    made.extend(range(k, k + m))
                    run_days.extend([day] * m)
                    k += m
                    if m < len(seg_post) or k == n:
                        break  # a move to the post's own unit: the core's, the run's end
            c = changes[k]
            cls = type(c)
            if cls is not MovePost and cls is not CreatePost:
                break
            date = c.date
            if date is not last_date:
                known = days_get(id(date))
                if known is None:
                    first = date.start
                    known = (date, first.toordinal() if first == date.end else -1)
                    self.days[id(date)] = known
                last_date, day = date, known[1]
            if day < 0:
                break
            p, u = c.post, c.unit
            if cls is MovePost:
                if c.reports_to != KEEP or u == KEEP:
                    break
                nid = kept_get(p)
                if nid is None:
                    nid = bulk.join(p, s)
                    if nid is None:
                        break
                    unit_of, stale, base = bulk.unit, bulk.stale, bulk.base
                now = unit_of[nid]
                # The core's common move: to another unit in force.
                un = unit_number(u)
                if un is None or un == now:
                    break
                unit_of[nid] = un
                if stale[nid] == FRESH:  # its unit in the structure: the one it leaves
                    stale[nid] = now
                    n_stale += 1
                    bulk.list_in(now, nid)
            else:
                if c.senior or c.reports_to is not None or u is None or p in kept:
                    break
                un = unit_number(u)
                # What the core's check reads, in the common case; else the check itself.
                quick = un is not None and p not in posts and p not in in_force
                if not (quick and sure_to_create(c)) and c.check(s):
                    failed.append(k - i)
                    run_days.append(day)
                    k += 1
                    continue
                # Numbered in the order a change at a time numbers them.
                grade, title, nid = grades(c.grade), text(c.title), number(p)
                if nid >= len(unit_of):
                    bulk.grow()
                    unit_of, stale, base = bulk.unit, bulk.stale, bulk.base
                kept[p] = nid
                base[nid], stale[nid], unit_of[nid] = c, ABSENT, un
                bulk.grade[nid], bulk.title[nid] = grade, title
                n_stale += 1
                rec.post_obj[nid] = None
                created.append(len(row_post))
            row_post.append(nid)
            row_unit.append(un)
            made.append(k)
            run_days.append(day)
            k += 1
        if k == i:
            return i
        bulk.n_stale += n_stale
        day_of = np.array(run_days, dtype=np.int64)
        fails = np.zeros(len(day_of), dtype=np.int8)
        fails[failed] = 1
        days = {"start": day_of, "end": day_of, "failed": fails}
        rec.tables["changes"].extend(days, len(day_of))
        if row_post:
            at = np.array(made, dtype=np.int64)
            write_rows(bulk, row_post, row_unit, at, day_of[at - i], created)
            listed = bulk.listed
            for nid, un in zip(row_post, row_unit, strict=True):
                there = listed[un]
                if there is None:
                    listed[un] = [nid]
                else:
                    there.append(nid)
            bulk.appended += len(row_post)
            bulk.tidy()
        return k
