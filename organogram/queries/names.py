"""Small helpers that turn ids into what a reader needs to see."""

from __future__ import annotations

from ..core.model import Citation, Source
from ..core.structure import Structure


def citation_text(citation: Citation, sources: dict[str, Source]) -> str:
    """``SCPF/28/… para. 21``: the document's symbol (or title, or id) and the passage."""
    source = sources.get(citation.source)
    doc = (source.symbol or source.title) if source else citation.source
    if not citation.passage:
        return doc
    passage = citation.passage
    if passage.isdigit():
        passage = f"para. {passage}"
    return f"{doc}, {passage}"


def citations(cites: tuple[Citation, ...], sources: dict[str, Source]) -> list[dict[str, str]]:
    """Citations as data: source id, passage and the readable form."""
    return [
        {"source": c.source, "passage": c.passage, "text": citation_text(c, sources)} for c in cites
    ]


def node_kind(s: Structure, node: str) -> str:
    """A unit's kind, or ``senior-post`` / ``post``."""
    if node in s.units:
        return s.units[node].kind
    if node in s.posts:
        return "senior-post" if s.posts[node].senior else "post"
    return "unknown"
