"""How a paper states a decision, brought to one form before the rules read it.

Papers decide in several moods: "will be renamed", "shall be transferred", "is to be
placed", "is discontinued as of …", "absorbs", "The following units will be moved to Y:
A; B; and C". The rules of :mod:`.rules` are written for the future tense with its
subject first; this module rewrites the other forms into that one, so that each rule reads
every mood without a variant of its own. Only the verb phrase is rewritten: the names, and
so their places in the sentence, are kept, and the citation keeps the paper's own words.

Past tense ("was established", "has been") is history, not a decision, and is left alone;
so is a present tense qualified ("is currently placed"), which describes what is.
"""

from __future__ import annotations

import re

from .phrasing import plain_phrasing

#: Participles of change that a present passive ("is renamed", "are merged") states as
#: a decision in a paper.
PARTICIPLES = (
    r"renamed|placed|created|established|set up|replaced|abolished|closed|merged|split|"
    r"divided|transferred|moved|relocated|upgraded|raised|elevated|downgraded|"
    r"brought together|consolidated|integrated|absorbed|dissolved|discontinued|disbanded|"
    r"wound down|phased out|combined|amalgamated|converted|formed|re-?designated|retitled|"
    r"folded|attached|assigned|reassigned|realigned|separated|shut down"
)
#: Verbs of change whose present active third person states a decision ("the Unit
#: absorbs …"): only those that are verbs alone, so that no noun is taken for one.
_ACTIVE = {
    "absorbs": "absorb",
    "becomes": "become",
    "replaces": "replace",
    "transfers": "transfer",
    "assumes": "assume",
    "takes over": "take over",
}

#: Verbs that "is to …" makes a decision of ("is to report to"); "the aim is to improve"
#: is no change.
_TO = "report|become|merge|replace|absorb|fall|move|oversee|form|include|transfer"

_MOOD = [
    # "shall", "is to be", "are to be": the future of an instruction.
    (re.compile(r"\bshall\b"), "will"),
    # "will therefore be closed": the connective says why, not what.
    (
        re.compile(
            r"\bwill,? (?:therefore|thus|accordingly|then|consequently|subsequently|hence|"
            r"eventually|ultimately|in turn|in future),? "
        ),
        "will ",
    ),
    # "ceases to exist", "ceases operations": a present decision.
    (
        re.compile(r"\b(?:ceases|cease) (?=to (?:exist|operate|function)\b|operations\b)"),
        "will cease ",
    ),
    # "It has been decided to place X under Y": who decided is no matter.
    (
        re.compile(
            r"\b[Ii]t (?:has been|is|was|had been) (?:hereby )?(?:decided|agreed|resolved) to "
        ),
        "We will ",
    ),
    (re.compile(r"\b(?:is|are) to be\b"), "will be"),
    (re.compile(rf"\b(?:is|are) to (?=(?:{_TO})\b)"), "will "),
    # "is hereby renamed", "are now merged": a present passive of a change.
    (
        re.compile(rf"\b(?:is|are)(?: hereby| now)?( also)? (?=(?:{PARTICIPLES})\b)"),
        r"will\1 be ",
    ),
    (
        re.compile(r"\b(" + "|".join(_ACTIVE) + r")\b"),
        lambda m: "will " + _ACTIVE[m[1]],
    ),
]

#: The end of a list's item: its separator and the "and" before the last.
_ITEM_END = re.compile(r"[\s;,.]*(?:\b(?:and|or)\b)?[\s;,.]*$")

#: "The following units will be moved to Y:" followed by the list, in the sentence or as
#: the paragraph's items.
_FOLLOWING = re.compile(
    r"^(?:[A-Z][\w ,]*?,\s*)?(?:[Tt]he|[Aa]ll the) following (?:[a-z]+ ){0,3}?"
    r"(?P<pred>will\b[^:]*?)\s*:\s*(?P<list>.*)$",
    re.S,
)


def decision_mood(sentence: str, items: list[str] | None = None) -> str:
    """``sentence`` with its decision in the future tense, its subject first: rule
    ``decision-mood`` (and ``following-list`` for a list announced by "the following")."""
    s = sentence
    for pattern, repl in _MOOD:
        s = pattern.sub(repl, s)
    s = plain_phrasing(s)
    if items and s.rstrip().endswith(":") and re.search(r"\bwill\b", s) and not _FOLLOWING.match(s):
        # "X will be split into:" with the parts as the paragraph's items.
        s = f"{s.rstrip()[:-1]} {'; and '.join(_ITEM_END.sub('', i) for i in items)}."
    m = _FOLLOWING.match(s)
    if m:
        members = m["list"].strip().rstrip(".") or "; ".join(items or [])
        if members:
            s = f"{members} {m['pred'].strip()}."
    return s
