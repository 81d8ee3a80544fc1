"""A source's passages as a form edits them: one a line, ``id — title``.

A passage id holds no space, so a line's first word is its id and the rest its title;
a dash or colon after the id is only punctuation (``21 — New department``,
``21: New department`` and ``21 New department`` read the same). A passage's ``text``
is not edited here: an edit keeps the text a passage of the same id had.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..core.model import Passage
from ..core.passages import passage_label

#: Punctuation between a passage's id and its title: a dash, an en or em dash, a colon.
_GAP = re.compile(r"^\s*[-\u2013\u2014:|]\s*")


def passages_text(passages: Sequence[Mapping[str, Any]]) -> str:
    """The passages of a dataset entry (``[{"id": …, "title": …}]``) as the lines of the
    form's text area."""
    return "\n".join(
        passage_label(Passage(str(p.get("id", "")), str(p.get("title", "")))) for p in passages
    )


def read_passage_lines(text: str, kept: Sequence[Passage] = ()) -> list[dict[str, str]]:
    """The passages the lines of ``text`` give, as a dataset entry lists them; each
    keeps the ``text`` that the passage of the same id in ``kept`` had. Whether the ids
    are valid and distinct is the write path's to check (it names the line's entry)."""
    texts = {p.id: p.text for p in kept if p.text}
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        ident, _, rest = line.partition(" ")
        ident = ident.rstrip(":\u2014\u2013|")
        entry = {"id": ident}
        title = _GAP.sub("", rest).strip()
        if title:
            entry["title"] = title
        if ident in texts:
            entry["text"] = texts[ident]
        out.append(entry)
    return out


def line_errors(problems: Mapping[str, list[str]]) -> list[str]:
    """The problems of ``passages[3].id``-like fields, told by line (``line 4: …``)."""
    out = []
    for path, messages in problems.items():
        found = re.match(r"passages(?:\[(\d+)\])?(?:\.(\w+))?$", path)
        if not found:
            continue
        where = f"line {int(found[1]) + 1}: " if found[1] is not None else ""
        out += [where + m for m in messages]
    return out
