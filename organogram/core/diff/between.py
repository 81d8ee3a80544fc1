"""The difference between the structure as of two dates, with what happened between.

:func:`diff_between` folds the timeline to both dates and returns a :class:`DateDiff`:
the net changes that turn the earlier structure into the later one (expressed as
merges, splits and replacements where the record says units were merged, split or
replaced), the lineage links recorded in between, and the timeline's own changes in
that interval. Going backwards (start after end) gives the changes that turn the
later structure back into the earlier one, with lineage read backwards (a merge
undone is a split).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from ..changes import Change, Merge, Replace, Split
from ..dates import FuzzyDate, as_of
from ..model import LineageLink, Post
from ..structure import Structure
from ..timeline import Timeline
from .compare import diff
from .lineage import reverse_links

#: The counts a summary gives, in order.
SUMMARY_KEYS = (
    "units_added",
    "units_removed",
    "units_moved",
    "units_renamed",
    "units_reclassified",
    "posts_added",
    "posts_removed",
    "posts_moved",
    "posts_regraded",
    "posts_retitled",
    "posts_otherwise_amended",
    "merges",
    "splits",
    "replacements",
)


#: Attributes of a post whose change is neither a move, a regrade nor a retitling.
_OTHER_POST_FIELDS = tuple(
    f.name for f in fields(Post) if f.name not in ("id", "title", "grade", "unit")
)


def summarize(before: Structure, after: Structure, changes: list[Change]) -> dict[str, int]:
    """Count units and posts added, removed, moved, renamed, regraded between two structures.

    Counts come from the structures themselves, so they do not depend on how the
    changes express the difference; merges, splits and replacements are counted
    from the changes. A kept post is counted regraded when its grade differs, retitled
    when its title differs and otherwise amended when another attribute (category,
    duty station, status, funding, FTE…) differs: one post may count under several.
    """
    kept_units = before.units.keys() & after.units.keys()
    kept_posts = before.posts.keys() & after.posts.keys()

    def moved(node: str) -> bool:
        return before.oversight.get(node) != after.oversight.get(node)

    def renamed(u: str) -> bool:
        a, b = before.units[u], after.units[u]
        return (a.name, a.abbreviation) != (b.name, b.abbreviation)

    def post_moved(p: str) -> bool:
        return moved(p) or before.posts[p].unit != after.posts[p].unit

    def regraded(p: str) -> bool:
        return before.posts[p].grade != after.posts[p].grade

    def retitled(p: str) -> bool:
        return before.posts[p].title != after.posts[p].title

    def amended(p: str) -> bool:
        a, b = before.posts[p], after.posts[p]
        return any(getattr(a, f) != getattr(b, f) for f in _OTHER_POST_FIELDS)

    counts = {
        "units_added": len(after.units.keys() - before.units.keys()),
        "units_removed": len(before.units.keys() - after.units.keys()),
        "units_moved": sum(map(moved, kept_units)),
        "units_renamed": sum(map(renamed, kept_units)),
        "units_reclassified": sum(before.units[u].kind != after.units[u].kind for u in kept_units),
        "posts_added": len(after.posts.keys() - before.posts.keys()),
        "posts_removed": len(before.posts.keys() - after.posts.keys()),
        "posts_moved": sum(map(post_moved, kept_posts)),
        "posts_regraded": sum(map(regraded, kept_posts)),
        "posts_retitled": sum(map(retitled, kept_posts)),
        "posts_otherwise_amended": sum(map(amended, kept_posts)),
        "merges": sum(isinstance(c, Merge) for c in changes),
        "splits": sum(isinstance(c, Split) for c in changes),
        "replacements": sum(isinstance(c, Replace) for c in changes),
    }
    return {key: counts[key] for key in SUMMARY_KEYS}


@dataclass
class DateDiff:
    """What differs between the structure on ``start`` and the structure on ``end``."""

    start: dt.date
    end: dt.date
    #: the structure on ``start`` and on ``end``.
    before: Structure
    after: Structure
    #: net changes that turn ``before`` into ``after``, in an order that applies.
    changes: list[Change]
    #: lineage links recorded between the two dates, as recorded (oldest first).
    lineage: list[LineageLink]
    #: the timeline's changes effective between the two dates, as recorded.
    events: list[Change]

    @property
    def backward(self) -> bool:
        """True when ``start`` is after ``end``: the diff goes back in time."""
        return self.start > self.end

    def summary(self) -> dict[str, int]:
        """Counts of units and posts added, removed, moved, renamed, regraded, retitled,
        otherwise amended (and of merges, splits, replacements), by name in
        :data:`SUMMARY_KEYS` order."""
        return summarize(self.before, self.after, self.changes)


def diff_between(
    timeline: Timeline,
    start: str | dt.date | FuzzyDate,
    end: str | dt.date | FuzzyDate,
) -> DateDiff:
    """The difference between the structure as of ``start`` and as of ``end``.

    A period is read as its last day (``"2016"`` is 31 December 2016). The changes
    are dated ``end``. ``events`` are the timeline's changes effective after the
    earlier day and on or before the later one, whichever way the diff goes.
    """
    day0, day1 = as_of(start), as_of(end)
    lo, hi = sorted((day0, day1))
    s_lo, _ = timeline.fold(lo)
    p_lo, p_hi = timeline.position(lo), timeline.position(hi)
    if timeline.nearest_checkpoint(p_hi) > p_lo:
        s_hi, _ = timeline.fold(hi)
    else:
        # Go on from the earlier structure rather than fold the years before it again.
        s_hi = s_lo.copy()
        timeline.advance(s_hi, [], p_lo, p_hi)
    # Folding is append-only on lineage, so what the later fold adds was recorded between.
    links = s_hi.lineage[len(s_lo.lineage) :]
    before, after = (s_lo, s_hi) if day0 <= day1 else (s_hi, s_lo)
    changes = diff(
        before,
        after,
        date=FuzzyDate.day(day1),
        lineage=links if day0 <= day1 else reverse_links(links),
    )
    return DateDiff(
        start=day0,
        end=day1,
        before=before,
        after=after,
        changes=changes,
        lineage=list(links),
        events=timeline.between(lo, hi),
    )
