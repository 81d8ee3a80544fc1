"""Whether a citation's passage names parts its source declares.

A source may list its passages (paragraphs, sections, annexes). A citation of such a
source names one of them (``scpf28:21``), a range whose two ends are declared
(``scpf28:12-13``) or several, separated by commas or semicolons (``scpf28:32, 38``).
A finer part (``ev-821:annex-1.II``) is accepted only when it is declared itself, so
that what a citation names can always be looked up. A source that declares no
passages accepts any passage, as does an empty one (the whole document).
"""

from __future__ import annotations

import difflib
import re

from .model import Passage, Source

#: What a passage id may hold: letters, digits and ``. _ ( ) -``, no spaces, starting with
#: a letter or digit (``21``, ``annex``, ``annex-1.II``, ``21(b)``). A colon, a comma or a
#: semicolon would make a citation ambiguous.
PASSAGE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._()-]*")
PASSAGE_RULE = "use letters, digits, '.', '_', '(', ')' or '-', starting with a letter or digit"

#: The separators of several passages in one citation.
_LIST = re.compile(r"\s*[,;]\s*")
#: The dashes of a range: a hyphen or an en dash.
_DASHES = "-\u2013"
#: What a problem of an unlisted passage says (see :func:`is_unlisted_passage`).
_UNLISTED = "has no"
#: How many declared passages a message lists before cutting short.
_LISTED = 8


def parts(passage: str) -> list[str]:
    """The passages a citation's text names, as written (``"32, 38"`` -> two)."""
    return [p for p in _LIST.split(passage.strip()) if p]


def _covered(declared: set[str], part: str) -> bool:
    """Whether ``part`` is a declared passage or a range of two declared ones."""
    if part in declared:
        return True
    # Ids may hold hyphens themselves (annex-1), so every dash is tried as the range's.
    for i, ch in enumerate(part):
        if ch in _DASHES and part[:i].strip() in declared and part[i + 1 :].strip() in declared:
            return True
    return False


def passage_problem(source: Source, passage: str) -> str | None:
    """Why ``passage`` names something ``source`` does not declare, or None when it is
    fine (declared, a range or list of declared ones, empty, or the source declares
    no passages)."""
    if not source.passages or not passage.strip():
        return None
    declared = {p.id for p in source.passages}
    unknown = [p for p in parts(passage) if not _covered(declared, p)]
    if not unknown:
        return None
    named = ", ".join(repr(p) for p in unknown)
    noun = "passage" if len(unknown) == 1 else "passages"
    return f"{source.id!r} {_UNLISTED} {noun} {named}: {declared_text(source.passages, unknown[0])}"


def is_unlisted_passage(message: str) -> bool:
    """Whether ``message`` is one :func:`passage_problem` wrote (so that a form can show
    it beside the passage rather than the source)."""
    return f" {_UNLISTED} passage" in message


def declared_text(passages: tuple[Passage, ...], near: str = "") -> str:
    """The declared passages in a few words, for a message: the nearest to ``near``
    first when there are many."""
    ids = [p.id for p in passages]
    if len(ids) <= _LISTED:
        return "it declares " + ", ".join(ids)
    # Spelling neighbours help with names (annex-1 for anex-1), not with numbers.
    wordy = near and not near.isdigit()
    close = difflib.get_close_matches(near, ids, n=3, cutoff=0.5) if wordy else []
    head = f"{ids[0]} … {ids[-1]}"
    hint = f"; the nearest are {', '.join(close)}" if close else ""
    return f"it declares {len(ids)} passages, {head}{hint}"


def passage_label(passage: Passage) -> str:
    """How a passage reads in a list: ``21 — the new department`` (or just its id)."""
    return f"{passage.id} — {passage.title}" if passage.title else passage.id
