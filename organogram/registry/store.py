"""The current record of the registry, rebuilt from the rows only when the revision moves.

Every write bumps the :class:`~organogram.registry.models.Revision` counter in the
same transaction. A reader asks for the counter (one query) and gets the record built
for that number, from a per-process cache; a process that sees a newer number
rebuilds once. Records are treated as read-only by everyone who gets one.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..core.errors import OrganogramError
from ..core.record import Record
from . import models as m
from .convert import load_record

T = TypeVar("T")


class EmptyRegistry(OrganogramError):
    """The registry holds no organization yet."""

    def __init__(self) -> None:
        super().__init__(
            "the registry is empty: load a dataset with `organogram load PATH` "
            "(or `organogram serve`, which loads data/iom on first run)"
        )


@dataclass
class State:
    """A record as of one revision, and what readers derive from it and share."""

    revision: int
    record: Record
    #: change id -> its sequence (global order of recording).
    sequences: dict[str, int]
    #: the revision's stamp (see Revision.stamp).
    stamp: str = ""
    #: derived data cached for this revision (narrations and the like), by key.
    memo: dict[Any, Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _building: threading.Lock = field(
        default_factory=threading.Lock, repr=False, compare=False
    )

    def once(self, key: Hashable, build: Callable[[], T]) -> T:
        """``build()``, made once for this revision however many requests ask at once."""
        if key in self.memo:
            return self.memo[key]
        # One builder at a time: twenty requests arriving together on a new revision
        # would otherwise each build the same large index.
        with self._building:
            if key not in self.memo:
                self.memo[key] = build()
                settle()
        return self.memo[key]

    def kept(self, kind: str, key: Hashable, build: Callable[[], T], keep: int = 16) -> T:
        """``build()`` for ``key``, made once per revision; only the ``keep`` keys of
        ``kind`` used last are kept (keys such as dates are not bounded)."""
        with self._lock:
            cache = self.memo.setdefault(kind, OrderedDict())
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

    def token(self, nodes: Iterable[str]) -> int:
        """The sequence of the latest timeline change touching any of ``nodes`` (0: none).

        An editor sends back the token it saw; a newer one means someone else has
        changed those units since, and the edit is refused rather than overwriting.
        """
        wanted = set(nodes)
        return max(
            (self.sequences.get(c.id, 0) for c in self.record.timeline if wanted & c.subjects()),
            default=0,
        )

    def newer_than(self, nodes: Iterable[str], token: int) -> list[Any]:
        """Timeline changes touching ``nodes`` recorded after ``token``, in recording order."""
        wanted = set(nodes)
        found = [
            c
            for c in self.record.timeline
            if wanted & c.subjects() and self.sequences.get(c.id, 0) > token
        ]
        return sorted(found, key=lambda c: self.sequences.get(c.id, 0))


_lock = threading.Lock()
_cached: State | None = None


def revision() -> int:
    """The registry's revision number (0 before anything was written)."""
    return _revision()[0]


def _revision() -> tuple[int, str]:
    row = m.Revision.objects.filter(pk=1).values_list("number", "stamp").first()
    return row or (0, "")


def current() -> State:
    """The state for the current revision; raises EmptyRegistry when nothing is loaded."""
    global _cached
    number, stamp = _revision()
    state = _cached
    if state is not None and (state.revision, state.stamp) == (number, stamp):
        return state
    with _lock:
        state = _cached
        if state is not None and (state.revision, state.stamp) == (number, stamp):
            return state
        # What the last revision kept goes back to the collector, in case any of it is
        # garbage in a cycle; what this one builds is set aside again (settle).
        gc.unfreeze()
        loaded = load_record()
        if loaded is None:
            raise EmptyRegistry()
        record, sequences = loaded
        # Rows read after the counter: if a write landed in between, the next reader
        # sees a newer number and rebuilds, so a stale record is never kept for long.
        state = State(number, record, sequences, stamp)
        _cached = state
        settle()
        return state


def settle() -> None:
    """Keep the objects alive now out of the cyclic garbage collector's full passes.

    A large record is millions of long-lived objects; every full pass of the collector
    walks them all, seconds at a time in the middle of some request. They are freed by
    reference counting when a newer revision replaces them, and a new revision unfreezes
    them first, so nothing kept stays out of the collector's reach for good.
    """
    gc.freeze()


def current_record() -> Record:
    """The registry's record as of now (cached per revision)."""
    return current().record


def forget() -> None:
    """Drop the cached record (tests that roll back transactions need it)."""
    global _cached
    with _lock:
        _cached = None


def is_empty() -> bool:
    """True when no organization has been loaded."""
    return not m.Organization.objects.exists()
