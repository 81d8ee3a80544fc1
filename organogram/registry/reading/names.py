"""The names of one kind as of a date (inside a plan: with its changes), made once per
revision for the dates asked last: the change forms resolve what is typed with them, and
the lookup answers each keystroke from them."""

from __future__ import annotations

from ...core.dates import FuzzyDate
from ...core.plans import plan_timeline
from ...queries.resolve import Names, former_names, names_at
from ..store import State


def cached_names(state: State, kind: str, at: FuzzyDate, plan: str | None = None) -> Names:
    """The :class:`~organogram.queries.resolve.Names` of ``kind`` as of ``at``; with
    ``plan``, on the plan's timeline (its changes up to ``at`` applied). Shared by every
    request: nobody may change it."""

    def build() -> Names:
        record = state.record
        if kind == "person":
            return names_at(kind, people=record.people.values())
        if kind == "source":
            return names_at(kind, sources=record.sources.values())
        if kind == "plan":
            return names_at(kind, plans=record.plans.values())
        timeline = record.timeline
        if plan is not None and plan in record.plans:
            timeline = plan_timeline(timeline, record.plans[plan])
        structure = timeline.snapshot(at).structure
        return names_at(kind, structure, former=former_names(timeline, at))

    # People, sources and plans do not depend on the date: one entry serves every date.
    key = (kind, str(at), plan) if kind in ("unit", "post", "node") else (kind,)
    return state.memo.kept("names", key, build, keep=8)
