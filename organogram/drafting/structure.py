"""A structure description read into the units, kinds, lines and functions it describes,
compared with the record (``organogram draft structure``).

Each unit the document shows is resolved against the record as of a date. A unit the
record does not have is proposed (``create``); one it has is proposed only where the
document differs (``move``, ``reclassify``, ``add-line``, ``move-post``); where the record
already agrees nothing is proposed and the draft says so (``described``, status
``agrees``). A unit's section gives a ``redescribe`` whose functions are a short list of
the document's own noun phrases, for a person to reword.
"""

from __future__ import annotations

import re
from typing import Any

from ..core.record import Record
from ..queries.resolve import normal
from . import structure_lines, structure_members
from .describing import RANK, Describing, LineFact, Seen, _plural, names_shown
from .names import ANAPHOR, KIND_WORDS, Unresolvable, names_in
from .paragraphs import Paragraph, find_paragraphs
from .proposals import CONTEXT, Draft, cite_of
from .reading import Reading
from .summary import functions_summary

#: Every rule of a description, members first: a unit's place given by a list of the
#: units of its owner outranks one read later from a line.
STRUCTURE_RULES = [*structure_members.RULES, *structure_lines.RULES]

FUNCTIONS_NOTE = (
    "A list of the document's own phrases, not a description: reword it before accepting."
)


def draft_structure(record: Record, text: str, *, source: str, at: str) -> Draft:
    """The units and lines a structure description shows, resolved against ``record`` as
    of ``at`` and compared with it, each cited ``source:section``: where the dataset's
    source ``source`` has passages, a paragraph is cited by the passage whose title is its
    heading or names the unit it describes, else by its number."""
    paragraphs, numbered = find_paragraphs(text)
    paragraphs = _lists_joined(paragraphs)
    reading = Reading(record, at, source)
    d = Describing(reading)
    _pin_title(d, text)
    passages = _passages(record, source, reading)
    headed = any(p.heading for p in paragraphs)
    container: Seen | None = None  # the last department heading (headed documents)
    order: list[Seen] = []  # the units described, in order (documents without headings)
    sections: dict[str, tuple[Paragraph, list[str]]] = {}
    heading = ""
    for para in paragraphs:
        reading.paragraph = para
        if headed and para.heading != heading:
            heading = para.heading
            if d.resolve(heading) is None:
                # A heading that names no unit ends the last department's sections.
                container = None
            reading.resolver.last.clear()
        # A paragraph's own number ("1.") is no sentence: the first sentence says
        # which unit the paragraph describes.
        said = [x for x in para.sentences() if not re.fullmatch(r"[\d.()\s-]+", x)]
        if not said and not para.items:
            reading.draft.unread.append(
                {"paragraph": para.number, "text": para.text[:80], "why": "no sentence in it"}
            )
            continue
        reading.sentence = said[0] if said else para.text
        section = _section(d, para, said)
        d.section = section
        number, para.number = para.number, _cite(para, section, passages)
        if section is not None:
            # Named before its citation was known: cited by the passage from here on.
            cited = [para.number if n == number else n for n in section.paragraphs]
            section.paragraphs = list(dict.fromkeys([*cited, para.number]))
            here = sections.setdefault(section.node, (para, []))
            here[1].append(para.body)
            _context_parent(d, section, para, headed, container, order)
            if headed and para.heading and section.kind == "department":
                container = section
            order.append(section)
        elif headed and para.heading:
            _plural_heading(d, para.heading)
        for sentence in said:
            reading.sentence = sentence
            sentence, _ = reading.former_and_latter(sentence)
            for name, fn in STRUCTURE_RULES:
                # Units "in Manila" are the owner's, not more units it oversees: a sentence
                # the located rule reads is read by no other rule.
                if fn(d, sentence) and name == "located":
                    break
            reading.named_last(reading.mentions(sentence, report=False))
            names_shown(d, sentence)
    draft = reading.finish()
    draft.paragraphs = len(paragraphs)
    if not numbered:
        draft.unread.insert(
            0,
            {
                "paragraph": "",
                "text": "",
                "why": "the document numbers no paragraphs: each is cited by its section "
                "where the source names one, else by its place (1, 2, …)",
            },
        )
    _compare(d, draft)
    _functions(d, draft, sections)
    return draft


# ------------------------------------------------------------------- reading
def _lists_joined(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A list set apart from the sentence that announces it ("… two units:" then a blank
    line and "• Budget Division") is that paragraph's list."""
    out: list[Paragraph] = []
    for p in paragraphs:
        lead = re.match(r"^\s*(?:[-*•]|\([a-z]\))\s+", p.text)
        if lead and out and out[-1].text.rstrip().endswith(":"):
            first = p.text[lead.end() :].strip()
            out[-1].items = [*(out[-1].items or []), first, *(p.items or [])]
            continue
        out.append(p)
    for n, p in enumerate(out, start=1):
        if p.number.isdigit():
            p.number = str(n)
    return out


def _section(d: Describing, para: Paragraph, said: list[str]) -> Seen | None:
    """The unit a paragraph describes: the subject of its first sentence ("The Budget
    Division is …", "The Department's objectives …"), else its heading's unit."""
    first = said[0] if said else para.text
    names = names_in(first)
    if names and names[0][1] <= 4:
        found = d.resolve(names[0][0])
        if found is not None and found.kind != "post":
            return d.see(found, "section")
        if found is None and re.match(r"^(?:The|the) ", first):
            # A unit the record does not know, described in its own section.
            heading = normal(para.heading)
            if heading and heading == normal(names[0][0]):
                return d.see(names[0][0], "section")
    named = _heading_unit(d, para.heading)
    lead = ANAPHOR.search(first)
    if lead:
        kind = KIND_WORDS[lead["kind"].lower()]
        if named is not None and named.kind == kind:
            # "Inside the Department of X" then "The Department is led by …": the
            # heading's department, whatever department was named last.
            return d.see(named, "section")
        hit = d.r.resolver.anaphor(kind)
        if hit is not None:
            return d.see(hit, "section")
    if named is not None:
        return d.see(named, "section")
    if para.heading and d.resolve(para.heading) is None and not _plural_first(para.heading):
        names = names_in(para.heading)
        if len(names) == 1 and not _plural(names[0][0]):
            return d.see(para.heading, "section")
    return None


def _heading_unit(d: Describing, heading: str):
    """The unit a section's heading names: the whole heading, else its first name that
    resolves ("Inside the Department of X")."""
    if not heading:
        return None
    found = d.resolve(heading)
    if found is None:
        for name, _ in names_in(heading):
            found = d.resolve(name)
            if found is not None:
                break
    return found if found is not None and found.kind != "post" else None


def _plural_first(name: str) -> bool:
    first = normal(name).split()[:1] or [""]
    return first[0] in KIND_WORDS and first[0].endswith("s")


def _pin_title(d: Describing, text: str) -> None:
    """A document whose title names a department or an office ("Department of X:
    organization as at …") is about it: "the Department" means it throughout, not the
    last department named (a sentence about the support another department gives)."""
    title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    title = re.sub(r"^#+\s*", "", title).strip("*_ ")
    names = names_in(title)
    if not names or names[0][1] > 4:
        return
    found = d.resolve(names[0][0])
    if found is not None and found.kind in ("department", "office"):
        d.r.resolver.pinned[found.kind] = found


def _plural_heading(d: Describing, heading: str) -> None:
    """A heading in the plural of a kind ("Administrative Centres") names each unit of
    the record whose name ends so."""
    words = normal(heading).split()
    if not words or words[-1] not in KIND_WORDS or not words[-1].endswith("s"):
        return
    ending = " ".join([*words[:-1], words[-1][:-1]])
    for unit in d.r.resolver.structure.units.values():
        if normal(unit.name).endswith(ending):
            d.see(d.resolve(unit.name) or unit.name, "named", structural=False)


def _context_parent(
    d: Describing,
    section: Seen,
    para: Paragraph,
    headed: bool,
    container: Seen | None,
    order: list[Seen],
) -> None:
    """A place read from the document's order: in a document with headings, a unit's
    section under a department's heading sits in that department; without headings, a
    unit described after one of a higher rank sits in it (the Division's units after the
    Division)."""
    rank = RANK.get(section.kind, 2)
    if headed:
        if container is not None and rank < RANK["department"] and container is not section:
            d.place(
                section,
                container.node,
                "under-department-heading",
                basis=CONTEXT,
                confidence=0.6,
                notes=[f"Read from the order of sections: it follows {container.name}."],
            )
        return
    above = next((s for s in reversed(order) if RANK.get(s.kind, 2) > rank), None)
    if above is not None and above is not section:
        d.place(
            section,
            above.node,
            "follows-its-division",
            basis=CONTEXT,
            confidence=0.5,
            notes=[f"Read from the order of paragraphs: it is described after {above.name}."],
        )


def _passages(record: Record, source: str, reading: Reading) -> list[tuple[str, str, str]]:
    """(passage id, its title normalized, the unit its title names) of the source."""
    src = record.sources.get(source)
    if src is None:
        return []
    out = []
    for p in getattr(src, "passages", ()) or ():
        title = p.title or ""
        try:
            node = reading.resolver.resolve(title).id if title else ""
        except Unresolvable:  # a title that names no unit is matched by its words alone
            node = ""
        out.append((p.id, normal(title), node))
    reading.resolver.last.clear()
    return out


def _cite(para: Paragraph, section: Seen | None, passages: list[tuple[str, str, str]]) -> str:
    heading = normal(para.heading)
    for pid, _, node in passages:
        if section is not None and node == section.node:
            return pid
    for pid, title, _ in passages:
        if heading and title == heading and section is None:
            return pid
    return para.number


# ----------------------------------------------------------------- comparing
def _compare(d: Describing, draft: Draft) -> None:
    s = d.r.resolver.structure
    for seen in d.units.values():
        unit = s.units.get(seen.node)
        kind = seen.kind or (unit.kind if unit else "unit")
        parent = seen.parent.target if seen.parent else None
        entry: dict[str, Any] = {
            "unit": seen.node,
            "name": seen.name,
            "kind": kind,
            "parent": parent,
            "new": seen.new,
            "cites": [cite_of(draft.source, p) for p in seen.paragraphs],
            "rule": seen.parent.rule if seen.parent else seen.rule,
            "basis": seen.parent.basis if seen.parent else "stated",
        }
        changes = []
        if seen.new:
            params: dict[str, Any] = {"unit": seen.node, "name": seen.name, "kind": kind}
            params["parent"] = parent or "unknown"
            if seen.location:
                params["location"] = seen.location
            fact = seen.parent
            p = _propose(
                d,
                "create",
                params,
                seen.paragraph if fact is None else fact.paragraph,
                seen.sentence if fact is None else fact.sentence,
                seen.rule if fact is None else fact.rule,
                basis=fact.basis if fact else "stated",
                confidence=fact.confidence if fact else 0.6,
                notes=[*(fact.notes if fact else []), *([] if parent else ["No place given."])],
            )
            changes.append(p)
        else:
            record_parent = s.placement(seen.node)
            if seen.kind and unit is not None and seen.kind != unit.kind:
                changes.append(
                    _propose(
                        d,
                        "reclassify",
                        {"unit": seen.node, "kind": seen.kind},
                        seen.paragraph,
                        seen.sentence,
                        "named-with-kind",
                        basis=CONTEXT,
                        confidence=0.5,
                        notes=[f"The document names it a {seen.kind}; the record, a {unit.kind}."],
                    )
                )
            if parent and parent != record_parent:
                fact = seen.parent
                assert fact is not None
                changes.append(
                    _propose(
                        d,
                        "move",
                        {"node": seen.node, "to": parent},
                        fact.paragraph,
                        fact.sentence,
                        fact.rule,
                        basis=fact.basis,
                        confidence=fact.confidence,
                        notes=[*fact.notes, f"The record has it under {record_parent or 'none'}."],
                    )
                )
            entry["record"] = {"kind": unit.kind if unit else "", "parent": record_parent}
        entry["status"] = "new" if seen.new else ("differs" if changes else "agrees")
        draft.described.append(entry)
    for f in d.lines:
        draft.described.append(_line_entry(d, draft, f))


def _line_entry(d: Describing, draft: Draft, f: LineFact) -> dict[str, Any]:
    s = d.r.resolver.structure
    target = f.placed.target
    entry: dict[str, Any] = {
        "line": f.kind,
        "source": f.source,
        "target": target,
        "cites": [cite_of(draft.source, f.placed.paragraph.number)],
        "rule": f.placed.rule,
        "basis": f.placed.basis,
    }
    if f.kind == "oversight":
        agrees = s.parent(f.source) == target
        op, params = (
            ("move-post", {"post": f.source, "reports_to": target})
            if f.source in s.posts
            else ("move", {"node": f.source, "to": target})
        )
    else:
        agrees = any(
            (ln.source, str(ln.kind), ln.target) == (f.source, f.kind, target) for ln in s.lines
        )
        op, params = "add-line", {"source": f.source, "kind": f.kind, "target": target}
    if not agrees:
        _propose(
            d,
            op,
            params,
            f.placed.paragraph,
            f.placed.sentence,
            f.placed.rule,
            basis=f.placed.basis,
            confidence=f.placed.confidence,
            notes=f.placed.notes,
        )
    entry["status"] = "agrees" if agrees else "differs"
    return entry


def _propose(d: Describing, op, params, paragraph, sentence, rule, **kw):
    r = d.r
    r.paragraph, r.sentence = paragraph, sentence
    return r.propose(op, params, rule, **kw)


def _functions(
    d: Describing, draft: Draft, sections: dict[str, tuple[Paragraph, list[str]]]
) -> None:
    """A ``redescribe`` for each unit with a section of its own whose functions the record
    does not hold: a short list of the section's noun phrases, to be reworded."""
    s = d.r.resolver.structure
    for node, (para, bodies) in sections.items():
        unit = s.units.get(node)
        if unit is not None and unit.functions:
            continue
        items = functions_summary(" ".join(bodies))
        if not items:
            continue
        first = para.sentences()
        _propose(
            d,
            "redescribe",
            {"unit": node, "functions": items},
            para,
            first[0] if first else para.text,
            "functions-from-section",
            basis=CONTEXT,
            confidence=0.3,
            notes=[FUNCTIONS_NOTE],
        )
