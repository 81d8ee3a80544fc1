"""What the open-standard exports need, gathered in one pass over the timeline.

Folding the changes up to a date gives the structure then; along the way this module
notes when each unit and post began and ended, the names a unit had, who held which post
from when to when, and the events that changed units (creations, renames, merges,
splits, replacements, abolitions), each with the sentence that tells it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from ..core.changes import (
    Abolish,
    AbolishPost,
    Assign,
    Change,
    CreatePost,
    CreateUnit,
    Merge,
    Reclassify,
    Rename,
    Replace,
    Split,
    Vacate,
    step,
)
from ..core.dates import FuzzyDate, as_of
from ..core.model import Person
from ..core.narration import narrate_change
from ..core.record import Record
from ..core.structure import Structure


@dataclass
class Span:
    """When something began and ended (None: not known, or not ended)."""

    start: FuzzyDate | None = None
    end: FuzzyDate | None = None


@dataclass
class Name:
    """A name a unit had, and when."""

    name: str
    abbreviation: str
    start: FuzzyDate | None
    end: FuzzyDate | None = None


@dataclass
class Holding:
    """A person in a post for a period."""

    person: str
    post: str
    kind: str
    unit: str | None
    start: FuzzyDate | None
    end: FuzzyDate | None = None


@dataclass
class Event:
    """A change to units: what went in, what came out, when, told in a sentence."""

    change: Change
    kind: str  # create, rename, reclassify, merge, split, replace, abolish
    original: list[str]
    resulting: list[str]
    text: str


@dataclass
class Facts:
    """The structure on ``day`` and the history up to it."""

    day: dt.date
    structure: Structure
    units: dict[str, Span] = field(default_factory=dict)
    posts: dict[str, Span] = field(default_factory=dict)
    names: dict[str, list[Name]] = field(default_factory=dict)
    holdings: list[Holding] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    #: the nodes kept by :meth:`only` (None: all of the record).
    selected: frozenset[str] | None = None

    def has(self, node: str | None) -> bool:
        """Whether ``node`` is a unit or post these facts describe."""
        return node is not None and (node in self.units or node in self.posts)

    def only(self, nodes: Collection[str]) -> None:
        """Keep the facts about ``nodes`` (a subtree): their spans, names, holdings, events."""
        keep = self.selected = frozenset(nodes)
        self.units = {u: span for u, span in self.units.items() if u in keep}
        self.posts = {p: span for p, span in self.posts.items() if p in keep}
        self.names = {u: names for u, names in self.names.items() if u in keep}
        self.holdings = [h for h in self.holdings if h.post in keep]
        self.events = [e for e in self.events if keep.intersection(e.original, e.resulting)]

    def people(self, record: Record) -> list[Person]:
        """The record's people; for a selection, those who held its posts."""
        if self.selected is None:
            return list(record.people.values())
        held = {h.person for h in self.holdings}
        return [p for p in record.people.values() if p.id in held]


def _unit_event(c: Change) -> tuple[str, list[str], list[str]] | None:
    """(kind, original units, resulting units) of a change to units; None for others."""
    if isinstance(c, CreateUnit):
        return "create", [], [c.unit.id]
    if isinstance(c, (Rename, Reclassify)):
        return ("rename" if isinstance(c, Rename) else "reclassify"), [c.unit], [c.unit]
    if isinstance(c, Merge):
        return "merge", list(c.units), [c.into]
    if isinstance(c, Split):
        return "split", [c.unit], [spec.id for spec in c.into] + ([c.unit] if c.keep else [])
    if isinstance(c, Replace):
        return "replace", [c.unit], [c.by]
    if isinstance(c, Abolish):
        return "abolish", [c.unit], []
    return None


def gather(
    record: Record,
    at: str | dt.date | FuzzyDate = "today",
    nodes: Collection[str] | None = None,
) -> Facts:
    """The facts of ``record`` up to and on the day ``at`` stands for (about ``nodes`` only,
    when given)."""
    day = as_of(at)
    s = record.timeline.empty()
    facts = Facts(day, s)
    open_holdings: dict[tuple[str, str], Holding] = {}
    told: list[str] = []

    def tell(change: Change, before: Structure) -> None:
        told.append(narrate_change(change, before, record.sources))

    for c in record.timeline.changes:
        if c.date.start > day:
            break
        before_units = set(s.units)
        event = _unit_event(c)
        # An event is told as the change finds the structure, once it is known to apply.
        told.clear()
        if step(c, s, before=tell if event else None):
            continue
        text = told[0] if told else ""
        if isinstance(c, Assign):
            unit = s.posts[c.post].unit  # an assignment leaves the post where it was
            h = Holding(c.person, c.post, str(c.kind), unit, c.date)
            open_holdings[(c.post, c.person)] = h
            facts.holdings.append(h)
        elif isinstance(c, Vacate):
            # A vacancy a source states (no person) ends every holding of the post.
            for key in [(c.post, c.person)] if c.person else list(open_holdings):
                if key[0] == c.post and key in open_holdings:
                    open_holdings.pop(key).end = c.date
        for u in set(s.units) - before_units:
            facts.units[u] = Span(c.date)
            unit = s.units[u]
            facts.names[u] = [Name(unit.name, unit.abbreviation, c.date)]
        for u in before_units - set(s.units):
            facts.units.setdefault(u, Span()).end = c.date
            if facts.names.get(u):
                facts.names[u][-1].end = c.date
        if isinstance(c, (Rename, Reclassify)):
            names = facts.names.setdefault(c.unit, [])
            unit = s.units[c.unit]
            if not names or (names[-1].name, names[-1].abbreviation) != (
                unit.name,
                unit.abbreviation,
            ):
                if names:
                    names[-1].end = c.date
                names.append(Name(unit.name, unit.abbreviation, c.date))
        if isinstance(c, CreatePost):
            facts.posts[c.post] = Span(c.date)
        elif isinstance(c, AbolishPost):
            facts.posts.setdefault(c.post, Span()).end = c.date
        if event is not None:
            facts.events.append(Event(c, *event, text))
    if nodes is not None:
        facts.only(nodes)
    return facts
