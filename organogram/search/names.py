"""The name each thing had on the day asked, for telling a hit by the name it bears then
(a document matched by a former name is listed under the name the thing bears now)."""

from __future__ import annotations

import datetime as dt

from ..core.record import Record
from .find import Namer


def namer(record: Record, day: dt.date) -> Namer:
    """A :data:`~organogram.search.find.Namer` for ``record`` as of ``day``: units and
    posts by their name in the structure then, people and sources by theirs."""
    s = record.timeline.snapshot(day).structure

    def name(kind: str, ident: str) -> str | None:
        if kind == "unit":
            unit = s.units.get(ident)
            return unit.name if unit is not None else None
        if kind == "post":
            post = s.posts.get(ident)
            return post.title if post is not None else None
        if kind == "person":
            person = record.people.get(ident)
            return person.name if person is not None else None
        if kind == "source":
            src = record.sources.get(ident)
            return (src.title or src.symbol or src.id) if src is not None else None
        return None

    return name
