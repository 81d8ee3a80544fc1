"""Wording shared by the narrators: articles, lists, dates in words, citations."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..dates import FuzzyDate
from ..model import Citation, Source


def the(name: str) -> str:
    """``the`` + name, unless the name already starts with "the"/"The"."""
    if name[:4].lower() == "the ":
        return "the " + name[4:]
    return "the " + name


def the_new(name: str) -> str:
    """``the new`` + name: "the new Global Data Institute"."""
    return "the new " + (name[4:] if name[:4].lower() == "the " else name)


def kind_word(kind: str) -> str:
    """A unit kind as it reads in a sentence: ``regional-office`` -> "regional office"."""
    return " ".join(kind.replace("-", " ").replace("_", " ").split()).lower()


# "a unit", "a union", "a European office": words whose vowel sounds like a consonant.
_CONSONANT_SOUND = re.compile(r"^(uni|use|usu|eu|one)", re.IGNORECASE)


def a(word: str) -> str:
    """``a`` or ``an`` + word: "a division", "an office", "a unit"."""
    vowel = word[:1].lower() in "aeiou" and not _CONSONANT_SOUND.match(word)
    return ("an " if vowel else "a ") + word


def join(items: list[str]) -> str:
    """Items joined as in a sentence: "A", "A and B", "A, B and C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


COUNT = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def when(date: FuzzyDate) -> str:
    """The date opening a sentence: "On 28 October 2020"; "In Q4 2021" for a period."""
    return ("On " if date.exact else "In ") + date.describe()


_NUMBER = re.compile(r"^\d+(\.\d+)*$")


def citation_text(cites: Iterable[Citation], sources: dict[str, Source] | None = None) -> str:
    """Citations as read in brackets: each source by its symbol (else its id), its passages.

    A passage that is a number reads "para. N" ("paras. 21 and 22" for several);
    other passages are shown as given.
    """
    grouped: dict[str, list[str]] = {}
    for c in cites:
        grouped.setdefault(c.source, [])
        if c.passage:
            grouped[c.source].append(c.passage)
    parts: list[str] = []
    for source_id, passages in grouped.items():
        source = (sources or {}).get(source_id)
        label = (source.symbol or source.id) if source is not None else source_id
        numbers = [p for p in passages if _NUMBER.match(p)]
        others = [p for p in passages if not _NUMBER.match(p)]
        words = []
        if numbers:
            words.append(("para. " if len(numbers) == 1 else "paras. ") + join(numbers))
        words.extend(others)
        parts.append(" ".join([label, ", ".join(words)]) if words else label)
    return "; ".join(parts)
