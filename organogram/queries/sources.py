"""Sources as data: each document, and every change and claim that cites it.

Where two sources claim different values for the same fact, each claim is marked as
disputed and names the others, so a disagreement is shown rather than resolved.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict
from typing import Any

from ..core.errors import NotFound
from ..core.model import Claim
from ..core.record import Record


def _disputes(claims: list[Claim]) -> dict[tuple[str, str], set[str]]:
    """(subject, field) -> the distinct values sources claim for it."""
    values: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in claims:
        values[(c.subject, c.field)].add(c.value)
    return values


def source_list(record: Record) -> list[dict[str, Any]]:
    """Every source with how many changes and claims cite it."""
    changes: dict[str, int] = defaultdict(int)
    for c in record.timeline:
        for s in {cite.source for cite in c.cites}:
            changes[s] += 1
    claims: dict[str, int] = defaultdict(int)
    for c in record.claims:
        claims[c.citation.source] += 1
    return [
        {
            **_source(record, s.id),
            "changes": changes.get(s.id, 0),
            "claims": claims.get(s.id, 0),
        }
        for s in record.sources.values()
    ]


def _source(record: Record, source_id: str) -> dict[str, Any]:
    s = record.source(source_id)
    data = asdict(s)
    data["date"] = str(s.date) if s.date else ""
    data["cites"] = list(s.cites)
    return data


def source_detail(record: Record, source_id: str, *, personal: Any = None) -> dict[str, Any]:
    """One source: the timeline changes and the claims that cite it, disputes marked.

    ``personal`` (a predicate on claims), when given, leaves out the claims it is true of.
    """
    if source_id not in record.sources:
        raise NotFound(f"no source {source_id!r}")
    values = _disputes(record.claims)
    claims = []
    for c in record.claims:
        if c.citation.source != source_id or (personal is not None and personal(c)):
            continue
        others = sorted(values[(c.subject, c.field)] - {c.value})
        claims.append(
            {
                "subject": c.subject,
                "field": c.field,
                "value": c.value,
                "passage": c.citation.passage,
                "basis": str(c.basis),
                "note": c.note,
                "disputed": bool(others),
                "other_values": others,
            }
        )
    changes = [
        c
        for c in record.timeline
        if any(cite.source == source_id for cite in c.cites)
    ]
    return {**_source(record, source_id), "claims": claims, "changes": changes}
