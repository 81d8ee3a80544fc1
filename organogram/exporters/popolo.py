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

A date the sources bound without giving it (``../2021-06`` not later than,
``2009/2021`` some time between, ``2011~`` approximate) cannot be written as a Popolo
date: it is left out, and ``date_notes`` (outside the standard) says what is known of it,
in words and in its ISO 8601-2 (EDTF) form. A membership of a holder the sources do not
name has no ``person_id`` and says so in ``note``.
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
    """A date as Popolo writes them: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None for
    a date only bounded or approximate (see :func:`date_note`)."""
    if date is None or date.form:
        return None
    if date.precision in (Precision.DAY, Precision.MONTH):
        return str(date)
    return f"{date.start.year:04d}"


def date_note(field: str, date: FuzzyDate | None) -> str | None:
    """What is known of a date :func:`popolo_date` cannot write: "founding_date: by June
    2021 (../2021-06)"; None for a date it writes."""
    if date is None or not date.form:
        return None
    return f"{field}: {date.describe()} ({date.form})"


def _dates(**fields: FuzzyDate | None) -> dict[str, Any]:
    """The Popolo date fields, and ``date_notes`` for those only bounded or approximate."""
    out: dict[str, Any] = {k: popolo_date(v) for k, v in fields.items()}
    out["date_notes"] = [n for k, v in fields.items() if (n := date_note(k, v))]
    return out


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
                    **_dates(start_date=n.start, end_date=n.end),
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
                    **_dates(founding_date=span.start, dissolution_date=span.end),
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
                    **_dates(start_date=span.start, end_date=span.end),
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
                "person_id": h.person or None,
                "post_id": h.post,
                "organization_id": h.unit if facts.has(h.unit) else root,
                "role": h.kind,
                **_dates(start_date=h.start, end_date=h.end),
                "note": "" if h.person else "held by a person the sources do not name",
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
