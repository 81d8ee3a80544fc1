"""Ids for the units a person adds to a plan by name (on its chart, or in a split's,
merge's or replacement's new units): made from the name, and never one the record or
the plan has used, so that a new unit is never mistaken for an old one.
"""

from __future__ import annotations

from collections.abc import Collection

from django.utils.text import slugify

from ..core.record import Record

#: The longest id made for a new unit (the rest of a long name is cut).
_ID_LENGTH = 40


def taken_ids(record: Record, plan_id: str) -> set[str]:
    """Every unit and post id the record and the plan have ever named."""
    ids = {n for c in record.timeline for n in c.subjects()}
    return ids | {n for c in record.plans[plan_id].changes for n in c.subjects()}


def new_unit_id(name: str, taken: Collection[str]) -> str:
    """An id for a unit created on the chart, made from its name: one no unit of the
    record or the plan has ever had (``-2``, ``-3``… added when needed)."""
    base = slugify(name)[:_ID_LENGTH].strip("-") or "unit"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident
