"""Changes told in plain English, with the names in force when each change is made.

"The Department of International Cooperation and Partnerships is renamed the
Department of External Relations (SCPF/28 para. 21)." Every op of the change
vocabulary has a narrator here; a test keeps the two in step.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..changes import Change, step
from ..model import Source
from ..structure import Structure
from . import lines, posts, units  # noqa: F401  (each registers its narrators)
from .telling import NARRATORS, Narrator, _Telling, narrates
from .words import a, citation_text, join, kind_word, the, the_new, when

__all__ = [
    "NARRATORS",
    "Narrator",
    "a",
    "citation_text",
    "join",
    "kind_word",
    "narrate_change",
    "narrate_changes",
    "narrates",
    "the",
    "the_new",
    "when",
]


def narrate_change(
    change: Change,
    before: Structure,
    sources: dict[str, Source] | None = None,
    *,
    dated: bool = False,
    show_people: bool = True,
) -> str:
    """One change in a sentence, naming things as they are in ``before``.

    Citations follow in brackets, each source by its symbol (else its id). With
    ``dated`` the sentence opens with the date in words ("In Q4 2021, …"); with
    ``show_people`` false, holders of posts are not named (personal data).
    """
    narrator = NARRATORS.get(change.op)
    if narrator is None:
        raise KeyError(f"no narration for change op {change.op!r}")
    body = narrator(change, _Telling(before, show_people))
    cites = citation_text(change.cites, sources)
    if cites:
        body += f" ({cites})"
    if dated:
        return f"{when(change.date)}, {body}."
    return body[:1].upper() + body[1:] + "."


def narrate_changes(
    changes: Iterable[Change],
    start: Structure,
    sources: dict[str, Source] | None = None,
    *,
    dated: bool = False,
    show_people: bool = True,
) -> list[str]:
    """Tell ``changes`` in the order given, each from the structure its predecessors left.

    ``start`` is not modified: the changes are applied to a copy, so each sentence
    uses the names in force at its turn. A change that does not apply is reported in
    its place and skipped.
    """
    s = start.copy()
    told: list[str] = []

    def tell(change: Change, before: Structure) -> None:
        told.append(narrate_change(change, before, sources, dated=dated, show_people=show_people))

    for change in changes:
        # Told as the change finds the structure, once it is known to apply.
        problems = step(change, s, before=tell)
        if problems:
            ident = f"{change.id!r} " if change.id else ""
            at = f", {change.origin[0]}:{change.origin[1]}" if change.origin else ""
            told.append(
                f"Change {ident}({change.op}, {change.date}{at}) is left out, as it does not "
                f"apply here: {'; '.join(problems)}."
            )
    return told
