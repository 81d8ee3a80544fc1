"""Rows of the registry: what a dataset holds, plus the revision counter and the audit log.

Rows keep values in the dataset format's own words (dates as ``2021-Q4``, citations as
``scpf28:21``, a change's parameters as the mapping its YAML entry would hold), so
that converting to core objects goes through the same checks as loading a file, and
exporting gives back what was loaded. Order matters in a record (changes on one date
apply in the order recorded; sources and claims are listed as written): every table
that needs it has a ``position`` or ``sequence`` column.

Free texts (names, symbols, addresses, citations) are ``TextField``s, unlimited like the
format's texts: a length limit that SQLite ignores and PostgreSQL enforces would let a
record be written on one and not moved to the other. Ids are ``CharField(max_length=200)``,
the longest id the format reads (:data:`organogram.formats.kinds.ID_MAX`).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models


class Organization(models.Model):
    """The organization the registry describes (one row)."""

    key = models.CharField(max_length=200, help_text="the dataset's organization id")
    name = models.TextField()
    description = models.TextField(blank=True)
    sources = models.JSONField(default=list, blank=True)
    assignments_complete_from = models.CharField(
        max_length=40,
        blank=True,
        help_text="from this date every assignment is recorded (a dataset date; empty: never)",
    )

    def __str__(self) -> str:
        return self.name


class Source(models.Model):
    """A document that supports facts and changes."""

    id = models.CharField(max_length=200, primary_key=True)
    position = models.PositiveIntegerField()
    title = models.TextField()
    symbol = models.TextField(blank=True)
    body = models.TextField(blank=True)
    session = models.TextField(blank=True)
    date = models.CharField(max_length=40, blank=True)
    #: an IETF language tag ("en", "fr"); empty when not said.
    language = models.CharField(max_length=35, blank=True)
    file = models.TextField(blank=True)
    url = models.TextField(blank=True)
    cites = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    #: the passages citations may name, each as its dataset entry holds it ({"id": …}).
    passages = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.symbol or self.title


class SourceFile(models.Model):
    """The copy of a source document uploaded into the registry: its bytes and what they
    are. Keyed by the source's id, not a foreign key: a whole record is reloaded by
    deleting every source row, and its copies are written again with it."""

    source = models.CharField(max_length=200, primary_key=True)
    #: the file's name as uploaded (no folder), which the source's ``file`` field gives.
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.source}: {self.name}"


class Person(models.Model):
    """Someone who holds or held a post: personal data."""

    id = models.CharField(max_length=200, primary_key=True)
    position = models.PositiveIntegerField()
    name = models.TextField()
    note = models.TextField(blank=True)
    contact = models.TextField(blank=True)
    cv = models.TextField(blank=True)

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    """What one source says about one fact."""

    position = models.PositiveIntegerField()
    subject = models.CharField(max_length=200, db_index=True)
    field = models.TextField()
    value = models.TextField()
    cite = models.TextField()
    basis = models.CharField(max_length=10, default="stated")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("position",)


class Entry(models.Model):
    """One entry of a register (terms of reference, a governing body, a budget…).

    ``data`` is the mapping the entry's dataset section would hold; reading it back
    goes through the register's field table (organogram.formats.register). It is kept
    as JSON text, not in a JSON column: PostgreSQL's jsonb reorders a mapping's keys,
    and the order of a mapping inside an entry is part of what the dataset wrote.
    """

    register = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    position = models.PositiveIntegerField()
    text = models.TextField(default="{}", help_text="the entry's mapping as JSON text")
    #: bumped by every edit, so an editor holding an older version is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("register", "position")
        constraints = (
            models.UniqueConstraint(fields=("register", "key"), name="entry_unique_key"),
        )

    def __str__(self) -> str:
        return f"{self.register}:{self.key}"

    @property
    def data(self) -> dict[str, Any]:
        """The entry's mapping, keys in the order written."""
        return json.loads(self.text)

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self.text = json.dumps(value, ensure_ascii=False)


class Plan(models.Model):
    """A reorganization plan; its changes are Change rows pointing at it."""

    id = models.CharField(max_length=200, primary_key=True)
    position = models.PositiveIntegerField()
    title = models.TextField()
    status = models.CharField(max_length=20, default="draft")
    effective = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    #: record time of the plan's base, ISO 8601 as given (may be naive).
    drafted_at = models.CharField(max_length=40, blank=True)
    documents = models.JSONField(default=list, blank=True)
    #: [{"id", "title", "effective"}, …]
    phases = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ("position",)

    def __str__(self) -> str:
        return self.title


class PlanEvent(models.Model):
    """A move of a plan from one status to another."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=20)
    at = models.CharField(max_length=40)
    by = models.TextField(blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("plan", "position")


class Change(models.Model):
    """One dated change: in the timeline (``plan`` null, or an enacted plan) or in a plan."""

    id = models.CharField(max_length=200, primary_key=True)
    #: global order of recording; the timeline applies same-date changes in this order.
    sequence = models.PositiveBigIntegerField(unique=True)
    op = models.CharField(max_length=40)
    #: effective date (valid time) as written: 2021-10-28, 2021-10, 2021-Q4, 2021…, or an
    #: extended form (``../2021-06``, ``2013-04-01/2013-09-30``: 21 characters).
    date = models.CharField(max_length=40)
    #: the op's own parameters, as in the dataset format.
    params = models.JSONField(default=dict)
    #: citations as "SOURCE:PASSAGE".
    cites = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    basis = models.CharField(max_length=10, default="stated")
    note = models.TextField(blank=True)
    recorded_by = models.TextField(blank=True)
    #: record time, ISO 8601 as given: a naive time from a file stays naive on export.
    recorded_at = models.CharField(max_length=40, blank=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    #: order within its plan.
    position = models.PositiveIntegerField(null=True, blank=True)
    #: the plan phase the change was written with, if any.
    phase = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("sequence",)

    def __str__(self) -> str:
        return f"{self.id} ({self.op}, {self.date})"


class Revision(models.Model):
    """A counter that moves on every write: readers rebuild their record when it does."""

    number = models.PositiveBigIntegerField(default=0)
    #: new at every write, so a number reused after a rolled-back write is not mistaken
    #: for the one a reader cached.
    stamp = models.CharField(max_length=32, blank=True)


class Step(models.Model):
    """What the write that made one revision did, so that a process holding the record of
    the revision before can catch up by reading only what changed, not every row.

    Written in the same transaction as the revision it describes. A reader catches up
    only over an unbroken run of steps whose stamps match the revisions it knows (a
    replaced or restored database does not match); anything else rebuilds from the rows.
    """

    class Kind(models.TextChoices):
        #: changes recorded in the timeline, nothing else.
        CHANGES = "changes"
        #: register entries added, edited or removed, nothing else.
        ENTRIES = "entries"
        #: plans and their changes written (an enacted plan's changes join the timeline).
        PLANS = "plans"
        #: sources added, edited or removed, nothing else.
        SOURCES = "sources"
        #: anything else (a load): readers rebuild from the rows.
        OTHER = "other"

    number = models.PositiveBigIntegerField(primary_key=True)
    stamp = models.CharField(max_length=32)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    #: ids of the changes the write added to the timeline, numbered after every other
    #: row (a change recorded, or the changes of the plan enacted).
    changes = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.number} ({self.kind})"


class AuditEntry(models.Model):
    """One write: who, when, through what, which action on which object, before and after."""

    class Via(models.TextChoices):
        WEB = "web"
        API = "api"
        CLI = "cli"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    #: the name of who did it, kept even if the account is deleted.
    by = models.CharField(max_length=200)
    via = models.CharField(max_length=3, choices=Via.choices)
    #: dotted name, e.g. "organogram.change.record".
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    #: groups the entries of one operation (one request, one command).
    request_id = models.CharField(max_length=64, blank=True, db_index=True)
    message = models.TextField(blank=True)
    revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.action} {self.object_id} by {self.by} via {self.via}"


class Token(models.Model):
    """An API token of one account. Only a hash is kept: the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    #: SHA-256 of the token, hex: a stolen database does not give working tokens.
    digest = models.CharField(max_length=64, unique=True)
    #: the first characters of the token, to tell tokens apart on a page.
    prefix = models.CharField(max_length=12)
    name = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"{self.prefix}… of {self.user}"


class SearchDocument(models.Model):
    """One searchable text about one thing (see :mod:`organogram.search.documents`).

    The rows are the index's content: on SQLite an FTS5 table indexes ``name_text`` and
    ``body_text`` (triggers keep it in step), on PostgreSQL a ``tsv`` column with a GIN
    index does (a trigger fills it, stemmed by the text's language). Both are made by
    the migration that makes this table, not by the model, which Django cannot express.
    Rows are written by the write that changes what they tell, in its transaction.
    """

    kind = models.CharField(max_length=10)
    ident = models.CharField(max_length=200)
    field = models.CharField(max_length=20)
    #: "name" (a field naming the thing) or "text".
    grp = models.CharField(max_length=4)
    text = models.TextField()
    name = models.TextField()
    since = models.CharField(max_length=40, blank=True)
    until = models.CharField(max_length=40, blank=True)
    #: the span as ISO days, for filtering: 0001-01-01 and 9999-12-31 when open.
    since_day = models.CharField(max_length=10)
    until_day = models.CharField(max_length=10)
    #: the citations, as JSON text (["scpf28:31", …]).
    cites = models.TextField(default="[]")
    #: all, named (only for those who may see people's names) or anonymous.
    audience = models.CharField(max_length=10, default="all")
    language = models.CharField(max_length=35, blank=True)
    #: the normalized words indexed: of a name, or of any other text (one is empty).
    name_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)

    class Meta:
        indexes = (models.Index(fields=("kind", "ident"), name="searchdocument_thing"),)

    def __str__(self) -> str:
        return f"{self.kind}:{self.ident} {self.field}"
