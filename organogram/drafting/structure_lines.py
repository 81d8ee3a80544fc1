"""The rules of a structure description that give lines and places: "reports to … via
the administrative support of …", "falls under the oversight of", "is overseen by",
"receives administrative support from", "provides … support to". Each records its facts
through :class:`.describing.Describing`."""

from __future__ import annotations

import re

from .describing import ADV, Describing, Rules, registry
from .names import Mention, kind_of
from .proposals import CONTEXT

#: The rules of this module, in the order they read a sentence.
RULES: Rules = []
structure_rule = registry(RULES)

_REPORTS = re.compile(
    r"^(?P<x>.*?),? (?:who |which )?(?:reports|report) (?:directly )?to (?P<to>.+?)"
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
    rf"(?:falls|fall|sits|sit|is|are|remains|remain)\s+{ADV}(?:placed\s+)?"
    r"(?:under(?: the (?:direct |overall )?(?:oversight|responsibility|authority) of)?|"
    r"within|in|attached to|part of|run by|managed by|hosted by|housed in)"
    # passive and possessive ways of saying it (rule placed-in-passive)
    r"|(?P<passive>"
    # passive-by: "is now overseen by", "is overseen directly by", "is administered by"
    rf"(?:is|are)\s+{ADV}(?:overseen|supervised|managed|run|hosted|administered)"
    r"(?:\s+[a-z]+ly)?\s+by"
    # perfect passive: "has been set up within", "have been established under"
    r"|(?:has|have)\s+been\s+(?:set up|established|created|placed|located|attached)\s+"
    r"(?:within|in|under|to)"
    # "forms part of", "belongs to", "completes", "rounds out"
    rf"|(?:forms?|belongs?)\s+{ADV}(?:part of|to)|(?:completes|rounds out|joins)"
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
    rf"(?:is|are)\s+{ADV}(?:supported administratively|administratively supported) by)"
    r"\s+(?P<y>.+)$"
)


_RELATIVE_END = re.compile(r"(?P<name>[^,]+),\s*(?:which|who|that)\s*$")


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
        relative = _RELATIVE_END.search(m["x"])
        # "…, the B Division, which remains part of Y": the clause is about B alone.
        xs = d.r.resolved(relative["name"], report=False)[-1:] if relative else []
        xs = xs or _subjects(d, m["x"])
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


#: "the Division works under the direct supervision of Y" (its place stays where it is).
_UNDER_DIRECT = re.compile(
    r"(?P<x>[^,;]*?)\b(?:(?:works|work|operates|operate|is|are|sits|remains|functions)\s+"
    rf"{ADV}(?:placed\s+)?under (?:the )?direct supervision of|"
    r"(?:is|are) (?:directly supervised|supervised directly) by)\s+(?P<y>[^.;]+)"
)


@structure_rule("under-direct-supervision")
def under_direct_supervision(d: Describing, s: str) -> bool:
    """ "Although it is part of the Department, the Division works under the direct
    supervision of Y": a direct-supervision line from the Division to Y, its line of
    oversight left where the document or the record puts it."""
    m = _UNDER_DIRECT.search(s)
    if not m:
        return False
    # "X is placed under Y and is directly supervised by Y": X, not the last name.
    named = [u for u in d.r.resolved(m["x"], report=False) if u.kind != "post"]
    source = named[0] if named else d.subject(m["x"])
    ys = d.r.resolved(_first_clause(m["y"]), report=False)
    if source is None or not ys or ys[0].id == source.id:
        return False
    d.see(source, "under-direct-supervision")
    d.line(source.id, "direct-supervision", ys[0].id, "under-direct-supervision")
    return True


#: The services one unit performs for another: "its recruitment, travel and procurement
#: are handled for it by Y", "The Department's finance transactions are processed by Y".
_HANDLED = re.compile(
    r"^(?P<x>.*?)(?P<poss>\b[Ii]ts|\b[Tt]heir|[\u2019']s)\s+(?P<what>[^.;]*?)\s+(?:is|are)\s+"
    rf"{ADV}(?:handled|processed|provided|managed|administered|carried out|performed|done|"
    r"serviced|delivered)\s+(?:for (?:it|them)\s+)?(?:centrally\s+)?by\s+(?P<y>.+)$"
)
_ADMINISTRATIVE = re.compile(
    r"\b(?:financ\w*|human resources|recruitment|travel|procurement|payroll|administrat\w*|"
    r"transactions|budget\w*|accounting|staffing|personnel|logistics|ICT|IT|contracts)\b"
)


@structure_rule("services-handled-by")
def services_handled_by(d: Describing, s: str) -> bool:
    """ "Its recruitment, travel and procurement are handled for it by Y": an
    administrative-support line to Y (the services named are administrative ones)."""
    m = _HANDLED.search(s)
    if not m or not _ADMINISTRATIVE.search(m["what"]):
        return False
    named = [u for u in d.r.resolved(m["x"], report=False) if u.kind != "post"]
    if m["poss"][0] in "'\u2019":
        # "The Department's finance transactions": the name just before the possessive.
        source = named[-1] if named else None
    else:
        # "its recruitment": the sentence's first unit, else the unit the section is about.
        source = named[0] if named else None
        if source is None and d.section is not None:
            return _supported(d, d.section.node, m["y"])
    if source is None or source.kind == "post":
        return False
    return _supported(d, source.id, m["y"])


#: "The Executive Office gives them administrative support", "Y provides X with
#: administrative support".
_GIVES_SUPPORT = re.compile(
    r"^(?P<y>.*?)\b(?:gives|provides|offers|lends|extends)\s+(?P<x>them|it|[A-Z][^.;:]*?)\s+"
    r"(?:with\s+)?administrative support\b"
)
#: "Each of them also has a functional reporting line to Y", "It has a dotted line to Y".
_HAS_LINE = re.compile(
    r"^(?P<x>.*?)\b(?:has|have)\s+(?:also\s+)?an?\s+(?P<kind>functional|dotted|secondary|"
    r"technical)(?:[- ]reporting)?\s+(?:line|link)\s+to\s+(?P<y>[^.;]+)"
)


@structure_rule("gives-support")
def gives_support(d: Describing, s: str) -> bool:
    """ "The Executive Office gives them administrative support": an administrative-support
    line from them (the section's unit, or the units named) to the giver."""
    m = _GIVES_SUPPORT.search(s)
    if not m:
        return False
    givers = [u for u in d.r.resolved(m["y"], report=False) if u.kind != "post"]
    if not givers:
        return False
    if m["x"] in ("them", "it"):
        sources = [d.section.node] if d.section is not None else []
    else:
        sources = [u.id for u in d.r.resolved(m["x"], report=False) if u.kind != "post"]
    read = False
    for source in sources:
        read = _supported(d, source, givers[-1].name) or read
    return read


@structure_rule("has-line")
def has_line(d: Describing, s: str) -> bool:
    """ "Each of them also has a functional reporting line to Y": a functional line from
    each unit the last sentence named ("each of them", "both", "they"), else from the
    subject."""
    m = _HAS_LINE.search(s)
    if not m:
        return False
    ys = d.r.resolved(_first_clause(m["y"]), report=False)
    if not ys:
        return False
    if re.search(r"\b(?:[Ee]ach of them|[Bb]oth(?: of them)?|[Tt]hey|[Ee]ach)\b", m["x"]):
        sources = [u.id for u in d.r.pair]
    else:
        subject = d.subject(m["x"])
        sources = [subject.id] if subject is not None else []
    for source in sources:
        if source != ys[0].id:
            d.line(source, "functional", ys[0].id, "has-line")
    return bool(sources)
