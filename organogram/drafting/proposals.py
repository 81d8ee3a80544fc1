"""What a draft holds: proposed changes, mentions not resolved, paragraphs not read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Basis of a proposal: the document says it, or it is read from the context (a heading,
#: "the Department" meaning the last one named, a near name, the order of sections).
STATED, CONTEXT = "stated", "context"


def cite_of(source: str, paragraph: str) -> str:
    """``source:paragraph`` as the dataset cites, or the paragraph alone without a source."""
    return f"{source}:{paragraph}" if source else paragraph


@dataclass
class Proposal:
    """One proposed change, in the dataset's vocabulary (``op`` and ``params`` with the
    format's field names), with where it comes from and why it is proposed."""

    op: str
    params: dict[str, Any]
    paragraph: str
    sentence: str
    rule: str
    basis: str = STATED
    confidence: float = 0.9
    source: str = ""
    #: what a person should know: how a name was resolved, what was assumed.
    notes: list[str] = field(default_factory=list)

    @property
    def cite(self) -> str:
        """``source:paragraph``, as the dataset cites."""
        return cite_of(self.source, self.paragraph)

    def change(self, date: str | None = None) -> dict[str, Any]:
        """The change mapping a plan would hold, for ``organogram plan add`` or the
        registry's actions: ``op``, the params, ``cite``, ``basis`` (``inferred`` when read
        from context, as the format words it) and ``date`` when given."""
        out: dict[str, Any] = {"op": self.op, **self.params, "cite": self.cite}
        if self.basis != STATED:
            out["basis"] = "inferred"
        if date and "date" not in out:
            out["date"] = date
        if self.notes:
            out["note"] = " ".join(self.notes)
        return out

    def as_dict(self) -> dict[str, Any]:
        """As JSON for programs and the page that shows a draft."""
        return {
            "op": self.op,
            "params": self.params,
            "cite": self.cite,
            "sentence": self.sentence,
            "basis": self.basis,
            "confidence": round(self.confidence, 2),
            "rule": self.rule,
            "notes": self.notes,
        }


@dataclass
class Unresolved:
    """A name the document uses that names no unit of the record, and none the document
    creates, or several; with the closest names and why."""

    mention: str
    paragraph: str
    sentence: str
    reason: str
    suggestions: list[str] = field(default_factory=list)
    source: str = ""

    def as_dict(self) -> dict[str, Any]:
        """As JSON."""
        return {
            "mention": self.mention,
            "cite": cite_of(self.source, self.paragraph),
            "sentence": self.sentence,
            "reason": self.reason,
            "suggestions": self.suggestions,
        }


@dataclass
class Draft:
    """A document read: its proposals, the mentions it could not resolve and the
    paragraphs it could not read, with the plan's window when the paper gives one."""

    source: str
    at: str
    proposals: list[Proposal] = field(default_factory=list)
    unresolved: list[Unresolved] = field(default_factory=list)
    #: paragraphs with no sentence the rules could read: (number, first words, why).
    unread: list[dict[str, str]] = field(default_factory=list)
    #: the paper's window for the whole plan: {"date", "cite", "sentence"}.
    effective: dict[str, str] | None = None
    paragraphs: int = 0
    #: the units and lines a structure description shows (draft_structure only), each
    #: with ``status``: ``new``, ``differs`` (a change is proposed) or ``agrees`` (the
    #: record already holds it: nothing proposed).
    described: list[dict[str, Any]] = field(default_factory=list)
    #: why names were read as of ``at`` (the date the reader gave, or the default's reason).
    at_reason: str = ""

    def changes(self) -> list[dict[str, Any]]:
        """Every proposal as a change mapping (see :meth:`Proposal.change`)."""
        date = self.effective["date"] if self.effective else None
        return [p.change(date) for p in self.proposals]

    def as_dict(self) -> dict[str, Any]:
        """As JSON: ``operations`` and ``unresolved``, as the command prints them."""
        return {
            "source": self.source,
            "at": self.at,
            **({"at_reason": self.at_reason} if self.at_reason else {}),
            "paragraphs": self.paragraphs,
            "effective": self.effective,
            "operations": [p.as_dict() for p in self.proposals],
            "unresolved": [u.as_dict() for u in self.unresolved],
            "unread": self.unread,
            **({"described": self.described} if self.described else {}),
        }
