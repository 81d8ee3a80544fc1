"""What a synthetic organization is made of: its sizes, calendar, grades and names.

Shared by the generator (:mod:`bench.generate`) and the peers that read its rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: The first day of the record: every unit and post is created then.
START = dt.date(2005, 1, 1)
#: valid_to of a version still in force.
OPEN = dt.date.max.toordinal()
#: Grades and an illustrative standard annual cost per grade (not real salary scales).
GRADE_COST: dict[str, float] = {
    "D-2": 265_000.0,
    "D-1": 240_000.0,
    "P-5": 205_000.0,
    "P-4": 175_000.0,
    "P-3": 145_000.0,
    "P-2": 118_000.0,
    "G-6": 92_000.0,
    "G-5": 81_000.0,
    "G-4": 70_000.0,
}
GRADES = tuple(GRADE_COST)
#: How often each grade is drawn for a post (same order as :data:`GRADES`).
GRADE_WEIGHTS = (1, 3, 8, 14, 18, 10, 16, 18, 12)
#: A unit's kind by its depth (the deepest kind for every level below).
KINDS = ("office", "department", "division", "section", "unit", "team")


@dataclass(frozen=True)
class Size:
    """How big an organization to generate."""

    name: str
    units: int
    posts: int
    #: deepest level of each department's branch is drawn from this range (root: 0).
    depth: tuple[int, int]
    #: children of the one very wide unit.
    wide: int
    months: int = 240
    #: share of units changed, and of posts moved, each month.
    unit_churn: float = 0.01
    post_churn: float = 0.02
    plan_changes: int = 500


SIZES: dict[str, Size] = {
    "small": Size("small", 150, 2_000, (4, 7), 20),
    "medium": Size("medium", 10_000, 100_000, (6, 16), 300),
    "large": Size("large", 100_000, 1_000_000, (10, 24), 1_000),
}


def month_day(m: int) -> dt.date:
    """The first day of the ``m``-th month after :data:`START`."""
    y, mo = divmod(START.month - 1 + m, 12)
    return dt.date(START.year + y, mo + 1, 1)


def unit_name(i: int, version: int) -> str:
    """Name of unit ``i`` after ``version`` renames."""
    return f"Unit {i}" if version == 0 else f"Unit {i} ({version + 1})"
