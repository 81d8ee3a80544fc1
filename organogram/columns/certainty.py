"""What is certain on a day and what is only possible, read from the columns.

A change dated to a span applies from its first day; from then until the day before its
last it is *open*, and what it touched is only possibly as shown (the core's rule, in
:mod:`organogram.core.certainty`; docs/dates.md). Here the open changes of a day are
one mask over the changes' first days and the days they are certainly done by, and
what each leaves open comes from the rows :mod:`.doubts` recorded at the fold.

A creation is also certainly done once a later change that touches or needs what it
created certainly is. That day (``settled``) is worked out by a lazy vectorized pass,
kept until the next write (:meth:`Versions.derived`), rather than a column kept up to
date on each write: a write adding a change that uses a node would have to revise the
column at every earlier creation of that node, while the pass only costs, once per
revision and only when a certainty is asked for, a sort of the changes that refer to
the nodes created on uncertain dates (none in a record dated to the day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..core import certainty as core
from .day import Day
from .doubts import BITS, CREATED, CREATED_UNTOUCHED
from .schema import ABSENT, LINK_FIELDS, OPEN
from .versions import Versions, day_number

#: Answers to "is it in force?", as numbers in :attr:`Certainty.status`.
NOT_IN_FORCE, POSSIBLE, CERTAIN = 0, 1, 2
WORDS = {NOT_IN_FORCE: core.NOT_IN_FORCE, POSSIBLE: core.POSSIBLE, CERTAIN: core.CERTAIN}


def settled(v: Versions) -> np.ndarray:
    """Per position in the timeline: the first day on which that change is certainly
    done (kept until the next write)."""
    return v.derived("settled", _settled)


def _settled(v: Versions) -> np.ndarray:
    changes = v.tables["changes"]
    end = changes.col("end")
    out = end.copy()
    doubts = v.tables["doubts"]
    created = doubts.col("created") != 0
    if not created.any():
        return out
    made = doubts.col("made")[created].astype(np.int64)
    node = doubts.col("node")[created]
    # Only the creations still open on some day can be shown done earlier.
    begin = changes.col("start")[made]
    keep = begin < end[made]
    made, node = made[keep], node[keep]
    if not len(made):
        return out
    # The changes referring to each created node (group g), sorted by (g, position).
    wanted, group = np.unique(node, return_inverse=True)
    ids = v.nodes.text
    refs = [v.timeline.referring(ids[n]) for n in wanted.tolist()]
    sizes = np.fromiter(map(len, refs), dtype=np.int64, count=len(refs))
    ref_group = np.repeat(np.arange(len(refs), dtype=np.int64), sizes)
    ref_pos = np.fromiter((p for r in refs for p in r), dtype=np.int64, count=int(sizes.sum()))
    # A change that failed where it stands shows nothing done.
    ref_end = np.where(changes.col("failed")[ref_pos] != 0, OPEN, end[ref_pos]).astype(np.int64)
    # The earliest last day among each node's changes from each one on: a running
    # minimum from the end, each group raised above the ones before it so that the
    # minimum starts again at every group's last change.
    shift = np.int64(OPEN) + 1
    raised = ref_end + ref_group * shift
    suffix = np.minimum.accumulate(raised[::-1])[::-1] - ref_group * shift
    # For each creation, its node's first referring change after it.
    span = len(end) + 1
    keys = ref_group * span + ref_pos
    first = np.searchsorted(keys, group.astype(np.int64) * span + made, side="right")
    found = first < len(keys)
    found[found] = ref_group[first[found]] == group[found]
    done = np.full(len(made), OPEN, dtype=np.int64)
    done[found] = suffix[first[found]]
    np.minimum.at(out, made, np.minimum(done, OPEN).astype(out.dtype))
    return out


def open_changes(v: Versions, day: int) -> np.ndarray:
    """Positions of the changes applied by ``day`` (a day number) that possibly had not
    happened yet on it: first day on or before it, certainly done only after it."""
    changes = v.tables["changes"]
    inexact = v.derived(
        "inexact", lambda v: np.nonzero(changes.col("start") != changes.col("end"))[0]
    )
    start = changes.col("start")[inexact]
    failed = changes.col("failed")[inexact] != 0
    done = settled(v)[inexact]
    return inexact[(start <= day) & (day < done) & ~failed]


@dataclass
class Certainty:
    """For one day: what about each unit and post is only possible, and whether it is
    in force, possibly in force or not, as arrays over node numbers."""

    day: Day
    #: the positions of the changes open on the day, in the timeline's order.
    open: np.ndarray
    #: the doubt rows of those changes, and the aspect bits each gives its node that day.
    rows: np.ndarray
    bits: np.ndarray

    @classmethod
    def of(cls, day: Day) -> Certainty:
        """The certainty of ``day``'s structure (a :class:`~.day.Day` of the same columns)."""
        v = day.versions
        d = day_number(day.day)
        opened = open_changes(v, d)
        doubts = v.tables["doubts"]
        rows = np.nonzero(np.isin(doubts.col("made"), opened))[0]
        created = doubts.col("created")[rows]
        rows, created = rows[created != CREATED_UNTOUCHED], created[created != CREATED_UNTOUCHED]
        nodes = doubts.col("node")[rows]
        exists = day.parent[nodes] != ABSENT
        bits = np.where(
            created == CREATED,
            BITS[core.EXISTENCE],
            np.where(exists, doubts.col("aspects")[rows], BITS[core.ENDED]),
        ).astype(np.int8)
        return cls(day, opened, rows, bits)

    @cached_property
    def aspects(self) -> np.ndarray:
        """node number -> the bits of what about it is only possible (0: all certain)."""
        out = np.zeros(len(self.day.parent), dtype=np.int8)
        nodes = self.day.versions.tables["doubts"].col("node")[self.rows]
        np.bitwise_or.at(out, nodes, self.bits)
        return out

    @cached_property
    def status(self) -> np.ndarray:
        """node number -> :data:`CERTAIN`, :data:`POSSIBLE` or :data:`NOT_IN_FORCE`."""
        exists = self.day.parent != ABSENT
        aspects = self.aspects
        possible = np.where(
            exists, aspects & BITS[core.EXISTENCE], aspects & BITS[core.ENDED]
        ).astype(bool)
        return np.where(possible, POSSIBLE, np.where(exists, CERTAIN, NOT_IN_FORCE)).astype(np.int8)

    # ----------------------------------------------------- as the core says it
    def status_of(self, node: str) -> str:
        """The core's words for ``node``'s answer ("in force", "possibly in force"…)."""
        n = self.day.versions.nodes.find(node)
        if n < 0:
            return core.NOT_IN_FORCE
        return WORDS[int(self.status[n])]

    def aspects_of(self, node: str) -> set[str]:
        """The aspects of ``node`` that are only possible, as the core names them."""
        n = self.day.versions.nodes.find(node)
        bits = int(self.aspects[n]) if n >= 0 else 0
        return {aspect for aspect, bit in BITS.items() if bits & bit}

    def reasons(self) -> dict[str, list[tuple[str, int]]]:
        """Node id -> (aspect, position of the change that leaves it open), in the order
        the core's :class:`~organogram.core.certainty.Certainty` lists them."""
        doubts = self.day.versions.tables["doubts"]
        ids = self.day.versions.nodes.text
        out: dict[str, list[tuple[str, int]]] = {}
        made = doubts.col("made")[self.rows].tolist()
        nodes = doubts.col("node")[self.rows].tolist()
        for at, n, bits in zip(made, nodes, self.bits.tolist(), strict=True):
            listed = out.setdefault(ids[n], [])
            listed.extend((aspect, at) for aspect, bit in BITS.items() if bits & bit)
        return out

    def links(self) -> dict[str, dict[tuple, int]]:
        """The typed lines ((source, kind, target)) and holdings ((post, person)) left
        open, by the core's field name, each with the position of the change (the last
        one, as the core keeps it)."""
        table = self.day.versions.tables["link_doubts"]
        rows = np.nonzero(np.isin(table.col("made"), self.open))[0]
        ids, text = self.day.versions.nodes.text, self.day.versions.text.text
        out: dict[str, dict[tuple, int]] = {name: {} for name in LINK_FIELDS}
        cols = [table.col(c)[rows].tolist() for c in table.dtypes]
        for at, what, source, kind, target, person in zip(*cols, strict=True):
            if what < 2:
                key: tuple = (ids[source], text[kind], ids[target])
            else:
                key = (ids[source], text[person])
            out[LINK_FIELDS[what]][key] = at
        return out


def certainty_on(v: Versions, at: dt.date, day: Day | None = None) -> Certainty:
    """The :class:`Certainty` of ``at`` (``day``: its structure, when already read)."""
    return Certainty.of(day if day is not None else Day.of(v, at))
