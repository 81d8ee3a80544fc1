"""What a person typed, resolved to the one unit, post, person, source or plan it names.

People write names, not ids: "Budget Division", "bud", "Division de l'Économie" (a name
the unit had before). A :class:`Names` holds everything of one kind as of one date and
answers two questions: :meth:`Names.resolve` (the one thing this text names, or why it
names none or several) and :meth:`Names.search` (the best matches for a few letters, as
one types). Matching ignores case, accents and punctuation.

A unit's **former names** count only as of the date asked: a name it had then or
before, never one it will take later. Build the index with :func:`names_at`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from ..core.dates import FuzzyDate
from ..core.model import Person, Source
from ..core.structure import Structure
from ..core.timeline import Timeline

#: What a field may name: ``node`` is a unit or a senior post (a node of the tree).
KINDS = ("unit", "post", "node", "person", "source", "plan")

#: The kinds in plain words, for messages.
WORDS = {"node": "unit or senior post"}

#: How many matches :meth:`Names.search` gives by default, and suggestions a refusal lists.
MATCHES = 10
SUGGESTIONS = 5


@lru_cache(maxsize=1 << 16)
def normal(text: str) -> str:
    """``text`` as it is compared: no accents, no case, punctuation read as a space.

    Kept for the names asked most (every name of a record is compared with every text
    that is resolved: drafting from a paper resolves hundreds)."""
    bare = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", " ", bare.casefold()).strip()


@dataclass(frozen=True)
class Named:
    """One thing a name may name, with what tells it apart from others of that name."""

    id: str
    kind: str  # unit, post, person, source or plan
    name: str
    abbreviation: str = ""
    #: the names it had before (as of the date asked), latest first.
    former: tuple[str, ...] = ()
    #: what tells it apart: "division, under the Department of Operations".
    detail: str = ""

    def described(self) -> str:
        """``Budget Division (BUD), division, under …`` for a list of candidates."""
        abbr = f" ({self.abbreviation})" if self.abbreviation else ""
        detail = f", {self.detail}" if self.detail else ""
        return f"{self.name}{abbr}{detail}"

    def as_dict(self) -> dict[str, Any]:
        """As data, for a lookup's answer."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "abbreviation": self.abbreviation,
            "former": list(self.former),
            "detail": self.detail,
        }


class NotResolved(ValueError):
    """The text names nothing, or several things: the message says which and what to write."""

    def __init__(
        self, message: str, candidates: Iterable[Named] = (), suggestions: Iterable[Named] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        #: the things an ambiguous text names.
        self.candidates = list(candidates)
        #: the closest names to an unknown text.
        self.suggestions = list(suggestions)


_WITH_ID = re.compile(r"^(?P<text>.*?)\s*\((?P<key>[^()]+)\)\s*$")


class Names:
    """Everything of one kind as of one date, found by id, name, abbreviation or former name."""

    def __init__(self, kind: str, entries: Iterable[Named]) -> None:
        self.kind = kind
        self.entries = list(entries)
        self._by_id = {e.id: e for e in self.entries}
        self._by_name: dict[str, list[Named]] = {}
        self._by_former: dict[str, list[Named]] = {}
        for e in self.entries:
            for text in {normal(e.name), normal(e.abbreviation)} - {""}:
                self._by_name.setdefault(text, []).append(e)
            for text in {normal(f) for f in e.former} - {normal(e.name), ""}:
                self._by_former.setdefault(text, []).append(e)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, node_id: str) -> Named | None:
        """The entry with this id, if any."""
        return self._by_id.get(node_id)

    def fill(self, entry: Named) -> str:
        """The text that names ``entry`` alone: its name, or ``name (id)`` when shared."""
        if len(self._by_name.get(normal(entry.name), ())) > 1:
            return f"{entry.name} ({entry.id})"
        return entry.name

    def _matching(self, text: str) -> list[Named]:
        """What ``text`` names: by id, else by name or abbreviation, else by former name."""
        if text in self._by_id:
            return [self._by_id[text]]
        key = normal(text)
        by_id = [e for e in self.entries if normal(e.id) == key]
        if by_id:
            return by_id
        return self._by_name.get(key) or self._by_former.get(key) or []

    def resolve(self, typed: str) -> Named:
        """The one thing ``typed`` names; :class:`NotResolved` saying why if none or several."""
        text = typed.strip()
        if not text:
            raise NotResolved(f"write the name of a {WORDS.get(self.kind, self.kind)}")
        found = self._matching(text)
        hinted = _WITH_ID.match(text)
        if len(found) != 1 and hinted:
            # "Budget Division (bud)" or "Budget Division (BUD)": the bracket tells it apart.
            outer = self._matching(hinted["text"]) if hinted["text"] else list(self.entries)
            inner = {e.id for e in self._matching(hinted["key"])}
            both = [e for e in outer if e.id in inner]
            if len(both) == 1:
                return both[0]
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(f"{e.described()} — write “{e.name} ({e.id})”" for e in found)
            raise NotResolved(
                f"“{text}” names {len(found)} {_plural(self.kind)}: {listed}", candidates=found
            )
        close = self._closest(text)
        hint = (
            " — did you mean " + " or ".join(f"“{self.fill(e)}”" for e in close) + "?"
            if close
            else ""
        )
        what = WORDS.get(self.kind, self.kind)
        raise NotResolved(f"no {what} is called “{text}”{hint}", suggestions=close)

    def search(self, typed: str, limit: int = MATCHES) -> list[Named]:
        """The best matches for what is typed so far: exact names first, then names that
        begin with it, then words that do, then names that hold it anywhere."""
        key = normal(typed)
        if not key:
            return []
        scored = []
        for e in self.entries:
            rank = _rank(key, e)
            if rank is not None:
                scored.append((rank, normal(e.name), e.id, e))
        scored.sort(key=lambda x: x[:3])
        return [e for *_, e in scored[:limit]]

    def _closest(self, text: str) -> list[Named]:
        """The names nearest to a text that names nothing: those holding it, else alike."""
        near = self.search(text, SUGGESTIONS)
        if near:
            return near
        names = {normal(e.name): e for e in self.entries}
        close = process.extract(
            normal(text), list(names), scorer=fuzz.ratio, limit=SUGGESTIONS, score_cutoff=60
        )
        return [names[c] for c, _score, _index in close]


def _plural(kind: str) -> str:
    return {"person": "people", "node": "units or senior posts"}.get(kind, f"{kind}s")


def _rank(key: str, e: Named) -> int | None:
    """How well ``key`` (normalized) matches ``e``: lower is better; None: not at all."""
    name, abbr, ident = normal(e.name), normal(e.abbreviation), normal(e.id)
    if key in (name, abbr, ident):
        return 0
    if name.startswith(key) or abbr.startswith(key):
        return 1
    if any(word.startswith(key) for word in name.split()):
        return 2
    if ident.startswith(key):
        return 3
    formers = [normal(f) for f in e.former]
    if any(f.startswith(key) or f" {key}" in f for f in formers):
        return 4
    if key in name:
        return 5
    if all(part in name or part in abbr for part in key.split()):
        return 6
    return None


def former_names(timeline: Timeline, at: FuzzyDate | str) -> dict[str, tuple[str, ...]]:
    """Each unit's and post's earlier names (titles) that it bore on or before ``at``, latest
    first. The versions are folded once per timeline and kept with it."""
    versions = timeline.memo.get("former-names")
    if not isinstance(versions, dict):
        versions = {}
        for node, history in timeline.histories().items():
            named = []
            for v in history.versions:
                label = getattr(v.record, "name", None) or getattr(v.record, "title", None)
                if label and (not named or named[-1][1] != label):
                    named.append((v.since.start, label))
            versions[node] = named
        timeline.memo["former-names"] = versions
    day = (at if isinstance(at, FuzzyDate) else FuzzyDate.parse(at)).end
    out = {}
    for node, named in versions.items():
        seen = [label for start, label in named if start <= day]
        if len(seen) > 1:
            # The last is the name in force; the others, latest first, are former names.
            out[node] = tuple(dict.fromkeys(reversed(seen[:-1])))
    return out


def names_at(
    kind: str,
    structure: Structure | None = None,
    *,
    former: Mapping[str, tuple[str, ...]] | None = None,
    people: Iterable[Person] = (),
    sources: Iterable[Source] = (),
    plans: Iterable[Any] = (),
) -> Names:
    """The :class:`Names` of ``kind`` (one of :data:`KINDS`): units and posts from
    ``structure`` with their ``former`` names (:func:`former_names`), or the given people,
    sources or plans."""
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not one of {', '.join(KINDS)}")
    former = former or {}
    entries: list[Named] = []
    if kind in ("unit", "node") and structure is not None:
        entries += [_unit(structure, u, former) for u in structure.units]
    if kind in ("post", "node") and structure is not None:
        entries += [
            _post(structure, p, former)
            for p, post in structure.posts.items()
            if kind == "post" or post.senior
        ]
    if kind == "person":
        entries += [Named(p.id, "person", p.name) for p in people]
    if kind == "source":
        entries += [
            Named(src.id, "source", src.title or src.id, src.symbol, detail=_source_detail(src))
            for src in sources
        ]
    if kind == "plan":
        entries += [
            Named(p.id, "plan", p.title, detail=f"{p.status} plan, effective {p.effective}")
            for p in plans
        ]
    return Names(kind, entries)


def _unit(s: Structure, unit_id: str, former: Mapping[str, tuple[str, ...]]) -> Named:
    unit = s.units[unit_id]
    parent = s.parent(unit_id)
    where = f", under {s.label(parent)}" if parent else ", at the top"
    return Named(
        unit_id, "unit", unit.name, unit.abbreviation, former.get(unit_id, ()),
        f"{unit.kind}{where}",
    )


def _post(s: Structure, post_id: str, former: Mapping[str, tuple[str, ...]]) -> Named:
    post = s.posts[post_id]
    grade = f"{post.grade} post" if post.grade else "post"
    where = f" in {s.label(post.unit)}" if post.unit else ""
    return Named(post_id, "post", post.title, "", former.get(post_id, ()), f"{grade}{where}")


def _source_detail(src: Source) -> str:
    bits = [b for b in (src.body, str(src.date) if src.date else "") if b]
    return ", ".join(bits)
