"""Expressing a difference through merges, splits and replacements.

When the record says how units ended (merged into, split into, replaced by), a diff
between two dates should say so too, rather than "abolish X, create Y". Given the
lineage links recorded between the two structures, :func:`lineage_changes` picks
the :class:`~organogram.core.changes.Merge`, :class:`~organogram.core.changes.Split`
and :class:`~organogram.core.changes.Replace` changes that apply to the earlier
structure, and applies them to it; the plain diff then finishes the job from there.

Links are followed transitively: if A merged into B and B was replaced by C between
the two dates, the net change is "A and B merge into C" when only C is in the target.
A candidate that does not apply (its check fails) is left out, and the plain diff
says the same thing with abolitions and creations.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..changes import Change, Merge, Replace, Split, UnitSpec, step
from ..dates import FuzzyDate
from ..model import LineageLink
from ..structure import Structure

#: The kind of a link seen backwards: undoing a merge is a split, and so on.
REVERSED_KIND = {"merge": "split", "split": "merge", "replace": "replace"}


def reverse_links(links: Iterable[LineageLink]) -> list[LineageLink]:
    """Links read backwards in time, for a diff from a later structure to an earlier one."""
    return [
        LineageLink(ln.successor, ln.predecessor, REVERSED_KIND.get(ln.kind, ln.kind), ln.date, "")
        for ln in links
    ]


def _live_successors(
    start: str, forward: dict[str, list[LineageLink]], target: Structure
) -> tuple[list[str], set[str]]:
    """Units of ``target`` that ``start`` led to, and the kinds of links on the way.

    Units missing from ``target`` are passed through: they were intermediate steps.
    """
    found: list[str] = []
    kinds: set[str] = set()
    seen = {start}
    frontier = [start]
    while frontier:
        nxt: list[str] = []
        for node in frontier:
            for link in forward.get(node, ()):
                kinds.add(link.kind)
                other = link.successor
                if other in seen:
                    continue
                seen.add(other)
                if other in target.units:
                    found.append(other)
                else:
                    nxt.append(other)
        frontier = nxt
    return sorted(found), kinds


def _try(work: Structure, candidates: Iterable[Change]) -> Change | None:
    """Apply the first candidate whose check passes on ``work``; return it."""
    for change in candidates:
        if not step(change, work):
            return change
    return None


def lineage_changes(
    work: Structure, target: Structure, links: Iterable[LineageLink], date: FuzzyDate
) -> list[Change]:
    """Merges, splits and replacements from ``work`` towards ``target``, applied to ``work``.

    ``links`` are the lineage links recorded between the two structures, oldest
    first, read in the direction of the diff (see :func:`reverse_links`). ``work``
    is changed in place: pass a copy.
    """
    forward: dict[str, list[LineageLink]] = {}
    for link in links:
        forward.setdefault(link.predecessor, []).append(link)
    if not forward:
        return []
    out: list[Change] = []
    single: dict[str, list[tuple[str, set[str]]]] = {}
    for unit in sorted(forward.keys() & work.units.keys()):
        successors, kinds = _live_successors(unit, forward, target)
        if not successors:
            continue
        ends = unit not in target.units
        if "split" in kinds and (len(successors) > 1 or not ends):
            change = _split(work, target, unit, successors, keep=not ends, date=date)
            if change is not None:
                out.append(change)
        elif ends and len(successors) == 1:
            single.setdefault(successors[0], []).append((unit, kinds))
    for successor in sorted(single):
        change = _merge_or_replace(work, target, successor, single[successor], date)
        if change is not None:
            out.append(change)
    return out


def _parents_to_try(work: Structure, target: Structure, unit: str) -> list[str | None]:
    """The target's line of oversight for ``unit`` if it is in force already, else none."""
    up = target.oversight.get(unit)
    return [up, None] if up is not None and work.exists(up) else [None]


def _merge_or_replace(
    work: Structure,
    target: Structure,
    successor: str,
    ended: list[tuple[str, set[str]]],
    date: FuzzyDate,
) -> Change | None:
    units = tuple(u for u, _ in ended)
    kinds = set().union(*(k for _, k in ended))
    is_new = not work.exists(successor)
    spec = UnitSpec.of(target.units[successor]) if is_new else None
    if len(units) == 1 and kinds == {"replace"}:
        if not is_new:
            return _try(work, [Replace(date=date, unit=units[0], by=successor)])
        return _try(
            work,
            [
                Replace(date=date, unit=units[0], by=successor, new=spec, parent=p)
                for p in _parents_to_try(work, target, successor)
            ],
        )
    if len(units) == 1 and kinds == {"split"} and is_new:
        return _split(work, target, units[0], [successor], keep=False, date=date)
    if not is_new:
        return _try(work, [Merge(date=date, units=(*units, successor), into=successor)])
    return _try(
        work,
        [
            Merge(date=date, units=units, into=successor, new=spec, parent=p)
            for p in _parents_to_try(work, target, successor)
        ],
    )


def _split(
    work: Structure,
    target: Structure,
    unit: str,
    successors: list[str],
    *,
    keep: bool,
    date: FuzzyDate,
) -> Change | None:
    new = [s for s in successors if not work.exists(s)]
    if not new:
        return None
    new_ids = set(new)
    into = tuple(UnitSpec.of(target.units[s]) for s in new)
    first = new[0]

    # Where the target puts each new unit, and what the split unit hands to which new one.
    parents: dict[str, str | None] = {}
    for s in new:
        up = target.oversight.get(s)
        if up in new_ids or (up is not None and work.exists(up) and (keep or up != unit)):
            parents[s] = up
        elif up is None:
            parents[s] = None
    moves: dict[str, str] = {}
    for post in work.posts_in(unit):
        if work.posts[post].senior:  # a node: handed over below, with the children
            continue
        version = target.posts.get(post)
        home = version.unit if version is not None else None
        # Without ``keep`` posts go to the first new unit anyway: say only the others.
        if home in new_ids and (keep or home != first):
            moves[post] = home  # type: ignore[assignment]
    children = work.children(unit)
    for child in children:
        home = target.oversight.get(child)
        if home in new_ids:
            moves[child] = home  # type: ignore[assignment]
        elif not keep:
            moves[child] = first

    plain_moves = dict.fromkeys(children, first) if not keep else {}
    return _try(
        work,
        [
            Split(date=date, unit=unit, into=into, keep=keep, parents=parents, moves=moves),
            Split(date=date, unit=unit, into=into, keep=keep, moves=plain_moves),
        ],
    )
