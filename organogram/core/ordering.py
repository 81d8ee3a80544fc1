"""The order in which changes apply.

By the first day of each change's date, coarser dates first on the same day (a change
"in 2021" comes before one dated 1 January 2021), then in the order the changes were
recorded — except that, among changes of the same date, a change never comes before the
change that creates a unit or post it refers to. Authors of a dataset can so write a
department and its divisions, or a post and the units under it, in any order or file.

An id that a same-date group both ends and creates (a unit abolished and a new one
made under the same id) keeps the written order: which of the two a change refers to
is then only known from where it is written.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from itertools import groupby

from .changes import Change


def order_key(indexed: tuple[int, Change]) -> tuple[dt.date, int, int]:
    """Key that puts changes in date order, then in recorded order."""
    seq, change = indexed
    start, precision = change.date.sort_key()
    return (start, precision, seq)


def application_order(changes: Iterable[Change]) -> list[Change]:
    """``changes`` in the order they apply (see the module's docstring)."""
    indexed = sorted(enumerate(changes), key=order_key)
    out: list[Change] = []
    for _, group in groupby(indexed, key=lambda ic: ic[1].date.sort_key()):
        run = [c for _, c in group]
        out.extend(run if len(run) == 1 else _creations_first(run))
    return out


def _creations_first(run: list[Change]) -> list[Change]:
    """Stable topological order of one date's changes: creators before their users."""
    creator: dict[str, int] = {}
    ambiguous: set[str] = set()
    for i, change in enumerate(run):
        for node in change.creates():
            if node in creator:
                ambiguous.add(node)
            creator.setdefault(node, i)
    if not creator:
        return run
    needs = [change.needs() for change in run]
    # Ids the group also ends keep the written order (see the module docstring).
    for change, needed in zip(run, needs, strict=True):
        ambiguous.update(n for n in needed if n in creator and _ends(change, n))
    # Written in an order that already has every creation before its users (the usual
    # case, and always so for a timeline's own order): the order below is the written one.
    if all(
        creator.get(node, i) <= i or node in ambiguous
        for i, needed in enumerate(needs)
        for node in needed
    ):
        return run
    waits: list[set[int]] = [set() for _ in run]
    users: list[list[int]] = [[] for _ in run]
    for i, needed in enumerate(needs):
        for node in needed:
            j = creator.get(node)
            if j is None or j == i or node in ambiguous or j in waits[i]:
                # A change needing two ids one change creates waits for it once, or
                # it would be released (and placed) twice.
                continue
            waits[i].add(j)
            users[j].append(i)
    ready = [i for i, w in enumerate(waits) if not w]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for k in users[i]:
            waits[k].discard(i)
            if not waits[k]:
                heapq.heappush(ready, k)
    if len(order) < len(run):  # a loop of references: leave the rest as written
        placed = set(order)
        order.extend(i for i in range(len(run)) if i not in placed)
    return [run[i] for i in order]


def _ends(change: Change, node: str) -> bool:
    """True when ``change`` ends ``node`` (abolition, merge, replacement, split)."""
    if change.op in {"abolish", "abolish-post"}:
        return True
    if change.op == "merge":
        return node in change.units and node != change.into  # type: ignore[attr-defined]
    if change.op in {"replace", "split"}:
        return node == change.unit and not getattr(change, "keep", False)  # type: ignore[attr-defined]
    return False
