"""The fields of every entry of the dataset format, one table per section and per op.

These tables are the single description of the format in code: the loader reads
with them, the writer emits fields in their order, and the JSON Schema is built from
them (see :mod:`organogram.formats.schema`). docs/format.md describes the same.
"""

from __future__ import annotations

from ..core.changes import REGISTRY
from ..core.model import (
    SIDE_LINE_KINDS,
    AssignmentKind,
    Basis,
    Funding,
    LineKind,
    Passage,
    PostStatus,
)
from ..core.plans import PlanStatus
from .compound import ListOf, MapOf, RecordOf, Section
from .entries import Field, FieldSet
from .kinds import (
    Bool,
    Choice,
    Cite,
    Date,
    DateTime,
    Id,
    LanguageTag,
    NewId,
    Nullable,
    Number,
    PassageId,
    Placement,
    RefTo,
    Text,
)

TEXT = Text()
ID = Id()
DATE = Date()
UNIT = RefTo("unit")
POST = RefTo("post")
NODE = RefTo("node")  # a unit or a post
PERSON = RefTo("person")
SOURCE = RefTo("source")
NEW = NewId()  # the id of a new unit or post
#: a line of oversight: a unit or post, null (the top) or ``unknown`` (not recorded).
PLACE = Nullable(Placement())

BASIS = Choice("basis", [b.value for b in Basis], Basis)
LINE_KIND = Choice("line kind", sorted(k.value for k in SIDE_LINE_KINDS), LineKind)
ASSIGNMENT_KIND = Choice("assignment kind", [k.value for k in AssignmentKind], AssignmentKind)
POST_STATUS = Choice("post status", [s.value for s in PostStatus], PostStatus)
FUNDING = Choice("funding", [f.value for f in Funding if f], Funding)
FTE = Number(minimum=0)
PLAN_STATUS = Choice("plan status", [s.value for s in PlanStatus], PlanStatus)
OP = Choice("op", sorted(REGISTRY))

ORGANIZATION = FieldSet(
    [
        Field("id", ID, True),
        Field("name", TEXT, True),
        Field("description", TEXT),
        Field("sources", ListOf(SOURCE), doc="sources about the organization as a whole"),
        Field(
            "assignments_complete_from",
            DATE,
            doc="from this date the record holds every assignment: a post without a holder "
            "is vacant (before it: no holder recorded)",
        ),
    ]
)

#: A passage a source declares: what citations of it may name.
PASSAGE_ENTRY = FieldSet(
    [
        Field("id", PassageId(), True, doc="what a citation names after the colon: 21, annex"),
        Field("title", TEXT, doc="what the passage is about, in a few words"),
        Field("text", TEXT, doc="its wording, when kept"),
    ]
)

SOURCE_ENTRY = FieldSet(
    [
        Field("id", ID, True),
        Field("title", TEXT, True),
        Field("symbol", TEXT, doc="the document's symbol, e.g. S/28/8"),
        Field("body", TEXT, doc="the body that issued it"),
        Field("session", TEXT),
        Field("date", DATE),
        Field("language", LanguageTag(), doc="the language it is written in: en, fr, es…"),
        Field("file", TEXT, doc="where a copy of the document is kept"),
        Field("url", TEXT),
        Field("cites", ListOf(Cite(many=False)), doc="citations of other sources of the dataset"),
        Field("note", TEXT),
        Field(
            "passages",
            ListOf(RecordOf(PASSAGE_ENTRY, Passage), unique="id"),
            doc="the parts citations may name (paragraphs, sections); absent: any",
        ),
    ]
)

PERSON_ENTRY = FieldSet(
    [
        Field("id", ID, True),
        Field("name", TEXT, True),
        Field("note", TEXT),
        Field("contact", TEXT, doc="how to reach them (personal data)"),
        Field("cv", TEXT, doc="their curriculum vitae, or where it is kept (personal data)"),
    ]
)

#: Fields of every change besides its op's own (id and date come first, apart).
COMMON = [
    Field("cite", Cite(), doc="citations supporting the change"),
    Field("reason", TEXT),
    Field("basis", BASIS, doc="stated (default) or inferred"),
    Field("note", TEXT),
    Field("recorded_by", TEXT),
    Field("recorded_at", DateTime()),
]

#: The attributes of a new unit (UnitSpec) other than its id.
SPEC = [
    Field("name", TEXT, True),
    Field("kind", TEXT, True),
    Field("abbreviation", TEXT),
    Field("mandate", TEXT),
    Field("functions", ListOf(TEXT)),
    Field("location", TEXT),
    Field("head", POST, doc="the post that heads the unit"),
]
#: A new unit in a merge or a replacement: its id is the merge's ``into`` or ``by``.
NEW_UNIT = FieldSet([Field("id", NEW, doc="defaults to `into` / `by`"), *SPEC])
#: A new unit in a split.
SPLIT_UNIT = FieldSet([Field("id", NEW, True), *SPEC])

_LINE = [Field("source", NODE, True), Field("kind", LINE_KIND, True), Field("target", NODE, True)]

#: op -> its own fields, in the order the writer emits them.
OP_FIELDS: dict[str, list[Field]] = {
    "create": [
        Field("unit", NEW, True),
        *SPEC,
        Field("parent", PLACE, doc="null: the top; unknown: no source gives it"),
    ],
    "rename": [Field("unit", UNIT, True), Field("name", TEXT, True), Field("abbreviation", TEXT)],
    "reclassify": [
        Field("unit", UNIT, True),
        Field("kind", TEXT, True),
        Field("name", TEXT),
        Field("abbreviation", TEXT),
    ],
    "redescribe": [
        Field("unit", UNIT, True),
        Field("mandate", TEXT),
        Field("functions", ListOf(TEXT)),
    ],
    "relocate": [Field("unit", UNIT, True), Field("location", TEXT, True)],
    "set-head": [Field("unit", UNIT, True), Field("head", Nullable(POST), True)],
    "move": [
        Field("node", NODE, True),
        Field("to", PLACE, True, doc="null: the top; unknown: no source gives it"),
    ],
    "abolish": [Field("unit", UNIT, True)],
    "merge": [
        Field("units", ListOf(UNIT), True),
        Field("into", ID, True, doc="an existing unit, or the new unit described by `new`"),
        Field("new", RecordOf(NEW_UNIT)),
        Field("parent", PLACE, doc="line of oversight of a new unit"),
    ],
    "split": [
        Field("unit", UNIT, True),
        Field("into", ListOf(RecordOf(SPLIT_UNIT)), True),
        Field("keep", Bool(), doc="the unit goes on after the split"),
        Field("parents", MapOf(ID, PLACE), doc="new unit -> its line of oversight"),
        Field("moves", MapOf(NODE, NODE), doc="child unit or post -> its new home"),
    ],
    "replace": [
        Field("unit", UNIT, True),
        Field("by", ID, True, doc="an existing unit, or the new unit described by `new`"),
        Field("new", RecordOf(NEW_UNIT)),
        Field("parent", PLACE, doc="line of oversight of a new unit"),
    ],
    "add-line": _LINE,
    "remove-line": _LINE,
    "create-post": [
        Field("post", NEW, True),
        Field("title", TEXT, True),
        Field("grade", TEXT),
        Field("category", TEXT),
        Field("unit", Nullable(UNIT)),
        Field("duty_station", TEXT),
        Field("senior", Bool(), doc="a senior post is a node of the tree of oversight"),
        Field("status", POST_STATUS, doc="established (default), proposed, frozen, abolished"),
        Field("funding", FUNDING, doc="core or projects; absent: not known"),
        Field("fte", FTE, doc="full-time equivalent (default 1; a grouping of posts: their sum)"),
        Field("reports_to", PLACE, doc="null or absent: no line; unknown: not recorded"),
    ],
    "abolish-post": [Field("post", POST, True)],
    "regrade-post": [
        Field("post", POST, True),
        Field("grade", TEXT, True),
        Field("title", TEXT),
        Field("category", TEXT),
    ],
    "amend-post": [
        Field("post", POST, True),
        Field("title", TEXT),
        Field("category", TEXT),
        Field("duty_station", TEXT),
        Field("senior", Bool()),
        Field("status", POST_STATUS),
        Field("funding", FUNDING),
        Field("fte", FTE),
    ],
    "move-post": [
        Field("post", POST, True),
        Field("unit", Nullable(UNIT), doc="absent: the post stays in its unit"),
        Field("reports_to", PLACE, doc="absent: the line stays as it is"),
    ],
    "assign": [
        Field("post", POST, True),
        Field("person", PERSON, doc="absent: a holder the sources do not name"),
        Field("kind", ASSIGNMENT_KIND, doc="regular (default), ad-interim, acting…"),
    ],
    "vacate": [
        Field("post", POST, True),
        Field("person", PERSON, doc="absent: a source says the post is vacant"),
    ],
}


def _change(op: str, in_plan: bool) -> FieldSet:
    head = [
        Field("op", OP, True),
        Field("id", ID, doc="generated when absent"),
        Field("date", DATE, not in_plan, doc="when the change takes effect (valid time)"),
    ]
    if in_plan:
        head.append(Field("phase", ID, doc="the plan phase whose date the change defaults to"))
    return FieldSet([*head, *OP_FIELDS[op], *COMMON])


#: op -> fields of a change in ``changes:``; and of a change inside a plan.
CHANGE: dict[str, FieldSet] = {op: _change(op, False) for op in OP_FIELDS}
PLAN_CHANGE: dict[str, FieldSet] = {op: _change(op, True) for op in OP_FIELDS}

#: ``units:`` shorthand: a create change written as the unit it creates.
UNIT_ENTRY = FieldSet(
    [
        Field("id", NEW, True),
        *SPEC,
        Field("parent", PLACE, doc="line of oversight: a unit or senior post; unknown"),
        Field("established", DATE, True),
        *COMMON,
    ]
)
#: ``posts:`` shorthand: a create-post change written as the post it creates.
POST_ENTRY = FieldSet(
    [
        Field("id", NEW, True),
        *[f for f in OP_FIELDS["create-post"] if f.name != "post"],
        Field("established", DATE, True),
        *COMMON,
    ]
)

PHASE = FieldSet(
    [Field("id", ID, True), Field("title", TEXT, True), Field("effective", DATE, True)]
)
EVENT = FieldSet(
    [
        Field("status", PLAN_STATUS, True),
        Field("at", DATE, True),
        Field("by", TEXT),
        Field("note", TEXT),
    ]
)
#: A plan; its changes are read apart, since each change's fields depend on its op.
PLAN_ENTRY = FieldSet(
    [
        Field("id", ID, True),
        Field("title", TEXT, True),
        Field("status", PLAN_STATUS, doc="draft (default), proposed, approved, enacted, withdrawn"),
        Field("effective", DATE, True, doc="when the plan takes effect; its changes' default date"),
        Field("description", TEXT),
        Field("drafted_at", DateTime(), doc="record time of the plan's base"),
        Field("documents", ListOf(SOURCE)),
        Field("phases", ListOf(RecordOf(PHASE), unique="id")),
        Field("events", ListOf(RecordOf(EVENT)), doc="the status history"),
        Field("changes", Section("plan-change")),
    ]
)

CLAIM = FieldSet(
    [
        Field("subject", RefTo("subject"), True, doc="the unit, post, person… the fact is about"),
        Field("field", TEXT, True),
        Field("value", TEXT, True),
        Field("cite", Cite(many=False), True),
        Field("basis", BASIS),
        Field("note", TEXT),
    ]
)
