"""What a structure description says, sentence by sentence: the facts its rules record
(the units it shows, their places and their lines), each with the rule, basis and
confidence that gave it, and the registry of those rules. The rules themselves are in
:mod:`.structure_members` (who belongs to whom: "is composed of", "directly supervises",
"has a unit in Manila") and :mod:`.structure_lines` (lines and placements: "reports to …
via the administrative support of …", "falls under", "is supported by").

:mod:`.structure` compares the facts with the record and turns them into changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..queries.resolve import normal
from .names import KIND_WORDS, Mention, Unresolvable, kind_of
from .paragraphs import Paragraph
from .proposals import CONTEXT, STATED
from .reading import Reading

#: How high a kind of unit sits: a unit described after one of a higher rank may sit in it.
RANK = {
    "department": 5,
    "division": 4,
    "office": 3,
    "centre": 3,
    "institute": 3,
    "secretariat": 3,
    "branch": 3,
    "bureau": 3,
    "unit": 2,
    "section": 2,
    "service": 2,
    "team": 1,
}


@dataclass
class Placed:
    """A fact about a node (its place, or a line from it): where and how it was read."""

    target: str
    paragraph: Paragraph
    sentence: str
    rule: str
    basis: str = STATED
    confidence: float = 0.85
    notes: list[str] = field(default_factory=list)


@dataclass
class Seen:
    """A unit (or post) the document shows: its id (the record's, or a new one), its name
    and kind as the document gives them, where it is named, and its place if given."""

    node: str
    name: str
    kind: str
    new: bool
    paragraph: Paragraph
    sentence: str
    rule: str
    post: bool = False
    location: str = ""
    paragraphs: list[str] = field(default_factory=list)
    parent: Placed | None = None


@dataclass
class LineFact:
    """A line the document gives: ``source`` has a line of ``kind`` to ``target``
    (``oversight`` for a post's line of oversight)."""

    source: str
    kind: str
    placed: Placed


class Describing:
    """The facts of one structure description, read through a :class:`Reading`."""

    def __init__(self, reading: Reading):
        self.r = reading
        self.units: dict[str, Seen] = {}
        self.lines: list[LineFact] = []
        s = reading.resolver.structure
        self.locations = sorted({u.location for u in s.units.values() if u.location}, key=len)
        self.post_titles = {normal(p.title): pid for pid, p in s.posts.items()}
        #: the unit the paragraph being read describes.
        self.section: Seen | None = None

    # ------------------------------------------------------------------ facts
    def see(
        self, item: Mention | str, rule: str, *, kind: str = "", structural: bool = True
    ) -> Seen | None:
        """The unit ``item`` names, recorded as shown here. A name the record does not
        know becomes a new unit only where the sentence gives it a place in the structure
        (``structural``); elsewhere it stays listed as not resolved."""
        r = self.r
        para = r.paragraph
        assert para is not None
        if isinstance(item, Mention):
            if item.kind == "post":
                return None
            node, name, new = item.id, item.name, item.new
            kind = kind or item.kind_in_text or item.kind
        else:
            name = re.sub(r"^(?:[Tt]he|[Aa]n?|[Ii]ts)\s+", "", item).strip(" ,;.")
            kind = kind or kind_of(name)
            if not kind or not structural or _plural(name):
                return None
            made = r.resolver.create(name, kind, para.number)
            node, new = made.id, True
        seen = self.units.get(node)
        if seen is None:
            seen = Seen(node, name, kind, new, para, r.sentence, rule)
            self.units[node] = seen
        elif kind and not seen.kind:
            seen.kind = kind
        if para.number not in seen.paragraphs:
            seen.paragraphs.append(para.number)
        return seen

    def place(
        self,
        child: Seen | None,
        parent: str,
        rule: str,
        *,
        basis: str = STATED,
        confidence: float = 0.85,
        notes: list[str] | None = None,
    ) -> None:
        """Give ``child`` its line of oversight; what the document states outranks what is
        read from context, and the first statement outranks a later one."""
        if child is None or child.node == parent:
            return
        r = self.r
        placed = Placed(parent, r.paragraph, r.sentence, rule, basis, confidence, list(notes or []))
        old = child.parent
        if old is None or (old.basis == CONTEXT and basis == STATED):
            child.parent = placed
        if r.paragraph.number not in child.paragraphs:
            child.paragraphs.append(r.paragraph.number)

    def line(
        self,
        source: str,
        kind: str,
        target: str,
        rule: str,
        *,
        basis: str = STATED,
        confidence: float = 0.85,
        notes: list[str] | None = None,
    ) -> None:
        """Record a line the document gives (once)."""
        for f in self.lines:
            if (f.source, f.kind, f.placed.target) == (source, kind, target):
                return
        r = self.r
        placed = Placed(target, r.paragraph, r.sentence, rule, basis, confidence, list(notes or []))
        self.lines.append(LineFact(source, kind, placed))

    # ---------------------------------------------------------------- helpers
    def subject(self, phrase: str) -> Mention | None:
        """The unit or senior post a phrase names last ("The Department", "It": the
        paragraph's own unit)."""
        found = self.r.resolved(phrase, report=False)
        if found:
            return found[-1]
        if re.search(r"\b(?:It|it|Its|its|They|they|Their|their)\b", phrase) and self.section:
            return self._as_mention(self.section)
        return None

    def post_in(self, phrase: str) -> str | None:
        """The post whose title ``phrase`` holds (the longest), if any."""
        key = normal(phrase)
        hits = [(len(t), pid) for t, pid in self.post_titles.items() if t and t in key]
        return max(hits)[1] if hits else None

    def _as_mention(self, seen: Seen) -> Mention:
        return Mention(seen.name, seen.node, "section", 0.8, seen.name, seen.kind, seen.new)

    def resolve(self, text: str) -> Mention | None:
        """``text`` resolved as one name, or None (not listed as unresolved)."""
        try:
            return self.r.resolver.resolve(text)
        except Unresolvable:
            return None


def _plural(name: str) -> bool:
    last = normal(name).split()[-1:] or [""]
    return last[0] in KIND_WORDS and last[0].endswith("s") and last[0] not in ("services",)


# ---------------------------------------------------------------------------- rules
SentenceRule = Callable[[Describing, str], bool]
Rules = list[tuple[str, SentenceRule]]


def registry(rules: Rules) -> Callable[[str], Callable[[SentenceRule], SentenceRule]]:
    """A decorator ``structure_rule(name)`` that adds a rule to ``rules`` (a rule returns
    whether it read the sentence). Each module of rules keeps its own list, and
    :mod:`.structure` runs the lists in a stated order: the first statement of a place
    outranks a later one."""

    def structure_rule(name: str) -> Callable[[SentenceRule], SentenceRule]:
        def register(fn: SentenceRule) -> SentenceRule:
            rules.append((name, fn))
            return fn

        return register

    return structure_rule


#: An adverb a placing verb may carry ("also", "now", "likewise", "directly").
ADV = r"(?:(?:also|now|likewise|still|[a-z]+ly)\s+)?"


def names_shown(d: Describing, s: str) -> None:
    """Every unit of the record a sentence names is shown existing (its place unsaid); a
    name the record does not know is listed as not resolved, not created."""
    for item in d.r.mentions(s, report=True):
        if isinstance(item, Mention) and item.how != "anaphor":
            d.see(item, "named", structural=False)
