"""The record as of a date, shared: its snapshot and the structure the pages and the API
show, each made once per revision for the dates asked last."""

from __future__ import annotations

from typing import Any

from ...core.dates import FuzzyDate
from ...core.timeline import Snapshot
from ...queries.structure import structure_at
from ..store import State


def cached_snapshot(state: State, at: FuzzyDate) -> Snapshot:
    """The record's snapshot as of ``at``, made once per revision for the dates asked
    last: each costs a copy of a whole structure, much of a page's time on a large record.
    Shared by every request: nobody may change it."""
    return state.memo.kept(
        "snapshot", str(at), lambda: state.record.timeline.snapshot(at), keep=4
    )


def cached_structure(
    state: State,
    at: FuzzyDate,
    *,
    unit: str | None = None,
    plan: str | None = None,
    people: bool = True,
) -> dict[str, Any]:
    """:func:`structure_at`, made once per revision for the dates asked last (shared by
    the Structure page and the API; nobody may change what it returns)."""
    return state.memo.kept(
        "structure",
        (str(at), unit, plan, people),
        lambda: structure_at(state.record, at, unit=unit, plan=plan, people=people),
    )
