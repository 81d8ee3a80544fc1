"""A progress bar for long imports, drawn on standard error only when it is a terminal.

Redirected or piped output never gets the bar, so logs and tests stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts work done out of a total and redraws one line at most ten times a second."""

    def __init__(
        self, label: str, total: int, stream: TextIO | None = None, enabled: bool | None = None
    ):
        self.label = label
        self.total = max(total, 1)
        self.done = 0
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled
        self._drawn = 0.0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more items done."""
        self.done += n
        if self.enabled:
            now = time.monotonic()
            if now - self._drawn >= 0.1 or self.done >= self.total:
                self._drawn = now
                self._draw()

    def _draw(self) -> None:
        share = min(self.done / self.total, 1.0)
        width = 30
        filled = int(share * width)
        bar = "#" * filled + "-" * (width - filled)
        label = self.label if len(self.label) <= 40 else "..." + self.label[-37:]
        self.stream.write(f"\r{label:<40} [{bar}] {share:4.0%} {self.done}/{self.total}")
        self.stream.flush()

    def close(self) -> None:
        """Finish the line (only if a bar was drawn)."""
        if self.enabled and self._drawn:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
