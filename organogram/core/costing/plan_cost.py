"""The cost of a plan: what its created, abolished, regraded and amended posts add, by year.

A plan's cost is the difference, month by month, between the record with the plan and
without it (for an enacted plan: without its changes), over the years from its first
change to its last date. Pro-rating follows one rule (docs/cost.md): **a post costs a
twelfth of its annual cost for each month in whose first day it is in force**. A post
created on 1 October 2021 (or "2021-Q4", which starts that day) costs 3/12 of a year in
2021 and the whole of 2022; one created on 15 October costs 2/12 in 2021; one abolished
on 15 October still costs October. Each year is costed with its own cost table and
converted at its own rate as of 31 December (see :mod:`.rates`).

Only posts whose costed terms differ somewhere are priced; for each post and year the
difference is summed exactly, rounded to the cent, then converted and rounded again, so
the totals by year and by part are sums of the listed figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Post
from ..plans import Plan
from ..plans.branch import before_and_after
from ..timeline import Timeline
from .model import CostTable, ExchangeRate
from .pricing import COUNTED, DEFAULT_PARTS, Terms, part_of, price
from .rates import Conversion, cents, conversion, table_for

ZERO = Decimal(0)
TWELVE = Decimal(12)


@dataclass
class PlanPost:
    """One post the plan touches: what it does to it, and what that costs each year."""

    post: str
    title: str
    #: created, abolished, regraded or changed (status, fte, duty station, funding).
    effect: str
    before: Terms | None
    after: Terms | None
    part: str
    #: year -> difference in the output currency (None: not costed that year).
    years: dict[int, Decimal | None] = field(default_factory=dict)
    #: year -> the same in the currency of that year's cost table, before conversion.
    native: dict[int, Decimal | None] = field(default_factory=dict)
    reason: str = ""

    @property
    def costed(self) -> bool:
        """True when every year has a figure."""
        return all(v is not None for v in self.years.values())


@dataclass(frozen=True)
class PlanYear:
    """One year of a plan's cost."""

    year: int
    table: CostTable
    conversion: Conversion
    total: Decimal
    by_part: dict[str, Decimal]
    #: posts of the plan without a figure for this year.
    not_costed: int
    #: the total in the table's currency, before conversion (= total when not converted).
    native_total: Decimal = ZERO


@dataclass
class PlanCost:
    """A plan's cost by year, in ``currency``, and the posts it comes from."""

    plan: Plan
    currency: str
    years: list[PlanYear]
    posts: list[PlanPost]

    @property
    def total(self) -> Decimal:
        """The sum over the years."""
        return sum((y.total for y in self.years), ZERO)

    @property
    def illustrative(self) -> bool:
        """True when an illustrative table or rate was used for any year."""
        return any(
            y.table.illustrative
            or (y.conversion.rate is not None and y.conversion.rate.illustrative)
            for y in self.years
        )


def plan_years(plan: Plan) -> list[int]:
    """The years a plan is costed over by default: from its earliest date's year to the
    year after its last change (the first full year of its effect), or to its last
    phase's year if later."""
    first = min(d.start.year for d in plan.dates())
    last = max([plan.last_date().end.year + 1, *(p.effective.end.year for p in plan.phases)])
    return list(range(first, last + 1))


@dataclass
class _Tally:
    """Sums for one post and one year: annual cost x months in force, before and after."""

    before: Decimal = ZERO
    after: Decimal = ZERO
    missing: str = ""


def _monthly(post: Post | None, table: CostTable) -> tuple[Decimal, Terms | None, str]:
    """(annual cost counted in a month, the post's terms, why not costed) for one side."""
    if post is None:
        return ZERO, None, ""
    terms = Terms.of(post, table)
    if terms.status not in COUNTED:
        return ZERO, terms, ""
    p = price(terms, table)
    if p.annual is None:
        return ZERO, terms, p.reason
    return row_annual(p.row.cost, terms.fte), terms, ""  # type: ignore[union-attr]


def row_annual(cost: Decimal, fte: Decimal) -> Decimal:
    """Annual cost times fte, unrounded (rounded once the year is summed)."""
    return cost * fte


def plan_cost(
    timeline: Timeline,
    plan: Plan,
    tables: Iterable[CostTable],
    rates: Iterable[ExchangeRate] = (),
    *,
    currency: str | None = None,
    table_id: str | None = None,
    years: list[int] | None = None,
    parts: Mapping[str, str] = DEFAULT_PARTS,
) -> PlanCost:
    """The cost of ``plan`` each year (default: :func:`plan_years`), in ``currency``.

    ``currency`` defaults to the currency of the first year's table. Raises
    :class:`~.rates.CostingError` when a year has no table or a needed rate is missing.
    """
    tables, rates = list(tables), list(rates)
    years = years or plan_years(plan)
    by_year = {y: table_for(tables, y, table_id) for y in years}
    out_currency = currency or by_year[years[0]].currency
    convs = {
        y: conversion(rates, t.currency, out_currency, dt.date(y, 12, 31))
        for y, t in by_year.items()
    }
    without, with_plan, _mine = before_and_after(timeline, plan)
    firsts = [dt.date(y, m, 1) for y in years for m in range(1, 13)]
    tallies: dict[tuple[str, int], _Tally] = {}
    last: dict[str, tuple[Post | None, Post | None]] = {}
    for b, a in zip(without.snapshots(firsts), with_plan.snapshots(firsts), strict=True):
        year = b.day.year
        table = by_year[year]
        bp, ap = b.structure.posts, a.structure.posts
        for post_id in {k for k, _ in bp.items() ^ ap.items()}:
            before, after = bp.get(post_id), ap.get(post_id)
            last[post_id] = (before, after)
            t = tallies.setdefault((post_id, year), _Tally())
            b_cost, b_terms, b_why = _monthly(before, table)
            a_cost, a_terms, a_why = _monthly(after, table)
            if b_terms == a_terms:
                continue  # moved, retitled…: no difference in cost
            t.before += b_cost
            t.after += a_cost
            t.missing = t.missing or a_why or b_why
    posts = _posts(last, tallies, years, by_year, convs, parts)
    return PlanCost(plan, out_currency, _years(posts, years, by_year, convs), posts)


def _posts(
    last: dict[str, tuple[Post | None, Post | None]],
    tallies: dict[tuple[str, int], _Tally],
    years: list[int],
    by_year: dict[int, CostTable],
    convs: dict[int, Conversion],
    parts: Mapping[str, str],
) -> list[PlanPost]:
    table = by_year[years[-1]]
    out = []
    for post_id, (before, after) in last.items():
        b = Terms.of(before, table) if before is not None else None
        a = Terms.of(after, table) if after is not None else None
        figures: dict[int, Decimal | None] = {}
        native: dict[int, Decimal | None] = {}
        reason = ""
        for y in years:
            t = tallies.get((post_id, y))
            if t is None:
                figures[y] = native[y] = ZERO
            elif t.missing:
                figures[y] = native[y] = None
                reason = t.missing
            else:
                native[y] = cents((t.after - t.before) / TWELVE)
                figures[y] = convs[y](native[y])
        effect = _effect(b, a)
        if effect == "changed" and all(v == ZERO for v in figures.values()):
            continue  # the plan touches the post but not its cost
        current = after or before
        funding = (a or b).funding if (a or b) is not None else ""
        out.append(
            PlanPost(
                post=post_id,
                title=current.title if current is not None else post_id,
                effect=effect,
                before=b,
                after=a,
                part=part_of(funding, parts),
                years=figures,
                native=native,
                reason=reason,
            )
        )
    order = {"created": 0, "regraded": 1, "changed": 2, "abolished": 3}
    out.sort(key=lambda p: (order.get(p.effect, 4), p.post))
    return out


def _effect(b: Terms | None, a: Terms | None) -> str:
    """What the plan does to a post, judged on the last month it makes a difference."""
    if b is None:
        return "created"
    if a is None:
        return "abolished"
    return "regraded" if a.grade != b.grade else "changed"


def _years(
    posts: list[PlanPost],
    years: list[int],
    by_year: dict[int, CostTable],
    convs: dict[int, Conversion],
) -> list[PlanYear]:
    out = []
    for y in years:
        by_part: dict[str, Decimal] = {}
        native = ZERO
        missing = 0
        for p in posts:
            v = p.years[y]
            if v is None:
                missing += 1
                continue
            by_part[p.part] = by_part.get(p.part, ZERO) + v
            native += p.native[y]  # type: ignore[operator]
        total = sum(by_part.values(), ZERO)
        parts = dict(sorted(by_part.items()))
        out.append(PlanYear(y, by_year[y], convs[y], total, parts, missing, native))
    return out
