"""What the record knows about one unit or post at a date, for the pages and the API
beside :func:`.structure.structure_at`: whether it is in force or only possibly (and why,
with the change and its citation), whether its placement is recorded, and whether a
post is held (by someone named or not), vacant (a source says so, or every assignment
is recorded by then) or has no holder recorded.
"""

from __future__ import annotations

from typing import Any

from ..core.certainty import CERTAIN, Certainty
from ..core.model import UNKNOWN_PLACE
from ..core.plans.preview import Preview
from ..core.record import Record
from ..core.timeline import Snapshot
from .structure import holder_data, holding, uncertain_data


def node_certainty(record: Record, snap: Snapshot, node: str) -> dict[str, Any]:
    """``certainty`` ("in force", "possibly in force", "not in force"), ``uncertain``
    (each: aspect, words, date, when, change, cites), ``placement`` ("unknown" or
    "recorded") and, for a post, ``holding`` ("held", "vacant", "no holder recorded")."""
    s = snap.structure
    certainty = snap.certainty
    out: dict[str, Any] = {
        "certainty": certainty.status(s, node),
        "uncertain": uncertain_data(certainty, node),
        "placement": "unknown" if s.placement(node) == UNKNOWN_PLACE else "recorded",
    }
    if node in s.posts:
        out["holding"] = post_holding(record, snap, node)
    return out


def post_holding(record: Record, snap: Snapshot, post: str) -> str:
    """:func:`.structure.holding` of ``post`` on the snapshot's day."""
    return holding(snap.structure, post, record.organization.vacancy_known(snap.day))


def holders(snap: Snapshot, post: str) -> list[dict[str, Any]]:
    """Who holds ``post``: each person (None for a holder the sources do not name),
    name, kind, since, and whether it is certain on the day."""
    s = snap.structure
    return [holder_data(s, a, snap.certainty) for a in s.holders.get(post, ())]


def is_certain(status: str) -> bool:
    """True for the status of something certainly in force."""
    return status == CERTAIN


def preview_certainty(pv: Preview) -> Certainty | None:
    """What is only possible in a plan's preview, on its day (None without its timeline).

    The preview's structure is already folded: what is uncertain on its day is asked of
    the timeline with the plan, without folding it again.
    """
    tl = pv.timeline
    if tl is None:
        return None
    uncertain = tl.uncertain(pv.day, pv.failures)
    return Snapshot(pv.day, pv.structure, uncertain, pv.failures, tl).certainty
