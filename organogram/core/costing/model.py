"""What costing reads: budgets as decided, standard cost tables and exchange rates.

Money is held as :class:`~decimal.Decimal`, never as a float, so that a figure written
as ``52229662`` or ``1234.56`` is the figure computed with and printed back. These are
plain records; the dataset format reads and checks them (organogram.formats.registers),
and :mod:`.structure_cost` and :mod:`.plan_cost` compute with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from ..dates import FuzzyDate
from ..model import Citation

#: An ISO 4217 currency code: three capital letters.
CURRENCY_RE = re.compile(r"[A-Z]{3}")

#: The duty station of a cost table row that applies wherever no row names the station.
ANY_STATION = "*"

#: Parts of a Programme and Budget that the documentation lists (any id may be used).
KNOWN_PARTS = ("administrative", "operational", "operational-support-income")


def check_currency(code: str) -> str:
    """``code`` when it is an ISO 4217 code's shape, else ValueError."""
    if not isinstance(code, str) or CURRENCY_RE.fullmatch(code) is None:
        raise ValueError(f"{code!r} is not a currency code: use three capital letters (CHF, USD)")
    return code


class BudgetStage(StrEnum):
    """How far an amount has gone: proposed to the governing body, approved, revised."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REVISED = "revised"


@dataclass(frozen=True, slots=True)
class Budget:
    """One part of a Programme and Budget for one year, with its amount and currency."""

    id: str
    year: int
    part: str
    currency: str
    amount: Decimal
    stage: BudgetStage = BudgetStage.APPROVED
    #: the decision adopting the amount (a Council resolution or session), if known.
    decided_by: tuple[Citation, ...] = ()
    #: where the amount is stated.
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        check_currency(self.currency)
        if self.amount < 0:
            raise ValueError(f"amount: {self.amount} is negative")


@dataclass(frozen=True, slots=True)
class CostRow:
    """The annual standard cost of one grade at one duty station ("*": any other)."""

    grade: str
    cost: Decimal
    duty_station: str = ANY_STATION
    salary: Decimal | None = None
    common_staff_costs: Decimal | None = None

    def __post_init__(self) -> None:
        for name in ("cost", "salary", "common_staff_costs"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} of grade {self.grade}: {value} is negative")
        if self.salary is not None and self.common_staff_costs is not None:
            parts = self.salary + self.common_staff_costs
            if parts != self.cost:
                raise ValueError(
                    f"cost of grade {self.grade} at {self.duty_station!r} is {self.cost}, "
                    f"but salary + common_staff_costs make {parts}"
                )


@dataclass(frozen=True, slots=True)
class CostTable:
    """Standard costs by grade and duty station for one year, in one currency.

    ``illustrative`` tables are examples (the shipped ones are): every figure
    computed with one says so. ``assumed_grades`` gives a grade to posts the record
    leaves ungraded, for costing only (a new post not yet classified, say); a post's
    own grade always wins over an assumption.
    """

    id: str
    year: int
    currency: str
    rows: tuple[CostRow, ...]
    illustrative: bool = False
    title: str = ""
    assumed_grades: dict[str, str] = field(default_factory=dict)
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        check_currency(self.currency)
        seen: dict[tuple[str, str], int] = {}
        for i, row in enumerate(self.rows):
            key = (row.grade, row.duty_station)
            if key in seen:
                raise ValueError(
                    f"rows[{i}]: duplicate row for grade {row.grade} at duty station "
                    f"{row.duty_station!r} (first at rows[{seen[key]}])"
                )
            seen[key] = i

    def row(self, grade: str, duty_station: str) -> CostRow | None:
        """The row costing ``grade`` at ``duty_station``, else at "*", else None."""
        exact = station = None
        for row in self.rows:
            if row.grade != grade:
                continue
            if row.duty_station == duty_station:
                exact = row
            elif row.duty_station == ANY_STATION:
                station = row
        return exact or station


@dataclass(frozen=True, slots=True)
class ExchangeRate:
    """One unit of ``base`` is worth ``rate`` units of ``quote`` from ``valid`` on.

    ``valid`` is a year (the rate of that year), or a month or day (the rate from
    then until the next rate of the same year).
    """

    id: str
    valid: FuzzyDate
    base: str
    quote: str
    rate: Decimal
    illustrative: bool = False
    source: str = ""
    cite: tuple[Citation, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        check_currency(self.base)
        check_currency(self.quote)
        if self.base == self.quote:
            raise ValueError(f"a rate from {self.base} to itself")
        if self.rate <= 0:
            raise ValueError(f"rate: {self.rate} must be more than 0")
