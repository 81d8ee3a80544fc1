"""A run's post moves and rows as arrays (:mod:`.runs`).

:func:`take_moves` takes a stretch of plain moves (posts kept here, to units in force)
at once: each move's unit before it is its post's previous move's in the stretch or,
for its first, the post's unit before it; the stretch is cut at the first move to the
unit its post is in (the core's, which ends the run); each post moved becomes stale at
its first move if it was not (its unit in the structure is the one it left then) and
keeps its last unit. :func:`write_rows` writes a run's rows into the posts table: a row
per post created or moved, in the order of the changes (the rows a change at a time
would give, in the same places); each move closes the version its post had before it,
which is the row opened by the post's previous change in the run or, for its first, its
open version before the run; each post's last row becomes its open version.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from .kept import FRESH, Kept
from .schema import NONE, OPEN, TOP

#: Below this many moves, a stretch is taken a move at a time (NumPy's calls cost more).
SHORT = 64


def take_moves(bulk: Kept, seg_post: list[int], seg_unit: list[int]) -> tuple[int, int]:
    """Take the moves of posts ``seg_post`` (kept here) to units ``seg_unit`` (in force),
    in their order, up to the first that moves its post to the unit it is in (which the
    fast path leaves to the core); how many were taken, and how many posts became
    stale (each at its first move, in the unit it left)."""
    if len(seg_post) < SHORT:
        return _one_by_one(bulk, seg_post, seg_unit)
    nid = np.array(seg_post, dtype=np.int64)
    un = np.array(seg_unit, dtype=np.int64)
    unit_of = np.frombuffer(bulk.unit, dtype=np.int64)
    stale = np.frombuffer(bulk.stale, dtype=np.int64)
    try:
        m = len(nid)
        order, same = _by_post(nid)
        # Each move's unit before it: its post's previous move's, or the post's unit.
        before = np.empty(m, dtype=np.int64)
        before[order[1:][same]] = un[order[:-1][same]]
        firsts = order[np.concatenate(([True], ~same))]
        before[firsts] = unit_of[nid[firsts]]
        bad = np.flatnonzero(un == before)
        if len(bad):
            m = int(bad[0])
            if m == 0:
                return 0, 0
            nid, un = nid[:m], un[:m]
            order, same = _by_post(nid)
            firsts = order[np.concatenate(([True], ~same))]
        moved = nid[firsts]
        fresh = moved[stale[moved] == FRESH]
        was = unit_of[fresh]
        stale[fresh] = was
        lasts = order[np.concatenate((~same, [True]))]
        unit_of[nid[lasts]] = un[lasts]
    finally:
        del unit_of, stale  # the arrays may grow again
    list_in = bulk.list_in
    for p, u in zip(fresh.tolist(), was.tolist(), strict=True):
        list_in(u, p)
    return m, len(fresh)


def _one_by_one(bulk: Kept, seg_post: list[int], seg_unit: list[int]) -> tuple[int, int]:
    """:func:`take_moves`, a move at a time."""
    unit_of, stale, list_in = bulk.unit, bulk.stale, bulk.list_in
    fresh = 0
    for m, (nid, un) in enumerate(zip(seg_post, seg_unit, strict=True)):
        now = unit_of[nid]
        if un == now:
            return m, fresh
        unit_of[nid] = un
        if stale[nid] == FRESH:
            stale[nid] = now
            fresh += 1
            list_in(now, nid)
    return len(seg_post), fresh


def _by_post(nid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of ``nid`` sorted by post (stable), and which of the sorted are the
    same post as the one before."""
    order = np.argsort(nid, kind="stable")
    sorted_nid = nid[order]
    return order, sorted_nid[1:] == sorted_nid[:-1]


def write_rows(
    bulk: Kept,
    row_post: list[int],
    row_unit: list[int],
    at: np.ndarray,
    day: np.ndarray,
    created: Iterable[int],
) -> None:
    """Write the run's rows (each a post version's post and unit numbers, with the
    grade and title kept for the post, made by the change at ``at`` on ``day``) into the
    posts table, each closing the version its post had before it."""
    rec = bulk.recorder
    table = rec.tables["posts"]
    m = len(row_post)
    nid = np.array(row_post, dtype=np.int64)
    first = table.n
    # The rows of each post in the order of the run: each closes the one before it, the
    # first closes the post's open version (a creation closes nothing).
    order, same = _by_post(nid)
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
            "unit": np.array(row_unit, dtype=np.int64),
            "parent": TOP,
            "grade": bulk.grade[nid],
            "senior": 0,
            "title": bulk.title[nid],
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
