"""The names a drafted proposal's form resolves against: the record as of the draft's
date with the paper's earlier proposals applied (a unit created in paragraph 2 is named
in paragraph 5), those rejected left out. Shared by the edit form (:mod:`.views.draft_edit`)
and the lookup its name fields ask as the person types (:mod:`.views.lookup`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..core.dates import FuzzyDate
from ..core.structure import Structure
from ..queries.resolve import Names, former_names, names_at
from ..registry.reading.names import cached_names
from ..registry.store import State
from . import draft_session
from .draft_proposals import structure_after


def draft_date(draft: dict[str, Any]) -> str:
    """The date the draft's changes take effect: the paper's own, else the names' date."""
    return (draft.get("effective") or {}).get("date") or draft["at"]


def _earlier(draft: dict[str, Any], n: int) -> list[dict[str, Any] | None]:
    return [draft_session.standing(q) for q in draft["operations"][: n - 1]]


def _key(draft: dict[str, Any], n: int) -> tuple[str, str, str]:
    earlier = json.dumps(_earlier(draft, n), sort_keys=True, default=str)
    return (draft["at"], draft_date(draft), earlier)


def structure_before(state: State, draft: dict[str, Any], n: int) -> Structure:
    """The structure proposal ``n`` (from 1) is read against: the record as of the
    draft's date after the proposals standing before it. Made once per revision for the
    last few drafts asked (a name field asks at every pause in typing)."""
    return state.memo.kept(
        "draft-structure",
        _key(draft, n),
        lambda: structure_after(state.record, draft["at"], _earlier(draft, n), draft_date(draft)),
        keep=8,
    )


def draft_names(
    state: State, draft: dict[str, Any], n: int, *, people: bool
) -> Callable[[str], Names]:
    """``names(kind)`` for proposal ``n``'s form: units, posts and nodes as the earlier
    proposals leave them; people (only for those who may see them) and everything else
    as the record has them on the draft's date."""
    key = _key(draft, n)

    def names(kind: str) -> Names:
        if kind in ("unit", "post", "node"):
            return state.memo.kept(
                "draft-names",
                (kind, key),
                lambda: names_at(
                    kind,
                    structure_before(state, draft, n),
                    former=former_names(state.record.timeline, draft["at"]),
                ),
                keep=8,
            )
        if kind == "person" and not people:
            return Names(kind, [])  # people are named only to those who may see them
        return cached_names(state, kind, FuzzyDate.parse(draft["at"]))

    return names
