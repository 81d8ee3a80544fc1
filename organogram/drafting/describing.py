"""What a structure description says, sentence by sentence: the rules that read its units,
their places and their lines ("directly supervises", "also oversees", "is composed of",
"has a unit in Manila", "reports to … via the administrative support of …"), each
recording a fact with the rule, basis and confidence that gave it.

:mod:`.structure` compares the facts with the record and turns them into changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..queries.resolve import normal
from .names import KIND_WORDS, NAME, Mention, Unresolvable, expand, kind_of
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
        if re.search(r"\b(?:It|it|Its|its)\b", phrase) and self.section is not None:
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
STRUCTURE_RULES: list[tuple[str, SentenceRule]] = []


def structure_rule(name: str) -> Callable[[SentenceRule], SentenceRule]:
    """Register a rule of structure descriptions; it returns whether it read the
    sentence."""

    def register(fn: SentenceRule) -> SentenceRule:
        STRUCTURE_RULES.append((name, fn))
        return fn

    return register


_LOCATED = re.compile(
    r"\b(?:has|have|supervises|oversees|including|includes|with|maintains|maintain|runs|"
    r"operates|keeps)\s+"
    r"(?:its |the |a |an |two |several |all )?(?P<what>(?:[a-z][\w-]* ){0,3}?)"
    r"(?P<kind>units?|teams?|centres?|offices?|sections?)\s+(?:in|at)\s+(?P<rest>[^.;]+)"
)


@structure_rule("located")
def located(d: Describing, s: str) -> bool:
    """ "X has a unit in Manila and a unit in Panama", "X supervises delocalized units at
    the Manila and Panama Administrative Centres", "X, including the delocalized team in
    Panama": a unit of X in each place, found in the record below X, else new."""
    m = _LOCATED.search(s)
    if not m:
        return False
    places = [loc for loc in d.locations if re.search(rf"\b{re.escape(loc)}\b", m["rest"])]
    owner = d.subject(s[: m.start()])
    if not places or owner is None or owner.kind == "post":
        return False
    kind_word = m["kind"].lower()
    kind = KIND_WORDS.get(kind_word, KIND_WORDS.get(kind_word + "s", "unit"))
    if m["what"].strip().endswith("operations") and kind == "centre":
        kind = "operations centre"
    structure = d.r.resolver.structure
    below = structure.subtree(owner.id) if owner.id in structure.units else []
    owner_seen = d.see(owner, "located")
    for place in places:
        found = [u for u in below if u != owner.id and structure.units[u].location == place]
        found.sort(key=lambda u: (structure.parent(u) != owner.id, u))
        if found:
            unit = structure.units[found[0]]
            mention = Mention(f"{kind} in {place}", unit.id, "located", 0.7, unit.name, unit.kind)
            seen = d.see(mention, "located", kind=unit.kind)
            if structure.parent(unit.id) == owner.id:
                d.place(seen, owner.id, "located", confidence=0.7)
            else:
                # "Supervises units at …" says within, not directly under: the record's
                # place inside the owner stands.
                d.place(
                    seen,
                    structure.parent(unit.id) or owner.id,
                    "located",
                    basis=CONTEXT,
                    confidence=0.6,
                    notes=[
                        f"The document places it within {owner.name}; "
                        "the record's place there is kept."
                    ],
                )
            continue
        name = f"{owner.name} {kind}, {place}"
        seen = d.see(name, "located", kind=kind)
        if seen is not None:
            seen.location = place
            d.place(
                seen,
                owner.id,
                "located",
                basis=CONTEXT,
                confidence=0.5,
                notes=[f"The document does not name it: “{name}” describes it."],
            )
    del owner_seen
    # The places themselves are named ("the Administrative Centres in Manila and Panama"),
    # though names after "in" and "at" are left out of a sentence's subjects.
    for name in NAME.finditer(expand(m["rest"])):
        found = d.resolve(name[0])
        if found is not None and found.kind != "post":
            d.see(found, "named", structural=False)
    return True


_SUPERVISES = re.compile(
    r"^(?P<subj>.*?)\b(?P<verb>directly supervises|(?:also )?oversees|(?:also )?supervises|"
    r"ensures (?:the )?oversight of|has oversight of|is responsible for overseeing)\b"
    r"(?: the following [\w ]+?:)?\s*(?P<list>.+)$"
)


@structure_rule("supervises")
def supervises(d: Describing, s: str) -> bool:
    """ "X directly supervises A; B; and C" (A's line of oversight goes to X, with a
    direct-supervision line beside it, as the format records direct supervision), "X also
    oversees A and B", "X ensures oversight of A": each named unit placed under X."""
    m = _SUPERVISES.search(s)
    if not m:
        return False
    owner = d.subject(m["subj"])
    if owner is None:
        return False
    items = d.r.mentions(m["list"], report=False)
    placed = False
    direct = m["verb"] == "directly supervises"
    for item in items:
        if isinstance(item, Mention) and (item.id == owner.id or item.how == "anaphor"):
            continue
        seen = d.see(item, "directly-supervises" if direct else "oversees")
        if seen is None:
            continue
        placed = True
        d.place(seen, owner.id, "directly-supervises" if direct else "oversees")
        if direct:
            d.line(seen.node, "direct-supervision", owner.id, "directly-supervises")
    return placed


_COMPOSED = re.compile(
    r"^(?P<subj>.*?)\b(?:(?:is|are) (?:composed|comprised|made up) of|comprises|consists of|"
    r"is divided into)\b(?P<rest>.*)$"
)


@structure_rule("composed-of")
def composed_of(d: Describing, s: str) -> bool:
    """ "X is composed of five divisions and two units:" with a list, "The Unit is composed
    of the following teams: A; B; and C": each member placed under X (its kind from its
    name, else from the list's word: "teams")."""
    m = _COMPOSED.search(s)
    if not m:
        return False
    owner = d.subject(m["subj"])
    if owner is None or owner.kind == "post":
        return False
    head, _, tail = m["rest"].partition(":")
    # "the following teams": every member is a team, whatever its name's last word
    # ("Security Operations Centre"); "five divisions and two units": each by its name.
    kinds = {KIND_WORDS[w] for w in re.findall(r"[a-z]+", head.lower()) if w in KIND_WORDS}
    list_kind = kinds.pop() if len(kinds) == 1 else ""
    # Members are parted by semicolons where the list has them, else by commas and "and".
    # ("A, the B and the C": names hold "and" themselves, so a bare "and" parts nothing.)
    parts = r";|\n" if ";" in tail else r",\s*(?:and\s+)?|\s+and\s+(?=the\s)"
    members = [p for p in re.split(parts, tail) if p.strip()] if tail.strip() else []
    if not members and s.rstrip().endswith(":"):
        members = list(d.r.paragraph.items or [])
    placed = False
    for raw in members:
        text = re.sub(r"^\s*(?:[-*•]\s*)?(?:and\s+|the\s+)*", "", raw).strip(" .;,")
        if not text:
            continue
        found = d.resolve(text)
        item: Mention | str = found if found is not None else text
        seen = d.see(item, "composed-of", kind=list_kind or kind_of(text))
        if seen is None:
            continue
        placed = True
        d.place(seen, owner.id, "composed-of")
    return placed


#: An adverb a placing verb may carry ("also", "now", "likewise", "directly").
_ADV = r"(?:(?:also|now|likewise|still|[a-z]+ly)\s+)?"
_KINDS = r"(?:units|divisions|teams|offices|sections|centres|branches|services)"
#: "Its teams are A, B and C", "X, whose divisions include A and B", "The Department's
#: units are: A; B".
_ITS_MEMBERS = re.compile(
    r"^(?P<subj>.*?(?:\b[Ii]ts|\b[Ww]hose|[\u2019']s))\s+(?:[a-z]+\s+)?"
    rf"(?P<kw>{_KINDS})\s+(?:are|include|comprise)\b:?\s*(?P<list>.*)$"
)
#: "Four units make up X: A; B", "Two units are also housed in X: A; and B", "The
#: following teams form part of X:" with the list below.
_MAKE_UP = re.compile(
    r"^(?:[Tt]he following|[A-Z][a-z]+|\d+)\s+(?:[a-z]+\s+)?"
    rf"(?P<kw>{_KINDS})\s+{_ADV}"
    r"(?:make up|form(?: part of)?|constitute|belong to|fall under|sit (?:in|within)|"
    rf"are\s+{_ADV}(?:housed|placed|located|found)\s+(?:in|within)|are part of)\s+"
    r"(?P<subj>[^:]+):\s*(?P<list>.*)$"
)


@structure_rule("members-listed")
def members_listed(d: Describing, s: str) -> bool:
    """Members named by a possessive or before their owner: rule ``its-members-are`` ("Its
    teams are A, B and C", "whose divisions include …") and ``members-make-up`` ("Four
    units make up X: A; B; and C", "Two units are also housed in X: …"): each member
    placed under the owner, its kind the list's word."""
    for pattern, rule in ((_ITS_MEMBERS, "its-members-are"), (_MAKE_UP, "members-make-up")):
        m = pattern.search(s)
        if not m:
            continue
        owner = d.subject(m["subj"])
        if owner is None or owner.kind == "post":
            continue
        kind = KIND_WORDS.get(m["kw"].lower(), "")
        return _members(d, owner, m["list"], kind, rule)
    return False


def _members(d: Describing, owner: Mention, tail: str, list_kind: str, rule: str) -> bool:
    """Place each member of a list under ``owner``: parted by semicolons where the list
    has them, else by commas and "and" before "the" (names hold "and" themselves)."""
    parts = r";|\n" if ";" in tail else r",\s*(?:and\s+)?|\s+and\s+(?=the\s)"
    members = [p for p in re.split(parts, tail) if p.strip()] if tail.strip() else []
    if not members:
        members = list(d.r.paragraph.items or [])
    placed = False
    for raw in members:
        text = re.sub(r"^\s*(?:[-*•]\s*)?(?:and\s+|the\s+)*", "", raw).strip(" .;,")
        if not text:
            continue
        found = d.resolve(text)
        item: Mention | str = found if found is not None else text
        if isinstance(item, Mention) and item.id == owner.id:
            continue
        seen = d.see(item, rule, kind=list_kind or kind_of(text))
        if seen is None:
            continue
        placed = True
        d.place(seen, owner.id, rule)
    return placed


_INCLUDES = re.compile(r"\b(?:which includes|including|includes)\s+(?P<x>[^,\u2013\u2014;.()]+)")


@structure_rule("includes")
def includes(d: Describing, s: str) -> bool:
    """ "X, which includes the ICT digital centre of excellence,": a unit the record
    knows by that name, placed under X."""
    placed = False
    for m in _INCLUDES.finditer(s):
        found = d.resolve(m["x"].strip())
        if found is None or found.kind == "post" or found.how not in ("exact", "former"):
            continue
        owner = d.subject(s[: m.start()])
        if owner is None or owner.id == found.id or owner.kind == "post":
            continue
        seen = d.see(found, "includes")
        d.place(seen, owner.id, "includes", confidence=0.75)
        placed = True
    return placed


_REPORTS = re.compile(
    r"^(?P<x>.*?),? (?:who |which )?reports (?:directly )?to (?P<to>.+?)"
    r"(?: (?:via|through) the administrative support of (?P<sup>.+?))?"
    r"(?:,? and under the (?:direct )?supervision of (?P<sv>.+?))?(?:[.;]|$)"
)


@structure_rule("reports-to")
def reports_to(d: Describing, s: str) -> bool:
    """ "X, who reports to Y via the administrative support of Z and under the supervision
    of its Director": X's line of oversight to Y, an administrative-support line to Z and a
    direct-supervision line to Z's head (the format's nearest kind for "supervision")."""
    m = _REPORTS.search(s)
    if not m:
        return False
    post = d.post_in(m["x"])
    subject = post or (d.subject(m["x"]).id if d.subject(m["x"]) else None)
    tos = d.r.resolved(m["to"], report=False)
    if subject is None or not tos:
        return False
    if post is None:
        # A unit's line of oversight is its place, not a line beside it.
        d.place(d.see(d.subject(m["x"]), "reports-to"), tos[0].id, "reports-to")
    else:
        d.line(subject, "oversight", tos[0].id, "reports-to")
    sup = d.r.resolved(m["sup"], report=False) if m["sup"] else []
    if sup:
        d.line(subject, "administrative-support", sup[0].id, "administrative-support-of")
    if m["sv"]:
        head = None
        if re.search(r"\bits (?:Director|Head|Chief)\b", m["sv"]) and sup:
            unit = d.r.resolver.structure.units.get(sup[0].id)
            head = unit.head if unit else None
        head = head or d.post_in(m["sv"])
        if head:
            d.line(
                subject,
                "direct-supervision",
                head,
                "under-supervision-of",
                notes=[
                    "The document says supervision: "
                    "direct supervision is the format's nearest kind."
                ],
            )
    return True


_PLACED_IN = re.compile(
    r"^(?P<x>.*?)\b(?:"
    # "falls under the oversight of", "sits within", "is attached to", "is part of"
    rf"(?:falls|fall|sits|sit|is|are)\s+{_ADV}(?:placed\s+)?"
    r"(?:under(?: the (?:direct |overall )?(?:oversight|responsibility|authority) of)?|"
    r"within|in|attached to|part of|run by|managed by|hosted by|housed in)"
    # passive and possessive ways of saying it (rule placed-in-passive)
    r"|(?P<passive>"
    # passive-by: "is now overseen by", "is overseen directly by", "is administered by"
    rf"(?:is|are)\s+{_ADV}(?:overseen|supervised|managed|run|hosted|administered)"
    r"(?:\s+[a-z]+ly)?\s+by"
    # perfect passive: "has been set up within", "have been established under"
    r"|(?:has|have)\s+been\s+(?:set up|established|created|placed|located|attached)\s+"
    r"(?:within|in|under|to)"
    # "forms part of", "belongs to"
    rf"|(?:forms?|belongs?)\s+{_ADV}(?:part of|to)"
    # "is one of the units of"
    r"|(?:is|are)\s+(?:one|two|three|four|five|six|among)\s+(?:of\s+)?the\s+[a-z]+\s+of"
    r"))\s+(?P<y>.+)$"
)
#: "Oversight of X is exercised by Y": the oversight named, then who holds it.
_OVERSIGHT_BY = re.compile(
    r"^(?:[Tt]he )?(?:direct |overall )?(?:[Oo]versight|[Ss]upervision|[Rr]esponsibility) "
    r"(?:of|for) (?P<x>.+?) (?:is|are) (?:exercised|ensured|provided|held|assumed) by "
    r"(?P<y>.+)$"
)
_SUPPORTED_BY = re.compile(
    r"^(?P<x>.*?)\b(?:(?:receives|gets|has) administrative support from|"
    rf"(?:is|are)\s+{_ADV}(?:supported administratively|administratively supported) by)"
    r"\s+(?P<y>.+)$"
)


def _subjects(d: Describing, phrase: str) -> list[Mention | str]:
    """The units a sentence's subject names: each name of its first clause ("A and the B
    belong to …"), or, when it has no capitalized name, the whole phrase as one name the
    record knows ("The IATI publishing team", "The ICT digital centre of excellence")."""
    clause = re.split(r",\s", phrase, maxsplit=1)[0]
    items = [
        x
        for x in d.r.mentions(clause, report=False)
        if (isinstance(x, Mention) and x.how != "anaphor") or (isinstance(x, str) and kind_of(x))
    ]
    anaphors = [x for x in d.r.mentions(clause, report=False) if isinstance(x, Mention)]
    if items or anaphors:
        return items or anaphors[:1]
    bare = re.sub(r"^\s*(?:[Tt]he|[Aa]n?)\s+", "", clause).strip(" ,;")
    found = d.resolve(bare) if bare else None
    if found is not None and found.how in ("exact", "former"):
        return [found]
    return d.r.mentions(phrase, report=False)[:1]


@structure_rule("placed-in")
def placed_in(d: Describing, s: str) -> bool:
    """ "X falls under the oversight of Y", "X is attached to Y", "X sits within Y", "X is
    placed in Y", "X is run by Y", "X is part of Y", and the passive and possessive ways
    of saying it (rules ``placed-in-passive``: "X is now overseen by Y", "X has been set
    up within Y", "X forms part of Y", "X belongs to Y", "X is one of the units of Y";
    ``oversight-exercised-by``: "Oversight of X is exercised by Y"): X's line of
    oversight goes to Y; "X receives administrative support from Y", "X is supported
    administratively by Y": an administrative-support line."""
    m = _PLACED_IN.search(s)
    rule = "placed-in-passive" if m and m["passive"] else "placed-in"
    if m is None:
        m = _OVERSIGHT_BY.search(s)
        rule = "oversight-exercised-by"
    if m:
        xs = _subjects(d, m["x"])
        ys = d.r.resolved(_first_clause(m["y"]), report=False)
        placed = False
        for x in xs:
            if not ys or (isinstance(x, Mention) and x.id == ys[0].id):
                continue
            seen = d.see(x, rule)
            if seen is not None:
                d.place(seen, ys[0].id, rule)
                placed = True
                rest = _SUPPORTED_BY.search(s)
                if rest:
                    _supported(d, seen.node, rest["y"])
        if placed:
            return True
    m = _SUPPORTED_BY.search(s)
    if m:
        xs = d.r.resolved(m["x"], report=False)
        if xs:
            return _supported(d, xs[0].id, m["y"])
    return False


def _supported(d: Describing, source: str, phrase: str) -> bool:
    ys = [y for y in d.r.resolved(_first_clause(phrase), report=False) if y.kind != "post"]
    if not ys or ys[0].id == source:
        return False
    d.line(source, "administrative-support", ys[0].id, "administrative-support-from")
    return True


def _first_clause(phrase: str) -> str:
    return re.split(r",| and (?:receives|provides|is|has|works)\b", phrase, maxsplit=1)[0]


_SUPPORT = re.compile(
    r"^(?P<x>.*?)\bprovides (?:[\w-]+ ){0,4}support\b.*?\bto (?:the )?(?P<y>[A-Z][^.;,]+)"
)


@structure_rule("provides-support")
def provides_support(d: Describing, s: str) -> bool:
    """ "X provides resources management support … to the Department of Y": an
    administrative-support line from Y to X (read from context: the document does not say
    "administrative")."""
    m = _SUPPORT.search(s)
    if not m:
        return False
    # The sentence's subject is its first name ("X, which sits within Y, provides …").
    firsts = d.r.resolved(m["x"], report=False)
    owner = firsts[0] if firsts else d.subject(m["x"])
    ys = [y for y in d.r.resolved(m["y"], report=False) if y.kind != "post"]
    if owner is None or not ys or ys[0].id == owner.id:
        return False
    d.line(
        ys[0].id,
        "administrative-support",
        owner.id,
        "provides-support",
        basis=CONTEXT,
        confidence=0.5,
        notes=["Read as administrative support: the document says support, not which kind."],
    )
    return True


def names_shown(d: Describing, s: str) -> None:
    """Every unit of the record a sentence names is shown existing (its place unsaid); a
    name the record does not know is listed as not resolved, not created."""
    for item in d.r.mentions(s, report=True):
        if isinstance(item, Mention) and item.how != "anaphor":
            d.see(item, "named", structural=False)
