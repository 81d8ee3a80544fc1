"""Post creations and post moves written straight into the columns.

Most changes of a large record are a post created in a unit or moved to another unit
(480,000 of the 615,000 changes of the generated medium organization are moves). Their
meaning is simple: a new version of one post, with another unit. Folding them through
the core's ``step`` builds a new post object and updates the structure's indexes for
each; here they are checked as the core checks them and written as rows, and the
structure is only brought up to date (:meth:`Bulk.ready`) for the posts that a change
taken through the core's ``step`` may read.

A post is *kept here* while it is an ordinary post (not senior, no line of oversight of
its own, in a unit): its unit is known here, and the structure's copy of it may be out
of date (*stale*: its unit there, or not there at all). What is kept is held by node
number (each post's unit, grade and title, whether and where it is stale), so that a
move costs one lookup of the post's number and some list work. Every other kind of
change goes through the core's ``step``; before it, the posts it names (and, for
:data:`READS_UNITS`, the posts in the units it names) are put into the structure, or
every stale post for a kind not listed in :data:`READS_NAMED` or :data:`READS_UNITS`.
So the structure a change is checked against is, in every part the change reads, the
core's own.

A merge, split or replacement dated to one day does not need the stale posts of the
units it ends put back: :meth:`Bulk.ready_units` puts only the posts it names and the
structure's out-of-date copies in those units (which the core would otherwise hand
over), and :meth:`Bulk.hand_over` then gives the stale posts of each ended unit to its
successor here, by the core's rule (:func:`successors`), as rows the recorder writes
in the order the core's step would have made them. Both find a unit's stale posts in
:attr:`Bulk.listed`: per unit, the posts that moved into it or became stale in it,
appended to as they move (never removed then) and cleaned when read.
"""

from __future__ import annotations

from ..core.changes import (
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Move,
    MovePost,
    Rename,
    Replace,
    Split,
)
from ..core.structure import Structure
from .kept import ABSENT, FRESH, Kept

__all__ = ["ABSENT", "FRESH", "KEEP", "READS_NAMED", "READS_UNITS", "Bulk", "successors"]

#: The kinds of change that read no post but those they name (a unit moved under a
#: senior post, a post moved…).
READS_NAMED = (CreatePost, CreateUnit, Move, MovePost, Rename)
#: The kinds that also read the posts in the units they name: a merge, a split or a
#: replacement hands over the posts in the units it ends.
READS_UNITS = (Merge, Replace, Split)
KEEP = "="  # MovePost's "leave this as it is"


def successors(change: Change) -> dict[str, str]:
    """Each unit ``change`` ends -> the unit its remaining posts go to, as the core's
    ``_apply`` hands them over (:mod:`organogram.core.changes.lineage`): a merge gives
    every unit but ``into`` to ``into``, a replacement its unit to ``by``, a split that
    does not keep its unit gives the posts not named in ``moves`` to its first new unit
    (those named are put into the structure first and handed over by the core)."""
    if isinstance(change, Merge):
        return {u: change.into for u in change.units if u != change.into}
    if isinstance(change, Replace):
        return {change.unit: change.by}
    if isinstance(change, Split):
        return {} if change.keep or not change.into else {change.unit: change.into[0].id}
    return {}


class Bulk(Kept):
    """The posts kept by the fast path (:class:`~.kept.Kept`) around the changes taken
    through the core's ``step``: what each may read put back into the structure, and
    what it did taken back."""

    # ----------------------------------------------- around the core's step
    def ready(self, change: Change, s: Structure) -> None:
        """Put into ``s`` every stale post that ``change`` may read."""
        if not self.n_stale:
            return
        units = isinstance(change, READS_UNITS)
        if not units and not isinstance(change, READS_NAMED):
            self.settle(s)
            return
        kept, stale, find = self.kept, self.stale, self.recorder.nodes.find
        for node in change.subjects() | change.needs():
            nid = kept.get(node)
            if nid is not None and stale[nid] != FRESH:
                self._put(nid, s)
            if units:
                u = find(node)
                if u >= 0:
                    for p in self.of_unit(u, now=True, there=True):
                        self._put(p, s)

    def ready_units(self, change: Change, s: Structure) -> None:
        """Before a merge, split or replacement: put into ``s`` the stale posts it names
        and those the structure still has in a unit it ends (else the core would hand
        over a copy out of date); the others stay stale (:meth:`hand_over`)."""
        if not self.n_stale:
            return
        kept, stale, find = self.kept, self.stale, self.recorder.nodes.find
        for node in change.subjects() | change.needs():
            nid = kept.get(node)
            if nid is not None and stale[nid] != FRESH:
                self._put(nid, s)
        for u in successors(change):
            number = find(u)
            if number >= 0:
                for nid in self.of_unit(number, now=False, there=True):
                    self._put(nid, s)

    def hand_over(self, change: Change) -> dict[str, str]:
        """After a merge, split or replacement through the core's step (see
        :meth:`ready_units`): the stale posts of each unit it ended -> their new unit,
        noted here (the recorder writes their rows, :meth:`row`, which keeps their new
        unit)."""
        out: dict[str, str] = {}
        find, names = self.recorder.nodes.find, self.recorder.nodes.text
        for old, new in successors(change).items():
            number = find(old)
            if number >= 0:
                for nid in self.of_unit(number, now=True, there=False):
                    out[names[nid]] = new
        self.handed += len(out)
        return out

    def after(self, s: Structure, touched: set[str]) -> None:
        """Take back what a change through the core's ``step`` did to posts kept here."""
        kept = self.kept
        for p in touched:
            nid = kept.get(p)
            if nid is None:
                continue
            if self.stale[nid] != FRESH:
                raise RuntimeError(f"post {p!r} was read out of date (see READS_NAMED)")
            post = s.posts.get(p)
            if (
                post is None
                or post.senior
                or post.unit is None
                or p in s.oversight
                or p in s.unplaced
            ):
                del kept[p]
                self.base[nid] = None
            elif post is not self.base[nid]:
                self._take(post)

    def settle(self, s: Structure) -> None:
        """Put every stale post into ``s``: the structure is then the core's."""
        stale = self.stale
        for nid in [nid for nid in self.kept.values() if stale[nid] != FRESH]:
            self._put(nid, s)

    def _put(self, nid: int, s: Structure) -> None:
        rec = self.recorder
        self.stale[nid] = FRESH
        self.n_stale -= 1
        unit = rec.nodes.text[self.unit[nid]]
        base = self.base[nid]
        post = base.build() if isinstance(base, CreatePost) else base
        if post.unit != unit:
            post = post.but(unit=unit)
        s.put_post(post)
        if isinstance(base, CreatePost):
            s.set_oversight(post.id, None)  # as the creation applies itself
        self.base[nid] = post
        rec.post_obj[nid] = post
