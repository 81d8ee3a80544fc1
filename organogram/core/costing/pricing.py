"""What one post costs a year under a cost table, and which budget part pays for it.

Rules (docs/cost.md):

* a post is costed at its grade and duty station: the table's row for that grade and
  station, else its row for that grade at "*"; a post whose grade is not given (and
  not assumed by the table) or has no row is *not costed* — listed, never counted as 0;
* its annual cost is the row's cost times its full-time equivalent (fte), to the cent;
* only established posts count in totals; frozen posts are costed and listed apart;
  proposed (and abolished) posts are left out, and the output says how many;
* its budget part follows its funding: by default core -> administrative and
  projects -> operational (:data:`DEFAULT_PARTS`, which callers may replace); a post
  whose funding is not given falls in the part "" (shown as "funding not given").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ..model import Post, PostStatus
from .model import ANY_STATION, CostRow, CostTable
from .rates import cents

#: Funding of a post -> the budget part it is paid from (a default; callers may pass another).
DEFAULT_PARTS: Mapping[str, str] = {"core": "administrative", "projects": "operational"}

#: Statuses whose posts are in totals; costed but listed apart (the rest are left out).
COUNTED = frozenset({str(PostStatus.ESTABLISHED)})
APART = frozenset({str(PostStatus.FROZEN)})


@dataclass(frozen=True, slots=True)
class Terms:
    """What costing reads of a post: its grade (or the one a table assumes), duty station,
    fte, status and funding."""

    grade: str
    grade_assumed: bool
    duty_station: str
    fte: Decimal
    status: str
    funding: str

    @classmethod
    def of(cls, post: Post, table: CostTable) -> Terms:
        """The terms of ``post``, its grade assumed from ``table`` when it has none."""
        grade = post.grade
        assumed = False
        if not grade and post.id in table.assumed_grades:
            grade, assumed = table.assumed_grades[post.id], True
        return cls(
            grade=grade,
            grade_assumed=assumed,
            duty_station=post.duty_station,
            # fte is a float in the model: its shortest text is the figure as written.
            fte=Decimal(repr(post.fte)),
            status=str(post.status),
            funding=str(post.funding),
        )


@dataclass(frozen=True, slots=True)
class Price:
    """A post's annual cost in the table's currency, or why it has none."""

    annual: Decimal | None
    row: CostRow | None
    reason: str = ""


def price(terms: Terms, table: CostTable) -> Price:
    """The annual cost of a post with ``terms`` under ``table`` (fte applied, to the cent)."""
    if not terms.grade:
        return Price(None, None, "no grade")
    row = table.row(terms.grade, terms.duty_station)
    if row is None:
        return Price(None, None, f"no cost for grade {terms.grade} in {table.id}")
    return Price(cents(row.cost * terms.fte), row)


def part_of(funding: str, parts: Mapping[str, str] = DEFAULT_PARTS) -> str:
    """The budget part of a post funded by ``funding`` ("" when not given or not mapped)."""
    return parts.get(funding, "")


def station_used(price: Price) -> str:
    """The duty station of the row used ("*" for the default row), for output."""
    return price.row.duty_station if price.row is not None else ANY_STATION
