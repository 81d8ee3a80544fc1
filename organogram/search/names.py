"""The name each thing had on the day asked, for telling a hit by the name it bears then
(a document matched by a former name is listed under the name the thing bears now)."""

from __future__ import annotations

import datetime as dt

from ..core.record import Record
from ..core.structure import Structure
from .find import Namer


def namer(record: Record, day: dt.date) -> Namer:
    """A :data:`~organogram.search.find.Namer` for ``record`` as of ``day``."""
    return namer_of(record.timeline.snapshot(day).structure, record)


def namer_of(structure: Structure, record: Record) -> Namer:
    """Units and posts by their names in ``structure`` (the record as of the day asked),
    people and sources by theirs in ``record``; None for what is not there then."""

    def name(kind: str, ident: str) -> str | None:
        if kind == "unit":
            unit = structure.units.get(ident)
            return unit.name if unit is not None else None
        if kind == "post":
            post = structure.posts.get(ident)
            return post.title if post is not None else None
        if kind == "person":
            person = record.people.get(ident)
            return person.name if person is not None else None
        if kind == "source":
            src = record.sources.get(ident)
            return (src.title or src.symbol or src.id) if src is not None else None
        return None

    return name
