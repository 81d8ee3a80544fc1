"""The documents a record is searched by: one piece of text about one thing, dated.

A unit gives a document for each name, abbreviation, mandate and function it had, each
with the span in which it held (``since``/``until``, the dataset's date forms) and the
citations of the change that gave it; a post its titles and the items of its terms of
reference; a person their name; a source its title, symbol, note and passages (each
cited by itself); a change its
narration, reason and note. Engines index :attr:`Document.indexed` (normalized text)
and show :attr:`Document.text`.

People's names are personal data (:attr:`Document.audience`): a person's own documents,
and any document whose text names a person, are for those who may see names
(``named``); a change told with a holder's name has a twin told without it for everyone
else (``anonymous``); the rest is for ``all``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..core.changes import Change, step
from ..core.dates import FuzzyDate
from ..core.model import Citation, Post, Unit
from ..core.narration import narrate_change
from ..core.record import Record
from ..core.structure import Structure
from ..core.terms import Terms, versions
from ..core.timeline import History, Version
from .node_runs import Getter, Run, node_runs, runs_of
from .text import normal

#: The kinds of thing searched, in the order their groups are listed when tied.
KINDS = ("unit", "post", "person", "source", "change")

#: Fields that name a thing (searched on a typeahead, ranked first).
NAME_FIELDS = frozenset({"name", "abbreviation", "title", "symbol"})

#: The field of each kind that is its name, in the order a result explains a match.
FIELD_WORDS = {
    "name": "name",
    "abbreviation": "abbreviation",
    "title": "title",
    "symbol": "symbol",
    "mandate": "mandate",
    "function": "function",
    "terms": "terms of reference",
    "narration": "change",
    "reason": "reason",
    "note": "note",
    "passage": "passage",
}

#: Who may see a document: everyone, those who may see people's names, or only those
#: who may not (the twin of a ``named`` document told without the name).
AUDIENCES = ("all", "named", "anonymous")

#: The days an open end of a span is stored as, so engines compare plain ISO dates.
FIRST_DAY = "0001-01-01"
LAST_DAY = "9999-12-31"

#: The language a text is taken to be in when none of its sources says.
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Document:
    """One searchable text about one thing (see the module)."""

    kind: str
    ident: str
    field: str
    text: str
    #: the thing's name as this document knows it (a unit's name in the same version).
    name: str
    since: str = ""
    until: str = ""
    cites: tuple[str, ...] = ()
    audience: str = "all"
    #: the text's language (an IETF tag), for stemming; names are not stemmed.
    language: str = ""
    #: words indexed with the text but not shown (a unit's kind beside its name).
    extra: str = ""
    key: tuple[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (self.kind, self.ident))

    @property
    def group(self) -> str:
        """``name`` for the fields that name a thing, ``text`` for the others."""
        return "name" if self.field in NAME_FIELDS else "text"

    @property
    def indexed(self) -> str:
        """The text (and :attr:`extra`) as the engines index it: normalized words."""
        return normal(f"{self.text} {self.extra}" if self.extra else self.text)

    @property
    def since_day(self) -> str:
        """The first day the text may have held, ISO (:data:`FIRST_DAY` when unknown)."""
        return _day(self.since, FIRST_DAY, start=True)

    @property
    def until_day(self) -> str:
        """The first day it may no longer have held, ISO (:data:`LAST_DAY`: still holds)."""
        return _day(self.until, LAST_DAY, start=True)


def _day(form: str, default: str, *, start: bool) -> str:
    if not form:
        return default
    date = FuzzyDate.parse(form)
    day = date.start if start else date.end
    return default if day in (dt.date.min, dt.date.max) else day.isoformat()


@dataclass(frozen=True)
class Only:
    """Which documents to make (None: all of that kind), for keeping an index up to date."""

    nodes: frozenset[str] | None = frozenset()
    changes: frozenset[str] | None = frozenset()
    sources: bool = False
    people: bool = False
    terms: bool = False
    #: nodes whose name or place a write may have changed at some date: every change
    #: after the first of ``changes`` that mentions one is told again (a backdated
    #: rename changes the sentences of the later changes that name the unit).
    mentioning: frozenset[str] = frozenset()


#: Every document of the record.
EVERYTHING = Only(nodes=None, changes=None, sources=True, people=True, terms=True)


def documents(
    record: Record, only: Only = EVERYTHING, histories: Mapping[str, History] | None = None
) -> list[Document]:
    """The documents of ``record`` (those of ``only``; default every one). ``histories``:
    every node's history, when the caller holds them already (else they are folded)."""
    return list(each_document(record, only, histories))


def each_document(
    record: Record, only: Only = EVERYTHING, histories: Mapping[str, History] | None = None
) -> Iterator[Document]:
    """:func:`documents`, one at a time as they are asked for: a whole record's documents
    (a few for every change and every version of a node) need not all be held at once."""
    maker = _Maker(record)
    if only.nodes is None and histories is None:
        # Every node's: from the runs of their values alone, not every version of every
        # node held at once (see node_runs).
        runs = node_runs(record.timeline, fields_of)
        for node in sorted(runs):
            yield from maker.runs(runs[node])
        runs = None  # not needed by the documents that follow
    elif only.nodes is None or only.nodes:
        if histories is None:
            histories = record.timeline.histories(only.nodes)
        nodes = sorted(histories) if only.nodes is None else sorted(only.nodes)
        for node in nodes:
            if node in histories:
                yield from maker.node(histories[node].versions)
    if only.terms or only.nodes:
        yield from maker.terms(None if only.terms else only.nodes)
    if only.changes is None or only.changes:
        yield from maker.changes(only.changes, only.mentioning)
    if only.sources:
        yield from maker.sources()
    if only.people:
        yield from maker.people()


class _Maker:
    """Makes the documents of one record, knowing its people and sources' languages."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.languages = {s.id: s.language for s in record.sources.values() if s.language}
        self.names: list[str] = []
        for person in record.people.values():
            full = normal(person.name)
            if full:
                self.names.append(f" {full} ")
                last = full.split()[-1]
                if len(last) >= 4:
                    self.names.append(f" {last} ")

    # ------------------------------------------------------------------ helpers
    def language(self, cites: Iterable[str]) -> str:
        """The language of the first cited source that says, else the default."""
        for cite in cites:
            found = self.languages.get(Citation.parse(cite).source)
            if found:
                return found
        return DEFAULT_LANGUAGE

    def personal(self, text: str) -> bool:
        """Whether ``text`` names a person of the record (by full name or surname)."""
        if not self.names:
            return False  # a record without people: nothing to normalize the text for
        padded = f" {normal(text)} "
        return any(n in padded for n in self.names)

    def make(self, kind: str, ident: str, fld: str, text: str, name: str, **kw) -> Document:
        """A document, for those who may see names if its text names someone."""
        if kw.get("audience", "all") == "all" and self.personal(text):
            kw["audience"] = "named"
        if "language" not in kw and fld not in NAME_FIELDS:
            kw["language"] = self.language(kw.get("cites", ()))
        return Document(kind, ident, fld, text, name, **kw)

    # ------------------------------------------------------------- units, posts
    def node(self, history: list[Version]) -> list[Document]:
        """A unit's or post's documents, one per value and the span it held."""
        records = [v for v in history if v.record is not None]
        if not records:
            return []
        fields = fields_of(records[-1].record)
        return self.runs({fld: runs_of(history, get) for fld, get in fields.items()})

    def runs(self, by_field: Mapping[str, list[Run]]) -> list[Document]:
        """A unit's or post's documents from the runs of each of its fields' values."""
        out = []
        for fld, runs in by_field.items():
            for values, since, until, cites, rec in runs:
                name = _label(rec)
                extra = rec.kind if fld == "name" and isinstance(rec, Unit) else ""
                for text in values:
                    if text:
                        out.append(
                            self.make(
                                "unit" if isinstance(rec, Unit) else "post",
                                rec.id,
                                fld,
                                text,
                                name,
                                since=since,
                                until=until,
                                cites=cites,
                                extra=extra,
                            )
                        )
        return out

    def terms(self, posts: frozenset[str] | None) -> list[Document]:
        """Each version of a post's terms of reference: its background and its items."""
        entries = [t for t in self.record.register("terms").values() if isinstance(t, Terms)]
        wanted = {t.post for t in entries if posts is None or t.post in posts}
        if not wanted:
            return []
        out = []
        titles = _post_titles(self.record)
        for post in sorted(wanted):
            kept = versions(entries, post)
            for i, t in enumerate(kept):
                until = str(kept[i + 1].effective) if i + 1 < len(kept) else ""
                name = titles.get(post) or t.title or post
                own = tuple(str(c) for c in t.cite)
                texts = [(t.background, own)]
                for items in (t.duties, t.education, t.experience):
                    texts += [(it.text, tuple(str(c) for c in it.cite) or own) for it in items]
                for text, cites in texts:
                    if text:
                        out.append(
                            self.make(
                                "post",
                                post,
                                "terms",
                                text,
                                name,
                                since=str(t.effective),
                                until=until,
                                cites=cites,
                            )
                        )
        return out

    # ----------------------------------------------------------------- changes
    def changes(
        self, wanted: frozenset[str] | None, mentioning: frozenset[str] = frozenset()
    ) -> Iterator[Document]:
        """The narration, reason and note of each timeline change (``wanted``: of these,
        and of the later ones that mention a node of ``mentioning``), change by change."""
        timeline = self.record.timeline
        changes = timeline.changes
        if wanted is None:
            start, end = 0, len(changes)
            s = timeline.empty()
        else:
            spots = [i for i, c in enumerate(changes) if c.id in wanted]
            if not spots:
                return
            start, end = spots[0], spots[-1] + 1
            if mentioning:
                end = len(changes)
            # The structure just before the first: from the nearest checkpoint (kept by
            # the folds, and by this one on its way).
            at, s, failures = timeline.start_at(start)
            timeline.advance(s, failures, at, start)
        told: list[Document] = []
        sources = self.record.sources

        def tell(change: Change, before: Structure) -> None:
            asked = wanted is None or change.id in wanted
            if not asked and not (mentioning and mentioning & mentioned(change, before)):
                return
            told.extend(self.change(change, before, sources))

        for i in range(start, end):
            step(changes[i], s, before=tell)
            if told:
                yield from told
                told.clear()

    def change(self, change: Change, before: Structure, sources) -> list[Document]:
        """One change's documents: told with the holder's name for those who may see it
        and without it for the others, when the change names someone."""
        kw = {"since": str(change.date), "cites": tuple(str(c) for c in change.cites)}
        told = narrate_change(change, before, sources, show_people=True)
        anonymous = narrate_change(change, before, sources, show_people=False)
        if told == anonymous and not self.personal(told):
            variants = [("all", told)]
        else:
            variants = [("named", told), ("anonymous", anonymous)]
        docs = []
        for audience, name in variants:
            texts = (("narration", name), ("reason", change.reason), ("note", change.note))
            for fld, text in texts:
                if not text or (audience == "anonymous" and self.personal(text)):
                    continue
                docs.append(
                    self.make("change", change.id, fld, text, name, audience=audience, **kw)
                )
        return docs

    # --------------------------------------------------------- sources, people
    def sources(self) -> list[Document]:
        """Each source's title, symbol and note, dated by the source."""
        out = []
        for src in self.record.sources.values():
            name = src.title or src.symbol or src.id
            kw = {"since": str(src.date) if src.date else "", "cites": (src.id,)}
            out.append(
                self.make(
                    "source",
                    src.id,
                    "title",
                    name,
                    name,
                    extra=" ".join(b for b in (src.body, src.session, src.id) if b),
                    **kw,
                )
            )
            if src.symbol:
                out.append(self.make("source", src.id, "symbol", src.symbol, name, **kw))
            if src.note:
                kw["language"] = src.language or DEFAULT_LANGUAGE
                out.append(self.make("source", src.id, "note", src.note, name, **kw))
            for passage in src.passages:
                text = ". ".join(t for t in (passage.title, passage.text) if t)
                if text:
                    cited = {**kw, "cites": (f"{src.id}:{passage.id}",)}
                    cited["language"] = src.language or DEFAULT_LANGUAGE
                    out.append(self.make("source", src.id, "passage", text, name, **cited))
        return out

    def people(self) -> list[Document]:
        """Each person's name and note: for those who may see names only."""
        out = []
        for person in self.record.people.values():
            out.append(
                Document("person", person.id, "name", person.name, person.name, audience="named")
            )
            if person.note:
                out.append(
                    Document(
                        "person",
                        person.id,
                        "note",
                        person.note,
                        person.name,
                        audience="named",
                        language=DEFAULT_LANGUAGE,
                    )
                )
        return out


def mentioned(change: Change, before: Structure) -> set[str]:
    """The units and posts ``change``'s sentence may name, told on ``before``: those it
    touches or needs, their parents and the units of its posts."""
    ids = set(change.subjects()) | set(change.needs())
    for node in list(ids):
        parent = before.parent(node)
        if parent:
            ids.add(parent)
        post = before.posts.get(node)
        if post is not None and post.unit:
            ids.add(post.unit)
    return ids


#: The fields of a unit's documents, and how each is read from its record.
UNIT_FIELDS: dict[str, Getter] = {
    "name": lambda u: (u.name,),
    "abbreviation": lambda u: (u.abbreviation,),
    "mandate": lambda u: (u.mandate,),
    "function": lambda u: u.functions,
}
#: The fields of a post's documents.
POST_FIELDS: dict[str, Getter] = {"title": lambda p: (p.title,)}


def fields_of(record: Unit | Post) -> dict[str, Getter]:
    """The fields of a node's documents, by the kind of its ``record``."""
    return UNIT_FIELDS if isinstance(record, Unit) else POST_FIELDS


def _label(record: Unit | Post) -> str:
    return record.name if isinstance(record, Unit) else record.title


def _post_titles(record: Record) -> dict[str, str]:
    """Each post's latest title (terms of reference are named by their post)."""
    s, _ = record.timeline.fold()
    titles = {p: post.title for p, post in s.posts.items()}
    for p, post in getattr(s, "retired_posts", {}).items():
        titles.setdefault(p, post.title)
    return titles
