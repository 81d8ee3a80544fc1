"""The rules that read a reorganization paper's sentences into changes: each a name, the
sentence forms it reads and the changes it proposes. The grammar is small and says what
it reads; a sentence no rule reads proposes nothing, and one that keeps things as they are
("will retain", "will remain", "will continue") proposes nothing on purpose."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..queries.resolve import normal
from .dates import effective_date
from .mood import decision_mood
from .names import Mention, kind_of
from .proposals import CONTEXT
from .reading import Reading
from .summary import functions_summary

# The verbs of a change: a sentence with one of them is read by the rules even when it
# also keeps something ("will be placed under … and will continue to supervise …").
CHANGE = re.compile(
    r"\bwill (?:also )?(?:be |now )?(?:renamed|placed|created|established|set up|replaced|"
    r"abolished|closed|merged|split|transferred|moved|upgraded|raised|elevated|downgraded|"
    r"brought together|consolidated|repurposed|integrated|absorbed|dissolved|discontinued|"
    r"replace|fall under|oversee|report|form|become|include|bring together|wound down|"
    r"phased out|combined|amalgamated|converted|absorb|transfer|assume|take over|pass to)\b|"
    r"\breplacing\b|\bto form\b|\breporting line\b|"
    r"\b(?:currently|renamed|formerly) the\b|\bforeseen\b|\bwill merge\b|"
    r"\bwill (?:also )?(?:now )?(?:be responsible for|have an? (?:greater |stronger |renewed |"
    r"particular |sharper |clearer |new )?focus on)\b|"
    r"\b(?:functions|mandate|responsibilities|role|remit) will (?:therefore |now |also )?"
    r"(?:continue to )?(?:cover|include|encompass|extend to|focus on)\b",
    re.I,
)
KEEP = re.compile(
    r"\b(?:will|shall|would) (?:also )?(?:retain|remain|continue|keep|stay)\b|\bkeeps? its\b|"
    r"\bremains? unchanged\b|\bno change\b|\bas at present\b|\bwill not change\b",
    re.I,
)
_OVERSIGHT = r"(?:the )?(?:direct |overall )?(?:oversight|responsibility|authority|supervision)"
_UNTIL = (
    r"(?=,|;|\.|$| in an effort| in order| in line| with effect| as of| from \d| on \d| by the)"
)
#: As :data:`_UNTIL`, for a name that may hold a comma before a capital ("the Diversity,
#: Equity and Inclusion Unit"): a comma ends it only before a word in lower case.
_UNTIL_NAME = _UNTIL.replace("(?=,|", "(?=,(?!\\s+[A-Z])|")

Rule = Callable[[Reading, str], None]
RULES: list[tuple[str, Rule]] = []


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a rule under ``name`` (the name each of its proposals carries)."""

    def register(fn: Rule) -> Rule:
        RULES.append((name, fn))
        fn.rule_name = name  # type: ignore[attr-defined]
        return fn

    return register


def read_sentence(r: Reading, sentence: str) -> None:
    """Run every rule on one sentence (each may propose); a sentence that only keeps
    things as they are runs the keeping rule alone."""
    r.sentence = sentence
    # The rules read the future tense; "shall", "is to be", "absorbs" are brought to it
    # (the proposal still cites the paper's own sentence).
    sentence = decision_mood(sentence, r.paragraph.items if r.paragraph else None)
    sentence, stand_ins = r.former_and_latter(sentence)
    made = len(r.draft.proposals)
    if not CHANGE.search(sentence):
        if KEEP.search(sentence):
            keeps(r, sentence)
            seen = r.mentions(sentence, report=False)
        else:
            seen = r.mentions(sentence)  # names still count for "the Department"
    else:
        for _, fn in RULES:
            fn(r, sentence)
        seen = r.mentions(sentence, report=False)
    r.read_as(r.draft.proposals[made:], stand_ins)
    r.named_last(seen)


def _lead_off(phrase: str) -> str:
    """A subject without the clause that sets the scene before it ("In the Department of
    X (DX), the A and the B …": A and B are the subject, X is where they are)."""
    phrase = re.sub(
        r"^\s*(?:In|Within|Inside|Under|For|At|Across|Besides|Beyond|Apart from|"
        r"In addition to|As regards|Regarding) [^,]+,\s*",
        "",
        phrase,
    )
    # "the Staff Welfare Unit, currently part of the Department of X,": where it is now.
    return re.sub(
        r",\s*(?:currently|now|presently|at present|until now)?\s*(?:part of|in|under|within|"
        r"attached to|located in)\s+[^,]+,",
        "",
        phrase,
    )


def _dated(params: dict, sentence: str) -> dict:
    date = effective_date(sentence)
    if date:
        params["date"] = date
    return params


def _new_unit(r: Reading, name: str, rule_name: str, parent: Mention | None, **kw) -> str:
    """Propose creating a unit called ``name`` (once) under ``parent``; its id."""
    name = re.sub(r"^(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:new\s+|single\s+)?", "", name).strip()
    kind = kind_of(name) or "unit"
    made = r.resolver.create(name, kind, r.paragraph.number if r.paragraph else "")
    if made.id in r.creations:
        return made.id
    params: dict = {"unit": made.id, "name": name, "kind": kind}
    mentions = []
    basis = kw.pop("basis", None)
    if parent is None:
        parent = r.heading_node()
        if parent is not None:
            basis = CONTEXT
            kw.setdefault("notes", []).append(f"Placed under {parent.name}, the section's heading.")
    if parent is not None:
        params["parent"] = parent.id
        mentions.append(parent)
    p = r.propose(
        "create",
        _dated(params, r.sentence),
        rule_name,
        mentions=mentions,
        **({"basis": basis} if basis else {}),
        **kw,
    )
    if p is not None:
        r.creations[made.id] = p
    return made.id


def _move(r: Reading, units: list[Mention], to: Mention, rule_name: str, **kw) -> None:
    """Propose moving each unit under ``to``; a unit the paper creates without a place is
    placed there instead, and one already there is left alone."""
    for m in units:
        if m.id == to.id or r.ended(m.id):
            continue
        if m.new:
            made = r.creations.get(m.id)
            if made is not None and "parent" not in made.params:
                made.params["parent"] = to.id
                made.notes.append(f"Placed under {to.name} (paragraph {r.paragraph.number}).")
                continue
            if made is not None and made.params.get("parent") == to.id:
                continue
        elif r.resolver.parent(m.id) == to.id:
            continue
        r.propose(
            "move",
            _dated({"node": m.id, "to": to.id}, r.sentence),
            rule_name,
            mentions=[m, to],
            **kw,
        )


def keeps(r: Reading, sentence: str) -> None:
    """Rule ``keeps``: a sentence that keeps things as they are proposes nothing, except
    the one new thing it may name: "remains under the Director General and the new
    Executive Office" adds a functional line to the unit the paper creates."""
    m = re.search(
        rf"(?P<subj>.*?) will (?:also )?remain under {_OVERSIGHT} of (?P<to>.+)", sentence
    )
    if not m:
        return
    subject = r.resolved(m["subj"])
    targets = r.resolved(m["to"])
    if not subject or len(targets) < 2:
        return
    for extra in targets[1:]:
        if extra.new:
            r.propose(
                "add-line",
                {"source": subject[-1].id, "kind": "functional", "target": extra.id},
                "keeps-with-new-line",
                basis=CONTEXT,
                confidence=0.6,
                mentions=[subject[-1]],
                notes=["A unit has one line of oversight: the other is read as functional."],
            )


@rule("renamed")
def renamed(r: Reading, s: str) -> None:
    """ "X will be renamed (as) Y", "X (renamed Y)", "Y (currently X)": a rename, or a
    reclassification when the new name has another kind word."""
    pairs: list[tuple[str, str, str]] = []
    for m in re.finditer(
        rf"(?P<old>.+?) will (?:also )?be renamed (?:as |to |into )?"
        rf"(?:the )?(?P<new>[A-Z][^;()]*?){_UNTIL_NAME}",
        s,
    ):
        pairs.append((m["old"], m["new"], "will-be-renamed"))
    for m in re.finditer(
        r"(?P<old>[^()]+?)\s*\((?:to be )?renamed (?:as |to )?(?:the )?(?P<new>[^)]+)\)", s
    ):
        pairs.append((m["old"], m["new"], "renamed-aside"))
    for m in re.finditer(
        r"(?P<new>[^()]+?)\s*\((?:currently|formerly|now) "
        r"(?:called |named |known as )?(?:the )?(?P<old>[^)]+)\)",
        s,
    ):
        pairs.append((m["old"], m["new"], "currently-named"))
    for old_text, new_text, rule_name in pairs:
        olds = r.resolved(old_text)
        if not olds:
            continue
        # "Y (currently X)": X is the first name in the aside; "X will be renamed Y": the
        # last name before the verb.
        old = olds[0] if rule_name == "currently-named" else olds[-1]
        if rule_name == "currently-named":
            names = _names(new_text)
            if not names:
                continue
            new_name = names[-1]
        else:
            new_name = _names(new_text)[0] if _names(new_text) else new_text.strip()
        _rename(r, old, new_name, rule_name)


def _names(phrase: str) -> list[str]:
    from .names import names_in

    return [n for n, _ in names_in(phrase)]


def _rename(r: Reading, old: Mention, new_name: str, rule_name: str) -> None:
    if old.kind == "post" or old.name == new_name:
        return
    # "X will be renamed Y. Y will have …": the new name names it from here on.
    if not r.resolver.resolves(new_name):
        r.resolver.defined[normal(new_name)] = old
    new_kind = kind_of(new_name)
    if (
        new_kind
        and new_kind != old.kind
        and old.kind in ("department", "division", "office", "unit", "section", "branch", "centre")
    ):
        r.propose(
            "reclassify",
            _dated({"unit": old.id, "kind": new_kind, "name": new_name}, r.sentence),
            rule_name,
            mentions=[old],
        )
    else:
        r.propose(
            "rename",
            _dated({"unit": old.id, "name": new_name}, r.sentence),
            rule_name,
            mentions=[old],
        )
    head = r.resolver.structure.units[old.id].head if old.id in r.resolver.structure.units else None
    post = r.resolver.structure.posts.get(head) if head else None
    if post is not None and old.name in post.title:
        r.propose(
            "amend-post",
            _dated({"post": head, "title": post.title.replace(old.name, new_name)}, r.sentence),
            "head-follows-name",
            basis=CONTEXT,
            confidence=0.6,
            notes=["The head's title follows the unit's new name."],
        )


@rule("named-with-new-kind")
def new_kind(r: Reading, s: str) -> None:
    """A unit the sentence names with another kind word ("the Departments of … which are
    currently considered divisions"): a reclassification."""
    for m in r.resolved(s, report=False):
        if m.how == "kind" and m.kind_in_text and m.kind_in_text != m.kind:
            stated = bool(re.search(r"\bcurrently (?:considered|the)\b", s))
            name = re.sub(r"^(?:the|The)\s+", "", m.text)
            r.propose(
                "reclassify",
                _dated({"unit": m.id, "kind": m.kind_in_text, "name": name}, s),
                "named-with-new-kind",
                confidence=0.8 if stated else 0.6,
                mentions=[] if stated else [m],
            )


@rule("upgraded")
def upgraded(r: Reading, s: str) -> None:
    """ "X will be upgraded / raised / converted to a department (the Department of Y)",
    "X will become the Y Department": a reclassification."""
    for m in re.finditer(
        r"(?P<x>.+?) will (?:also )?(?:be )?(?:upgraded|raised|elevated|"
        r"converted|downgraded|turned|become)"
        r"(?: in(?:to)?| to| as)? (?!(?:a )?part of\b)(?:an? |the )?(?P<new>[^,;.]+)"
        r"(?:, (?:to be )?(?:called |named )?(?:the )?(?P<name>[A-Z][^,;.]*?)(?=,|;|\.|$| with))?",
        s,
    ):
        olds = r.resolved(m["x"])
        if not olds:
            continue
        old = olds[-1]
        new = m["new"].strip()
        names = _names(m["name"] or new)
        new_name = names[0] if names and kind_of(names[0]) else ""
        kind = kind_of(new_name) or kind_of(new.split()[0]) or kind_of(new)
        if not kind or kind == old.kind:
            if new_name and new_name != old.name:
                _rename(r, old, new_name, "upgraded")
            continue
        params = {"unit": old.id, "kind": kind}
        if new_name:
            params["name"] = new_name
        r.propose("reclassify", _dated(params, s), "upgraded", mentions=[old])


@rule("replaced")
def replaced(r: Reading, s: str) -> None:
    """ "A new X will replace the Y", "X, replacing the Y", "Y will be replaced by X"."""
    found = []
    for m in re.finditer(r"(?P<new>[^,;]+?) will (?:also )?replace (?P<old>[^,;.]+)", s):
        found.append((m["new"], m["old"]))
    for m in re.finditer(r"(?P<new>[^,;]+?),? replacing (?P<old>[^,;.]+)", s):
        found.append((m["new"], m["old"]))
    for m in re.finditer(r"(?P<old>[^,;]+?) will be replaced by (?P<new>[^,;.]+)", s):
        found.append((m["new"], m["old"]))
    for new_text, old_text in found:
        olds = [m for m in r.resolved(old_text) if m.kind != "post"]
        names = [n for n in _names(new_text) if kind_of(n)]
        if not olds or not names:
            continue
        old, new_name = olds[0], names[-1]
        if any(m.id == old.id for m in r.resolved(new_name, report=False)):
            continue
        kind = kind_of(new_name) or "unit"
        made = r.resolver.create(new_name, kind, r.paragraph.number)
        params = {"unit": old.id, "by": made.id, "new": {"name": new_name, "kind": kind}}
        mentions = [old]
        under = re.search(rf"(?:fall|be placed) under {_OVERSIGHT} of (?P<to>[^,;.]+)", s)
        tos = r.resolved(under["to"]) if under else []
        parent = r.resolver.parent(old.id)
        if tos:
            params["parent"] = tos[0].id
        elif parent:
            params["parent"] = parent
        r.propose("replace", _dated(params, s), "replaced", mentions=mentions)


@rule("created")
def created(r: Reading, s: str) -> None:
    """ "A new X Unit will be created (within the Department)", "X will be established,
    bringing together A and B", "… brought together in a single X within Y": a new unit,
    with what it brings together moved into it."""
    for m in re.finditer(
        r"(?P<new>\b(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]) (?:new |single )?[A-Z][^,;]*?) will "
        r"(?:also )?be (?:created|established|set up|formed)"
        r"(?P<tail>[^.;]*)",
        s,
    ):
        names = [n for n in _names(m["new"]) if kind_of(n) or len(n.split()) > 1]
        if not names:
            continue
        if r.exists(names[-1]):
            continue
        within = re.search(r"\b(?:within|in|under) (?P<in>(?:the|this|that) [^,;.]+)", m["tail"])
        parent = (r.resolved(within["in"]) or [None])[0] if within else None
        new = _new_unit(r, names[-1], "will-be-created", parent)
        together = re.search(r"bringing together (?P<list>.+)", m["tail"])
        if together:
            target = r.created_mention(new)
            _move(
                r,
                [u for u in r.resolved(together["list"]) if u.id != new],
                target,
                "brought-into-new",
            )
    for m in re.finditer(
        r"brought together in (?:a|one) (?:single |new )?"
        r"(?P<new>[A-Z][\w ,-]*?) (?:within|in|under) (?P<in>"
        r"(?:the|this|that) [^,;.]+)",
        s,
    ):
        parent = (r.resolved(m["in"]) or [None])[0]
        _new_unit(r, m["new"], "brought-together-in-new", parent)


@rule("formed-from")
def formed_from(r: Reading, s: str) -> None:
    """ "X will be brought together with A and B to form the Y": Y is created and the
    three move into it (they go on; a merge would end them)."""
    m = re.search(
        r"(?P<x>.+?) will (?:also )?be (?:[a-z]+ and )?brought together with "
        r"(?P<with>.+?) to form (?:a |an |the )?(?:new )?"
        r"(?P<new>[A-Z][^,;.]*)",
        s,
    )
    if not m:
        return
    names = _names(m["new"])
    if not names:
        return
    parts = r.resolved(m["x"])[-1:] + r.resolved(m["with"])
    new = _new_unit(r, names[0], "brought-together-to-form", None)
    target = r.created_mention(new)
    _move(r, parts, target, "brought-together-to-form")


@rule("merged")
def merged(r: Reading, s: str) -> None:
    """ "A and B will be merged / consolidated into (a new) C", "A will be absorbed by B":
    a merge (the units merged end; C is new unless the record has it)."""
    m = re.search(
        r"(?P<list>.+?) will (?:also )?(?:be )?(?:merged|consolidated|"
        r"amalgamated|combined|absorbed|merge|integrated)"
        r"(?: together)? (?:into|to form|as|by|with|in) "
        rf"(?:a |an |the )?(?:new |single )?(?P<into>[A-Z][^;.]*?){_UNTIL_NAME}",
        s,
    )
    if not m:
        absorbs(r, s)
        return
    units = [u for u in r.resolved(_lead_off(m["list"])) if u.kind != "post"]
    intos = _names(m["into"])
    if not units or not intos:
        return
    existing = r.resolved(intos[0], report=False)
    if existing and not existing[0].new:
        into = existing[0]
        units = [u for u in units if u.id != into.id]
        if units:
            # The unit merged into goes on, and is one of the merge's units (the core's
            # form of a merge into an existing unit).
            r.propose(
                "merge",
                _dated({"units": [*(u.id for u in units), into.id], "into": into.id}, s),
                "merged-into",
                mentions=[*units, into],
            )
        return
    name = intos[0]
    kind = kind_of(name) or "unit"
    made = r.resolver.create(name, kind, r.paragraph.number)
    params = {"units": [u.id for u in units], "into": made.id, "new": {"name": name, "kind": kind}}
    parents = {r.resolver.parent(u.id) for u in units}
    if len(parents) == 1 and None not in parents:
        params["parent"] = parents.pop()
    r.propose("merge", _dated(params, s), "merged-into", mentions=units)


def absorbs(r: Reading, s: str) -> None:
    """Rule ``absorbs``: "B will absorb A (and C)": A merges into B, which goes on."""
    m = re.search(r"(?P<into>.+?) will (?:also )?absorb (?:the (?=[A-Z]))?(?P<list>[^.;]+)", s)
    if not m:
        return
    intos = [u for u in r.resolved(m["into"]) if u.kind != "post"]
    if not intos or intos[-1].new:
        return
    into = intos[-1]
    units = [u for u in r.resolved(m["list"]) if u.kind != "post" and u.id != into.id]
    if units:
        r.propose(
            "merge",
            _dated({"units": [*(u.id for u in units), into.id], "into": into.id}, s),
            "absorbs",
            mentions=[*units, into],
        )


#: "a new Procurement Division": a unit named as new.
_NEW_NAMED = r"\b(?:an?|the) new ((?:[A-Z][\w'-]*)(?: (?:and |of |for |on )?[A-Z][\w'-]*)*)"


@rule("split")
def split(r: Reading, s: str) -> None:
    """ "X will be split into A and B": a split into new units."""
    m = re.search(
        r"(?P<x>.+?) will (?:also )?be (?:split|divided) "
        r"(?:into|between|in)(?: two| three| four)?(?: new)?"
        r"(?: units:| divisions:)?(?P<list>.*)",
        s,
    )
    if not m:
        return
    olds = r.resolved(_lead_off(m["x"]))
    names = [n for n in _names(m["list"]) if kind_of(n)]
    if len(names) < 2 and r.paragraph is not None:
        # "X is to be divided in two." with the parts named after: "… go to a new
        # Procurement Division; … become the work of a new Logistics Unit."
        rest = r.paragraph.text.split(r.sentence, 1)[-1]
        names = [n for n in re.findall(_NEW_NAMED, rest) if kind_of(n)]
    if not olds or len(names) < 2:
        return
    into = []
    for name in names:
        made = r.resolver.create(name, kind_of(name), r.paragraph.number)
        into.append({"id": made.id, "name": name, "kind": made.kind})
    r.propose(
        "split", _dated({"unit": olds[-1].id, "into": into}, s), "split-into", mentions=[olds[-1]]
    )


@rule("abolished")
def abolished(r: Reading, s: str) -> None:
    """ "X will be abolished / closed / discontinued / dissolved (on DATE)"."""
    m = re.search(
        r"(?P<x>.+?) will (?:also )?be (?:abolished|closed|discontinued|"
        r"dissolved|wound down|phased out|disbanded)",
        s,
    )
    if not m:
        return
    units = [u for u in r.resolved(_lead_off(m["x"])) if u.kind != "post"]
    if units and not r.ended(units[-1].id):
        u = units[-1]
        r.propose("abolish", _dated({"unit": u.id}, s), "will-be-abolished", mentions=[u])


@rule("placed-under")
def placed_under(r: Reading, s: str) -> None:
    """ "X will be placed / moved / transferred under (the oversight of) Y", "X will fall
    under the responsibility of Y" (a unit the paper names anew is created there), "X will
    report to Y", "The areas of responsibility of Y will include X", "Y will oversee X"."""
    forms = [
        (
            rf"(?P<list>.+?) will (?:also |now )?be (?:placed|moved|transferred|relocated) "
            rf"(?:under|to|into|within) (?:{_OVERSIGHT} of )?"
            rf"(?P<to>[^.;]+?){_UNTIL}",
            "placed-under",
        ),
        (
            r"(?P<list>.+?) will (?:also |now )?(?:be transferred|move) "
            r"(?:to|into) (?P<to>[^.;,]+)",
            "placed-under",
        ),
        (
            rf"(?P<list>.+?) will (?:also |now )?fall under {_OVERSIGHT} of "
            rf"(?P<to>[^.;]+?)(?: as well as(?P<more>.*)|,|$|\.| and will)",
            "falls-under",
        ),
        (
            r"(?P<list>.+?) will (?:also |now |henceforth )?report "
            r"(?:directly )?to (?P<to>[^.;,]+)",
            "reports-to",
        ),
        (
            r"areas of responsibility of (?P<to>.+?) will (?:also )?include (?P<list>[^.;]+)",
            "responsibility-includes",
        ),
        (
            r"(?P<list>.+?) will (?:also |now )?(?:become|form) (?:a |an )?(?:integral )?part "
            r"of (?P<to>[^.;,]+)",
            "becomes-part-of",
        ),
        (
            # "A will transfer responsibility for X to Y": the giver A is no target.
            r"\btransfer (?:the )?(?:overall )?responsibility for (?P<list>.+?) to "
            r"(?P<to>[^.;,]+)",
            "responsibility-transferred",
        ),
        (
            r"\b[Rr]esponsibility for (?P<list>.+?) will (?:be transferred|pass|transfer|move) "
            r"to (?P<to>[^.;,]+)",
            "responsibility-transferred",
        ),
        (
            r"(?P<to>.+?) will (?:assume|take over) (?:the )?(?:overall )?responsibility for "
            r"(?P<list>[^.;]+)",
            "responsibility-transferred",
        ),
        (
            # "The reporting line of X changes to Y", "X's reporting line will change to
            # Y", "X will change its reporting line to Y".
            r"(?:(?:[Tt]he )?reporting line of (?P<list>.+?)|(?P<list2>.+?)(?:[\u2019']s)? "
            r"(?<!functional )(?<!dotted )(?<!secondary )(?<!technical )"
            r"reporting line|(?P<list3>.+?) will change its reporting line) "
            r"(?:will )?(?:changes?|be changed|moves?|shifts?|passes)? ?to (?P<to>[^.;,]+)",
            "reporting-line-changes",
        ),
        (
            r"(?P<to>.+?) will (?:also )?oversee (?P<list>[^.;]+?)(?: and supervise|$|\.|;)",
            "will-oversee",
        ),
    ]
    for pattern, rule_name in forms:
        for m in re.finditer(pattern, s):
            tos = [t for t in r.resolved(m["to"]) if t.kind != "team"]
            if not tos:
                continue
            to = tos[-1] if rule_name == "will-oversee" else tos[0]
            phrase = next(m[g] for g in ("list", "list2", "list3") if g in m.re.groupindex and m[g])
            if rule_name == "falls-under" and m["more"]:
                phrase = f"{phrase}, {m['more']}"
            items = r.mentions(phrase)
            if re.search(r"functions such as|teams? tasked with", phrase):
                items += r.functions(re.split(r"such as|tasked with", phrase, maxsplit=1)[1])
            news = [n for n in (r.to_create(u) for u in items) if n]
            units = [
                u for u in items if isinstance(u, Mention) and u.id != to.id and not r.to_create(u)
            ]
            made = []
            if rule_name == "falls-under" and news and not units:
                made = [_new_unit(r, news[0], "falls-under-new", to)]
            elif rule_name == "falls-under":
                for name in news:
                    if re.search(rf"\bnew {re.escape(name)}", s):
                        made.append(_new_unit(r, name, "falls-under-new", to))
            _move(r, units, to, rule_name)
            for extra in tos[1:]:
                if rule_name == "falls-under" and (units or made):
                    subject = units[0] if units else r.created_mention(made[0])
                    if subject is not None:
                        r.propose(
                            "add-line",
                            {"source": subject.id, "kind": "functional", "target": extra.id},
                            "second-overseer",
                            basis=CONTEXT,
                            confidence=0.6,
                            mentions=[extra],
                            notes=[
                                "A unit has one line of oversight: the other is read as functional."
                            ],
                        )


@rule("brought-into")
def brought_into(r: Reading, s: str) -> None:
    """ "The divisions that will be brought together within this Department (A, B and C)",
    "The Department will bring together the existing teams tasked with F, G and H
    functions": each moves into the department."""
    m = re.search(
        r"brought together within (?P<to>(?:this|the|that) [^()]+?) \((?P<list>[^)]+)\)", s
    )
    if m:
        tos = r.resolved(m["to"])
        if tos:
            _move(r, r.resolved(m["list"]), tos[0], "brought-into")
    m = re.search(
        r"(?P<to>.+?) will (?:also )?bring together (?:the )?"
        r"(?:core )?(?:existing )?(?:teams|units|functions)? ?"
        r"(?:tasked with|responsible for|for) (?:the )?"
        r"(?:implementation of )?(?:the )?(?P<list>[^.;]+?)"
        r"(?: functions)?(?:\.|$)",
        s,
    )
    if m:
        tos = r.resolved(m["to"])
        if tos:
            _move(r, r.functions(m["list"]), tos[-1], "brings-together-functions")


@rule("posts-foreseen")
def posts_foreseen(r: Reading, s: str) -> None:
    """ "… additional positions are foreseen, as outlined below:" with a list: a new post
    for each item ("(2 posts)": two), and the unit a "Director of X" heads."""
    if not re.search(
        r"\b(?:positions?|posts?)\b[^.]*\b(?:foreseen|created|established|proposed|added)\b", s
    ):
        return
    items = r.paragraph.items or []
    if r.sentence in items:
        return  # an item read on its own (``post-named``), not the list's announcement
    for item in items:
        count = re.search(r"\((?P<n>\d+) (?:posts?|positions?)\)", item)
        title = re.sub(r"\s*\(\d+ (?:posts?|positions?)\)", "", item).strip()
        head = re.match(r"^(?P<t>Director|Head|Chief|Coordinator) of (?:the )?(?P<u>.+)$", title)
        unit = None
        if head:
            found = r.resolved(head["u"])
            unit = found[0] if found else None
        n = int(count["n"]) if count else 1
        for i in range(1, n + 1):
            base = f"{unit.id}-{head['t'].lower()}" if unit and head else _slug(title)
            ident = base if n == 1 else f"{base}-{i}"
            params = {"post": ident, "title": title if n == 1 else f"{title} (post {i} of {n})"}
            if unit is not None:
                params["unit"] = unit.id
            saved = r.sentence
            r.sentence = f"{s} {item}"
            r.propose(
                "create-post", _dated(params, s), "posts-foreseen", mentions=[unit] if unit else []
            )
            if unit is not None and head:
                r.propose(
                    "set-head",
                    {"unit": unit.id, "head": ident},
                    "head-from-title",
                    basis=CONTEXT,
                    confidence=0.6,
                    notes=[f"The post's title makes it the head of {unit.name}."],
                )
            r.sentence = saved


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(w for w in words if w not in {"the", "of", "and", "to", "for", "s"})[:40]


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


@rule("post-named")
def post_named(r: Reading, s: str) -> None:
    """ "A post of Chief Officer (P-5) will be established in the X", "two posts of
    Officer will be created within Y", "the post of Senior Coordinator will be
    abolished": posts named one sentence at a time (a list is ``posts-foreseen``)."""
    for m in re.finditer(
        r"\b(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|\d{1,2}|[Tt]he) "
        r"(?:new |additional |further )?(?:posts?|positions?) (?:of|for) (?:an? |the )?"
        r"(?P<title>[A-Z][^;(),]*?)(?: \((?P<grade>[A-Z]{1,3}-?\d{1,2})\))?"
        r"(?:,? at (?:the )?(?:grade|level) (?P<grade2>[A-Z]{1,3}-?\d{1,2}),?)? will (?:also )?be "
        r"(?P<verb>established|created|set up|added|abolished|discontinued|suppressed)"
        r"(?: (?:in|within|under|for) (?P<unit>[^,;.]+))?",
        s,
    ):
        title = m["title"].strip()
        if m["verb"] in ("abolished", "discontinued", "suppressed"):
            posts = [p for p in r.resolved(title, report=False) if p.kind == "post"]
            posts = posts or r.resolver.posts_titled(title)
            if posts:
                r.propose(
                    "abolish-post", _dated({"post": posts[0].id}, s), "post-abolished",
                    mentions=[posts[0]],
                )
            continue
        units = [u for u in r.resolved(m["unit"]) if u.kind != "post"] if m["unit"] else []
        head = re.match(r"^(?:Director|Head|Chief|Coordinator) of (?:the )?(?P<u>.+)$", title)
        if not units and head:
            # "A post of Head of the X Unit … to lead it": the unit it heads.
            units = [u for u in r.resolved(head["u"], report=False) if u.kind != "post"]
        word = m["n"].lower()
        n = int(word) if word.isdigit() else _COUNTS.get(word, 1)
        for i in range(1, n + 1):
            base = _slug(title)
            params: dict = {
                "post": base if n == 1 else f"{base}-{i}",
                "title": title if n == 1 else f"{title} (post {i} of {n})",
            }
            if m["grade"] or m["grade2"]:
                params["grade"] = m["grade"] or m["grade2"]
            if units:
                params["unit"] = units[0].id
            r.propose(
                "create-post",
                _dated(params, s),
                "post-created",
                mentions=units[:1],
            )


@rule("line-to")
def line_to(r: Reading, s: str) -> None:
    """ "Besides its line to Y, the Department will have a functional reporting line to
    Z": a functional line (dotted, secondary and technical lines too) beside the line of
    oversight; "an administrative line": administrative support."""
    for m in re.finditer(
        r"(?P<x>.+?) will (?:also )?(?:have|keep|gain|acquire) an? (?:new )?"
        r"(?P<kind>functional|dotted|secondary|technical|administrative)(?:[- ]support)?"
        r"(?:[- ]reporting)? (?:line|link) to (?P<y>[^.;,]+)",
        s,
    ):
        xs = [u for u in r.resolved(_lead_off(m["x"])) if u.kind != "post"]
        ys = r.resolved(m["y"])
        if not xs or not ys or xs[-1].id == ys[0].id:
            continue
        kind = "administrative-support" if m["kind"] == "administrative" else "functional"
        r.propose(
            "add-line",
            _dated({"source": xs[-1].id, "kind": kind, "target": ys[0].id}, s),
            "line-to",
            mentions=[xs[-1], ys[0]],
        )


_DOES = re.compile(
    r"^(?P<x>.+?)(?P<poss>[\u2019']s (?:functions|mandate|responsibilities|role|remit))? will "
    r"(?:therefore |now |also )*(?:continue to )?(?P<verb>be responsible for|have an? "
    r"(?:greater |stronger |renewed |particular |sharper |clearer |new )?focus on|cover|"
    r"include|encompass|extend to|focus on) (?P<what>.+)$"
)


@rule("functions-stated")
def functions_stated(r: Reading, s: str) -> None:
    """ "The Department will be responsible for …", "will have a greater focus on …",
    "The Department's functions will continue to cover …": what a unit that goes on will
    do, proposed as its functions (``redescribe``) in the paper's own phrases, for a
    person to reword; once per unit. A unit the paper creates has its functions in its
    creation, and one it ends has none."""
    m = _DOES.search(s)
    if not m or (m["verb"] in ("cover", "include", "encompass", "extend to", "focus on")
                 and not m["poss"]):
        return
    units = [u for u in r.resolved(_lead_off(m["x"]), report=False) if u.kind != "post"]
    if not units or units[-1].new or r.ended(units[-1].id):
        return
    unit = units[-1]
    if any(p.op == "redescribe" and p.params["unit"] == unit.id for p in r.draft.proposals):
        return
    # The summary reads a clause from its verb: give it one it knows to strip.
    lead = (
        "is responsible for"
        if m["verb"].startswith("be ")
        else "focuses on"
        if "focus" in m["verb"]
        else "covers"
    )
    items = functions_summary(f"{lead} {m['what']}")
    if not items:
        return
    r.propose(
        "redescribe",
        {"unit": unit.id, "functions": items},
        "functions-stated",
        basis=CONTEXT,
        confidence=0.3,
        mentions=[unit],
        notes=[
            "The paper's own phrases, not a description: reword them, and keep the "
            "functions the paper does not change, before accepting."
        ],
    )
