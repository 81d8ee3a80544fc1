"""Every register the dataset format knows, in the order the writer emits them.

A new kind of register is one module here defining a
:class:`~organogram.formats.register.Register`, added to :data:`ALL`; the loader,
the writer, the schema, the registry's database and the API then handle it.
"""

from __future__ import annotations

from ..register import Register
from .budget import BUDGETS, COST_TABLES, EXCHANGE_RATES
from .governance import BODIES, BUREAU, MEMBERSHIP, SESSIONS
from .nominations import CALLS, NOMINATIONS
from .posts import DESCRIPTIONS, TERMS

#: Every register, in the order their sections are written.
ALL: tuple[Register, ...] = (
    BODIES,
    SESSIONS,
    BUREAU,
    MEMBERSHIP,
    CALLS,
    NOMINATIONS,
    BUDGETS,
    COST_TABLES,
    EXCHANGE_RATES,
    DESCRIPTIONS,
    TERMS,
)

#: Section name -> register.
BY_SECTION: dict[str, Register] = {r.section: r for r in ALL}
