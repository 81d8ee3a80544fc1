"""What a person typed, read as terms: any text is a valid query.

Quotes, ``AND``, ``OR``, ``NOT``, brackets, ``*``, ``-``, a lone ``"`` or a NUL mean
nothing special here: the text is normalized to words (:func:`~.text.normal`) and each
engine's query is built from those words by this module, every word quoted, so no input
can make an engine's query syntax fail. The last word is matched as a prefix while the
person is still typing it (no space after it yet), and always on a typeahead.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import STOP_WORDS, words

#: At most this many words are searched (the rest of a pasted paragraph is ignored).
MAX_TERMS = 12


@dataclass(frozen=True)
class Query:
    """The words sought, normalized, and whether the last one is a prefix."""

    typed: str
    terms: tuple[str, ...]
    prefix: bool = True

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def phrase(self) -> str:
        """The words as one normalized text, to compare with a name."""
        return " ".join(self.terms)

    def loose(self) -> Query:
        """The query without stop words, for the fallback that needs only some words."""
        kept = tuple(t for t in self.terms if t not in STOP_WORDS)
        return Query(self.typed, kept or self.terms, self.prefix)

    def fts5(self, *, every: bool = True, column: str = "") -> str:
        """The query in FTS5's syntax: each word a quoted string, the last one a prefix
        when :attr:`prefix`; every word needed, or (``every`` false) any one of them.
        ``column`` restricts the match to one column of the table."""
        parts = [f'"{t}"' for t in self.terms]
        if self.prefix and parts:
            parts[-1] += "*"
        body = (" " if every else " OR ").join(parts)
        return f"{{{column}}} : ({body})" if column else body

    def tsquery(self, *, every: bool = True) -> str:
        """The query in PostgreSQL's ``to_tsquery`` syntax, each word quoted (the words
        hold only letters and digits), the last one a prefix (``:*``) when :attr:`prefix`."""
        parts = [f"'{t}'" for t in self.terms]
        if self.prefix and parts:
            parts[-1] += ":*"
        return (" & " if every else " | ").join(parts)


def parse_query(typed: str, *, prefix: bool | None = None) -> Query:
    """Read what was typed (see the module). ``prefix`` None: the last word is a prefix
    unless the text ends with a space or a closing quote (the word is finished)."""
    text = (typed or "").replace("\x00", " ")
    terms = tuple(words(text))[:MAX_TERMS]
    if prefix is None:
        prefix = bool(text) and not text[-1].isspace() and text[-1] != '"'
    return Query(typed, terms, prefix)
