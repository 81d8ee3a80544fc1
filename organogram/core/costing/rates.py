"""Choosing the cost table of a year and the exchange rate of a day.

Rules (docs/cost.md):

* a year is costed with the cost table of that year, else with the latest table of an
  earlier year (the output names the table used for each year); none at or before
  the year is an error naming the year;
* a rate from A to B on a day is the latest rate for that pair whose ``valid`` date
  starts on or before the day *in the same year* (a rate given for a year counts from
  its first day); a rate given from B to A serves too, inverted; no rate is an error
  naming the pair and the year. Rates are never carried from one year to the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..errors import NotFound, OrganogramError
from .model import CostTable, ExchangeRate

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, halves away from zero (as budgets are)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class CostingError(OrganogramError):
    """Costing cannot be done as asked: no table for a year, no rate for a pair."""


class MissingRate(CostingError):
    """No exchange rate for a pair of currencies in a year."""

    def __init__(self, base: str, quote: str, year: int):
        self.base, self.quote, self.year = base, quote, year
        super().__init__(
            f"no exchange rate from {base} to {quote} for {year}: add one to exchange_rates "
            f"(valid: {year}, base: {base}, quote: {quote})"
        )


@dataclass(frozen=True)
class Conversion:
    """How amounts in ``base`` become amounts in ``quote``: the factor and its origin."""

    base: str
    quote: str
    factor: Decimal
    #: the rate entry used (None: no conversion, the currencies are the same).
    rate: ExchangeRate | None = None
    inverted: bool = False

    def __call__(self, amount: Decimal) -> Decimal:
        return amount if self.rate is None else cents(amount * self.factor)

    def describe(self) -> str:
        """'1 CHF = 1.0200 USD (rate chf-usd-2021, inverted)', for output."""
        if self.rate is None:
            return ""
        how = ", inverted" if self.inverted else ""
        mark = ", illustrative" if self.rate.illustrative else ""
        factor = self.factor.normalize()
        return f"1 {self.base} = {factor} {self.quote} (rate {self.rate.id}{how}{mark})"


def conversion(rates: Iterable[ExchangeRate], base: str, quote: str, day: dt.date) -> Conversion:
    """The conversion from ``base`` to ``quote`` on ``day``, or :class:`MissingRate`."""
    if base == quote:
        return Conversion(base, quote, Decimal(1))
    found: tuple[tuple[dt.date, int], ExchangeRate, bool] | None = None
    for r in rates:
        start = r.valid.start
        if start.year != day.year or start > day:
            continue
        if (r.base, r.quote) == (base, quote):
            inverted = False
        elif (r.base, r.quote) == (quote, base):
            inverted = True
        else:
            continue
        # Latest start first; at the same start, a direct rate before an inverted one.
        key = (start, 0 if inverted else 1)
        if found is None or key > found[0]:
            found = (key, r, inverted)
    if found is None:
        raise MissingRate(base, quote, day.year)
    _key, rate, inverted = found
    factor = Decimal(1) / rate.rate if inverted else rate.rate
    return Conversion(base, quote, factor, rate, inverted)


def table_for(tables: Iterable[CostTable], year: int, table_id: str | None = None) -> CostTable:
    """The cost table to cost ``year`` with: ``table_id`` if given, else by the rule above."""
    tables = list(tables)
    if table_id is not None:
        for t in tables:
            if t.id == table_id:
                return t
        known = ", ".join(t.id for t in tables) or "none"
        raise NotFound(f"no cost table {table_id!r} (cost tables: {known})")
    usable = [t for t in tables if t.year <= year]
    if not usable:
        known = ", ".join(f"{t.id} ({t.year})" for t in tables) or "none"
        raise CostingError(f"no cost table for {year} or an earlier year (cost tables: {known})")
    return max(usable, key=lambda t: t.year)
