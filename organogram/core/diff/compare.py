"""The diff of two structures: the changes that turn one into the other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..changes import Change
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
    when = FuzzyDate.parse(date)
    links = list(lineage)
    if not links:
        return number(plain_diff(a, b, when))
    work = a.copy()
    first = lineage_changes(work, b, links, when)
    return number([*first, *plain_diff(work, b, when)])
