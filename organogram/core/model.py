"""Value types: units, posts, people, assignments, lines, sources and citations.

Each is a frozen dataclass. A change never edits one in place; it puts a new
version in the :class:`~organogram.core.structure.Structure`, so an old snapshot
stays valid while a new one is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from .dates import FuzzyDate

#: class -> (its fields as a set, a function rebuilding an instance with some changed).
_REBUILD: dict[type, tuple[frozenset[str], Any]] = {}


def _rebuilder(cls: type) -> tuple[frozenset[str], Any]:
    """A function ``(obj, changes) -> copy of obj with changes`` written for ``cls``.

    Generated from the class's fields (as dataclasses writes ``__init__``), so a field
    added later is carried over without anyone updating a list here. For a class with
    slots and nothing to run after ``__init__``, the copy is made empty and each slot
    set through its descriptor, which a frozen class does not forbid: half the time of
    calling the class, whose frozen ``__init__`` goes through ``object.__setattr__``.
    """
    names = [f.name for f in fields(cls)]
    namespace: dict[str, Any] = {"cls": cls}
    head = "def rebuild(obj, changes):\n    get = changes.get\n"
    if "__slots__" in cls.__dict__ and not hasattr(cls, "__post_init__"):
        namespace["new"] = object.__new__
        namespace.update({f"set_{n}": getattr(cls, n).__set__ for n in names})
        body = "".join(f"    set_{n}(out, get({n!r}, obj.{n}))\n" for n in names)
        exec(f"{head}    out = new(cls)\n{body}    return out\n", namespace)
    else:
        args = ", ".join(f"get({n!r}, obj.{n})" for n in names)
        exec(f"{head}    return cls({args})\n", namespace)
    return frozenset(names), namespace["rebuild"]


def _but(obj: Any, changes: dict[str, object]) -> Any:
    """``dataclasses.replace(obj, **changes)``, several times faster.

    A fold makes a new version of a unit or post for every change, so this is on the
    hot path; unknown names fall back to ``replace`` and its error.
    """
    cls = type(obj)
    known = _REBUILD.get(cls)
    if known is None:
        known = _REBUILD[cls] = _rebuilder(cls)
    names, rebuild = known
    if not changes.keys() <= names:
        return replace(obj, **changes)
    return rebuild(obj, changes)


#: What a line of oversight points at when no source says where a node was placed. It is
#: not a node: the node is shown apart ("placement not recorded"), not at the top.
UNKNOWN_PLACE = "unknown"

#: The person of an assignment whose holder the sources do not name: the post is held
#: (not vacant) by someone the record cannot name.
UNNAMED = ""


class LineKind(StrEnum):
    """Kinds of reporting line. Only OVERSIGHT forms the tree; the others sit beside it."""

    OVERSIGHT = "oversight"
    DIRECT_SUPERVISION = "direct-supervision"
    ADMINISTRATIVE_SUPPORT = "administrative-support"
    FUNCTIONAL = "functional"


#: Kinds of typed line other than oversight, as written in datasets.
SIDE_LINE_KINDS = frozenset(k for k in LineKind if k is not LineKind.OVERSIGHT)


class AssignmentKind(StrEnum):
    """How a person holds a post."""

    REGULAR = "regular"
    AD_INTERIM = "ad-interim"
    ACTING = "acting"
    OFFICER_IN_CHARGE = "officer-in-charge"


class PostStatus(StrEnum):
    """Where a post stands: proposed (not yet approved), established, frozen, abolished.

    A frozen post exists but may not be filled; an abolished one is kept in the record
    with that status when a decision ends it before the post is removed.
    """

    PROPOSED = "proposed"
    ESTABLISHED = "established"
    FROZEN = "frozen"
    ABOLISHED = "abolished"


class Funding(StrEnum):
    """What pays for a post: the core budget or projects ("" when no source says)."""

    UNKNOWN = ""
    CORE = "core"
    PROJECTS = "projects"


class Basis(StrEnum):
    """Whether a document states a fact or the dataset infers it."""

    STATED = "stated"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class Citation:
    """A source document and the passage in it (paragraph, section, annex…)."""

    source: str
    passage: str = ""

    @classmethod
    def parse(cls, text: str) -> Citation:
        """Read ``"scpf28:21"`` (source id, colon, passage) or a bare source id."""
        source, _, passage = text.partition(":")
        return cls(source.strip(), passage.strip())

    def __str__(self) -> str:
        return f"{self.source}:{self.passage}" if self.passage else self.source


@dataclass(frozen=True, slots=True)
class Passage:
    """A part of a source that citations name: a paragraph, a section, an annex.

    ``id`` is what follows the colon of a citation (``21`` in ``scpf28:21``); ``title``
    says in a few words what the part is about; ``text`` may hold its wording.
    """

    id: str
    title: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """A document that supports facts and changes.

    When ``passages`` is given, a citation of the source may only name those passages
    (see :func:`organogram.core.passages.passage_problem`); without it, any passage.
    """

    id: str
    title: str
    symbol: str = ""
    body: str = ""
    session: str = ""
    date: FuzzyDate | None = None
    #: the language it is written in, as an IETF language tag ("en", "fr", "es")
    language: str = ""
    file: str = ""
    url: str = ""
    cites: tuple[str, ...] = ()
    note: str = ""
    #: the parts citations may name, in the document's order (empty: any part).
    passages: tuple[Passage, ...] = ()

    def passage(self, ident: str) -> Passage | None:
        """The declared passage ``ident``, or None."""
        return next((p for p in self.passages if p.id == ident), None)


@dataclass(frozen=True, slots=True)
class Unit:
    """One version of an organizational unit; ``id`` is its lasting identity."""

    id: str
    name: str
    kind: str
    abbreviation: str = ""
    mandate: str = ""
    functions: tuple[str, ...] = ()
    location: str = ""
    head: str | None = None

    def but(self, **changes: object) -> Unit:
        """A copy with some attributes changed."""
        return _but(self, changes)


@dataclass(frozen=True, slots=True)
class Post:
    """A position that exists whoever holds it. Senior posts are nodes of the tree."""

    id: str
    title: str
    grade: str = ""
    category: str = ""
    unit: str | None = None
    duty_station: str = ""
    senior: bool = False
    status: PostStatus = PostStatus.ESTABLISHED
    funding: Funding = Funding.UNKNOWN
    #: full-time equivalent: 1.0 a full-time post, 0.5 a half-time one; an entry that
    #: groups several posts (as published organograms do for junior staff) their sum.
    fte: float = 1.0

    def but(self, **changes: object) -> Post:
        """A copy with some attributes changed."""
        return _but(self, changes)


@dataclass(frozen=True, slots=True)
class Person:
    """Someone who holds or held a post. Personal data: shown only to allowed roles."""

    id: str
    name: str
    note: str = ""
    #: how to reach them (an address, an e-mail): personal data, like the name.
    contact: str = ""
    #: their curriculum vitae, or where it is kept: personal data.
    cv: str = ""


@dataclass(frozen=True, slots=True)
class Assignment:
    """A person in a post from a date, regularly, ad interim, acting or in charge.

    ``person`` is :data:`UNNAMED` when the sources show the post held but name no one.
    """

    post: str
    person: str
    kind: AssignmentKind = AssignmentKind.REGULAR
    since: FuzzyDate | None = None

    @property
    def named(self) -> bool:
        """True when the record names the holder."""
        return self.person != UNNAMED


@dataclass(frozen=True, slots=True)
class Line:
    """A typed line from a unit or senior post to another node."""

    source: str
    kind: LineKind
    target: str


@dataclass(frozen=True, slots=True)
class LineageLink:
    """A unit that came from another, through a merge, a split or a replacement."""

    predecessor: str
    successor: str
    kind: str  # "merge" | "split" | "replace"
    date: FuzzyDate
    change: str


@dataclass(frozen=True, slots=True)
class Claim:
    """What one source says about one fact, kept so disagreements can be shown."""

    subject: str
    field: str
    value: str
    citation: Citation
    basis: Basis = Basis.STATED
    note: str = ""


@dataclass(frozen=True, slots=True)
class Organization:
    """The dataset's header: which organization it describes."""

    id: str
    name: str
    description: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)
    #: from this date on, the record holds every assignment: a post without a holder
    #: is vacant. Before it (or without it), such a post has no holder recorded.
    assignments_complete_from: FuzzyDate | None = None

    def vacancy_known(self, day: dt.date) -> bool:
        """True when, on ``day``, a post without a recorded holder is known to be vacant."""
        done = self.assignments_complete_from
        return done is not None and done.start <= day
