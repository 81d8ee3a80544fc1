"""The diff of two structures: the changes that turn one into the other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..changes import Change, Reclassify, Rename
from ..collector import paused
from ..dates import FuzzyDate
from ..model import LineageLink
from ..structure import Structure
from .lineage import lineage_changes
from .plain import number, plain_diff


def diff(
    a: Structure,
    b: Structure,
    *,
    date: str | dt.date | FuzzyDate,
    lineage: Iterable[LineageLink] = (),
) -> list[Change]:
    """The changes that turn structure ``a`` into structure ``b``, each dated ``date``.

    Applied one after another to a copy of ``a``, every change's check passes and the
    result is the same structure as ``b`` (see :func:`same_structure`); holders are
    compared as (person, kind), so ``a`` and ``b`` must share their people. The order
    is deterministic and the changes are numbered ``diff-1``, ``diff-2``…

    ``lineage``: links from ``a`` towards ``b`` (as a timeline records them between
    two dates); where they say a unit was merged, split or replaced, the diff says so
    with a merge, split or replacement instead of an abolition and a creation.
    """
    with paused():
        return _diff(a, b, FuzzyDate.parse(date), lineage)


def _diff(
    a: Structure, b: Structure, when: FuzzyDate, lineage: Iterable[LineageLink]
) -> list[Change]:
    work = a.copy()
    # Renames and reclassifications of lasting units come first, so that every later
    # change (a merge into a renamed department, a post created in it) is told with the
    # names the units end up with.
    first = _renames(work, b, when)
    links = list(lineage)
    if links:
        first += lineage_changes(work, b, links, when)
    return number([*first, *plain_diff(work, b, when)])


def _renames(work: Structure, b: Structure, when: FuzzyDate) -> list[Change]:
    """Rename or reclassify, on ``work``, each unit in both whose name or kind differs."""
    out: list[Change] = []
    for unit in sorted(work.units.keys() & b.units.keys()):
        old, new = work.units[unit], b.units[unit]
        name = new.name if new.name != old.name else None
        abbr = new.abbreviation if new.abbreviation != old.abbreviation else None
        change: Change
        if new.kind != old.kind:
            change = Reclassify(date=when, unit=unit, kind=new.kind, name=name, abbreviation=abbr)
        elif name is not None or abbr is not None:
            change = Rename(date=when, unit=unit, name=new.name, abbreviation=abbr)
        else:
            continue
        change.apply(work)
        out.append(change)
    return out
