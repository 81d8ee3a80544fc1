"""Incremental indexes of a :class:`~organogram.core.structure.Structure`.

A structure answers "what reports to this node", "which nodes are below it on the
line of oversight" and "which posts sit in this unit" many times during a fold (every
merge hands over children and posts). Rebuilding those maps after each mutation made
a fold quadratic; these indexes are built once, when first asked for, and then kept
up to date by the structure's mutation methods in constant time per mutation.

Answers must come in the order the old full rebuilds gave, which is the insertion
order of the structure's dicts (units, posts, oversight): a key replaced in a dict
keeps its place, a key removed and added again goes to the end. Each index therefore
numbers keys as the dicts would order them, keeps the members of each group as an
unordered dict, and sorts a group by those numbers when it is asked for, caching the
sorted list until the group changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

#: Senior posts come after every unit among a node's children (units are listed first).
POSTS_AFTER = 1 << 62


class Groups:
    """key -> members, listed in the order of a numbering, sorted lazily and cached.

    Copies share their groups until one of them changes a group: that one then
    copies the group first (copy on write), so copying the index of a structure costs
    a copy of the outer dict only.
    """

    __slots__ = ("cache", "members", "owned")

    def __init__(self) -> None:
        self.members: dict[Hashable, dict[str, None]] = {}
        self.cache: dict[Hashable, list[str]] = {}
        #: keys of the groups this copy may change in place (not shared with another).
        self.owned: set[Hashable] = set()

    def add(self, key: Hashable, member: str) -> None:
        """Put ``member`` in the group ``key``."""
        group = self.members.get(key)
        if group is None:
            self.members[key] = {member: None}
            self.owned.add(key)
        else:
            if key not in self.owned:
                group = self.members[key] = dict(group)
                self.owned.add(key)
            group[member] = None
        self.cache.pop(key, None)

    def discard(self, key: Hashable, member: str) -> None:
        """Take ``member`` out of the group ``key`` if it is there."""
        group = self.members.get(key)
        if group is None or member not in group:
            return
        if len(group) == 1:
            del self.members[key]
            self.owned.discard(key)
        else:
            if key not in self.owned:
                group = self.members[key] = dict(group)
                self.owned.add(key)
            del group[member]
        self.cache.pop(key, None)

    def ordered(self, key: Hashable, number: Callable[[str], int]) -> list[str]:
        """The members of ``key`` in the order of ``number`` (the list is shared: don't edit)."""
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        group = self.members.get(key)
        if not group:
            return []
        cached = self.cache[key] = sorted(group, key=number)
        return cached

    def size(self, key: Hashable) -> int:
        """How many members the group ``key`` has."""
        group = self.members.get(key)
        return len(group) if group else 0

    def copy(self) -> Groups:
        """A copy sharing every group with this one until either changes it."""
        out = Groups()
        out.members = dict(self.members)
        out.cache = dict(self.cache)  # cached lists are never edited: safe to share
        self.owned = set()
        return out


class Numbering:
    """Numbers keys in the order a dict would hold them: new keys last, kept keys in place.

    Copies share the numbers until one of them numbers or forgets a key (copy on write).
    """

    __slots__ = ("next", "number", "shared")

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.number: dict[str, int] = {k: i for i, k in enumerate(keys)}
        self.next = len(self.number)
        self.shared = False

    def _own(self) -> None:
        if self.shared:
            self.number = dict(self.number)
            self.shared = False

    def enter(self, key: str) -> None:
        """Number ``key`` last, unless it is numbered already."""
        if key not in self.number:
            self._own()
            self.number[key] = self.next
            self.next += 1

    def leave(self, key: str) -> None:
        """Forget ``key``: if it comes back, it comes last."""
        if key in self.number:
            self._own()
            del self.number[key]

    def copy(self) -> Numbering:
        """A copy sharing the numbers with this one until either changes them."""
        out = Numbering()
        out.number = self.number
        out.next = self.next
        out.shared = self.shared = True
        return out


class Tallies:
    """key -> {label: count}, counts kept as members come and go; copied on write.

    :meth:`sums` prices every key's tally with a table of weights and keeps the result
    between calls: a key whose counts change is priced again when next asked, the
    others are not (a rollup of a large structure reads a sum per unit, not a tally).
    """

    __slots__ = ("_priced", "_stale", "_weights", "counts", "owned")

    def __init__(self) -> None:
        self.counts: dict[Hashable, dict[Hashable, int]] = {}
        self.owned: set[Hashable] = set()
        #: the weights the sums were made with (None: no sums kept).
        self._weights: dict[Hashable, float] | None = None
        self._priced: dict[Hashable, tuple[int, float]] = {}
        #: keys whose counts changed since they were priced.
        self._stale: set[Hashable] = set()

    def _tally(self, key: Hashable) -> dict[Hashable, int]:
        if self._weights is not None:
            self._stale.add(key)
        tally = self.counts.get(key)
        if tally is None:
            tally = self.counts[key] = {}
            self.owned.add(key)
        elif key not in self.owned:
            tally = self.counts[key] = dict(tally)
            self.owned.add(key)
        return tally

    def add(self, key: Hashable, label: Hashable) -> None:
        """Count one more ``label`` under ``key``."""
        tally = self._tally(key)
        tally[label] = tally.get(label, 0) + 1

    def remove(self, key: Hashable, label: Hashable) -> None:
        """Count one ``label`` fewer under ``key`` (it must be counted there)."""
        tally = self._tally(key)
        left = tally[label] - 1
        if left:
            tally[label] = left
        else:
            del tally[label]
            if not tally:
                del self.counts[key]
                self.owned.discard(key)

    def sums(self, weights: Mapping[Hashable, float]) -> dict[Hashable, tuple[int, float]]:
        """key -> (how many members it counts, the sum of their labels' weights).

        Keys with no members are left out; labels without a weight weigh nothing. The
        sums are added in the order of each tally, so they do not depend on what was
        kept. The dict returned is the one kept: read it, don't change it.
        """
        table = dict(weights)
        priced = self._priced
        if table != self._weights:
            self._weights = table
            self._stale = set()
            priced = self._priced = {k: _price(t, table) for k, t in self.counts.items()}
        elif self._stale:
            counts = self.counts
            for key in self._stale:
                tally = counts.get(key)
                if tally:
                    priced[key] = _price(tally, table)
                else:
                    priced.pop(key, None)
            self._stale = set()
        return priced

    def copy(self) -> Tallies:
        """A copy sharing every tally with this one until either changes it.

        The sums are not copied (the copy prices its tallies again if asked): copies
        are kept as checkpoints, and most are never priced.
        """
        out = Tallies()
        out.counts = dict(self.counts)
        self.owned = set()
        return out


def _price(tally: dict[Hashable, int], weights: dict[Hashable, float]) -> tuple[int, float]:
    """How many a tally counts and their summed weight, added in the tally's order."""
    count, total = 0, 0.0
    get = weights.get
    for label, n in tally.items():
        count += n
        total += n * get(label, 0.0)
    return count, total
