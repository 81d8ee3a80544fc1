"""Costs as data: the structure's cost at a date, a plan's cost by year, the budgets.

Shared by the ``organogram cost`` command, the Cost page, the plan page and the API.
Money is given as text with two decimals ("720000.00") so that no reader turns it into
a float on the way; every result says whether an illustrative table or rate was used.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..core.costing import (
    DEFAULT_PARTS,
    CostedPost,
    PlanCost,
    StructureCost,
    Terms,
    plan_cost,
    structure_cost,
)
from ..core.costing.rates import Conversion
from ..core.dates import FuzzyDate
from ..core.errors import OrganogramError
from ..core.record import Record
from .claims import cost_claims
from .structure import snapshot_for, tree_order

#: Groupings of a structure's cost.
GROUPINGS = ("unit", "grade", "part")

#: What the output says about which posts are counted (docs/cost.md).
RULES = (
    "Annual standard cost of the established posts in force on the day, at their grade and "
    "duty station (the grade's default row where the station has none), times their fte.",
    "Posts without a grade or without a row for their grade are not costed: listed, not "
    "counted as 0.",
    "Frozen posts are costed and listed apart, outside the totals; proposed and abolished "
    "posts are left out.",
)

ILLUSTRATIVE = (
    "Illustrative figures: the cost table or exchange rate used is an example, not the "
    "organization's own."
)

NO_PART = "funding not given"


def money(value: Decimal | None) -> str | None:
    """A figure as text with two decimals (None stays None)."""
    return None if value is None else f"{value:.2f}"


def grouped(text: str | None) -> str:
    """A figure as given by :func:`money` with thousands separated: "1,234,567.50"."""
    if text is None:
        return ""
    whole, dot, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    return f"{sign}{int(digits or 0):,}{dot}{frac}"


def parse_years(text: str | None) -> list[int] | None:
    """``2021,2022`` as a list of years (None or empty: the plan's own years)."""
    if not text:
        return None
    try:
        return [int(y) for y in text.split(",")]
    except ValueError:
        raise OrganogramError(f"years: {text!r} is not a list of years (e.g. 2021,2022)") from None


def parse_parts(text: str | None) -> Mapping[str, str]:
    """``core=administrative,projects=operational`` as a mapping (None: the default)."""
    if not text:
        return DEFAULT_PARTS
    out: dict[str, str] = {}
    for item in text.split(","):
        funding, sep, part = item.partition("=")
        if not sep or not funding.strip() or not part.strip():
            raise OrganogramError(
                f"--parts: {item!r} is not FUNDING=PART (e.g. core=administrative)"
            )
        out[funding.strip()] = part.strip()
    return out


def _tables(record: Record):
    return record.register("cost_tables").values()


def _rates(record: Record):
    return record.register("exchange_rates").values()


def _table_data(table) -> dict[str, Any]:
    return {
        "id": table.id,
        "year": table.year,
        "currency": table.currency,
        "title": table.title,
        "illustrative": table.illustrative,
    }


def _conversion_data(c: Conversion) -> dict[str, Any] | None:
    if c.rate is None:
        return None
    return {
        "from": c.base,
        "to": c.quote,
        "factor": str(c.factor.normalize()),
        "rate": c.rate.id,
        "inverted": c.inverted,
        "illustrative": c.rate.illustrative,
        "text": c.describe(),
    }


def _post_data(c: CostedPost, record_labels: Mapping[str, str]) -> dict[str, Any]:
    return {
        "post": c.post,
        "title": c.title,
        "node": c.node,
        "node_label": record_labels.get(c.node, c.node or "") if c.node else "",
        "grade": c.grade,
        "grade_assumed": c.grade_assumed,
        "duty_station": c.duty_station,
        "row_station": c.row_station,
        "fte": str(c.fte),
        "status": c.status,
        "funding": c.funding,
        "part": c.part,
        "annual": money(c.annual),
        "amount": money(c.amount),
        "reason": c.reason,
    }


def cost_at(
    record: Record,
    at: str | FuzzyDate,
    *,
    by: str = "unit",
    currency: str | None = None,
    table: str | None = None,
    plan: str | None = None,
    parts: Mapping[str, str] = DEFAULT_PARTS,
    people: bool = True,
) -> dict[str, Any]:
    """The annual cost of the structure as of ``at`` (with ``plan`` previewed, if given),
    grouped ``by`` unit (with subtree totals, in tree order), grade or budget part, and
    the claims kept about what it shows (``claims``: the posts, the year's budget, the
    table and the plan; those about a person only with ``people``).

    ``total`` is None ("not costed") when established posts are in force but none of
    them could be costed: a total of nothing known is not 0."""
    if by not in GROUPINGS:
        raise OrganogramError(f"cannot group by {by!r}: use one of {', '.join(GROUPINGS)}")
    snap = snapshot_for(record, at, plan)
    s = snap.structure
    c = structure_cost(
        s, snap.day, _tables(record), _rates(record), currency=currency, table_id=table, parts=parts
    )
    labels = {n: s.label(n) for n in s.nodes()}
    illustrative = _illustrative(c)
    return {
        "date": snap.day.isoformat(),
        "plan": plan,
        "by": by,
        "currency": c.currency,
        "table": _table_data(c.table),
        "conversion": _conversion_data(c.conversion),
        "illustrative": illustrative,
        "warning": ILLUSTRATIVE if illustrative else "",
        "rules": list(RULES),
        "total": None if c.not_costed and not c.counted else money(c.total),
        "counted": len(c.counted),
        "groups": _groups(c, by, s, labels),
        "posts": [_post_data(p, labels) for p in c.counted],
        "not_costed": [_post_data(p, labels) for p in c.not_costed],
        "frozen": [_post_data(p, labels) for p in c.frozen],
        "left_out": dict(sorted(c.left_out.items())),
        "budgets": [b for b in budgets_data(record) if b["year"] == snap.day.year],
        "claims": cost_claims(
            record,
            posts=[p.post for p in (*c.counted, *c.not_costed, *c.frozen)],
            year=snap.day.year,
            tables=[c.table.id],
            plan=plan,
            people=people,
            names=labels,
        ),
    }


def _illustrative(c: StructureCost) -> bool:
    rate = c.conversion.rate
    return c.table.illustrative or (rate is not None and rate.illustrative)


def _groups(c: StructureCost, by: str, s, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    count = Counter(
        (kind, key)
        for p in c.counted
        for kind, key in (("grade", p.grade), ("part", p.part), ("node", p.node))
    )
    if by == "grade":
        return [
            {"key": g, "label": g, "amount": money(v), "posts": count["grade", g]}
            for g, v in c.by_grade().items()
        ]
    if by == "part":
        return [
            {
                "key": part,
                "label": part or NO_PART,
                "amount": money(v),
                "posts": count["part", part],
            }
            for part, v in c.by_part().items()
        ]
    out = []
    for node in tree_order(s):
        subtree = c.subtree.get(node, Decimal(0))
        if not subtree:
            continue  # nothing costed in it or below it
        out.append(
            {
                "key": node,
                "label": labels.get(node, node),
                "depth": len(s.ancestors(node)),
                "amount": money(c.direct.get(node, Decimal(0))),
                "subtree": money(subtree),
                "posts": count["node", node],
            }
        )
    return out


def _terms_data(t: Terms | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {
        "grade": t.grade,
        "grade_assumed": t.grade_assumed,
        "duty_station": t.duty_station,
        "fte": str(t.fte),
        "status": t.status,
        "funding": t.funding,
    }


def plan_cost_data(
    record: Record,
    plan_id: str,
    *,
    currency: str | None = None,
    table: str | None = None,
    years: list[int] | None = None,
    parts: Mapping[str, str] = DEFAULT_PARTS,
    people: bool = True,
) -> dict[str, Any]:
    """What a plan's created, abolished, regraded and amended posts cost each year, and
    the claims kept about the plan, its posts and the tables used (``claims``)."""
    plan = record.plan(plan_id)
    c: PlanCost = plan_cost(
        record.timeline,
        plan,
        _tables(record),
        _rates(record),
        currency=currency,
        table_id=table,
        years=years,
        parts=parts,
    )
    return {
        "plan": {"id": plan.id, "title": plan.title, "status": str(plan.status)},
        "currency": c.currency,
        "illustrative": c.illustrative,
        "warning": ILLUSTRATIVE if c.illustrative else "",
        "rule": "Pro-rated: a post costs a twelfth of its annual cost for each month in whose "
        "first day it is in force.",
        "total": money(c.total),
        "years": [
            {
                "year": y.year,
                "table": _table_data(y.table),
                "conversion": _conversion_data(y.conversion),
                "total": money(y.total),
                "native": {"currency": y.table.currency, "total": money(y.native_total)},
                "by_part": [
                    {"part": k, "label": k or NO_PART, "amount": money(v)}
                    for k, v in y.by_part.items()
                ],
                "not_costed": y.not_costed,
            }
            for y in c.years
        ],
        "posts": [
            {
                "post": p.post,
                "title": p.title,
                "effect": p.effect,
                "before": _terms_data(p.before),
                "after": _terms_data(p.after),
                "part": p.part,
                "part_label": p.part or NO_PART,
                "years": {str(y): money(v) for y, v in p.years.items()},
                "native": {str(y): money(v) for y, v in p.native.items()},
                "reason": p.reason,
            }
            for p in c.posts
        ],
        "claims": cost_claims(
            record,
            posts=[p.post for p in c.posts],
            tables=dict.fromkeys(y.table.id for y in c.years),
            plan=plan.id,
            people=people,
            names={p.post: p.title for p in c.posts},
        ),
    }


def budgets_data(record: Record) -> list[dict[str, Any]]:
    """The budgets register by year (latest first), then part as written."""
    entries = sorted(record.register("budgets").values(), key=lambda b: -b.year)
    return [
        {
            "id": b.id,
            "year": b.year,
            "part": b.part,
            "currency": b.currency,
            "amount": money(b.amount),
            "stage": str(b.stage),
            "decided_by": [str(x) for x in b.decided_by],
            "cite": [str(x) for x in b.cite],
            "note": b.note,
        }
        for b in entries
    ]
