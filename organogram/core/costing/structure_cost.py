"""The cost of a structure at a date: every post priced, totals by unit, subtree, grade, part.

The figures are annual: what the posts in force that day cost in a year at the
standard costs of the day's year (see :mod:`.pricing` for the rules on grades,
duty stations, statuses and budget parts, :mod:`.rates` for tables and currencies).
Each post's cost is rounded to the cent once, converted to the output currency and
rounded again; every total is a sum of those figures, so the groupings add up to the
total exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..rollups import top_down
from ..structure import Structure
from .model import CostTable, ExchangeRate
from .pricing import APART, COUNTED, DEFAULT_PARTS, Terms, part_of, price, station_used
from .rates import Conversion, conversion, table_for

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class CostedPost:
    """One post as costed: its terms, its annual cost in the table's currency and in the
    output currency, or why it is not costed."""

    post: str
    title: str
    #: the node its cost is counted in: its unit, or itself for a senior post with none.
    node: str | None
    grade: str
    grade_assumed: bool
    duty_station: str
    #: the duty station of the row used: the post's own, or "*".
    row_station: str
    fte: Decimal
    status: str
    funding: str
    part: str
    annual: Decimal | None
    amount: Decimal | None
    reason: str = ""

    @property
    def costed(self) -> bool:
        """True when the post has a cost."""
        return self.amount is not None


@dataclass
class StructureCost:
    """The posts in force on ``day``, costed with ``table``, in ``currency``."""

    day: dt.date
    table: CostTable
    currency: str
    conversion: Conversion
    #: established posts with a cost: what the totals add up.
    counted: list[CostedPost] = field(default_factory=list)
    #: established posts without one (no grade, no row): listed, never counted as 0.
    not_costed: list[CostedPost] = field(default_factory=list)
    #: frozen posts, costed but kept out of the totals.
    frozen: list[CostedPost] = field(default_factory=list)
    #: status -> how many posts of it were left out (proposed, abolished).
    left_out: dict[str, int] = field(default_factory=dict)
    #: node -> cost of the posts counted in it (not below it).
    direct: dict[str, Decimal] = field(default_factory=dict)
    #: node -> cost of the posts in it and every node below it on the lines of oversight.
    subtree: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total(self) -> Decimal:
        """The annual cost of the established posts that have one."""
        return sum((p.amount for p in self.counted), ZERO)  # type: ignore[misc]

    def by_grade(self) -> dict[str, Decimal]:
        """Grade -> cost, grades in the order of the cost table's rows."""
        return _grouped(self.counted, lambda p: p.grade, [r.grade for r in self.table.rows])

    def by_part(self) -> dict[str, Decimal]:
        """Budget part -> cost ("" for posts whose funding is not given)."""
        return _grouped(self.counted, lambda p: p.part, [])


def _grouped(posts: Iterable[CostedPost], key, order: list[str]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for p in posts:
        out[key(p)] = out.get(key(p), ZERO) + p.amount  # type: ignore[operator]
    rank = {k: i for i, k in enumerate(dict.fromkeys(order))}
    return dict(sorted(out.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def cost_post(
    s: Structure, post_id: str, table: CostTable, convert: Conversion, parts: Mapping[str, str]
) -> CostedPost:
    """One post of ``s`` costed under ``table`` and converted with ``convert``."""
    post = s.posts[post_id]
    terms = Terms.of(post, table)
    p = price(terms, table)
    node = post.unit if post.unit is not None else (post.id if post.senior else None)
    return CostedPost(
        post=post.id,
        title=post.title,
        node=node,
        grade=terms.grade,
        grade_assumed=terms.grade_assumed,
        duty_station=terms.duty_station,
        row_station=station_used(p),
        fte=terms.fte,
        status=terms.status,
        funding=terms.funding,
        part=part_of(terms.funding, parts),
        annual=p.annual,
        amount=convert(p.annual) if p.annual is not None else None,
        reason=p.reason,
    )


def structure_cost(
    s: Structure,
    day: dt.date,
    tables: Iterable[CostTable],
    rates: Iterable[ExchangeRate] = (),
    *,
    currency: str | None = None,
    table_id: str | None = None,
    parts: Mapping[str, str] = DEFAULT_PARTS,
) -> StructureCost:
    """The annual cost of the posts of ``s`` (the structure as of ``day``).

    The table is the one for ``day``'s year (or ``table_id``); ``currency`` defaults to
    the table's. Raises :class:`~.rates.CostingError` when no table or rate applies.
    """
    table = table_for(tables, day.year, table_id)
    out_currency = currency or table.currency
    convert = conversion(rates, table.currency, out_currency, day)
    out = StructureCost(day, table, out_currency, convert)
    for post_id in s.posts:
        c = cost_post(s, post_id, table, convert, parts)
        if c.status in COUNTED:
            (out.counted if c.costed else out.not_costed).append(c)
        elif c.status in APART:
            out.frozen.append(c)
        else:
            out.left_out[c.status] = out.left_out.get(c.status, 0) + 1
    for c in out.counted:
        if c.node is not None:
            out.direct[c.node] = out.direct.get(c.node, ZERO) + c.amount  # type: ignore[operator]
    out.subtree = subtree_sums(s, out.direct)
    return out


def subtree_sums(s: Structure, direct: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Node -> the sum of ``direct`` over the node and every node below it, in one pass."""
    order = top_down(s)
    sums = {n: direct.get(n, ZERO) for n in s.nodes()}
    for node in reversed(order):
        parent = s.oversight.get(node)
        if parent is not None and parent in sums:
            sums[parent] += sums[node]
    reached = set(order)
    for node in sums:
        if node not in reached:  # outside the tree from the top: walked on its own
            sums[node] = sum((direct.get(n, ZERO) for n in s.subtree(node)), ZERO)
    return sums
