"""The set part of the difference between two dates, from two :class:`~.day.Day` masks.

Which units were added, removed, moved (another line of oversight) or renamed, and
which posts were added, removed, moved to another unit or regraded. What the changes
between them *were* (merges, splits, renames in the change vocabulary) is the core's
diff: these sets say only what differs.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .day import Day
from .schema import ABSENT
from .versions import Versions

KINDS = (
    "units_added",
    "units_removed",
    "units_moved",
    "units_renamed",
    "posts_added",
    "posts_removed",
    "posts_moved",
    "posts_regraded",
)


def diff_sets(versions: Versions, before: dt.date, after: dt.date) -> dict[str, np.ndarray]:
    """Each kind of difference between ``before`` and ``after``, as node numbers in
    ascending order (``versions.nodes`` gives their ids)."""
    a, b = Day.of(versions, before), Day.of(versions, after)
    kept_units = a.unit & b.unit
    pa, pb = a.post_unit != ABSENT, b.post_unit != ABSENT
    kept_posts = pa & pb
    found = {
        "units_added": b.unit & ~a.unit,
        "units_removed": a.unit & ~b.unit,
        "units_moved": kept_units & (a.parent != b.parent),
        "units_renamed": kept_units & (a.name != b.name),
        "posts_added": pb & ~pa,
        "posts_removed": pa & ~pb,
        "posts_moved": kept_posts & (a.post_unit != b.post_unit),
        "posts_regraded": kept_posts & (a.grade != b.grade),
    }
    return {k: np.nonzero(found[k])[0] for k in KINDS}
