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
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import groupby, pairwise

from .changes import Change
from .collector import paused


def order_key(indexed: tuple[int, Change]) -> tuple[dt.date, int, int]:
    """Key that puts changes in date order, then in recorded order."""
    seq, change = indexed
    start, precision = change.date.sort_key()
    return (start, precision, seq)


#: The date key of a group of changes: (first day, precision).
GroupKey = tuple[dt.date, int]


def application_order(changes: Iterable[Change]) -> list[Change]:
    """``changes`` in the order they apply (see the module's docstring)."""
    return ordered_groups(changes)[0]


def ordered_groups(changes: Iterable[Change]) -> tuple[list[Change], set[GroupKey]]:
    """:func:`application_order`, and the date keys of groups whose order is *unsettled*.

    A group is unsettled when its references loop (the rest is left as written): only
    then can ordering the group again give another order. :func:`merge_order` uses this
    to reorder only the groups it must.
    """
    with paused():
        return _ordered_groups(list(changes))


def _ordered_groups(items: list[Change]) -> tuple[list[Change], set[GroupKey]]:
    keys = [c.date.sort_key() for c in items]
    # Most inputs (a dataset written in date order, a timeline's own changes) are in
    # order already: checking costs less than sorting.
    if any(a > b for a, b in pairwise(keys)):
        order = sorted(range(len(items)), key=keys.__getitem__)  # stable: recorded order
        items = [items[i] for i in order]
        keys = [keys[i] for i in order]
    out: list[Change] = []
    unsettled: set[GroupKey] = set()
    start = 0
    for key, group in groupby(keys):
        size = sum(1 for _ in group)
        run = items[start : start + size]
        start += size
        if size == 1:
            out.extend(run)
            continue
        ordered, settled = _creations_first(run)
        out.extend(ordered)
        if not settled:
            unsettled.add(key)
    return out, unsettled


def merge_order(
    ordered: list[Change], unsettled: set[GroupKey], extra: list[Change]
) -> tuple[list[Change], set[GroupKey], int]:
    """``ordered_groups([*ordered, *extra])`` for ``ordered`` in application order already.

    Only the date groups that receive an extra change, or whose order is unsettled, are
    ordered again (found by bisection); the others are kept as they stand, which is what
    ordering them again would give. Also returns the length of the common prefix of
    ``ordered`` and the result: everything before it stays in place.
    """
    incoming: dict[GroupKey, list[Change]] = {}
    for change in extra:
        incoming.setdefault(change.date.sort_key(), []).append(change)
    keys = sorted(incoming.keys() | unsettled)
    # The changes before the first group reordered are copied in one slice: on a long
    # record with the new changes at its end, that is nearly all of it.
    first = bisect_left(ordered, keys[0], key=_date_key) if keys else len(ordered)
    out: list[Change] = ordered[:first]
    new_unsettled: set[GroupKey] = set()
    pos = first
    for key in keys:
        lo = bisect_left(ordered, key, lo=pos, key=_date_key)
        hi = bisect_right(ordered, key, lo=lo, key=_date_key)
        out.extend(ordered[pos:lo])
        run = ordered[lo:hi] + incoming.get(key, [])
        result, settled = _creations_first(run) if len(run) > 1 else (run, True)
        if not settled:
            new_unsettled.add(key)
        out.extend(result)
        pos = hi
    out.extend(ordered[pos:])
    return out, new_unsettled, _shared(ordered, out, first)


def without_order(
    ordered: list[Change], unsettled: set[GroupKey], drop: list[Change]
) -> tuple[list[Change], set[GroupKey], int]:
    """``ordered_groups`` of ``ordered`` without the ``drop`` changes (told by identity).

    ``ordered`` is in application order already. The date groups before the first
    dropped change are kept as they stand (what ordering them again gives) unless one is
    unsettled; everything from the first group that lost a change, or is unsettled, is
    ordered again. Also returns the length of the common prefix of ``ordered`` and the
    result, as :func:`merge_order` does.
    """
    dropped = set(drop)
    if not dropped:
        return list(ordered), set(unsettled), len(ordered)
    # The first dropped change is in a group from the earliest dropped date on (bisection,
    # then a walk through that group at most, not from the first change of the record).
    lo = bisect_left(ordered, min(c.date.sort_key() for c in drop), key=_date_key)
    first = next((i for i in range(lo, len(ordered)) if ordered[i] in dropped), len(ordered))
    keys = [_date_key(ordered[first])] if first < len(ordered) else []
    start = min(
        (bisect_left(ordered, key, key=_date_key) for key in [*keys, *unsettled]),
        default=len(ordered),
    )
    tail, new_unsettled = ordered_groups(c for c in ordered[start:] if c not in dropped)
    out = ordered[:start] + tail
    return out, new_unsettled, _shared(ordered, out, start)


def _shared(a: list[Change], b: list[Change], start: int) -> int:
    """The length of the common prefix of ``a`` and ``b``, known to be at least ``start``."""
    n = min(len(a), len(b))
    while start < n and a[start] is b[start]:
        start += 1
    return start


def _date_key(change: Change) -> GroupKey:
    return change.date.sort_key()


def _creations_first(run: list[Change]) -> tuple[list[Change], bool]:
    """Stable topological order of one date's changes: creators before their users.

    Also says whether the order is settled: False when references loop and the changes
    caught in the loop are left as written.
    """
    creator: dict[str, int] = {}
    ambiguous: set[str] = set()
    for i, change in enumerate(run):
        for node in change.creates():
            if node in creator:
                ambiguous.add(node)
            creator.setdefault(node, i)
    if not creator:
        return run, True
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
        return run, True
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
    settled = len(order) == len(run)
    if not settled:  # a loop of references: leave the rest as written
        placed = set(order)
        order.extend(i for i in range(len(run)) if i not in placed)
    return [run[i] for i in order], settled


def _ends(change: Change, node: str) -> bool:
    """True when ``change`` ends ``node`` (abolition, merge, replacement, split)."""
    if change.op in {"abolish", "abolish-post"}:
        return True
    if change.op == "merge":
        return node in change.units and node != change.into  # type: ignore[attr-defined]
    if change.op in {"replace", "split"}:
        return node == change.unit and not getattr(change, "keep", False)  # type: ignore[attr-defined]
    return False
