"""The state of one reading: the resolver, the proposals and unresolved mentions so far,
and the paragraph and sentence being read. The rules of :mod:`.rules` and
:mod:`.structure` write through it."""

from __future__ import annotations

import re
from typing import Any

from ..core.record import Record
from ..queries.resolve import normal
from .names import ANAPHOR, KIND_WORDS, NAME, Mention, Resolver, Unresolvable, kind_of, names_in
from .paragraphs import Paragraph
from .proposals import CONTEXT, STATED, Draft, Proposal, Unresolved

#: Words that, with the kind words, are all a unit's name may hold besides the function
#: it is named for ("the Office of Staff Security" for "staff security").
_FILLER = {"of", "the", "and", "for", "on"} | set(KIND_WORDS)
# "Name (ABBR)": an abbreviation the document defines.
_DEFINED = re.compile(rf"(?P<name>{NAME.pattern})\s*\((?P<abbr>[A-Z][A-Za-z]{{1,9}})\)")
# "…, C, which is part of": the name a relative clause at the end of a phrase is about.
_RELATIVE = re.compile(r"\b(?P<name>[A-Z][^,]*?),\s*(?:which|who|that)\b[^,]*$")
# Where a name not resolved may be two: a possessive, "of the", "for the".
_JOINS = (r"[\u2019']s\s+", r"\s+of the\s+", r"\s+for the\s+", r"\s+of\s+", r"\s+for\s+")
# "the former", "the latter" (not "the former Gender Coordination Unit": a former name).
_FORMER = re.compile(r"\b[Tt]he (?P<which>former|latter)\b(?!\s+[A-Z])")


class Reading:
    """One document being read against a record as of a date."""

    def __init__(self, record: Record, at: str, source: str):
        self.resolver = Resolver(record, at)
        self.draft = Draft(source=source, at=at)
        self.paragraph: Paragraph | None = None
        self.sentence = ""
        #: the create proposal of each unit the document creates, by its id.
        self.creations: dict[str, Proposal] = {}
        #: the units the last sentence naming two or more named, in order ("the former"
        #: is the first, "the latter" the last).
        self.pair: list[Mention] = []
        #: the abbreviations the phrase being read defines (not mentions of their own).
        self.abbreviations_here: set[str] = set()

    # ----------------------------------------------------------------- mentions
    def mentions(self, phrase: str, *, report: bool = True) -> list[Mention | str]:
        """The units and senior posts ``phrase`` names, in order: a :class:`Mention` for
        each resolved (anaphors included), the name itself for each not resolved. With
        ``report``, a name not resolved that reads as a unit's (it has a kind word) is
        listed as unresolved."""
        self.definitions(phrase)
        found: list[tuple[int, Mention | str]] = []
        for name, where in names_in(phrase):
            if normal(name) in self.abbreviations_here:
                continue  # "(DHRM)" just after the name it abbreviates: named once
            try:
                found.append((where, self.resolver.resolve(name)))
            except Unresolvable as exc:
                parts = self._parts(name)
                if parts:
                    found.extend((where + i, m) for i, m in enumerate(parts))
                    continue
                if report and kind_of(name):
                    self.unresolved(name, exc.reason, exc.suggestions)
                found.append((where, name))
        for m in ANAPHOR.finditer(phrase):
            hit = self.resolver.anaphor(KIND_WORDS[m["kind"].lower()])
            if hit is not None:
                found.append((m.start(), hit))
        return [item for _, item in sorted(found, key=lambda x: x[0])]

    def _parts(self, name: str) -> list[Mention]:
        """The units a name not resolved holds when it is two names joined ("the Supply
        Chain Division of the Department of X", "DFAM's Supply Chain Division") or a noun
        before a name ("Responsibility for the Emergency Support Unit"): each part that
        resolves, in order; none when no split resolves a part that has a kind word."""
        for join in _JOINS:
            for m in re.finditer(join, name):
                left, right = name[: m.start()], name[m.end() :]
                got = []
                for part in (left, right):
                    if not kind_of(part) and not self.resolver.resolves(part):
                        continue
                    try:
                        got.append(self.resolver.resolve(part))
                    except Unresolvable:
                        continue
                if got:
                    return got
        return []

    def definitions(self, phrase: str) -> None:
        """Learn the abbreviations ``phrase`` defines ("the Department of Human Resources
        Management (DHRM)"): each then names its unit for the rest of the document."""
        self.abbreviations_here = set()
        for m in _DEFINED.finditer(phrase):
            abbr = m["abbr"]
            if self.resolver.resolves(abbr):
                # The record's own abbreviation, or one defined already: still not a
                # second mention here.
                self.abbreviations_here.add(normal(abbr))
                continue
            try:
                named = self.resolver.resolve(re.sub(r"^(?:The|the) ", "", m["name"]))
            except Unresolvable:
                continue
            self.resolver.defined[normal(abbr)] = named
            self.abbreviations_here.add(normal(abbr))

    def former_and_latter(self, sentence: str) -> tuple[str, dict[str, str]]:
        """``sentence`` with "the former" and "the latter" written as the units they
        stand for (the first and the last named by the last sentence naming two), and
        what each stands in for: {id: the words}."""
        first = _FORMER.search(sentence)
        if first is None:
            return sentence, {}
        pair = self._pair_before(sentence[: first.start()]) or self.pair
        if len(pair) < 2:
            return sentence, {}
        stand_ins: dict[str, str] = {}

        def name(m: re.Match[str]) -> str:
            unit = pair[0] if m["which"].lower() == "former" else pair[-1]
            stand_ins[unit.id] = m[0]
            self.pair = pair
            return f"the {unit.name}" if m[0][0] == "t" else f"The {unit.name}"

        return _FORMER.sub(name, sentence), stand_ins

    def _pair_before(self, prefix: str) -> list[Mention]:
        """The units ``prefix`` (the sentence before "the former"/"the latter") names,
        when two or more: but not the one a relative clause the words sit in is about
        ("A works with B: C, which is part of the latter" means B)."""
        clause = _RELATIVE.search(prefix)
        last = dict(self.resolver.last)
        try:
            units = [m for m in self.resolved(prefix, report=False) if m.kind != "post"]
            if clause:
                about = self.resolved(clause["name"], report=False)
                units = [u for u in units if not about or u.id != about[-1].id]
        finally:
            self.resolver.last = last
        distinct = list({u.id: u for u in units}.values())
        return distinct if len(distinct) >= 2 else []

    def read_as(self, proposals: list[Proposal], stand_ins: dict[str, str]) -> None:
        """Mark the ``proposals`` that name a unit through "the former" or "the latter"
        as read from context, saying which."""
        for p in proposals:
            named = {v for v in p.params.values() if isinstance(v, str)}
            named |= {
                x for v in p.params.values() if isinstance(v, list) for x in v if isinstance(x, str)
            }
            for ident, words in stand_ins.items():
                if ident in named:
                    unit = next(m for m in self.pair if m.id == ident)
                    p.basis = CONTEXT
                    p.confidence = min(p.confidence, 0.75)
                    p.notes.append(f"“{words}” is read as {unit.name}.")

    def named_last(self, seen: list[Mention | str]) -> None:
        """Keep the units a sentence named, when two or more, for "the former"/"the
        latter" in the next."""
        units: list[Mention] = []
        for m in seen:
            if isinstance(m, Mention) and m.kind != "post" and m.id not in {u.id for u in units}:
                units.append(m)
        if len(units) >= 2:
            self.pair = units

    def resolved(self, phrase: str, *, report: bool = True) -> list[Mention]:
        """Only the resolved mentions of ``phrase``."""
        return [m for m in self.mentions(phrase, report=report) if isinstance(m, Mention)]

    def exists(self, name: str) -> bool:
        """Whether ``name`` names a unit of the record (not one the document creates)."""
        return any(not m.new for m in self.resolved(name, report=False))

    def to_create(self, item: Mention | str) -> str | None:
        """The name of a unit to create here: a name not resolved that has a kind word,
        or a unit the document creates whose creation is not yet proposed."""
        if isinstance(item, str):
            return item if kind_of(item) else None
        if item.new and item.id not in self.creations:
            return item.name
        return None

    def created_mention(self, ident: str) -> Mention:
        """The unit the document creates with id ``ident``, as a mention."""
        made = next(c for c in self.resolver.created.values() if c.id == ident)
        return Mention(made.name, ident, "created", 0.9, made.name, made.kind, True)

    def finish(self) -> Draft:
        """The draft, without the unresolved names that turned out to be the new names
        the document gives (a unit it creates, a new name, a new kind)."""
        given = {normal(c.name) for c in self.resolver.created.values()}
        for p in self.draft.proposals:
            for value in (p.params.get("name"), (p.params.get("new") or {}).get("name")):
                if value:
                    given.add(normal(value))
            for part in p.params.get("into", []) if isinstance(p.params.get("into"), list) else []:
                given.add(normal(part["name"]))
        self.draft.unresolved = [u for u in self.draft.unresolved if normal(u.mention) not in given]
        return self.draft

    def ended(self, node: str) -> bool:
        """Whether a proposal so far ends ``node`` (replaced, merged, abolished, split)."""
        for p in self.draft.proposals:
            if p.op in ("replace", "abolish", "split") and p.params.get("unit") == node:
                return True
            if (
                p.op == "merge"
                and node in p.params.get("units", [])
                and node != p.params.get("into")
            ):
                return True
            if p.op == "replace" and p.params.get("by") == node and "parent" in p.params:
                return True
        return False

    def functions(self, phrase: str) -> list[Mention]:
        """Units named for the functions a list gives ("ethics and conduct, occupational
        health, and staff security"): each the one unit whose name is the function with
        only kind words besides."""
        out = []
        for part in re.split(r",\s*(?:and\s+|as well as\s+)?|;\s*", phrase):
            key = normal(re.sub(r"^(?:the|and|such as)\s+", "", part.strip()))
            if len(key) < 4:
                continue
            hits = {
                e.id
                for e in self.resolver.names.entries
                if e.kind == "unit"
                and key in normal(e.name)
                and set(normal(e.name).replace(key, " ").split()) <= _FILLER
            }
            if len(hits) == 1:
                node = hits.pop()
                unit = self.resolver.structure.units[node]
                out.append(Mention(part.strip(), node, "function", 0.6, unit.name, unit.kind))
        return out

    def unresolved(self, name: str, reason: str, suggestions: list[str] | None = None) -> None:
        """List a mention not resolved (once per paragraph)."""
        para = self.paragraph.number if self.paragraph else ""
        for u in self.draft.unresolved:
            if normal(u.mention) == normal(name) and u.paragraph == para:
                return
        self.draft.unresolved.append(
            Unresolved(name, para, self.sentence, reason, suggestions or [], self.draft.source)
        )

    def heading_node(self) -> Mention | None:
        """The unit or senior post the current section's heading names, if one."""
        if not self.paragraph or not self.paragraph.heading:
            return None
        # A heading is no mention: "the Department" still means the last one named.
        last = dict(self.resolver.last)
        try:
            return self.resolver.resolve(self.paragraph.heading)
        except Unresolvable:
            return None
        finally:
            self.resolver.last = last

    # ---------------------------------------------------------------- proposals
    def propose(
        self,
        op: str,
        params: dict[str, Any],
        rule: str,
        *,
        basis: str = STATED,
        confidence: float = 0.9,
        mentions: list[Mention] = (),  # type: ignore[assignment]
        notes: list[str] | None = None,
    ) -> Proposal | None:
        """Add a proposal (once: the same op on the same units is not proposed twice)."""
        notes = list(notes or [])
        for m in mentions:
            if m.how in ("anaphor", "fuzzy", "function", "kind", "order"):
                basis = CONTEXT
                notes.append(_how(m))
            elif m.how == "former":
                notes.append(f"“{m.text}” is a former name of {m.name}.")
            confidence = min(confidence, confidence * (m.confidence / 0.95))
            later = self.created_later(m)
            if later:
                basis = CONTEXT
                notes.append(later)
        key = _key(op, params)
        for p in self.draft.proposals:
            if _key(p.op, p.params) == key:
                return None
        assert self.paragraph is not None
        p = Proposal(
            op,
            params,
            self.paragraph.number,
            self.sentence,
            rule,
            basis,
            round(confidence, 2),
            self.draft.source,
            notes,
        )
        self.draft.proposals.append(p)
        return p

    def created_later(self, m: Mention) -> str:
        """A note when ``m`` is a unit the document creates only in a later paragraph."""
        if not m.new or not self.paragraph:
            return ""
        made = next((c for c in self.resolver.created.values() if c.id == m.id), None)
        if made and _number(made.paragraph) > _number(self.paragraph.number):
            return f"{made.name} is created later in the document (paragraph {made.paragraph})."
        return ""


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def _how(m: Mention) -> str:
    return {
        "anaphor": f"“{m.text}” is read as {m.name}, the last {m.kind} named.",
        "fuzzy": f"“{m.text}” is read as {m.name} (a near name).",
        "function": f"“{m.text}” is read as {m.name}, the unit named for that function.",
        "kind": f"“{m.text}” is read as {m.name}, named with another kind word.",
        "order": f"“{m.text}” is read as {m.name}, its name in another order.",
    }.get(m.how, "")


def _key(op: str, params: dict[str, Any]) -> tuple:
    subjects = tuple(
        str(params.get(k))
        for k in ("unit", "node", "post", "source", "units", "kind", "to", "target", "by")
        if k in params
    )
    return (op, subjects)
