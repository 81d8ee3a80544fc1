"""A unit's (or post's) history: every version with its dates and sources, and its lineage."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..core.errors import NotFound
from ..core.lineage_walk import LineageIndex, lineage_closure, lineage_index
from ..core.model import UNKNOWN_PLACE, LineageLink
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import History, Timeline, Version
from .claims import node_claims
from .names import citations


def _link(link: LineageLink, names: dict[str, str]) -> dict[str, Any]:
    return {
        "predecessor": link.predecessor,
        "predecessor_name": names.get(link.predecessor, link.predecessor),
        "successor": link.successor,
        "successor_name": names.get(link.successor, link.successor),
        "kind": link.kind,
        "date": str(link.date),
        "change": link.change,
    }


def unit_history(
    record: Record,
    node: str,
    histories: dict[str, History] | None = None,
    *,
    people: bool = True,
) -> dict[str, Any]:
    """Versions of ``node`` with dates, the change and sources behind each, its lineage,
    and the claims kept about it (``claims``, a block of :mod:`.claims`; those about a
    person only with ``people``).

    ``histories`` (:meth:`Timeline.histories` of every node, made once by a caller that
    asks about many nodes) saves folding the whole record for each.
    """
    timeline = record.timeline
    if histories is None:
        hist = timeline.history(node)
    else:
        hist = histories.get(node) or History(node, [], [], [], [])
    if not hist.versions:
        raise NotFound(f"no unit or post {node!r} in the record")
    final, names, index = _final(timeline)
    versions = []

    # The parents' histories, for the names they took: one fold for all of them.
    parents = {v.parent for v in hist.versions if v.parent and v.parent != UNKNOWN_PLACE}
    history_of = (histories if histories is not None else timeline.histories(parents)).get

    for v in hist.versions:
        cites = tuple(c for change in v.changes for c in change.cites)
        entry: dict[str, Any] = {
            "since": str(v.since),
            "until": str(v.until) if v.until else None,
            "exists": v.record is not None,
            "since_words": v.since.describe(),
            "parent": None if v.parent == UNKNOWN_PLACE else v.parent,
            "parent_name": v.parent_name,
            "placement": "unknown" if v.parent == UNKNOWN_PLACE else "recorded",
            "parent_renamed": _renamed_during(v, history_of)
            if v.parent and v.parent != UNKNOWN_PLACE
            else [],
            "change": v.change.id,
            "op": v.change.op,
            "changes": [{"id": c.id, "op": c.op} for c in v.changes],
            "basis": "inferred" if any(str(c.basis) == "inferred" for c in v.changes) else "stated",
            "note": " ".join(c.note for c in v.changes if c.note),
            "sources": citations(tuple(dict.fromkeys(cites)), record.sources),
        }
        if v.record is not None:
            entry.update({k: _plain(x) for k, x in asdict(v.record).items() if k != "id"})
        versions.append(entry)
    preds, succs = lineage_closure(final.lineage, node, index)
    return {
        "id": node,
        "name": final.label(node),
        "in_force": final.exists(node),
        "versions": versions,
        "predecessors": [_link(link, names) for link in preds],
        "successors": [_link(link, names) for link in succs],
        "changes": [c.id for c in hist.changes],
        "claims": node_claims(record, node, people=people),
    }


def _final(timeline: Timeline) -> tuple[Structure, dict[str, str], LineageIndex]:
    """The structure at the end of the record, every unit's name in it and its lineage
    index, made once per timeline (they cost a copy and a pass over the whole record)."""
    kept = timeline.memo.get("unit_history.final")
    if kept is None:
        final, _ = timeline.fold()
        final.freeze()  # shared through the memo
        names = {u: final.label(u) for u in {*final.units, *final.retired_units}}
        kept = timeline.memo["unit_history.final"] = (final, names, lineage_index(final.lineage))
    return kept  # type: ignore[return-value]


def _renamed_during(v: Version, history_of) -> list[dict[str, str]]:
    """The names ``v``'s parent took while ``v`` held: a version names its parent as it
    was named when the version began, and then as it was renamed."""
    parent = history_of(v.parent)
    if parent is None:
        return []
    out = []
    name = v.parent_name
    for pv in parent.versions:
        if pv.record is None or not (v.since < pv.since) or (v.until and v.until <= pv.since):
            continue
        label = getattr(pv.record, "name", None) or getattr(pv.record, "title", "")
        if label and label != name:
            out.append({"name": label, "since": str(pv.since), "when": pv.since.describe()})
            name = label
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    return value
