"""Text as the search engines index and query it: no accents, no case, words only.

Both engines are given text already normalized here, so that accent- and
case-insensitivity is the same on SQLite and PostgreSQL and needs no database extension.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")


def normal(text: str) -> str:
    """``text`` as it is indexed and searched: accents dropped, case folded, anything but
    letters and digits read as a space ("Économie, l'" -> "economie l")."""
    if text.isascii():
        # Nothing to decompose or drop (most texts; a rebuild of the index of a large
        # record normalizes millions): the same answer, without a call per character.
        return _NOT_WORD.sub(" ", text.casefold()).strip()
    bare = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.casefold()).strip()


def words(text: str) -> list[str]:
    """The normalized words of ``text``."""
    return normal(text).split()


#: Words that say nothing of what is sought ("who deals with data protection"): left out
#: when no document holds every word and the search falls back to any of them.
_STOP_TEXT = """
    a an and are as at be by deals deal does do for from has have how in is it its of on
    or the to what which who whom with
    au aux de des du et la le les l d un une ou qui
    el los las del y o en con por para
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
