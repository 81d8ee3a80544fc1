"""The rules of a structure description that say who belongs to whom: "has a unit in
Manila", "directly supervises", "is composed of", "Its teams are", "Four units make up
X:", "which includes". Each records its facts through :class:`.describing.Describing`."""

from __future__ import annotations

import re

from .describing import ADV, Describing, Rules, registry
from .names import KIND_WORDS, NAME, Mention, expand, kind_of, names_in
from .proposals import CONTEXT

#: The rules of this module, in the order they read a sentence.
RULES: Rules = []
structure_rule = registry(RULES)

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
    return _members(d, owner, tail, list_kind, "composed-of")


_KINDS = r"(?:units|sub-units|subunits|divisions|teams|offices|sections|centres|branches|services)"
#: "Its teams are A, B and C", "X, whose divisions include A and B", "The Department's
#: units are: A; B".
_ITS_MEMBERS = re.compile(
    r"^(?P<subj>.*?(?:\b[Ii]ts|\b[Ww]hose|[\u2019']s))\s+(?:[a-z]+\s+)?"
    rf"(?P<kw>{_KINDS})\s+(?:are|include|comprise)\b:?\s*(?P<list>.*)$"
)
#: "Four units make up X: A; B", "Two units are also housed in X: A; and B", "The
#: following teams form part of X:" with the list below.
#: "It has two teams reporting to it: A, and B", "The Division counts three units:".
_HAS_MEMBERS = re.compile(
    r"^(?P<subj>.*?)\b(?:has|have|counts|count|oversees|comprises)\s+(?:[a-z\d]+\s+){0,2}?"
    rf"(?P<kw>{_KINDS})\s*(?:(?:reporting|answering) to (?:it|them)|under (?:it|them)|"
    r"within (?:it|them)|of (?:its|their) own|attached to (?:it|them))?\s*:\s*(?P<list>.+)$"
)
_MAKE_UP = re.compile(
    r"^(?:[Tt]he following|[A-Z][a-z]+|\d+)\s+(?:[a-z]+\s+)?"
    rf"(?P<kw>{_KINDS})\s+{ADV}"
    r"(?:make up|form(?: part of)?|constitute|belong to|fall under|sit (?:in|within)|"
    rf"are\s+{ADV}(?:housed|placed|located|found)\s+(?:in|within)|are part of)\s+"
    r"(?P<subj>[^:,]+?)(?:,[^:]*)?(?::\s*(?P<list>.*)|\.)$"
)
#: "Two departments are overseen by Y rather than by Z: A and B".
_OVERSEEN_LIST = re.compile(
    r"^(?:[Tt]he following|[A-Z][a-z]+|\d+)\s+(?:[a-z]+\s+)?"
    rf"(?P<kw>{_KINDS}|departments)\s+(?:are|is)\s+{ADV}(?:overseen|supervised|managed|led|run)"
    r"\s+(?:directly\s+)?by\s+(?P<subj>[^:]+?)(?:\s+rather than[^:]*)?:\s*(?P<list>.*)$"
)
#: "It groups the functions that …:" with the members as the paragraph's items.
_GROUPS = re.compile(
    r"^(?P<subj>.*?)\b(?:groups|brings together|houses|hosts|contains|gathers)\b[^:]*:\s*"
    r"(?P<list>.*)$"
)


@structure_rule("members-listed")
def members_listed(d: Describing, s: str) -> bool:
    """Members named by a possessive or before their owner: rule ``its-members-are`` ("Its
    teams are A, B and C", "whose divisions include …") and ``members-make-up`` ("Four
    units make up X: A; B; and C", "Two units are also housed in X: …") and
    ``has-members`` ("It has two teams reporting to it: A, and B"): each member placed
    under the owner, its kind the list's word."""
    for pattern, rule in (
        (_ITS_MEMBERS, "its-members-are"),
        (_MAKE_UP, "members-make-up"),
        (_HAS_MEMBERS, "has-members"),
        (_OVERSEEN_LIST, "members-overseen-by"),
        (_GROUPS, "groups-members"),
    ):
        m = pattern.search(s)
        if not m:
            continue
        owner = d.subject(m["subj"])
        if owner is None:
            continue
        kw = (m["kw"] if "kw" in m.re.groupindex else None) or ""
        # "sub-units" says nothing of each one's kind: its name does.
        kind = "" if kw.lower().startswith("sub") else KIND_WORDS.get(kw.lower(), "")
        if owner.kind == "post" and rule != "members-overseen-by":
            continue
        return _members(d, owner, m["list"] or "", kind, rule)
    return False


_ASIDE = r",\s*(?:which|who|that|whose)\b|\s+\((?![A-Z][A-Za-z]{1,9}\))"


def _member_name(raw: str) -> str:
    """The name a list's member is given: without its bullet, article, "and", and what
    follows it ("a risk management team, which keeps …" → "risk management team"; "The
    Governing Bodies Unit services the Council …" → "Governing Bodies Unit")."""
    text = re.sub(r"^\s*(?:[-*•]\s*)?(?:and\s+|the\s+|an?\s+|The\s+|An?\s+)*", "", raw)
    # An aside in brackets goes, but not an abbreviation: "(MECC)" names it from here on.
    text = re.split(_ASIDE, text, maxsplit=1)[0]
    text = text.strip(" .;,")
    names = names_in(text)
    if names and names[0][1] == 0 and kind_of(names[0][0]):
        # A sentence about the member ("Cash Team forecasts cash"): its name.
        rest = text[len(names[0][0]) :].strip()
        if rest[:1].islower():
            return names[0][0]
    return text


def _members(d: Describing, owner: Mention, tail: str, list_kind: str, rule: str) -> bool:
    """Place each member of a list under ``owner``: parted by semicolons where the list
    has them, else by commas and "and" before "the" (names hold "and" themselves)."""
    parts = r";|\n" if ";" in tail else r",\s*(?:and\s+)?|\s+and\s+(?=the\s)"
    members = [p for p in re.split(parts, tail) if p.strip()] if tail.strip() else []
    if not members:
        members = list(d.r.paragraph.items or [])
    placed = False
    for raw in members:
        text = _member_name(raw)
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


#: "hosts the team managing the IOM data publishing process on the … (IATI) platform":
#: a unit told by what it does, not by its name.
_BY_FUNCTION = re.compile(
    r"^(?P<subj>.*?)\b(?:hosts|houses|includes|has|comprises|oversees)\s+(?:the|a|an|its)\s+"
    r"(?P<kind>team|unit|section|cell|office)\s+(?:managing|responsible for|in charge of|"
    r"handling|running|that manages|that runs|that handles|which manages|which runs)\s+"
    r"(?P<what>[^;.]+)"
)
_CONTENT = re.compile(r"[a-z0-9]+")
_NOT_CONTENT = {"the", "of", "and", "for", "on", "in", "a", "an", "to", "s"}


@structure_rule("described-by-function")
def described_by_function(d: Describing, s: str) -> bool:
    """ "X hosts the team managing the IOM data publishing process on the IATI platform":
    the one unit of that kind the record holds whose name's words (its kind word aside)
    are all among the description's ("IATI publishing team"), placed under X (read from
    context). None, or several: nothing is guessed, and the description is listed as
    not resolved."""
    m = _BY_FUNCTION.search(s)
    if not m:
        return False
    owner = d.subject(m["subj"])
    if owner is None or owner.kind == "post":
        return False
    kind = KIND_WORDS.get(m["kind"], m["kind"])
    said = set(_CONTENT.findall(m["what"].lower()))
    s_ = d.r.resolver.structure
    hits = []
    for unit in s_.units.values():
        if unit.kind != kind:
            continue
        words = {w for w in _CONTENT.findall(unit.name.lower()) if w not in _NOT_CONTENT}
        words.discard(m["kind"])
        if words and words <= said:
            hits.append(unit)
    phrase = f"the {m['kind']} managing {m['what'].strip()}"
    if len(hits) != 1:
        d.r.unresolved(
            phrase,
            "a unit told by what it does: "
            + ("no unit's name is in those words" if not hits else "several units fit"),
            [u.name for u in hits],
        )
        return False
    unit = hits[0]
    mention = Mention(phrase, unit.id, "function", 0.6, unit.name, unit.kind)
    seen = d.see(mention, "described-by-function")
    d.place(
        seen,
        owner.id,
        "described-by-function",
        basis=CONTEXT,
        confidence=0.6,
        notes=[f"“{phrase}” is read as {unit.name}: the words of its name are all there."],
    )
    return True
