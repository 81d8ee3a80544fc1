"""A record as Popolo JSON (https://www.popoloproject.com/): organizations, posts, persons,
memberships.

The organization and its units are ``organizations`` (``parent_id`` the unit above, or
the organization; a unit overseen by a senior post gets the post's unit), with
``founding_date`` and ``dissolution_date`` from the timeline and former names in
``other_names`` with their dates. Posts carry their ``label`` (title), ``organization_id``
and dates, and, outside the standard, ``grade``, ``status``, ``funding`` and ``fte``. Each
holding of a post is a membership with its dates and, as ``role``, how the post was held
(regular, ad interim…).
Lineage (which unit became which) has no place in Popolo: the ORG export carries it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import Any

from ..core.dates import FuzzyDate, Precision
from ..core.record import Record
from .facts import gather


def popolo_date(date: FuzzyDate | None) -> str | None:
    """A date as Popolo writes them: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if date is None:
        return None
    if date.precision in (Precision.DAY, Precision.MONTH):
        return str(date)
    return f"{date.start.year:04d}"


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v not in (None, "", [])}


def to_popolo(
    record: Record,
    at: str | dt.date | FuzzyDate = "today",
    nodes: Collection[str] | None = None,
) -> dict[str, Any]:
    """The Popolo document of ``record`` as of ``at`` (its history up to then), of
    ``nodes`` only when given (a subtree: its top's parent is the organization)."""
    facts = gather(record, at, nodes)
    s = facts.structure
    root = record.organization.id

    def unit_parent(node: str | None) -> str:
        seen = set()
        while node is not None and node not in s.units and node not in seen:
            seen.add(node)  # a senior post: go up to a unit
            post = s.posts.get(node) or s.retired_posts.get(node)
            node = post.unit if post and post.unit else s.oversight.get(node)
        return node if node is not None and node in facts.units else root

    organizations = [
        _clean({"id": root, "name": record.organization.name, "classification": "organization"})
    ]
    for u, span in facts.units.items():
        unit = s.units.get(u) or s.retired_units[u]
        names = facts.names.get(u, [])
        other = [
            _clean(
                {
                    "name": n.name,
                    "start_date": popolo_date(n.start),
                    "end_date": popolo_date(n.end),
                    "note": "former name",
                }
            )
            for n in names[:-1]
        ]
        if unit.abbreviation:
            other.append({"name": unit.abbreviation, "note": "abbreviation"})
        organizations.append(
            _clean(
                {
                    "id": u,
                    "name": unit.name,
                    "classification": unit.kind,
                    "parent_id": unit_parent(s.oversight.get(u)) if u in s.units else None,
                    "founding_date": popolo_date(span.start),
                    "dissolution_date": popolo_date(span.end),
                    "other_names": other,
                    "identifiers": [{"identifier": u, "scheme": root}],
                }
            )
        )
    posts = []
    for p, span in facts.posts.items():
        post = s.posts.get(p) or s.retired_posts[p]
        posts.append(
            _clean(
                {
                    "id": p,
                    "label": post.title,
                    "organization_id": post.unit if facts.has(post.unit) else root,
                    "start_date": popolo_date(span.start),
                    "end_date": popolo_date(span.end),
                    "grade": post.grade,
                    "status": str(post.status),
                    "funding": str(post.funding),
                    "fte": post.fte,
                }
            )
        )
    persons = [_clean({"id": p.id, "name": p.name}) for p in facts.people(record)]
    memberships = [
        _clean(
            {
                "id": f"membership-{n}",
                "person_id": h.person,
                "post_id": h.post,
                "organization_id": h.unit if facts.has(h.unit) else root,
                "role": h.kind,
                "start_date": popolo_date(h.start),
                "end_date": popolo_date(h.end),
            }
        )
        for n, h in enumerate(facts.holdings, 1)
    ]
    return {
        "organizations": organizations,
        "posts": posts,
        "persons": persons,
        "memberships": memberships,
    }


def to_popolo_json(
    record: Record,
    at: str | dt.date | FuzzyDate = "today",
    nodes: Collection[str] | None = None,
) -> str:
    """The Popolo document as JSON text."""
    return json.dumps(to_popolo(record, at, nodes), indent=2, ensure_ascii=False) + "\n"
