"""What the fast path keeps of the ordinary posts, by node number.

The columns' fast path (:mod:`.bulk`, :mod:`.runs`) writes post creations and moves
without the core's ``step``. For every post it keeps (an ordinary post: not senior, no
line of oversight of its own, in a unit) it holds, by the post's node number: its unit
now (a node number), its grade and title numbers (for the rows of its moves), what its
post object is made from, and whether the structure's copy of it is out of date
(*stale*) and where. So a move costs one lookup of the post's number (:attr:`Kept.kept`)
and list or array work.

The stale posts of a unit are read only for the units a merge, a split or a
replacement ends (:mod:`.bulk`). They are found in :attr:`Kept.listed`: for each unit,
the posts that moved into it or became stale in it, appended to as they move (never
removed then) and cleaned when read (:meth:`Kept.of_unit`); when the lists have grown
to several times the number of stale posts they are rebuilt from those
(:meth:`Kept.tidy`).
"""

from __future__ import annotations

from array import array

import numpy as np

from ..core.changes import CreatePost
from ..core.model import Post
from ..core.structure import Structure
from .schema import NONE, OPEN, TOP

#: A kept post's :attr:`Kept.stale` when the structure's copy is up to date, and when the
#: structure has no copy (a post created here); otherwise the number of its unit there.
FRESH, ABSENT = -2, -1


class Kept:
    """The ordinary posts kept by the fast path, by node number: their units, and which
    of them the structure has out of date."""

    def __init__(self, recorder):
        self.recorder = recorder
        #: post -> its node number, for every post kept here.
        self.kept: dict[str, int] = {}
        # By node number (meaningful for the posts kept here): the post's unit now (a
        # node number), its grade and title numbers (for the rows of its moves), what its
        # post object is made from (the change that created it, never in the structure
        # yet, or its last object), and :data:`FRESH`, :data:`ABSENT` or its unit in the
        # structure.
        self.unit = array("q")
        self.grade = np.zeros(0, dtype=np.int64)
        self.title = np.zeros(0, dtype=np.int64)
        self.base: list[Post | CreatePost | None] = []
        self.stale = array("q")
        #: how many kept posts are stale.
        self.n_stale = 0
        #: unit number -> posts (numbers) that moved into it or became stale in it since
        #: it was last read: every stale post now there or there for the structure is
        #: among them (:meth:`of_unit`).
        self.listed: list[list[int] | None] = []
        #: entries appended to :attr:`listed` since it was last rebuilt (:meth:`tidy`).
        self.appended = 0
        #: how many posts :meth:`hand_over` gave to a successor unit (told by the tests).
        self.handed = 0

    def copy(self, recorder):
        """What is kept here, for ``recorder`` (a copy of this one's): taking a change
        into one never changes the other."""
        out = type(self)(recorder)
        out.kept, out.base = dict(self.kept), list(self.base)
        out.unit, out.stale = array("q", self.unit), array("q", self.stale)
        out.n_stale = self.n_stale
        out.grade, out.title = self.grade.copy(), self.title.copy()
        out.listed = [None if there is None else list(there) for there in self.listed]
        out.appended, out.handed = self.appended, self.handed
        return out

    def grow(self) -> None:
        """Room for every node the recorder has numbered."""
        size = len(self.recorder.post_obj)
        more = size - len(self.unit)
        if more <= 0:
            return
        self.unit.extend(array("q", [NONE]) * more)
        self.base.extend([None] * more)
        self.stale.extend(array("q", [FRESH]) * more)
        self.listed.extend([None] * more)
        zeros = np.zeros(more, dtype=np.int64)
        self.grade = np.concatenate([self.grade, zeros])
        self.title = np.concatenate([self.title, zeros])

    # ------------------------------------------------------------ the fast path
    # Post creations and moves are taken a run at a time (:mod:`.runs`).

    def row(self, p: str, u: str, at: int, day: int) -> None:
        """Close ``p``'s open version and open one in unit ``u`` (change ``at``, ``day``)."""
        rec = self.recorder
        nid = self.kept[p]
        open_post = rec.open_post
        unit = rec.nodes.find(u)
        if unit < 0:  # a unit the change made, not yet numbered (the recorder's order)
            unit = rec.number(u)
        self.unit[nid] = unit
        self.list_in(unit, nid)
        open_post[nid] = rec.tables["posts"].supersede(
            int(open_post[nid]),
            (
                nid,
                unit,
                TOP,
                int(self.grade[nid]),
                0,
                int(self.title[nid]),
                day,
                day,
                OPEN,
                OPEN,
                at,
                NONE,
            ),
            day,
            at,
        )

    def list_in(self, unit: int, nid: int) -> None:
        """Note that post ``nid`` may be a stale post of ``unit``."""
        if unit >= len(self.listed):  # a unit numbered since the last run
            self.grow()
        there = self.listed[unit]
        if there is None:
            self.listed[unit] = [nid]
        else:
            there.append(nid)
        self.appended += 1

    def join(self, p: str, s: Structure) -> int | None:
        """Keep ``p`` here from now on if it is an ordinary post of the structure; its
        number (None when it is not)."""
        post = s.posts.get(p)
        if post is None or post.senior or post.unit is None:
            return None
        if p in s.oversight or p in s.unplaced:
            return None
        nid = self._take(post)
        self.kept[p] = nid
        return nid

    def _take(self, post: Post) -> int:
        """Keep ``post``'s unit, grade and title (numbering them and its id, in that
        order) as it is in the structure (up to date); its number."""
        rec = self.recorder
        grade, title = rec.grades.number(post.grade), rec.text.number(post.title)
        nid = rec.number(post.id)
        unit = rec.number(post.unit)
        if nid >= len(self.unit) or unit >= len(self.unit):
            self.grow()
        self.base[nid] = post
        self.unit[nid] = unit
        self.grade[nid], self.title[nid] = grade, title
        return nid

    def of_unit(self, u: int, now: bool, there: bool) -> list[int]:
        """The stale posts (numbers) now in unit ``u`` (``now``) or in it for the
        structure (``there``); :attr:`listed` for ``u`` is cleaned on the way (left
        with the stale posts now in it or there)."""
        listed = self.listed[u] if u < len(self.listed) else None
        if not listed:
            return []
        stale, unit = self.stale, self.unit
        out, keep = [], []
        for nid in dict.fromkeys(listed):
            was = stale[nid]
            if was == FRESH:
                continue
            is_now, is_there = unit[nid] == u, was == u
            if is_now or is_there:
                keep.append(nid)
                if (now and is_now) or (there and is_there):
                    out.append(nid)
        self.listed[u] = keep or None
        return out

    def tidy(self) -> None:
        """Rebuild :attr:`listed` from the stale posts when it has grown past twice
        four times their number (it is appended to at every move and cleaned only when read)."""
        if self.appended <= 4 * self.n_stale + 4096:
            return
        self.listed = listed = [None] * len(self.listed)
        stale, unit = self.stale, self.unit
        for nid in self.kept.values():
            was = stale[nid]
            if was == FRESH:
                continue
            for u in (unit[nid], was) if was >= 0 and was != unit[nid] else (unit[nid],):
                there = listed[u]
                if there is None:
                    listed[u] = [nid]
                else:
                    there.append(nid)
        self.appended = sum(len(there) for there in listed if there)
