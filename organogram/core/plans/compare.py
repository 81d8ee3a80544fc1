"""Compare a plan with the present, or two plans with each other, as lists of changes.

The comparison is made on structures, not on the plans' lists of changes: what the
plan would produce as of its effective date against what the record holds that day.
So a plan that renames a unit and renames it back shows no change, and two plans that
reach one structure by different routes compare as equal.
"""

from __future__ import annotations

import datetime as dt

from ..changes import Change
from ..dates import FuzzyDate
from ..timeline import Timeline
from .model import Plan
from .preview import Preview, preview


def plan_diff(
    timeline: Timeline, plan: Plan, at: str | dt.date | FuzzyDate | None = None
) -> list[Change]:
    """Changes turning the present structure into the plan's, as of its effective date."""
    # Imported when used, so that the diff may use plans without an import cycle.
    from ..diff import diff

    p = preview(timeline, plan, at)
    # Lineage the plan adds lets the diff say "merge" rather than "abolish and create".
    known = set(p.base.lineage)
    added = [link for link in p.structure.lineage if link not in known]
    return diff(p.base, p.structure, date=p.at, lineage=added)


def compare_plans(
    timeline: Timeline, a: Plan, b: Plan, at: str | dt.date | FuzzyDate | None = None
) -> list[Change]:
    """Changes turning plan ``a``'s structure into plan ``b``'s, as of ``at``.

    ``at`` defaults to the later of the two plans' effective dates, so both plans
    have taken effect.
    """
    from ..diff import diff

    left, right = preview_pair(timeline, a, b, at)
    return diff(left.structure, right.structure, date=left.at)


def preview_pair(
    timeline: Timeline, a: Plan, b: Plan, at: str | dt.date | FuzzyDate | None = None
) -> tuple[Preview, Preview]:
    """Both plans previewed on one day: ``at``, or the later of their effective dates."""
    when = (
        FuzzyDate.parse(at)
        if at is not None
        else max(a.effective, b.effective, key=lambda d: (d.end, d.sort_key()))
    )
    return preview(timeline, a, when), preview(timeline, b, when)
