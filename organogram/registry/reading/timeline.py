"""What is derived from the whole timeline, shared: every change told in a sentence and
every node's history, each folded once per revision and, after a write, grown from the
last revision's (only the changes from the write on)."""

from __future__ import annotations

from typing import Any

from ...core.changes import Change
from ...core.narration import narrate_changes
from ...core.regrowth import grow_histories, grow_sentences, narrator
from ...core.timeline import Timeline
from ...queries.history import unit_history
from ..store import State


def sentences(state: State, people: bool) -> dict[Change, str]:
    """Every timeline change told in a sentence, by change (holders named only with
    ``people``); read by the unit, timeline, sources and reversal pages and the API."""
    timeline = state.record.timeline

    def build() -> dict[Change, str]:
        told = narrate_changes(
            timeline.changes, timeline.empty(), state.record.sources, show_people=people
        )
        return dict(zip(timeline.changes, told, strict=True))

    def grow(before: Timeline, told: dict[Change, str]) -> dict[Change, str]:
        return grow_sentences(before, told, timeline, narrator(state.record.sources, people))

    return state.memo.grown(("sentences", people), timeline, build, grow)


def node_histories(state: State) -> dict[str, Any]:
    """Every node's history (:meth:`~organogram.core.timeline.Timeline.histories`)."""
    timeline = state.record.timeline
    return state.memo.grown(
        "histories",
        timeline,
        timeline.histories,
        lambda before, value: grow_histories(before, value, timeline),
    )


def node_history(state: State, node: str, people: bool = True) -> dict[str, Any]:
    """:func:`unit_history` from :func:`node_histories` (claims about a person only with
    ``people``): the Unit page's history and the API's."""
    return unit_history(state.record, node, node_histories(state), people=people)
