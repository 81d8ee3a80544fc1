"""Charts of a record, as the command line and the web page ask for them.

:func:`chart_view` reads a :class:`ChartRequest` (a date, a plan, a date to compare
with, a unit, whether people may be shown) and returns the chart or charts to draw
and what a printed page says around them: title, date, source line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.dates import FuzzyDate, as_of
from ..core.errors import NotFound
from ..core.plans.branch import before_and_after
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Snapshot, Timeline
from .build import COLUMNS_FROM, chart_of, subtree
from .compare import compare
from .model import Chart
from .page import PageText

if TYPE_CHECKING:
    from ..columns import Day

MODES = ("overlay", "side-by-side", "before", "after")


@dataclass(frozen=True)
class ChartRequest:
    """What to chart: the record as of ``at``, with ``plan``, compared with ``compare``."""

    at: str
    plan: str | None = None
    compare: str | None = None
    unit: str | None = None
    people: bool = False
    mode: str = "overlay"


@dataclass
class ChartView:
    """The charts to draw (one, or two side by side) and the page's words."""

    charts: list[Chart]
    text: PageText
    day: str
    compare_day: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    #: boxes' text kept between drawings of this view (see :func:`.render.draw`).
    texts: dict = field(default_factory=dict, repr=False)


def long_date(day) -> str:
    """``31 December 2022``."""
    return f"{day.day} {day:%B %Y}"


def _structure(timeline: Timeline, at: str) -> Structure:
    return timeline.snapshot(at).structure


def _snapshot(timeline: Timeline, at: str) -> Snapshot:
    return timeline.snapshot(at)


def chart_view(
    record: Record, req: ChartRequest, days: Callable[[dt.date], Day] | None = None
) -> ChartView:
    """The chart(s) and page text for ``req``; NotFound for an unknown plan or unit.

    ``days``: the structure on a date read from the record's columns, when the caller
    keeps them (the registry); asked for the charts of the record itself (not a plan's
    branch, which the columns do not hold) of :data:`~.build.COLUMNS_FROM` units or more."""
    day = as_of(FuzzyDate.parse(req.at))
    timeline, plan = record.timeline, None
    base = timeline
    if req.plan:
        plan = record.plan(req.plan)
        base, timeline, _ = before_and_after(record.timeline, plan)

    def columns_of(chosen: Timeline, snap: Snapshot) -> Day | None:
        # The record's own charts only, and those large enough for the columns to pay.
        if days is None or chosen is not record.timeline:
            return None
        return days(snap.day) if len(snap.structure.units) >= COLUMNS_FROM else None

    snap = _snapshot(timeline, req.at)
    after = snap.structure
    known = record.organization.vacancy_known(day)
    org = record.organization.name
    what = f"with the plan \u201c{plan.title}\u201d ({plan.status})" if plan else ""
    if req.compare is None:
        _check_unit(after, req.unit, day)
        chart = chart_of(
            after,
            unit=req.unit,
            people=req.people,
            certainty=snap.certainty,
            vacancy_known=known,
            day=columns_of(timeline, snap),
        )
        subtitle = f"Structure as of {long_date(day)}"
        subtitle += f", {what}" if what else ""
        text = PageText(org, subtitle, source_line(record, timeline, day, plan))
        return ChartView([chart], text, day.isoformat())
    before_day = as_of(FuzzyDate.parse(req.compare))
    # With a plan, the earlier side is the record without it: the present beside the plan.
    before_snap = _snapshot(base, req.compare)
    before = before_snap.structure
    result = compare(
        before,
        after,
        people=req.people,
        certainties=(before_snap.certainty, snap.certainty),
        vacancy_known=(record.organization.vacancy_known(before_day), known),
        days=(columns_of(base, before_snap), columns_of(timeline, snap)),
    )
    if req.unit:
        _check_unit(after, req.unit, day)
        result.overlay = subtree(result.overlay, req.unit)
        result.before = subtree(result.before, req.unit)
        result.after = subtree(result.after, req.unit)
    # "Without the plan" matters only once the plan would be in effect on the earlier day.
    without = plan is not None and before_day >= plan.effective.start
    first = long_date(before_day) + (" without the plan" if without else "")
    second = long_date(day) + (f" {what}" if plan else "")
    subtitle = f"Changes from {first} to {second}"
    source = source_line(record, timeline, day, plan)
    if req.mode == "side-by-side":
        text = PageText(org, subtitle, source, headings=[first, second])
        charts = [result.before, result.after]
    elif req.mode == "before":
        text = PageText(
            org,
            f"Structure as of {first}, marked with what changed by {second}",
            source_line(record, base, before_day, None),
        )
        charts = [result.before]
    elif req.mode == "after":
        text = PageText(
            org, f"Structure as of {second}, marked with what changed since {first}", source
        )
        charts = [result.after]
    else:
        text = PageText(org, subtitle, source)
        charts = [result.overlay]
    counts = Counter(str(m) for n in result.overlay.nodes.values() for m in n.marks)
    return ChartView(charts, text, day.isoformat(), before_day.isoformat(), dict(counts))


def _check_unit(s: Structure, unit: str | None, day) -> None:
    if unit is not None and not s.is_node(unit):
        raise NotFound(f"no unit or senior post {unit!r} in force on {day.isoformat()}")


def source_line(record: Record, timeline: Timeline, day, plan) -> str:
    """Where the chart comes from: the record, its changes to the day and what they cite."""
    # The first ones, changes being in date order: a search, not a pass over them all.
    applied = timeline.changes[: timeline.position(day)]
    cited = Counter(c.source for change in applied for c in change.cites)
    docs = []
    for source_id, _ in cited.most_common(3):
        source = record.sources.get(source_id)
        docs.append(source.symbol or f"\u201c{source.title}\u201d" if source else source_id)
    text = (
        f"Source: the Organogram record of {record.organization.name}, "
        f"{len(applied)} dated changes in effect by {long_date(day)}"
    )
    if docs:
        more = len(cited) - len(docs)
        text += ", citing " + "; ".join(docs) + (f" and {more} other documents" if more > 0 else "")
    if plan is not None:
        text += f". Plan: {plan.title}"
    return text + "."
