"""Names in a sentence: the unit names a phrase holds (lists and shared endings written
out), and each resolved to the record's unit or senior post as of a date, to a unit the
paper creates, or to the last unit of its kind named ("the Department").

Exact names, former names and abbreviations are the record's own resolver's
(:mod:`organogram.queries.resolve`); what it does not know is tried with another kind word
("the Department of Legal Affairs" for the Office of Legal Affairs, which the paper is
about to raise) and then by fuzzy matching (rapidfuzz), each way saying how sure it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from ..core.record import Record
from ..queries.resolve import Names, NotResolved, former_names, names_at, normal

#: The words that say what kind of unit a name is, and the kind the dataset writes.
KIND_WORDS = {
    "department": "department",
    "departments": "department",
    "division": "division",
    "divisions": "division",
    "unit": "unit",
    "units": "unit",
    "office": "office",
    "offices": "office",
    "centre": "centre",
    "centres": "centre",
    "center": "centre",
    "centers": "centre",
    "institute": "institute",
    "fund": "fund",
    "secretariat": "secretariat",
    "team": "team",
    "teams": "team",
    "section": "section",
    "sections": "section",
    "branch": "branch",
    "service": "service",
    "services": "service",
    "bureau": "bureau",
}
_SINGULAR = {
    "Departments": "Department",
    "Divisions": "Division",
    "Units": "Unit",
    "Offices": "Office",
    "Centres": "Centre",
    "Centers": "Center",
    "Teams": "Team",
    "Sections": "Section",
    "Branches": "Branch",
}
_PLURAL = "|".join(_SINGULAR)

# A capitalized name: capitalized words (or IOM, ICT…) joined by a space, a comma, or a
# small word ("of", "of the", "for the", "and" — never "and the", which starts another).
_CAP = r"(?:[A-Z][\w'\u2019\-]*)"
_JOIN = r"(?:,? (?:and|&) |,? (?:of|for|on|to|in)(?: the)? | of and | |, )"
NAME = re.compile(rf"{_CAP}(?:{_JOIN}{_CAP})*")
_LEAD = re.compile(
    r"^(?:(?:the|a|an|its|their|IOM[\u2019']s|new|existing|current|currently|single|two|"
    r"whole|entire|present|former)\s+)+",
    re.I,
)
_ABBR = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z]{1,9})\)")
# "the Department", "this new department", "the Unit's": the last unit of that kind named.
ANAPHOR = re.compile(
    r"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Ii]ts)(?: new)? (?P<kind>[Dd]epartment|[Dd]ivision|"
    r"[Uu]nit|[Oo]ffice|[Ii]nstitute|[Cc]entre|[Ss]ecretariat|[Tt]eam)\b(?:[\u2019']s)?"
    r"(?! of\b)(?! [A-Z])"
)
# Names that are no unit however they are written: the words that only start a sentence.
_NOT_NAMES = {"the", "this", "that", "it", "a", "an", "in", "its", "these", "those"}


def kind_of(name: str) -> str:
    """The kind a name's own words give (``Department of …`` → department), or ''."""
    words = normal(name).split()
    if not words:
        return ""
    for word in (words[-1], words[0]):
        if word in KIND_WORDS:
            return KIND_WORDS[word]
    return ""


def expand(phrase: str) -> str:
    """A phrase with its shared parts written out: "the Departments of A and of B" →
    "the Department of A and the Department of B"; "the A, and B Divisions" → "the A
    Division and the B Division"; "the Manila and Panama Administrative Centres" and
    "Administrative Centres in Manila and Panama" → one name each."""

    def departments(m: re.Match[str]) -> str:
        kind = _SINGULAR[m["kind"]]
        parts = re.split(r",? and of |, of ", m["list"])
        return " and the ".join(f"{kind} of {p.strip()}" for p in parts)

    phrase = re.sub(
        rf"\b(?P<kind>{_PLURAL}) of (?P<list>[A-Z][^;()]*?(?:,? and of [A-Z][^;(),]*))",
        departments,
        phrase,
    )

    def shared_end(m: re.Match[str]) -> str:
        head, tail = m["list"], _SINGULAR[m["kind"]]
        rest = (m["rest"] or "").strip()
        if "," in head:
            # "the A, and B Divisions": each part ends with the kind alone.
            # "the Accounting, Budget and Treasury Divisions": the last two too.
            parts = [
                p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", f"{head} {rest}") if p.strip()
            ]
            rest = ""
        else:
            parts = head.split(" and ")
            if not all(len(p.split()) == 1 for p in parts):
                return m[0]
        ending = f"{rest} {tail}".strip()
        return " and the ".join(f"{p.strip()} {ending}" for p in parts)

    phrase = re.sub(
        rf"(?P<list>(?:{_CAP}(?: and | |, |, and ))+?{_CAP})"
        rf"(?P<rest>(?: {_CAP})*?) (?P<kind>{_PLURAL})\b(?! of)",
        shared_end,
        phrase,
    )

    def places(m: re.Match[str]) -> str:
        kind = f"{m['name'].strip()} {_SINGULAR[m['kind']]}".strip()
        return " and the ".join(f"{p} {kind}" for p in re.split(r",? and |, ", m["list"]))

    return re.sub(
        rf"(?:IOM[\u2019']s )?(?P<name>(?:{_CAP} )*?)(?P<kind>{_PLURAL}) in "
        rf"(?P<list>{_CAP}(?:(?:,? and |, ){_CAP})+)",
        places,
        phrase,
    )


def names_in(phrase: str) -> list[tuple[str, int]]:
    """The capitalized names a phrase holds, with where each starts, after
    :func:`expand`; names that only follow "at", "in" or "from" are places, not
    subjects, and are left out ("units in the Manila Administrative Centre")."""
    text = expand(phrase)
    out = []
    for m in NAME.finditer(text):
        name = re.sub(r"^(?:The|This|That|These|Its|An?) ", "", m[0])
        name = re.sub(r"[\u2019']s$", "", name)
        if normal(name) in KIND_WORDS:
            continue  # "this Department": an anaphor, read apart
        before = text[: m.start()].rstrip()
        if re.search(r"\b(?:at|in|from|within|inside)(?: the)?$", before, re.I) and kind_of(
            name
        ) not in ("", "department", "division"):
            continue
        if normal(name) in _NOT_NAMES:
            continue
        out.append((name, m.start()))
    return out


@dataclass
class Mention:
    """A name of the document resolved: the record's id (or the id the paper gives a new
    unit), how, and how sure."""

    text: str
    id: str
    how: str  # exact, former, abbreviation, kind, order, fuzzy, created, anaphor
    confidence: float
    name: str  # the name it has in the record (or is given by the paper)
    kind: str  # its kind in the record ("post" for a senior post)
    new: bool = False  # created by the paper

    @property
    def kind_in_text(self) -> str:
        """The kind the document's words give it."""
        return kind_of(self.text)


class Unresolvable(Exception):
    """A name that names nothing, or several things."""

    def __init__(self, text: str, reason: str, suggestions: list[str]):
        super().__init__(reason)
        self.text = text
        self.reason = reason
        self.suggestions = suggestions


@dataclass
class Created:
    """A unit the document creates: its id, name and kind, and the paragraph."""

    id: str
    name: str
    kind: str
    paragraph: str


class Resolver:
    """Names resolved against the record as of ``at``, the units the document creates
    and the last unit of each kind named."""

    #: Fuzzy matches at or above this score (rapidfuzz's ratio, 0-100) are taken, and only
    #: when each word of one name has a near word in the other (:data:`FUZZY_WORD`).
    FUZZY = 86
    #: Words count as the same at or above this ratio: a typing slip, "Center" for
    #: "Centre", a plural; not "Director" for "Inspector" (71), another word altogether.
    FUZZY_WORD = 80

    def __init__(self, record: Record, at: str):
        timeline = record.timeline
        self.structure = timeline.snapshot(at).structure
        self.names: Names = names_at("node", self.structure, former=former_names(timeline, at))
        self.created: dict[str, Created] = {}
        self.last: dict[str, Mention] = {}
        #: the unit "the Department" means throughout, whatever was named last: the one a
        #: structure description is about (its title names it).
        self.pinned: dict[str, Mention] = {}
        #: abbreviations the document defines ("the Department of Human Resources
        #: Management (DHRM)"), by their normal form: the mention they stand for.
        self.defined: dict[str, Mention] = {}
        self._choices = {}
        for e in self.names.entries:
            for label in (e.name, *e.former):
                self._choices.setdefault(normal(label), e.id)

    def create(self, name: str, kind: str, paragraph: str) -> Created:
        """Record that the document creates a unit called ``name``; returns it with a new
        id (the initials of its name's capitalized words, made unique)."""
        key = normal(name)
        if key in self.created:
            return self.created[key]
        ident = new_id(name, self.taken())
        made = Created(ident, name, kind, paragraph)
        self.created[key] = made
        return made

    def taken(self) -> set[str]:
        """Ids in use: the record's and the ones given to new units."""
        return (
            set(self.structure.units)
            | set(self.structure.posts)
            | {c.id for c in self.created.values()}
        )

    def parent(self, node: str) -> str | None:
        """The line of oversight of ``node`` in the record as of the date."""
        if node in self.structure.units or node in self.structure.posts:
            return self.structure.parent(node)
        return None

    def resolve(self, text: str) -> Mention:
        """The mention ``text`` resolved, or :class:`Unresolvable`."""
        bare = _LEAD.sub("", text.strip()).strip(" ,;:")
        abbr = _ABBR.search(bare)
        if abbr:
            bare = _ABBR.sub("", bare).strip()
        key = normal(bare)
        if key in self.created:
            c = self.created[key]
            return self._seen(Mention(text, c.id, "created", 0.9, c.name, c.kind, True))
        found = self._exact(bare) or (self._exact(abbr["abbr"]) if abbr else None)
        if found:
            if abbr and not self.resolves(abbr["abbr"]):
                # "the Migration, Environment and Climate Change Division (MECC)": the
                # abbreviation names it from here on.
                self.defined[normal(abbr["abbr"])] = found
            return self._seen(replace(found, text=text))
        if key in self.defined:
            # An abbreviation the document defined earlier, and the record does not hold.
            m = self.defined[key]
            return self._seen(replace(m, text=text, how="abbreviation", confidence=0.85))
        swapped = self._other_kind(bare)
        if swapped:
            return self._seen(replace(swapped, text=text))
        near = self._fuzzy(bare)
        if near:
            return self._seen(replace(near, text=text))
        try:
            self.names.resolve(bare)
            suggestions: list[str] = []
            reason = "names several units"
        except NotResolved as exc:
            reason = exc.message
            suggestions = [s.name for s in (exc.suggestions or exc.candidates)]
        raise Unresolvable(text, reason, suggestions)

    def posts_titled(self, title: str) -> list[Mention]:
        """The posts of any rank whose title is ``title`` (the names a paper resolves are
        units' and senior posts'; a post it abolishes by title may be neither)."""
        key = normal(_LEAD.sub("", title))
        return [
            self._mention(p.id, title, "exact", 0.9)
            for p in self.structure.posts.values()
            if normal(p.title) == key
        ]

    def resolves(self, text: str) -> bool:
        """Whether ``text`` names something already: the record (exactly), a unit the
        document creates, or an abbreviation it defined."""
        key = normal(text)
        return key in self.created or key in self.defined or self._exact(text) is not None

    def anaphor(self, kind: str) -> Mention | None:
        """The last unit of ``kind`` named ("the Department"), if any."""
        m = self.pinned.get(kind.lower()) or self.last.get(kind.lower())
        if m is None:
            return None
        return Mention(m.text, m.id, "anaphor", 0.75, m.name, m.kind, m.new)

    def _seen(self, m: Mention) -> Mention:
        self.last[m.kind] = m
        words = m.kind_in_text
        if words and words != m.kind:
            self.last[words] = m
        return m

    def _mention(self, node: str, text: str, how: str, confidence: float) -> Mention:
        s = self.structure
        if node in s.units:
            return Mention(text, node, how, confidence, s.units[node].name, s.units[node].kind)
        return Mention(text, node, how, confidence, s.posts[node].title, "post")

    def _exact(self, text: str) -> Mention | None:
        if not text or normal(text) in _NOT_NAMES:
            return None
        try:
            named = self.names.resolve(text)
        except NotResolved:
            return None
        key = normal(text)
        if key == normal(named.name):
            how = "exact"
        elif key == normal(named.abbreviation):
            how = "abbreviation"
        elif key == normal(named.id):
            return None  # an id is no name a paper writes
        else:
            how = "former"
        return self._mention(named.id, text, how, 0.95 if how == "exact" else 0.85)

    def _other_kind(self, text: str) -> Mention | None:
        """The unit named with another kind word: "Department of Legal Affairs" for the
        Office of Legal Affairs, "Department of X" for the X Division."""
        m = re.match(r"^(?P<k>[A-Z]\w+) of (?:the )?(?P<x>.+)$", text) or re.match(
            r"^(?P<x>.+) (?P<k>[A-Z]\w+)$", text
        )
        if not m or normal(m["k"]) not in KIND_WORDS:
            return None
        stem = m["x"]
        found = set()
        words = ("Department", "Division", "Office", "Unit", "Centre", "Section", "Branch")
        for word in (*words, m["k"]):
            if word.lower() == normal(m["k"]) and word != m["k"]:
                continue
            # The same kind word on the other side: "Secretariat of the X" for the X
            # Secretariat (the form the text used is not tried again).
            forms = (f"{word} of {stem}", f"{word} of the {stem}", f"{stem} {word}")
            for form in forms:
                if normal(form) == normal(text):
                    continue
                hit = self._exact(form)
                if hit:
                    found.add(hit.id)
        if len(found) != 1:
            return None
        node = found.pop()
        unit = self.structure.units.get(node)
        same = unit is not None and unit.kind == KIND_WORDS[normal(m["k"])]
        return self._mention(node, text, "order" if same else "kind", 0.8)

    def _fuzzy(self, text: str) -> Mention | None:
        key = normal(text)
        if len(key) < 6 or not self._choices:
            return None
        best = process.extract(key, list(self._choices), scorer=fuzz.ratio, limit=3)
        # A high ratio over a long name can hide one different word ("Office of the Director
        # General" is 92 from "Office of the Inspector General"): that word names another
        # thing, so the near name is no reading of it.
        best = [b for b in best if b[1] >= self.FUZZY and _same_words(key, b[0], self.FUZZY_WORD)]
        if not best:
            return None
        ids = {self._choices[b[0]] for b in best if b[1] >= best[0][1] - 3}
        if len(ids) != 1:
            return None
        return self._mention(ids.pop(), text, "fuzzy", round(best[0][1] / 100 * 0.8, 2))


_SMALL_WORDS = {"the", "of", "and", "for", "on", "to", "in", "a", "an"}


def _same_words(a: str, b: str, least: float) -> bool:
    """Whether every word of each name (small words aside) has a word in the other at
    ``least`` rapidfuzz ratio or more."""
    wa = [w for w in a.split() if w not in _SMALL_WORDS]
    wb = [w for w in b.split() if w not in _SMALL_WORDS]
    if not wa or not wb:
        return False
    return all(max(fuzz.ratio(x, y) for y in wb) >= least for x in wa) and all(
        max(fuzz.ratio(y, x) for x in wa) >= least for y in wb
    )


def new_id(name: str, taken: set[str]) -> str:
    """An id for a new unit: the initials of its name's capitalized words ("Department of
    Policy and Research" → ``dpr``), else its words joined; made unique with a number."""
    words = re.findall(r"[A-Za-z][\w'\u2019-]*", name)
    initials = "".join(w[0].lower() for w in words if w[0].isupper())
    base = initials if len(initials) >= 2 else "-".join(normal(name).split()[:4])
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident
