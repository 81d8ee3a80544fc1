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

from collections.abc import Callable, Hashable, Iterable

#: Senior posts come after every unit among a node's children (units are listed first).
POSTS_AFTER = 1 << 62


class Groups:
    """key -> members, listed in the order of a numbering, sorted lazily and cached."""

    __slots__ = ("cache", "members")

    def __init__(self) -> None:
        self.members: dict[Hashable, dict[str, None]] = {}
        self.cache: dict[Hashable, list[str]] = {}

    def add(self, key: Hashable, member: str) -> None:
        """Put ``member`` in the group ``key``."""
        group = self.members.get(key)
        if group is None:
            self.members[key] = {member: None}
        else:
            group[member] = None
        self.cache.pop(key, None)

    def discard(self, key: Hashable, member: str) -> None:
        """Take ``member`` out of the group ``key`` if it is there."""
        group = self.members.get(key)
        if group is not None and member in group:
            del group[member]
            if not group:
                del self.members[key]
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
        """An independent copy; cached lists are shared, as they are never edited."""
        out = Groups()
        out.members = {k: dict(v) for k, v in self.members.items()}
        out.cache = dict(self.cache)
        return out


class Numbering:
    """Numbers keys in the order a dict would hold them: new keys last, kept keys in place."""

    __slots__ = ("next", "number")

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.number: dict[str, int] = {k: i for i, k in enumerate(keys)}
        self.next = len(self.number)

    def enter(self, key: str) -> None:
        """Number ``key`` last, unless it is numbered already."""
        if key not in self.number:
            self.number[key] = self.next
            self.next += 1

    def leave(self, key: str) -> None:
        """Forget ``key``: if it comes back, it comes last."""
        self.number.pop(key, None)

    def copy(self) -> Numbering:
        """An independent copy."""
        out = Numbering()
        out.number = dict(self.number)
        out.next = self.next
        return out
