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

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .structure import Structure

#: Senior posts come after every unit among a node's children (units are listed first).
POSTS_AFTER = 1 << 62


class Groups:
    """key -> members, listed in the order of a numbering, sorted lazily and cached.

    Each member may carry a value (the posts of a unit carry their grade). Copies share
    their groups until one of them changes a group: that one then copies the group first
    (copy on write), so copying the index of a structure costs a copy of the outer dict
    only. Once :attr:`changed` is set to a set, every key whose group changes is added
    to it (that is how :class:`Figures` knows what to price again).
    """

    __slots__ = ("cache", "changed", "members", "owned")

    def __init__(self) -> None:
        self.members: dict[Hashable, dict[str, Any]] = {}
        self.cache: dict[Hashable, list[str]] = {}
        #: keys of the groups this copy may change in place (not shared with another).
        self.owned: set[Hashable] = set()
        #: keys whose groups changed since someone started to watch (None: no one does).
        self.changed: set[Hashable] | None = None

    def add(self, key: Hashable, member: str, value: Any = None) -> None:
        """Put ``member`` in the group ``key``, carrying ``value`` (replaced if there)."""
        if self.changed is not None:
            self.changed.add(key)
        group = self.members.get(key)
        if group is None:
            self.members[key] = {member: value}
            self.owned.add(key)
        else:
            if key not in self.owned:
                group = self.members[key] = dict(group)
                self.owned.add(key)
            group[member] = value
        self.cache.pop(key, None)

    def discard(self, key: Hashable, member: str) -> None:
        """Take ``member`` out of the group ``key`` if it is there."""
        group = self.members.get(key)
        if group is None or member not in group:
            return
        if self.changed is not None:
            self.changed.add(key)
        if len(group) == 1:
            del self.members[key]
            self.owned.discard(key)
        else:
            if key not in self.owned:
                group = self.members[key] = dict(group)
                self.owned.add(key)
            del group[member]
        self.cache.pop(key, None)

    def move(self, member: str, old: Hashable, new: Hashable, value: Any = None) -> None:
        """:meth:`discard` ``member`` from ``old``, then :meth:`add` it to ``new``."""
        # Written out rather than two calls: a fold moves a post this way per change.
        members, owned, cache, changed = self.members, self.owned, self.cache, self.changed
        group = members.get(old)
        if group is not None and member in group:
            if changed is not None:
                changed.add(old)
            if len(group) == 1:
                del members[old]
                owned.discard(old)
            else:
                if old not in owned:
                    group = members[old] = dict(group)
                    owned.add(old)
                del group[member]
            cache.pop(old, None)
        if changed is not None:
            changed.add(new)
        group = members.get(new)
        if group is None:
            members[new] = {member: value}
            owned.add(new)
        else:
            if new not in owned:
                group = members[new] = dict(group)
                owned.add(new)
            group[member] = value
        cache.pop(new, None)

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
        """A copy sharing every group with this one until either changes it (not watched)."""
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


class Figures:
    """key -> (members of the group, the summed weight of their values), kept.

    Made for the posts of each unit, whose values are their grades, and a table of
    costs by grade. A group is priced when first asked for and again only after it
    changes (the groups tell which, see :attr:`Groups.changed`), or when the weights
    differ from those of the last call. Nothing is kept up to date on the way: a fold
    that never asks pays nothing.
    """

    __slots__ = ("groups", "priced", "weights")

    def __init__(self, groups: Groups) -> None:
        self.groups = groups
        #: the weights the sums were made with (None: none made yet).
        self.weights: dict[Any, float] | None = None
        self.priced: dict[Hashable, tuple[int, float]] = {}

    def sums(
        self, weights: Mapping[Any, float], among: Collection[Hashable] | None = None
    ) -> dict[Hashable, tuple[int, float]]:
        """The figures of every key (or, when ``among`` is given, at least of those keys).

        Keys without members are left out; values without a weight weigh nothing. The
        dict returned is the one kept: read it, don't change it. With ``among``, the
        figures of other keys may be out of date (a rollup of one subtree prices no
        more than its units).
        """
        table = dict(weights)
        groups = self.groups
        members = groups.members
        if table != self.weights or groups.changed is None:
            self.weights = table
            groups.changed = set()
            self.priced = {key: _price(group, table) for key, group in members.items()}
            return self.priced
        changed = groups.changed
        if changed:
            if among is None or len(changed) <= len(among):
                todo: Iterable[Hashable] = changed
                groups.changed = set()
            else:
                todo = [key for key in among if key in changed]
                changed.difference_update(todo)
            priced = self.priced
            for key in todo:
                group = members.get(key)
                if group:
                    priced[key] = _price(group, table)
                else:
                    priced.pop(key, None)
        return self.priced


def tally(group: Mapping[str, Any]) -> dict[Any, int]:
    """value -> how many members carry it, values in the order they first appear."""
    return dict(Counter(group.values()))


def _price(group: Mapping[str, Any], weights: dict[Any, float]) -> tuple[int, float]:
    """How many members a group has and their summed weight, value by value."""
    counts: dict[Any, int] = {}  # a Counter, in the same order, without its overhead
    seen = counts.get
    for value in group.values():
        counts[value] = seen(value, 0) + 1
    total = 0.0
    get = weights.get
    for value, n in counts.items():
        total += n * get(value, 0.0)
    return len(group), total


class StructureIndexes:
    """The incremental indexes of one structure, kept up to date by its mutation methods."""

    __slots__ = (
        "children",
        "figures",
        "over_no",
        "posts_by_unit",
        "posts_no",
        "reporters",
        "seniors",
        "units_no",
    )

    def __init__(self, s: Structure | None = None) -> None:
        self.units_no = Numbering(s.units if s is not None else ())
        self.posts_no = Numbering(s.posts if s is not None else ())
        self.over_no = Numbering(s.oversight if s is not None else ())
        #: target ("" for the top) -> units and senior posts whose line points at it.
        self.children = Groups()
        #: target -> every node (ordinary posts too) whose line points at it.
        self.reporters = Groups()
        #: unit (None: no unit) -> posts sitting in it -> their grade.
        self.posts_by_unit = Groups()
        #: unit -> its posts and their cost, priced when a rollup asks (see Figures).
        self.figures = Figures(self.posts_by_unit)
        #: how many senior posts there are (the nodes are the units and these).
        self.seniors = 0
        if s is None:
            return
        for node in s.nodes():
            self.children.add(s.oversight.get(node) or "", node)
        for node, target in s.oversight.items():
            self.reporters.add(target, node)
        for post_id, post in s.posts.items():
            self.posts_by_unit.add(post.unit, post_id, post.grade)
            self.seniors += post.senior

    def node_number(self, node: str) -> int:
        """Position among a node's siblings: units first, then senior posts, each as added."""
        number = self.units_no.number.get(node)
        return number if number is not None else POSTS_AFTER + self.posts_no.number[node]

    def copy(self) -> StructureIndexes:
        out = StructureIndexes()
        out.units_no = self.units_no.copy()
        out.posts_no = self.posts_no.copy()
        out.over_no = self.over_no.copy()
        out.children = self.children.copy()
        out.reporters = self.reporters.copy()
        out.posts_by_unit = self.posts_by_unit.copy()
        # Figures are not copied: copies are kept as checkpoints, and few are priced.
        out.figures = Figures(out.posts_by_unit)
        out.seniors = self.seniors
        return out
