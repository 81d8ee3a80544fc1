"""The many ways a paper words one decision, brought to the words the rules read.

A decision may be made by someone ("the Director General hereby transfers X to Y", "has
elevated X to the rank of a division"), announced as a noun ("Closure of X with effect
from …", "The establishment of X within Y is approved"), wrapped in who decided it
("Management has decided that …") or said with another verb ("folded into",
"re-designated", "cease to exist", "will now report through"). This module rewrites each
into the subject-first future passive of :mod:`.rules` ("X will be transferred to Y"),
after :mod:`.mood` has brought "shall" and "is to be" to "will". Only the verb phrase
moves: the names keep their words, and the proposal cites the paper's own sentence.

Past tenses without a decider ("was established in 2018") stay history and are left
alone: a decider's act is read only in the present ("hereby transfers"), the perfect
("has elevated") or the future ("will establish").
"""

from __future__ import annotations

import re

#: Verbs of change a decider performs: (base, third person, participle the rules read).
_ACTS = [
    ("abolish", "abolishes", "abolished"),
    ("close", "closes", "closed"),
    ("dissolve", "dissolves", "dissolved"),
    ("disband", "disbands", "disbanded"),
    ("discontinue", "discontinues", "discontinued"),
    ("establish", "establishes", "established"),
    ("create", "creates", "created"),
    ("set up", "sets up", "set up"),
    ("rename", "renames", "renamed"),
    ("redesignate", "redesignates", "renamed"),
    ("re-designate", "re-designates", "renamed"),
    ("merge", "merges", "merged"),
    ("combine", "combines", "combined"),
    ("amalgamate", "amalgamates", "amalgamated"),
    ("consolidate", "consolidates", "consolidated"),
    ("integrate", "integrates", "integrated"),
    ("split", "splits", "split"),
    ("divide", "divides", "divided"),
    ("transfer", "transfers", "transferred"),
    ("move", "moves", "moved"),
    ("relocate", "relocates", "relocated"),
    ("reassign", "reassigns", "transferred"),
    ("place", "places", "placed"),
    ("attach", "attaches", "placed"),
    ("elevate", "elevates", "upgraded"),
    ("upgrade", "upgrades", "upgraded"),
    ("raise", "raises", "upgraded"),
    ("downgrade", "downgrades", "downgraded"),
    ("convert", "converts", "converted"),
    ("replace", "replaces", "replaced"),
]
_PAST = {
    "abolish": "abolished",
    "close": "closed",
    "dissolve": "dissolved",
    "disband": "disbanded",
    "discontinue": "discontinued",
    "establish": "established",
    "create": "created",
    "set up": "set up",
    "rename": "renamed",
    "redesignate": "redesignated",
    "re-designate": "re-designated",
    "merge": "merged",
    "combine": "combined",
    "amalgamate": "amalgamated",
    "consolidate": "consolidated",
    "integrate": "integrated",
    "split": "split",
    "divide": "divided",
    "transfer": "transferred",
    "move": "moved",
    "relocate": "relocated",
    "reassign": "reassigned",
    "place": "placed",
    "attach": "attached",
    "elevate": "elevated",
    "upgrade": "upgraded",
    "raise": "raised",
    "downgrade": "downgraded",
    "convert": "converted",
    "replace": "replaced",
}
_READ_AS: dict[str, str] = {}
for _base, _third, _read in _ACTS:
    for _form in (_base, _third, _PAST[_base]):
        _READ_AS[_form.lower()] = _read

#: Who decides: a head of the organization or a body, named as the subject of the act.
_DECIDER = (
    r"(?:[Tt]he )?(?:Director[- ]General|Secretary[- ]General|Executive Director|"
    r"Chief Executive(?: Officer)?|Administrator|Administration|Management|Organization|"
    r"(?:Executive |Management |Steering )?(?:Board|Committee|Council)|"
    r"Deputy Director[- ]General(?: for [A-Z][\w ]*?[a-z])?|[Ww]e|I)"
)
_VERB = "|".join(
    sorted({re.escape(f) for b, t, _ in _ACTS for f in (b, t, _PAST[b])}, key=len, reverse=True)
)
#: Where the object of an act ends: the preposition or clause that follows it.
_OBJECT_END = (
    r"(?=\s+(?:to|into|under|within|from|as|with effect|effective|as of|as from|on \d|"
    r"in the|in its|by \d|no later than|so that|in order|together with|with|is|are|was|"
    r"were|has|have|had|will|shall|would|should|may|might|can|could|must)\b|[,;:.]|$)"
)
_ACT = re.compile(
    rf"^(?P<pre>(?:[^,]*?, )?){_DECIDER}"
    rf"(?P<adv>(?: (?:hereby|also|further|therefore|now|accordingly|formally))*) "
    rf"(?:(?P<perfect>has|have) (?:(?:also|now|hereby) )?(?:(?:decided|agreed|resolved) to )?"
    rf"|(?P<will>will|shall) (?:(?:also|now|hereby) )?|(?:decides|agrees|resolves) to )?"
    rf"(?P<verb>{_VERB}) (?!(?:the |overall |its )?(?:responsibility|oversight|authority)\b)"
    rf"(?P<obj>.+?){_OBJECT_END}(?P<rest>.*)$",
    re.S,
)

#: Acts named as nouns: "Closure of X", "the establishment of X".
_NOUNS = {
    "closure": "closed",
    "closing": "closed",
    "abolition": "abolished",
    "abolishment": "abolished",
    "dissolution": "dissolved",
    "discontinuation": "discontinued",
    "establishment": "established",
    "creation": "created",
    "setting up": "set up",
    "renaming": "renamed",
    "merger": "merged",
    "merging": "merged",
    "amalgamation": "amalgamated",
    "consolidation": "consolidated",
    "integration": "integrated",
    "transfer": "transferred",
    "relocation": "transferred",
    "upgrade": "upgraded",
    "upgrading": "upgraded",
    "elevation": "upgraded",
    "splitting": "split",
    "phasing out": "phased out",
}
_NOUN = "|".join(sorted(_NOUNS, key=len, reverse=True))
_APPROVE = (
    r"(?:approves?|approved|endorses?|endorsed|confirms?|confirmed|authori[sz]es?|"
    r"authori[sz]ed|decides? on|decided on|announces?|announced|orders?|ordered)"
)
_NAMED_ACT = re.compile(
    rf"^(?P<pre>(?:[^,]*?, )?(?:[^,]*?\b{_APPROVE} )?)(?:[Tt]he )?(?P<noun>{_NOUN}) of "
    rf"(?P<obj>.+?){_OBJECT_END}(?P<rest>.*)$",
    re.I | re.S,
)
#: What a noun's sentence ends with when it only says the act is decided.
_DECIDED = re.compile(
    r"\s+(?:is|are|has been|have been|was|were|will be|shall be)\s+(?:hereby\s+)?"
    r"(?:approved|decided|endorsed|confirmed|authori[sz]ed|agreed)\b"
    r"|\s+(?:will|shall) (?:take place|be effected|be implemented)\b"
    r"|\s+(?:takes|took) place\b",
    re.I,
)
#: A finite verb: after a noun of change that is not decided by the sentence, it says
#: something else of the act ("The closure of X was discussed").
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|shall|would|should|may|might|can|could|must)\b"
)
#: "Management has decided that", "It is hereby decided that": who decided, not what.
_WRAPPER = re.compile(
    r"^(?P<pre>(?:[^,]*?, )?)(?:(?:[Tt]he )?[A-Z][\w -]*?|[Ii]t|[Ww]e) (?:has |have |is |was )?"
    r"(?:hereby |also |further |been )?(?:decided|agreed|determined|resolved|approved|"
    r"directed|announced) that "
)

#: Other words for the changes the rules read, in the future the moods leave.
_SAME = [
    # "will be folded into Y": merged.
    (
        r"\bwill (also )?be (?:folded|rolled|subsumed|merged) (?:in|into|within)\b",
        r"will \1be merged into",
    ),
    # "re-designated (as) Y", "retitled Y": renamed.
    (
        r"\bwill (also )?be (?:re-?designated|retitled|renamed|re-?named)(?: as| to)?\b",
        r"will \1be renamed",
    ),
    # "to be known as Y", "will henceforth be called Y": renamed (the subject goes on).
    (
        r"\bwill (also )?(?:henceforth |now |thereafter )?be (?:known|called|named) (?:as )?"
        r"(?=(?:the )?[A-Z])",
        r"will \1be renamed ",
    ),
    # "elevated to the rank of a division": upgraded to a division.
    (
        r"\bwill (also )?be (?:elevated|raised|upgraded|promoted|lifted) to (?:the )?"
        r"(?:rank|status|level) of\b",
        r"will \1be upgraded to",
    ),
    (r"\bwill (also )?be (?:elevated|promoted|lifted) (to|into|as)\b", r"will \1be upgraded \2"),
    # "downgraded to the status of a unit".
    (
        r"\bwill (also )?be (?:downgraded|lowered|reduced) to (?:the )?(?:rank|status|level) of\b",
        r"will \1be downgraded to",
    ),
    # "divided in two", "separated into three parts": split into.
    (
        r"\bwill (also )?be (?:divided|split|separated|broken up|partitioned) (?:in|into)"
        r"(?: two| three| four)?(?: parts| new units| units| entities)?(?=\s*[:,]|\s)",
        r"will \1be split into",
    ),
    # "will cease to exist", "will no longer exist", "will be shut down": abolished.
    (
        r"\bwill (also )?(?:cease to (?:exist|operate|function)|cease operations|"
        r"no longer exist|be shut down|be closed down|be wound up|be terminated|be suppressed|"
        r"be eliminated|be retired)\b",
        r"will \1be abolished",
    ),
    # "will be attached / reassigned / realigned to Y": placed under Y.
    (
        r"\bwill (also |now )?be (?:attached|assigned|reassigned|reattached|realigned|"
        r"repositioned|shifted|re-?located) (?:to|under|within)\b",
        r"will \1be placed under",
    ),
    # "… and takes the name Y": the new name of a change of kind.
    (r"\s+and (?:takes|will take|receives|will receive) the (?:new )?name(?: of)?\s+", ", named "),
    # "will leave X and join Y", "will join Y": placed under Y.
    (
        r"\bwill (also |now )?(?:leave (?:the )?[^,;.]+? and )?(?:join|move (?:in)?to)\b",
        r"will \1be placed under",
    ),
    # "will now report through Y", "will report into Y": report to Y.
    (
        r"\bwill (also |now |henceforth )?report (?:through|into|directly to|to)\b",
        r"will \1report to",
    ),
    # "transferred from A to B": what matters is where it goes.
    (
        r"\b(transferred|moved|relocated|placed|reassigned) from (?:the )?.+? "
        r"(to|into|under|within) ",
        r"\1 \2 ",
    ),
]
_SAME_RE = [(re.compile(p), r) for p, r in _SAME]

#: "X will be abolished on D, its staff and functions passing to Y": X merges into Y
#: (the date goes to the sentence's end, where it still dates the change).
_PASSING = re.compile(
    r"\bwill (also )?be (?:abolished|closed|discontinued|dissolved)(?P<when>[^,;]*?)[,;]\s*"
    r"(?:with |and )?its (?:staff|functions|posts|staff and functions|functions and staff|"
    r"staff, functions and (?:budget|resources)|posts and functions|functions and posts)"
    r" (?:passing|pass|will pass|being transferred|transferred|moving|going|will go) "
    r"(?:over )?(?:in)?to\b"
)


def plain_phrasing(sentence: str) -> str:
    """``sentence`` with its decision in the words the rules read: rule
    ``plain-phrasing`` (a decider's act, a noun of change, a wrapper of who decided, or
    another verb for a change)."""
    s = _WRAPPER.sub(lambda m: m["pre"], sentence, count=1)
    s = _named_act(s)
    s = _act(s)
    for pattern, repl in _SAME_RE:
        s = pattern.sub(repl, s)
    m = _PASSING.search(s)
    if m:
        s = f"{s[: m.start()]}will {m[1] or ''}be merged into{s[m.end() :]}"
        if m["when"].strip():
            s = f"{s.rstrip().rstrip('.')},{m['when']}."
    return s


def _act(s: str) -> str:
    """ "The Director General hereby transfers X to Y" → "X will be transferred to Y"."""
    m = _ACT.match(s)
    if m is None:
        return s
    verb = m["verb"].lower()
    bases = {b for b, _, _ in _ACTS}
    if verb not in bases and verb in _PAST.values() and not (m["perfect"] or "hereby" in m["adv"]):
        # "The Director General established the Unit in 2018": history, no decision.
        return s
    obj = m["obj"].strip()
    if not re.search(r"[A-Z]", obj):
        return s  # no name to act on ("has decided to act")
    return f"{m['pre']}{_capital(obj)} will be {_READ_AS[verb]}{m['rest']}"


def _named_act(s: str) -> str:
    """ "Closure of X with effect from D." → "X will be closed with effect from D."; "The
    establishment of X within Y is approved." → "X will be established within Y."."""
    if re.search(r"\bwill\b", s) and not _DECIDED.search(s):
        return s
    m = _NAMED_ACT.match(s)
    if m is None:
        return s
    pre = m["pre"]
    if pre and not (pre.endswith(", ") or re.search(rf"\b{_APPROVE} $", pre, re.I)):
        return s  # the noun is not what the sentence says is decided
    rest = _DECIDED.sub("", m["rest"], count=1)
    if _FINITE.search(rest):
        return s  # the noun is the subject of another verb ("was discussed")
    pre = re.sub(rf"(?:^|(?<=, ))[^,]*?\b{_APPROVE} $", "", pre, flags=re.I)
    return f"{pre}{_capital(m['obj'].strip())} will be {_NOUNS[m['noun'].lower()]}{rest}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
