"""Ids that name a person, and the pseudonyms visitors get instead.

A change's id often names the person it is about (``assign-dg-swing``). To a reader who
may not see people (``people.view``), such an id is shown as a keyed pseudonym
(``hidden-3f0c9a1e27b4``): stable (the same for every page, worker and revision, so links
and anchors still work), useless to guess from (a keyed hash with the site's secret
key), and taken back wherever an id is taken. The table is made once per revision.

Personal: a change about a person (assign, vacate: a ``person`` parameter, named or not)
and any change, of the timeline or of a plan, whose id contains a person's id. A person's
own id is hidden too where it stands quoted (a JSON value, a problem that quotes it): a
bare word is left alone, since a person's id may be an everyday word.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from ...core.changes import Change
from ...core.record import Record
from ..store import State

PREFIX = "hidden-"
#: Taken for a real personal id sent by a visitor: it names no change (404), so that
#: trying ids tells nothing about who held what.
UNKNOWN = PREFIX + "0" * 12
#: What may stand right before or after an id for it to be that id (not part of another).
_EDGE = rb"A-Za-z0-9_."
_EDGE_BYTES = frozenset(
    bytes([c]) for c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_."
)


#: The quotes a person's id is hidden between: as written, and as a page escapes them.
_QUOTES = rb"""(?:'|"|&\#x27;|&\#39;|&quot;)"""


def pseudonym(ident: str, kind: str = "change-id") -> str:
    """The pseudonym of ``ident``: a keyed hash with the site's secret key."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{ident}".encode(), hashlib.sha256)
    return PREFIX + digest.hexdigest()[:12]


@dataclass(frozen=True)
class Pseudonyms:
    """The personal ids of one revision and their pseudonyms, both ways."""

    hidden: dict[str, str]
    shown: dict[str, str]
    #: matches any personal id (bytes), longest first; None when there is none.
    pattern: re.Pattern[bytes] | None
    #: matches a pseudonym or a personal id in what a visitor sends.
    incoming: re.Pattern[str] | None
    #: person id -> its pseudonym; and a pattern matching one between quotes.
    people: dict[str, str]
    quoted: re.Pattern[bytes] | None

    def hide(self, content: bytes) -> bytes:
        """``content`` with every personal id replaced by its pseudonym."""
        if self.pattern is not None:

            def swap(m: re.Match[bytes]) -> bytes:
                # The edge before is checked here, not in the pattern: a pattern that
                # begins with its ids is scanned forty times faster.
                if m.start() and content[m.start() - 1 : m.start()] in _EDGE_BYTES:
                    return m.group(0)
                return self.hidden[m.group(0).decode()].encode()

            content = self.pattern.sub(swap, content)
        if self.quoted is not None:
            content = self.quoted.sub(
                lambda m: m.group(1) + self.people[m.group(2).decode()].encode(), content
            )
        return content

    def take_back(self, text: str) -> str:
        """``text`` (a path or a parameter a visitor sent) with each pseudonym replaced by
        its id, and each personal id by one that names nothing."""
        if self.incoming is None or not text:
            return text
        # A match is a pseudonym (in ``shown``) or a personal id (not): UNKNOWN.
        return self.incoming.sub(lambda m: self.shown.get(m.group(0), UNKNOWN), text)


def pseudonyms(state: State) -> Pseudonyms:
    """The revision's :class:`Pseudonyms`, made once per revision."""
    return state.memo.once("pseudonyms", lambda: _made(state.record))


def personal_ids(record: Record) -> set[str]:
    """The ids of the record's changes (timeline and plans) that name or are about a person."""
    people = set(record.people)
    changes: list[Change] = list(record.timeline.changes)
    for plan in record.plans.values():
        changes.extend(plan.changes)
    return {c.id for c in changes if c.id and (_about_a_person(c) or _names(c.id, people))}


def _about_a_person(change: Change) -> bool:
    return "person" in change.params()


def _names(ident: str, people: set[str]) -> bool:
    """Whether ``ident`` holds a person's id as a run of its hyphen-separated words."""
    if not people:
        return False
    words = ident.split("-")
    return any(
        "-".join(words[i:j]) in people
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
    )


def _made(record: Record) -> Pseudonyms:
    hidden = {ident: pseudonym(ident) for ident in personal_ids(record)}
    shown = {p: ident for ident, p in hidden.items()}
    people = {ident: pseudonym(ident, "person-id") for ident in record.people if ident}
    pattern = incoming = quoted = None
    before, after = rb"(?<![" + _EDGE + rb"])", rb"(?![" + _EDGE + rb"])"
    if hidden:
        pattern = re.compile(_trie(hidden).encode() + after)
        incoming = re.compile(before.decode() + _trie([*hidden, *shown]) + after.decode())
    if people:
        quoted = re.compile(
            b"(" + _QUOTES + b")(" + _trie(people).encode() + b")(?=" + _QUOTES + b")"
        )
    return Pseudonyms(hidden, shown, pattern, incoming, people, quoted)


def _trie(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words`` (the longest where several
    start alike), built as a tree of their letters: a page is scanned once, whatever
    the number of ids, instead of once per id."""
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return ("(?:" + body + ")?") if len(branches) == 1 else body + "?"
        return body

    return emit(tree)
