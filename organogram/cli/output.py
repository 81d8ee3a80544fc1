"""Printing for people (trees, tables, colour when the terminal has it) and for programs (JSON)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TextIO

_CODES = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


class Printer:
    """Writes lines to a stream, colouring them when the stream is a terminal."""

    def __init__(self, stream: TextIO | None = None, colour: bool | None = None):
        self.stream = stream or sys.stdout
        self.colour = use_colour(self.stream) if colour is None else colour

    def style(self, text: str, *styles: str) -> str:
        """``text`` wrapped in ANSI codes for ``styles`` (when colour is on)."""
        styles = tuple(s for s in styles if s)
        if not self.colour or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\033[{codes}m{text}\033[0m"

    def line(self, text: str = "") -> None:
        """Write one line."""
        self.stream.write(text + "\n")

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        """A plain text table with columns as wide as their widest cell."""
        widths = [len(h) for h in headers]
        for row in rows:
            for i, cell in enumerate(row):
                widths[i] = max(widths[i], len(cell))
        self.line(
            self.style("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)), "bold")
        )
        for row in rows:
            self.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def emit_json(data: Any, stream: TextIO | None = None) -> None:
    """Print ``data`` as indented JSON."""
    (stream or sys.stdout).write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
