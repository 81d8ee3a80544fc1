"""Answers of the sources' writes: the source as saved, its version and the revision."""

from __future__ import annotations

from .record import SourceOut


class SavedSourceOut(SourceOut):
    """A source as saved, its new ``version`` (to name in the next edit) and the revision
    the registry is at."""

    version: str
    revision: int
