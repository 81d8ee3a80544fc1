"""Answers of the record's reading endpoints: who calls, the structure, a unit, its
history and lineage, a diff, the sources."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from .changes import ChangeOut


class Me(Schema):
    """The caller: account name (empty for a visitor), role and the actions allowed."""

    user: str
    role: str
    can: list[str]


class StructureOut(Schema):
    """The units and senior posts in force at ``date``, in tree order: every one, or a
    subtree, some levels, a page of them."""

    date: str
    #: the plan previewed, if one was asked for
    plan: str | None
    #: each: id, name, kind, parent, depth, head, posts, certainty… (as the page shows)
    nodes: list[dict[str, Any]]
    #: nodes no source places in the tree of oversight
    unplaced: list[str]
    #: units possibly still in force though an undated change may have ended them
    possibly_still: list[dict[str, Any]]
    #: changes whose dates leave open whether they apply yet
    uncertain: list[dict[str, Any]]
    #: the editing token of the whole record (the latest recorded change)
    token: int
    #: the nodes there are in all (down to ``depth``), of which ``nodes`` is a page
    count: int
    #: where the page starts among them
    offset: int
    #: the most nodes in a page; None with ``all=true``
    limit: int | None
    #: the ``offset`` of the next page, or None on the last
    next: int | None


class UnitOut(Schema):
    """A unit or post as of ``date``; a post's fields only on a post, a unit's on a unit."""

    id: str
    date: str
    #: "in-force", "abolished" or "not-yet"
    state: str
    in_force: bool
    is_unit: bool
    name: str
    chain: list[dict[str, Any]]
    children: list[dict[str, Any]]
    lines: list[dict[str, Any]]
    posts: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    kind: str
    certainty: str
    uncertain: list[dict[str, Any]]
    placement: str
    #: the token to send back with an edit of this node
    token: int
    # A unit's
    abbreviation: str | None = None
    mandate: str | None = None
    functions: list[str] | None = None
    location: str | None = None
    head: dict[str, Any] | None = None
    # A post's
    grade: str | None = None
    category: str | None = None
    duty_station: str | None = None
    unit: dict[str, Any] | None = None
    status: str | None = None
    funding: str | None = None
    fte: float | None = None
    holding: str | None = None
    #: who holds the post: for readers who may see people only
    holders: list[dict[str, Any]] | None = None


class LineageOut(Schema):
    """What a unit came from and what it became."""

    id: str
    name: str
    in_force: bool
    predecessors: list[dict[str, Any]]
    successors: list[dict[str, Any]]


class HistoryOut(LineageOut):
    """Every version of a unit, its lineage, the changes that touched it and its claims."""

    versions: list[dict[str, Any]]
    changes: list[ChangeOut]
    claims: dict[str, Any]


class DiffOut(Schema):
    """The net changes between two dates, a summary, and the recorded events between."""

    from_: str = Field(..., alias="from")
    to: str
    #: counts by kind of change
    summary: dict[str, Any]
    changes: list[dict[str, Any]]
    confirmed: list[dict[str, Any]]
    events: list[dict[str, Any]]


class PassageOut(Schema):
    """A passage a source lists: what a citation names after the colon."""

    id: str
    title: str = ""
    text: str = ""


class SourceOut(Schema):
    """A source document."""

    id: str
    title: str
    symbol: str
    body: str
    session: str
    date: str
    #: an IETF language tag ("en", "fr"), empty when not said
    language: str
    file: str
    url: str
    cites: list[str]
    note: str
    #: the passages citations may name (empty: any)
    passages: list[PassageOut]


class SourceCopyOut(Schema):
    """The copy of a source document kept in the registry: where the site serves it for
    download, its name, type, size and SHA-256."""

    url: str
    name: str
    content_type: str
    size: int
    sha256: str


class SourceRow(SourceOut):
    """A source with how many changes and claims cite it."""

    changes: int
    claims: int


class SourceDetail(SourceOut):
    """A source, the claims it makes (disputes marked) and the changes it supports."""

    #: the source's version, to name when editing or removing it
    version: str
    claims: list[dict[str, Any]]
    changes: list[ChangeOut]
    #: the copy of the document kept in the registry, if any
    stored_file: SourceCopyOut | None = None
