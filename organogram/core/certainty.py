"""What is certain at a date, what is only possible, and why.

A change dated to a span (``2021-Q4``, ``../2021-06``, ``2009/2021``) applies in the fold
from the span's first day, so the structure as of a day inside the span is the reading in
which the change has already happened. Whether it really had is not known: every unit,
post, line and holder the change touched is only *possibly* as the structure shows it,
until the span's last day. This module says which, and names the change (its date, its
citation) that makes each one uncertain.

A change needs what it refers to in force, so the creation of a unit or post is certainly
done by a day when a change that uses it certainly is: "in place by 2021, renamed in March
2019" makes the unit certain from March 2019 on, and so does a division created under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .changes import (
    AddLine,
    Assign,
    Change,
    Merge,
    Move,
    MovePost,
    RemoveLine,
    Replace,
    Split,
    Vacate,
)
from .model import Line
from .structure import Structure

#: What about a unit or post an uncertain change leaves open.
EXISTENCE = "existence"  # possibly not yet in force (its creation is uncertain)
ENDED = "ended"  # possibly still in force (its end is uncertain)
PLACEMENT = "placement"  # its line of oversight is possibly still the earlier one
HOLDERS = "holders"  # who holds it possibly differs
LINES = "lines"  # a typed line from or to it is possibly not yet added or removed
DETAILS = "details"  # its name, kind, grade… are possibly still the earlier ones

#: The words for each aspect, as the pages and the command line print them.
WORDS = {
    EXISTENCE: "possibly not yet in force",
    ENDED: "possibly still in force",
    PLACEMENT: "placement possibly not yet as shown",
    HOLDERS: "holder possibly not yet as shown",
    LINES: "a line possibly not yet as shown",
    DETAILS: "possibly not yet as shown",
}

#: The three answers to "is it in force at this date?".
CERTAIN, POSSIBLE, NOT_IN_FORCE = "in force", "possibly in force", "not in force"


@dataclass(frozen=True)
class Possibility:
    """One thing about ``subject`` that ``change``, dated to a span, leaves open."""

    subject: str
    aspect: str
    change: Change

    def describe(self) -> str:
        """"possibly not yet in force: by June 2021 (scpf28:15)"."""
        return doubt_words(self.aspect, self.change.date.describe(), map(str, self.change.cites))


def doubt_words(aspect: str, when: str, cites: Iterable[str]) -> str:
    """What an ``aspect`` left open ``when`` (a span in words) reads as, with its citations."""
    cited = ", ".join(cites)
    return f"{WORDS[aspect]}: {when}" + (f" ({cited})" if cited else "")


@dataclass
class Certainty:
    """For one day: the units, posts, lines and holders that are only possibly as shown."""

    day: dt.date
    #: unit or post -> what about it is uncertain, and which change makes it so.
    by_node: dict[str, list[Possibility]] = field(default_factory=dict)
    #: typed lines shown that are possibly not yet added, and lines not shown that are
    #: possibly not yet removed.
    lines_possible: dict[Line, Change] = field(default_factory=dict)
    lines_possibly_still: dict[Line, Change] = field(default_factory=dict)
    #: (post, person) shown holding that possibly did not yet, and not shown that
    #: possibly still did.
    holders_possible: dict[tuple[str, str], Change] = field(default_factory=dict)
    holders_possibly_still: dict[tuple[str, str], Change] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.by_node or self.lines_possibly_still or self.holders_possibly_still)

    def reasons(self, node: str) -> list[Possibility]:
        """What is uncertain about ``node`` (empty: all of it is certain)."""
        return self.by_node.get(node, [])

    def aspects(self, node: str) -> set[str]:
        """The aspects of ``node`` that are uncertain."""
        return {p.aspect for p in self.by_node.get(node, ())}

    def status(self, s: Structure, node: str) -> str:
        """:data:`CERTAIN`, :data:`POSSIBLE` or :data:`NOT_IN_FORCE` for ``node`` in ``s``."""
        aspects = self.aspects(node)
        if s.exists(node):
            return POSSIBLE if EXISTENCE in aspects else CERTAIN
        return POSSIBLE if ENDED in aspects else NOT_IN_FORCE

    def possible_nodes(self) -> list[str]:
        """Units and posts shown in force that possibly were not yet."""
        return [n for n, ps in self.by_node.items() if any(p.aspect == EXISTENCE for p in ps)]

    def possibly_ended(self) -> list[str]:
        """Units and posts not shown (ended) that possibly were still in force."""
        return [n for n, ps in self.by_node.items() if any(p.aspect == ENDED for p in ps)]

    def placement_certain(self, node: str) -> bool:
        """True when ``node``'s line of oversight, as shown, is certain."""
        return not self.aspects(node) & {EXISTENCE, PLACEMENT}


def certainty(
    s: Structure,
    day: dt.date,
    uncertain: Iterable[Change],
    touched: Mapping[Change, frozenset[str]],
) -> Certainty:
    """The :class:`Certainty` of ``s`` on ``day``, given the changes applied by then whose
    span goes past it (``uncertain``) and the units and posts each change touched
    (``touched``, by ``change``)."""
    out = Certainty(day)
    for change in uncertain:
        created = change.creates()
        for node in touched.get(change, change.subjects()):
            for aspect in _aspects(s, change, node, created):
                out.by_node.setdefault(node, []).append(Possibility(node, aspect, change))
        for field_name, key in open_links(change):
            getattr(out, field_name)[key] = change
    return out


def open_links(change: Change) -> list[tuple[str, object]]:
    """The typed lines and holdings ``change`` leaves open, as (the :class:`Certainty`
    field that lists them, the line or (post, person)): a line added or removed, a
    holder taking up or leaving a post (a vacancy declared names no one)."""
    if isinstance(change, AddLine):
        return [("lines_possible", change.line())]
    if isinstance(change, RemoveLine):
        return [("lines_possibly_still", change.line())]
    if isinstance(change, Assign):
        return [("holders_possible", (change.post, change.person))]
    if isinstance(change, Vacate) and change.person:
        return [("holders_possibly_still", (change.post, change.person))]
    return []


def _aspects(s: Structure, change: Change, node: str, created: frozenset[str]) -> tuple[str, ...]:
    """What about ``node`` ``change`` leaves open."""
    if node in created:
        return (EXISTENCE,)
    if not s.exists(node):
        return (ENDED,)
    return in_force_aspects(change)


def in_force_aspects(change: Change) -> tuple[str, ...]:
    """What ``change`` leaves open about a node it touched that it did not create and
    that is in force on the day asked about (the columns read the same rule)."""
    if isinstance(change, (AddLine, RemoveLine)):
        return (LINES,)
    if isinstance(change, (Assign, Vacate)):
        return (HOLDERS,)
    if isinstance(change, (Move, MovePost)):
        return (PLACEMENT,)
    if isinstance(change, (Merge, Split, Replace)):
        # What reported to an ended unit is handed to another, a successor may take its
        # predecessor's place and head: where it is and what it is may both differ.
        return (PLACEMENT, DETAILS)
    return (DETAILS,)
