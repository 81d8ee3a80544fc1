"""Registers of governance: the bodies an organization answers to."""

from __future__ import annotations

from ...core.governance import Body
from ..entries import Field, FieldSet
from ..fields import DATE, ID, TEXT
from ..kinds import Cite, Nullable
from ..register import Register, ref_to

BODY_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("name", TEXT, True),
        Field("abbreviation", TEXT),
        Field("kind", TEXT, doc="council, committee, board…"),
        Field("parent", Nullable(ref_to("bodies")), doc="the body this one belongs to"),
        Field("established", DATE),
        Field("ended", DATE),
        Field("cite", Cite()),
        Field("note", TEXT),
    ]
)


BODIES = Register(
    section="bodies",
    noun="governing body",
    cls=Body,
    fields=BODY_FIELDS,
    doc="governing bodies (council, committees)",
)
