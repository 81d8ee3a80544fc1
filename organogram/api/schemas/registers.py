"""Answers of the registers' read endpoints: the registers, a page of entries, one entry."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class FieldOut(Schema):
    """A field of a register's entries."""

    name: str
    required: bool
    doc: str


class RegisterOut(Schema):
    """A register: its section name, what an entry is, its fields and how many it holds."""

    section: str
    noun: str
    doc: str
    count: int
    fields: list[FieldOut]


class RegistersOut(Schema):
    """The registers the caller may read."""

    registers: list[RegisterOut]


class EntryOut(Schema):
    """An entry as a dataset's register section holds it, and its version (to edit it)."""

    id: str
    version: int
    #: the entry's own fields (which depend on the register); personal ones only for
    #: readers who may see people's data
    entry: dict[str, Any]


class EntryPage(Schema):
    """A register's entries in the order written, ``limit`` from ``offset`` of ``count``."""

    section: str
    count: int
    offset: int
    limit: int
    entries: list[EntryOut]


class SavedEntryOut(EntryOut):
    """An entry as saved (its new ``version``) and the revision the registry is at."""

    revision: int
