"""The progress bar draws only on a terminal."""

from __future__ import annotations

import io

from organogram.importers.progress import Progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_the_stream_is_not_a_terminal():
    stream = io.StringIO()
    with Progress("Reading", 10, stream) as bar:
        bar.advance(10)
    assert stream.getvalue() == ""


def test_a_bar_on_a_terminal_ends_its_line():
    stream = _Tty()
    with Progress("Reading", 4, stream) as bar:
        for _ in range(4):
            bar.advance()
    text = stream.getvalue()
    assert "Reading" in text and "4/4" in text and "100%" in text
    assert text.endswith("\n")
