"""Which body and session a source comes from, read from what the source says.

A source writes its ``body`` and ``session`` as the document does ("Standing
Committee on Programmes and Finance", "Twenty-eighth Session"). They are linked to
the register's bodies and sessions softly: a body is found by id, name or
abbreviation, a session by id or by the number in its text ("109th", "Twenty-eighth",
"Special Session 4"). A source whose body is not in the register (the United Nations
General Assembly) is simply not linked: the text stays as written, and nothing fails.
"""

from __future__ import annotations

import datetime as dt
import re

from .governance import Body, Session
from .membership import BODIES, SESSIONS
from .model import Source
from .record import Record

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_TENTHS = {w[:-1] + "ieth": n for w, n in _TENS.items()}  # twentieth…
_DIGITS = re.compile(r"\b(\d+)(?:st|nd|rd|th)?\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def session_number(text: str) -> int | None:
    """The session number a text gives: ``109th Session`` -> 109, ``Twenty-eighth`` -> 28,
    ``One hundred and ninth`` -> 109; None when it gives none."""
    m = _DIGITS.search(text)
    if m:
        return int(m.group(1))
    words = re.sub(r"\band\b", " ", text.lower())
    total, hundreds = 0, 0
    for word in _WORD.findall(words):
        head, _, tail = word.partition("-")
        if head == "hundred":
            hundreds, total = max(total, 1) * 100, 0
        elif tail and head in _TENS and tail in _UNITS:
            return hundreds + _TENS[head] + _UNITS[tail]
        elif word in _UNITS:
            return hundreds + total + _UNITS[word]
        elif word in _TENTHS:
            return hundreds + _TENTHS[word]
        elif word in _TENS:
            total = _TENS[word]
        elif word in ("one", "a"):
            total = 1
    return None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"\bthe\b", " ", text.lower()).split())


def find_body(record: Record, text: str) -> Body | None:
    """The body a text names, by id, name or abbreviation (case and "the" ignored)."""
    if not text:
        return None
    wanted = _norm(text)
    for body in record.register(BODIES).values():
        names = {body.id, _norm(body.name)}
        if body.abbreviation:
            names.add(_norm(body.abbreviation))
        if wanted in names:
            return body
    return None


def find_session(record: Record, body: Body | None, text: str) -> Session | None:
    """The session of ``body`` a text names, by id or by number; special sessions only
    when the text says "special"."""
    if not text:
        return None
    sessions = record.register(SESSIONS)
    if text in sessions and (body is None or sessions[text].body == body.id):
        return sessions[text]
    number = session_number(text)
    if body is None or number is None:
        return None
    special = "special" in text.lower() or "/sp/" in text.lower()
    for session in sessions.values():
        if session.body == body.id and session.number == number and session.special == special:
            return session
    return None


def source_links(record: Record, source: Source) -> tuple[Body | None, Session | None]:
    """(the body, the session) of the register that a source's texts name, where any."""
    body = find_body(record, source.body)
    return body, find_session(record, body, source.session)


def documents_of(record: Record, body: str, session: str | None = None) -> list[Source]:
    """The sources issued by ``body`` (at ``session`` when given), by date."""
    out = []
    for source in record.sources.values():
        b, s = source_links(record, source)
        if b is not None and b.id == body and (session is None or (s and s.id == session)):
            out.append(source)
    return sorted(out, key=lambda s: s.date.start if s.date else dt.date.max)
