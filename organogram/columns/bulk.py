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
of date (``stale``: its unit there, or None when it is not there at all). Every other
kind of change goes through the core's ``step``; before it, the posts it names (and,
for :data:`READS_UNITS`, the posts in the units it names) are put into the structure,
or every stale post for a kind not listed in :data:`READS_NAMED` or
:data:`READS_UNITS`. So the structure a change is checked against is, in every part
the change reads, the core's own.

A merge, split or replacement dated to one day does not need the stale posts of the
units it ends put back: :meth:`Bulk.ready_units` puts only the posts it names and the
structure's out-of-date copies in those units (which the core would otherwise hand
over), and :meth:`Bulk.hand_over` then gives the stale posts of each ended unit to its
successor here, by the core's rule (:func:`successors`), as rows the recorder writes
in the order the core's step would have made them.
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
from ..core.model import Post
from ..core.structure import Structure
from .schema import NONE, OPEN, TOP

#: The kinds of change that read no post but those they name (a unit moved under a
#: senior post, a post moved…).
READS_NAMED = (CreatePost, CreateUnit, Move, MovePost, Rename)
#: The kinds that also read the posts in the units they name: a merge, a split or a
#: replacement hands over the posts in the units it ends.
READS_UNITS = (Merge, Replace, Split)
KEEP = "="  # MovePost's "leave this as it is"
NOWHERE = object()  # not stale (None is a stale post's "not in the structure")


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


class Bulk:
    """The ordinary posts, their units, and which of them the structure has out of date."""

    def __init__(self, recorder):
        self.recorder = recorder
        #: post -> its unit now, and its grade, title and node numbers (for the rows of
        #: its moves), for every post kept here.
        self.kept: dict[str, tuple[str, int, int, int]] = {}
        #: post -> what its post object is made from: the change that created it (never
        #: in the structure yet) or its last object.
        self.base: dict[str, Post | CreatePost] = {}
        #: post -> its unit in the structure (None: not there) while that is out of date.
        self.stale: dict[str, str | None] = {}
        #: unit -> the stale posts now in it or in it for the structure.
        self.by_unit: dict[str, set[str]] = {}
        #: how many posts :meth:`hand_over` gave to a successor unit (told by the tests).
        self.handed = 0

    def copy(self, recorder) -> Bulk:
        """What is kept here, for ``recorder`` (a copy of this one's): taking a change
        into one never changes the other."""
        out = Bulk(recorder)
        out.kept, out.base = dict(self.kept), dict(self.base)
        out.stale = dict(self.stale)
        out.by_unit = {unit: set(posts) for unit, posts in self.by_unit.items()}
        out.handed = self.handed
        return out

    # ------------------------------------------------------------ the fast path
    # Post creations and moves are taken a run at a time (:mod:`.runs`).

    def row(self, p: str, u: str, at: int, day: int) -> None:
        """Close ``p``'s open version and open one in unit ``u`` (change ``at``, ``day``)."""
        rec = self.recorder
        _, grade, title, nid = self.kept[p]
        open_post = rec.open_post
        unit = rec.nodes.find(u)
        if unit < 0:  # a unit the change made, not yet numbered (the recorder's order)
            unit = rec.number(u)
        open_post[nid] = rec.tables["posts"].supersede(
            int(open_post[nid]),
            (nid, unit, TOP, grade, 0, title, day, day, OPEN, OPEN, at, NONE),
            day,
            at,
        )

    def join(self, p: str, s: Structure) -> str | None:
        """Keep ``p`` here from now on if it is an ordinary post of the structure."""
        post = s.posts.get(p)
        if post is None or post.senior or post.unit is None:
            return None
        if p in s.oversight or p in s.unplaced:
            return None
        self.base[p] = post
        self.kept[p] = self._numbers(post)
        return post.unit

    def _numbers(self, post: Post) -> tuple[str, int, int, int]:
        """What :attr:`kept` holds for ``post`` (numbering its grade, title and id)."""
        rec = self.recorder
        return (
            post.unit,
            rec.grades.number(post.grade),
            rec.text.number(post.title),
            rec.number(post.id),
        )

    # ----------------------------------------------- around the core's step
    def ready(self, change: Change, s: Structure) -> None:
        """Put into ``s`` every stale post that ``change`` may read."""
        if not self.stale:
            return
        units = isinstance(change, READS_UNITS)
        if not units and not isinstance(change, READS_NAMED):
            self.settle(s)
            return
        stale = self.stale
        for node in change.subjects() | change.needs():
            if node in stale:
                self._put(node, s)
            if units:
                for p in list(self.by_unit.get(node, ())):
                    self._put(p, s)

    def ready_units(self, change: Change, s: Structure) -> None:
        """Before a merge, split or replacement: put into ``s`` the stale posts it names
        and those the structure still has in a unit it ends (else the core would hand
        over a copy out of date); the others stay stale (:meth:`hand_over`)."""
        stale, by_unit = self.stale, self.by_unit
        if not stale:
            return
        for node in change.subjects() | change.needs():
            if node in stale:
                self._put(node, s)
        for u in successors(change):
            there = by_unit.get(u)
            if there:
                for p in [p for p in there if stale[p] == u]:
                    self._put(p, s)

    def hand_over(self, change: Change) -> dict[str, str]:
        """After a merge, split or replacement through the core's step (see
        :meth:`ready_units`): the stale posts of each unit it ended -> their new unit,
        noted here (the recorder writes their rows, :meth:`row`)."""
        out: dict[str, str] = {}
        stale, kept, by_unit = self.stale, self.kept, self.by_unit
        for old, new in successors(change).items():
            there = by_unit.get(old)
            if not there:
                continue
            for p in [p for p in there if kept[p][0] == old]:
                if stale[p] != old:
                    there.discard(p)
                by_unit.setdefault(new, set()).add(p)
                kept[p] = (new, *kept[p][1:])
                out[p] = new
        self.handed += len(out)
        return out

    def after(self, s: Structure, touched: set[str]) -> None:
        """Take back what a change through the core's ``step`` did to posts kept here."""
        for p in touched:
            if p not in self.kept:
                continue
            if p in self.stale:
                raise RuntimeError(f"post {p!r} was read out of date (see READS_NAMED)")
            post = s.posts.get(p)
            if (
                post is None
                or post.senior
                or post.unit is None
                or p in s.oversight
                or p in s.unplaced
            ):
                del self.kept[p], self.base[p]
                continue
            self.base[p] = post
            self.kept[p] = self._numbers(post)

    def settle(self, s: Structure) -> None:
        """Put every stale post into ``s``: the structure is then the core's."""
        for p in list(self.stale):
            self._put(p, s)

    def _put(self, p: str, s: Structure) -> None:
        was = self.stale.pop(p)
        unit = self.kept[p][0]
        for u in (unit, was):
            if u is not None:
                self.by_unit[u].discard(p)
        base = self.base[p]
        post = base.build() if isinstance(base, CreatePost) else base
        if post.unit != unit:
            post = post.but(unit=unit)
        s.put_post(post)
        if isinstance(base, CreatePost):
            s.set_oversight(p, None)  # as the creation applies itself
        self.base[p] = post
        self.recorder.post_obj[self.recorder.number(p)] = post
