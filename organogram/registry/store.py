"""The current record of the registry, kept per process and brought up to date when the
revision moves.

Every write bumps the :class:`~organogram.registry.models.Revision` counter in the
same transaction. A reader asks for the counter (one query) and gets the record made
for that number, from a per-process cache. The process that wrote installs the record
it checked the write against once the write is committed (:func:`install`); another
process that sees a newer number reads only what the writes since did, when they only
appended changes or wrote entries or plans (:mod:`~organogram.registry.catchup`), and
rebuilds from every row otherwise. Records are treated as read-only by everyone who
gets one.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, connections, transaction

from ..core.errors import OrganogramError
from ..core.record import Record
from . import models as m
from .catchup import caught_up
from .convert import load_record
from .reading.memo import RevisionMemo
from .settling import settle, thaw


class EmptyRegistry(OrganogramError):
    """The registry holds no organization yet."""

    def __init__(self) -> None:
        super().__init__(
            "the registry is empty: load a dataset with `organogram load PATH` "
            "(or `organogram serve`, which loads data/iom on first run)"
        )


@dataclass
class State:
    """A record as of one revision, and the memory of what readers derive from it."""

    revision: int
    record: Record
    #: change id -> its sequence (global order of recording).
    sequences: dict[str, int]
    #: the revision's stamp (see Revision.stamp).
    stamp: str = ""
    #: what readers derive from this revision and share (see
    #: :mod:`organogram.registry.reading`); replaced with the state.
    memo: RevisionMemo = field(
        default_factory=lambda: RevisionMemo(settle), repr=False, compare=False
    )

    def following(
        self,
        revision: int,
        record: Record,
        sequences: dict[str, int],
        stamp: str,
        *,
        derived: bool = True,
    ) -> State:
        """The state of a later revision, made from this one by adding to its timeline.

        What this one derived from its whole timeline goes with it (as seeds), so that
        the next revision's is grown from it instead of made anew; with ``derived``
        False only what does not read the sources does (the sources changed, and the
        sentences name them; the columns do not).
        """
        memo = self.memo.passed_on(self.record.timeline, sources=derived)
        return State(revision, record, sequences, stamp, memo=memo)

    def token(self, nodes: Iterable[str]) -> int:
        """The sequence of the latest timeline change touching any of ``nodes`` (0: none).

        An editor sends back the token it saw; a newer one means someone else has
        changed those units since, and the edit is refused rather than overwriting.
        """
        timeline = self.record.timeline
        # From the timeline's index of the changes touching each node (made once per
        # timeline), not a pass over every change for each question.
        return max(
            (self.sequences.get(c.id, 0) for n in set(nodes) for c in timeline.touching(n)),
            default=0,
        )

    def newer_than(self, nodes: Iterable[str], token: int) -> list[Any]:
        """Timeline changes touching ``nodes`` recorded after ``token``, in recording order."""
        wanted = set(nodes)
        timeline = self.record.timeline
        found = []
        # Only the changes recorded after the token are looked at (few, on an edit).
        for ident, sequence in self.sequences.items():
            if sequence > token:
                change = timeline.get(ident)
                if change is not None and wanted & change.subjects():
                    found.append((sequence, change))
        return [c for _, c in sorted(found, key=lambda t: t[0])]


_lock = threading.Lock()
_cached: State | None = None
#: per thread: a state made inside a transaction (it may hold that transaction's own
#: uncommitted write, which no other thread may see).
_local = threading.local()


def revision() -> int:
    """The registry's revision number (0 before anything was written)."""
    return _revision()[0]


def _revision() -> tuple[int, str]:
    # Every page and API answer asks this first: one plain statement, since building it
    # through the ORM cost ten times as much as running it (a fifth of a millisecond).
    with connections[m.Revision.objects.db].cursor() as cursor:
        cursor.execute(_REVISION_SQL)
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, "")


_REVISION_SQL = "SELECT {number}, {stamp} FROM {table} WHERE {pk} = 1".format(
    table=m.Revision._meta.db_table,
    pk=m.Revision._meta.pk.column,
    number=m.Revision._meta.get_field("number").column,
    stamp=m.Revision._meta.get_field("stamp").column,
)


def current() -> State:
    """The state for the current revision; raises EmptyRegistry when nothing is loaded."""
    global _cached
    number, stamp = _revision()
    mine = getattr(_local, "state", None)
    for state in (_cached, mine):
        if state is not None and (state.revision, state.stamp) == (number, stamp):
            return state
    if connection.in_atomic_block:
        # Inside a transaction the revision may be one this transaction wrote: what is
        # made from it stays with this thread until the write commits (see install).
        _local.state = state = _made(number, stamp, mine, _cached)
        settle()
        # Once committed it is the database's: other threads may start from it (a first
        # write in a process would otherwise have every other thread build it again).
        transaction.on_commit(lambda: _offer(state))
        return state
    with _lock:
        state = _cached
        if state is not None and (state.revision, state.stamp) == (number, stamp):
            return state
        state = _made(number, stamp, state, mine)
        _cached = state
        _local.state = None  # not to be kept alive by this thread any more
        settle()
        return state


def _made(number: int, stamp: str, *held: State | None) -> State:
    """The state of revision ``number``: one of ``held`` caught up when one can be (the
    newest first), else rebuilt from the rows."""
    for base in sorted((h for h in held if h is not None), key=lambda h: -h.revision):
        state = caught_up(base, number, stamp)
        if state is not None:
            return state
    # What the last revision kept goes back to the collector, in case any of it is
    # garbage in a cycle; what this one builds is set aside again (settle).
    thaw()
    loaded = load_record()
    if loaded is None:
        raise EmptyRegistry()
    record, sequences = loaded
    # Rows read after the counter: if a write landed in between, the next reader
    # sees a newer number and rebuilds, so a stale record is never kept for long.
    return State(number, record, sequences, stamp)


def _offer(state: State) -> None:
    """Keep ``state`` for every thread unless a later one is kept already."""
    global _cached
    with _lock:
        if _cached is None or _cached.revision < state.revision:
            _cached = state
            settle()


def install(state: State) -> None:
    """Make ``state`` the current one once the transaction writing it commits.

    For a write that made its new record as it checked it (a recorded change): this
    process then reads on from it instead of reading the rows back. Until the commit,
    only the writing thread gets it; if the transaction rolls back, nobody does (its
    revision and stamp never appear in the database).
    """
    _local.state = state

    def committed() -> None:
        global _cached
        # Installed even over a state of a later revision (a write landing between
        # this commit and this call): every reader checks the revision it gets against
        # the database's, and would catch up from this one.
        with _lock:
            _cached = state
            settle()
        if getattr(_local, "state", None) is state:
            _local.state = None

    transaction.on_commit(committed)


def current_record() -> Record:
    """The registry's record as of now (cached per revision)."""
    return current().record


def forget() -> None:
    """Drop the cached record (tests that roll back transactions need it)."""
    global _cached
    with _lock:
        _cached = None
    _local.state = None


def is_empty() -> bool:
    """True when no organization has been loaded."""
    return not m.Organization.objects.exists()
