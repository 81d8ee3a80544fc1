"""Terms of reference of posts and generic position descriptions, as versioned records.

A post's terms of reference change over time: each version is one entry with its
effective date, and the terms of a post at a date are the latest version effective on
or before it. A generic position description (a "Programme Officer, P-3" that many
posts share) has the same parts; a post's terms may name the description they follow.
Each item of a list (a duty, a competency, a language…) may cite its own passage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .dates import FuzzyDate, as_of
from .model import Citation


class LanguageLevel(StrEnum):
    """Whether a language is required for the post or an asset."""

    REQUIRED = "required"
    DESIRABLE = "desirable"


@dataclass(frozen=True, slots=True)
class Item:
    """One statement of a list (a duty, a value, a qualification), with its citation."""

    text: str
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Competency:
    """A competency and the level expected (as the organization's framework names it)."""

    name: str
    level: str = ""
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True)
class Language:
    """A language and whether it is required or desirable."""

    language: str
    level: LanguageLevel = LanguageLevel.REQUIRED
    cite: tuple[Citation, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Parts:
    """What terms of reference and generic position descriptions both hold."""

    background: str = ""
    duties: tuple[Item, ...] = ()
    values: tuple[Item, ...] = ()
    core_competencies: tuple[Competency, ...] = ()
    managerial_competencies: tuple[Competency, ...] = ()
    education: tuple[Item, ...] = ()
    experience: tuple[Item, ...] = ()
    languages: tuple[Language, ...] = ()
    duty_station: str = ""
    cite: tuple[Citation, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Description(Parts):
    """A generic position description that many posts' terms may follow."""

    id: str
    title: str
    grade: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Terms(Parts):
    """One version of a post's terms of reference, in force from ``effective``."""

    id: str
    post: str
    effective: FuzzyDate
    #: the generic position description these terms follow, if any.
    description: str | None = None
    #: the title the terms give the post, when they name it.
    title: str = ""


def versions(entries: Iterable[Terms], post: str) -> list[Terms]:
    """The versions of ``post``'s terms of reference, oldest first."""
    mine = (t for t in entries if t.post == post)
    return sorted(mine, key=lambda t: (t.effective.sort_key(), t.id))


def terms_at(entries: Iterable[Terms], post: str, at: str | FuzzyDate) -> Terms | None:
    """The version of ``post``'s terms in force at ``at``: the latest effective by then.

    A version dated to a period counts from the period's first day, and a query date
    that is a period means its last day (as for changes: docs/dates.md).
    """
    day = as_of(at)
    current = None
    for t in versions(entries, post):
        if t.effective.start <= day:
            current = t
    return current
