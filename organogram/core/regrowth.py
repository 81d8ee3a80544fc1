"""What is derived from a whole timeline, made again for a timeline grown from it.

A registry makes each revision's timeline from the last one's
(:meth:`~organogram.core.timeline.Timeline.with_changes`), and keeps what its pages
derive from every change: every node's history, a sentence telling each change. Those
are the same, up to where the two timelines part, as the ones derived from the timeline
before: these functions keep them and fold only from the nearest checkpoint before that
place, giving exactly what deriving them from the first change gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .changes import Change, step
from .lineage_walk import lineage_index
from .model import Source
from .narration import narrate_changes
from .node_history import History, Version, add_version
from .structure import Structure
from .timeline import Timeline


def _start(before: Timeline, after: Timeline, whole_dates: bool) -> tuple[int, Structure]:
    """Where a fold of ``after`` can start so that ``before``'s results hold up to it,
    and the structure there: where the two part (with ``whole_dates``, the first change
    of that date: the changes of one date make one version of a history). The structure
    is folded there from the nearest checkpoint, without deriving anything."""
    at = after.common_prefix(before)
    changes = after.changes
    if whole_dates:
        while 0 < at < len(changes) and changes[at - 1].date == changes[at].date:
            at -= 1
    start, s, failures = after.start_at(at)
    after.advance(s, failures, start, at)
    return at, s


def grow_sentences(
    before: Timeline,
    told: dict[Change, str],
    after: Timeline,
    narrate: Callable[[list[Change], Structure], list[str]],
) -> dict[Change, str]:
    """A sentence for each change of ``after`` (by change), ``told`` being those of
    ``before``; ``narrate(changes, start)`` tells changes from a structure (as
    :func:`~organogram.core.narration.narrate_changes` with the caller's options)."""
    start, s = _start(before, after, whole_dates=False)
    kept = after.changes[:start]
    out = {c: told[c] for c in kept}
    rest = after.changes[start:]
    out.update(zip(rest, narrate(rest, s), strict=True))
    return out


def narrator(
    sources: dict[str, Source] | None, show_people: bool
) -> Callable[[list[Change], Structure], list[str]]:
    """``narrate(changes, start)`` for :func:`grow_sentences`, with these options."""
    def narrate(changes: list[Change], start: Structure) -> list[str]:
        return narrate_changes(changes, start, sources, show_people=show_people)

    return narrate


def grow_histories(
    before: Timeline, histories: dict[str, History], after: Timeline
) -> dict[str, History]:
    """``after.histories()`` (every node's), ``histories`` being ``before.histories()``.

    The versions made by the changes before the start of the fold are kept; the rest
    are made again by folding ``after`` from there, as :meth:`Timeline.histories` does.
    """
    start, s = _start(before, after, whole_dates=True)
    dropped = set(before.changes[start:])
    versions: dict[str, list[Version]] = {}
    touched_by: dict[str, list[Change]] = {}
    for node, h in histories.items():
        kept, mine = h.changes, h.versions
        if kept and kept[-1] in dropped:
            # The changes of a history are in timeline order: the dropped ones end it.
            n = len(kept)
            while n and kept[n - 1] in dropped:
                n -= 1
            if n == 0:
                continue  # first touched after the start: made again below, if at all
            kept, mine = kept[:n], list(mine)
            while mine and mine[-1].changes[0] in dropped:
                mine.pop()
            if mine and mine[-1].until is not None:
                # The version that followed is dropped: this one was the last then.
                mine[-1] = replace(mine[-1], until=None)
        versions[node] = mine
        touched_by[node] = kept
    grown: set[str] = set()
    touched: set[str] = set()
    for change in after.changes[start:]:
        touched.clear()
        if step(change, s, touched):
            continue
        for node in touched:
            if node not in grown:
                # Lists of ``histories`` are shared with whoever holds them: copied once.
                grown.add(node)
                versions[node] = list(versions.get(node, ()))
                touched_by[node] = list(touched_by.get(node, ()))
            touched_by[node].append(change)
            add_version(s, node, change, versions[node])
    back, fwd = lineage_index(s.lineage)
    return {
        node: History(node, versions[node], back.get(node, []), fwd.get(node, []), touched_by[node])
        for node in versions
    }
