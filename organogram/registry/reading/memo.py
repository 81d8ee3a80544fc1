"""The memory of one revision: what readers derive from its record, made once and shared.

A :class:`~organogram.registry.store.State` holds one :class:`RevisionMemo`; when the
record moves to a new revision the state is replaced, and its memory with it, so nothing
derived here can outlive the record it was derived from. What was derived from the
whole timeline can be handed to the next revision (:meth:`RevisionMemo.passed_on`) to
be grown from rather than made again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ...core.timeline import Timeline

T = TypeVar("T")


class RevisionMemo:
    """Derived values by key, for one revision; shared by every thread that reads it.

    Whatever is handed out is shared: nobody may change it.
    """

    def __init__(
        self,
        settle: Callable[[], None] = lambda: None,
        seeds: dict[Any, tuple[Timeline, Any]] | None = None,
        sourceless: set[Any] | None = None,
    ) -> None:
        #: called after each value :meth:`once` builds (the store sets long-lived objects
        #: aside from the garbage collector's full passes).
        self._settle = settle
        self._values: dict[Any, Any] = {}
        #: key -> (an earlier revision's timeline, what it derived for that key), for
        #: :meth:`grown`.
        self.seeds: dict[Any, tuple[Timeline, Any]] = dict(seeds or {})
        #: the keys made by :meth:`grown`: what :meth:`passed_on` hands on; those made
        #: from the timeline alone (not reading the sources) are also listed apart.
        self._grown: set[Any] = set()
        self._sourceless: set[Any] = set(sourceless or ())
        self._lock = threading.Lock()
        # Re-entrant: a value built by :meth:`once` may itself ask for another.
        self._building = threading.RLock()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def once(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, made once for this revision however many requests ask at once."""
        if key in self._values:
            return self._values[key]
        # One builder at a time: twenty requests arriving together on a new revision
        # would otherwise each build the same large index.
        with self._building:
            if key not in self._values:
                self._values[key] = build()
                self._settle()
        return self._values[key]

    def grown(
        self,
        key: Hashable,
        timeline: Timeline,
        build: Callable[[], T],
        grow: Callable[[Timeline, T], T],
        *,
        sources: bool = True,
    ) -> T:
        """:meth:`once` for something derived from the whole ``timeline`` (this
        revision's): ``grow(before, value)`` from what an earlier revision derived when
        there is one (its timeline and value), else ``build()``. ``grow`` must give
        exactly what ``build`` gives, and must not change ``value``, which readers of
        the earlier revision may still hold. ``sources`` False: the value does not read
        the record's sources, so a write to them passes it on too."""

        def make() -> T:
            self._grown.add(key)
            if not sources:
                self._sourceless.add(key)
            seed = self.seeds.pop(key, None)
            if seed is None:
                return build()
            before, value = seed
            return value if before is timeline else grow(before, value)

        return self.once(key, make)

    def kept(self, kind: str, key: Hashable, build: Callable[[], T], keep: int = 16) -> T:
        """``build()`` for ``key``, made once per revision; only the ``keep`` keys of
        ``kind`` used last are kept (keys such as dates are not bounded)."""
        with self._lock:
            cache = self.recent(kind)
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
        value = build()
        with self._lock:
            cache[key] = value
            cache.move_to_end(key)
            while len(cache) > keep:
                cache.popitem(last=False)
        return value

    def recent(self, kind: str) -> OrderedDict[Any, Any]:
        """The table :meth:`kept` keeps ``kind`` in, oldest first, for a caller that
        remembers values it made elsewhere (and bounds the table itself)."""
        return self._values.setdefault(kind, OrderedDict())

    def passed_on(self, timeline: Timeline, *, sources: bool = True) -> RevisionMemo:
        """A memory for the next revision, seeded with what this one (of ``timeline``)
        derived through :meth:`grown`, or was given to derive it from and did not use;
        ``sources`` False (the next revision's sources differ): only what does not read
        them."""
        seeds = dict(self.seeds)
        # Copied whole first (one step each): other threads may be adding to them.
        for key in list(self._grown):
            if key in self._values:
                seeds[key] = (timeline, self._values[key])
        sourceless = set(self._sourceless)
        if not sources:
            seeds = {k: v for k, v in seeds.items() if k in sourceless}
        return RevisionMemo(self._settle, seeds, sourceless & seeds.keys())
