"""CSV cells a spreadsheet program will not run: formula injection neutralized, reversibly.

A spreadsheet program opening a CSV file reads a cell that begins with ``=``, ``+``,
``-``, ``@`` (or a tab or carriage return before one) as a formula, which can run
commands or send data away. Every CSV the project writes passes its cells through
:func:`neutral`, which puts an apostrophe before such a cell, as the programs
themselves mark text; a cell that already begins with an apostrophe gets one more, so
that :func:`restore`, which every CSV the project reads applies, gives back exactly the
text written. (Workbooks need none of this: their cells are written typed as text.)
"""

from __future__ import annotations

#: What makes a spreadsheet program read a cell as a formula.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutral(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet program reads as a formula."""
    if text.startswith(TRIGGERS) or text.startswith("'"):
        return "'" + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutral` was given (other cells as they are)."""
    if text.startswith("'") and text[1:].startswith((*TRIGGERS, "'")):
        return text[1:]
    return text
