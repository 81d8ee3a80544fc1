"""The claims block of a command's text output: what the sources say, and where they differ.

Every command that shows a subject (``history``, ``posts --post``, ``bodies``, ``cost``)
prints the claims kept about it with :func:`print_claims`, from the block that
:mod:`organogram.queries.claims` gives; ``--format json`` emits the block as it is.
"""

from __future__ import annotations

from typing import Any

from .output import Printer


def print_claims(
    out: Printer,
    block: dict[str, Any],
    title: str = "What the sources say",
    *,
    subjects: bool = False,
    indent: str = "",
) -> None:
    """Each claim (field, value, citation, inferred or not, note), then each disagreement
    as "sources differ: …". ``subjects`` names each claim's subject (for views showing
    several). Prints nothing when the block is empty."""
    if not block["items"]:
        return
    out.line()
    out.line(indent + out.style(title, "bold"))
    for c in block["items"]:
        about = f"{c['subject']} " if subjects else ""
        basis = " (inferred)" if c["basis"] == "inferred" else ""
        cited = "; ".join(s["text"] for s in c["sources"]) or c["cite"]
        out.line(f"{indent}  {about}{c['field']}: {c['value']}{basis} [{cited}]")
        if c["note"]:
            out.line(out.style(f"{indent}      {c['note']}", "dim"))
    for d in block["disagreements"]:
        about = f"{d['subject']} " if subjects else ""
        out.line(indent + out.style(f"  {about}{d['field']}: {d['text']}", "yellow"))
