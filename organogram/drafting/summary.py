"""A short, neutral list of what a unit does, made of the document's own noun phrases:
the objects of its verbs ("is responsible for preparing the Organization's annual
Programme and Budget" → "annual Programme and Budget"), cut short.

A rule system cannot put a mandate in its own words; this gives a person something to
reword, never a sentence of the document: each item is a phrase of at most
:data:`WORDS` words, and at most :data:`ITEMS` of them.
"""

from __future__ import annotations

import re

#: At most this many items, of at most this many words each.
ITEMS, WORDS = 4, 7

# What leads into the object of a clause: the verbs of a description and their helpers.
_LEAD = re.compile(
    r"^(?:(?:the|this|that|it|its|they|which|who|also|further|moreover|in addition|and|"
    r"generally|globally|regularly|overall|is|are|has|have|will|and|or|to|be)\b[\s,]*)*"
    r"(?:(?:is|are) )?(?:responsible for|in charge of|accountable for|tasked with|"
    r"charged with|focus(?:es)? on|(?:\w+(?:s|es|ing|ed)\b)(?: and \w+(?:s|es|ing))?)?\s*",
    re.I,
)
# Where the object ends: a purpose, a manner, a relative clause, a parenthesis.
_END = re.compile(
    r"\s(?:to ensure|in order|so that|so as|such as|including|through|by|with a|which|"
    r"that|where|while|thereby|in line|in accordance|in compliance|in collaboration|"
    r"in response|according|across|throughout|under|within|for the|to the|to all|to IOM|"
    r"to support|as well as|and (?:establishes|provides|ensures|develops|manages|"
    r"maintains|supports|promotes|prepares|sets|leads|coordinates|advises))\b"
    r"|[(:\u2013\u2014,]",
)
_SMALL_END = {"the", "of", "and", "or", "for", "to", "on", "in", "a", "an", "its", "their", "with"}
# A phrase that starts so is no object of a unit's work: a manner, a purpose, a clause.
_NOT_OBJECT = re.compile(
    r"^(?:by|in|on|at|of|as|that|well|these|this|those|which|who|when|if|so|thereby|"
    r"structure|the department|the division|the unit|ad interim)\b",
    re.I,
)
_DROP = re.compile(r"^(?:the|a|an|all|its|their|IOM[\u2019']s|the Organization[\u2019']s)\s+", re.I)


def functions_summary(text: str) -> list[str]:
    """Up to :data:`ITEMS` short noun phrases saying what a unit does, taken from
    ``text`` (the sentences describing it), in their order, without repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for clause in _clauses(text):
        phrase = _object(clause)
        key = phrase.lower()
        if not phrase or key in seen:
            continue
        seen.add(key)
        out.append(phrase)
        if len(out) == ITEMS:
            break
    return out


def _clauses(text: str) -> list[str]:
    # The description proper: not a list's letters "(a)", not "Learn more".
    text = re.sub(r"\([a-z]\)\s*", "; ", text)
    text = re.sub(r"\bLearn more\b", "", text)
    parts = re.split(r";|\.\s|:\s|, and (?=[a-z]+s\b)|, (?=[a-z]+s\b)", text)
    return [p.strip(" ,.;") for p in parts if p.strip(" ,.;")]


def _object(clause: str) -> str:
    # Drop the subject ("The Budget Division", "The Unit", "It") up to its verb.
    body = re.sub(
        r"^(?:The|This|It|Its)\b(?:\s+[A-Z][\w'\u2019-]*(?:\s+(?:of|and|for|the)\s+"
        r"[A-Z][\w'\u2019-]*|\s+[A-Z][\w'\u2019-]*)*)?(?:\s+(?:Unit|Division|Department|Office))?"
        r"[\u2019']?s?\s+",
        "",
        clause,
    )
    body = _LEAD.sub("", body, count=1)
    end = _END.search(body)
    if end:
        body = body[: end.start()]
    words = body.split()
    # A phrase of the document, cut short, without a dangling small word at its end.
    words = words[:WORDS]
    while words and words[-1].lower().strip(",") in _SMALL_END:
        words.pop()
    phrase = _DROP.sub("", " ".join(words)).strip(" ,;")
    if (
        len(phrase.split()) < 2
        or not re.search(r"[a-z]", phrase)
        or _NOT_OBJECT.match(phrase)
        or re.search(r"\b(?:supervises|oversees)\b", phrase)
    ):
        return ""
    return phrase[0].upper() + phrase[1:]
