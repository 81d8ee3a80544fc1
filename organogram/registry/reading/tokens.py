"""The editing token of the record as it stands, for forms and API answers that offer an
edit of anything (a unit's own token is :meth:`~organogram.registry.store.State.token`)."""

from __future__ import annotations

from ..store import State


def latest_token(state: State) -> int:
    """The sequence of the latest recorded change: any change recorded after it is news
    to whoever read this one, and an edit sent back with it is checked against those."""
    return state.memo.once("latest_token", lambda: max(state.sequences.values(), default=0))
