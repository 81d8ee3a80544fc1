"""One node's headcount and cost at many dates (the monthly series of a department).

Each date is a mask over the versions and a gather of the node's subtree, as
:func:`~.rollups.rollup` on that date's :class:`~.day.Day`; nothing is folded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .day import Day
from .rollups import rollup
from .versions import Versions


def series(
    versions: Versions,
    node: str,
    days: Iterable[dt.date],
    costs: Mapping[str, float] | None = None,
) -> list[tuple[dt.date, int, float]]:
    """(day, headcount, cost) of ``node``'s subtree on each of ``days``, earliest first."""
    return [(d, *rollup(Day.of(versions, d), node, costs)) for d in sorted(set(days))]
