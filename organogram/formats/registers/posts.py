"""Registers of posts: versioned terms of reference and generic position descriptions."""

from __future__ import annotations

from typing import Any

from ...core.terms import Competency, Description, Item, Language, LanguageLevel, Terms
from ..compound import ListOf, RecordOf
from ..entries import Field, FieldSet
from ..fields import DATE, ID, POST, TEXT
from ..kinds import Choice, Cite, Nullable
from ..register import Register, ref_to
from ..values import entry_values

ITEM = FieldSet([Field("text", TEXT, True), Field("cite", Cite())])
COMPETENCY = FieldSet(
    [
        Field("name", TEXT, True),
        Field("level", TEXT, doc="as the organization's framework names it, e.g. 3 - advanced"),
        Field("cite", Cite()),
    ]
)
LANGUAGE = FieldSet(
    [
        Field("language", TEXT, True),
        Field(
            "level",
            Choice("language level", [v.value for v in LanguageLevel], LanguageLevel),
            doc="required (default) or desirable",
        ),
        Field("cite", Cite()),
    ]
)

#: Nested lists: field name -> (its entries' fields, the core class of an entry).
_LISTS: dict[str, tuple[FieldSet, type]] = {
    "duties": (ITEM, Item),
    "values": (ITEM, Item),
    "core_competencies": (COMPETENCY, Competency),
    "managerial_competencies": (COMPETENCY, Competency),
    "education": (ITEM, Item),
    "experience": (ITEM, Item),
    "languages": (LANGUAGE, Language),
}

_DOCS = {
    "duties": "what the holder does, one item each",
    "values": "the organization's values the holder is to uphold",
    "core_competencies": "name and level",
    "managerial_competencies": "name and level",
    "education": "required degrees or equivalent",
    "experience": "years and kind of experience",
    "languages": "language and level: required or desirable",
}

#: The parts of a description or of terms of reference, in the order they are written.
_PARTS = [
    Field("background", TEXT, doc="the context of the post, in a paragraph"),
    *(
        Field(name, ListOf(RecordOf(fields)), doc=_DOCS[name])
        for name, (fields, _cls) in _LISTS.items()
    ),
    Field("duty_station", TEXT),
    Field("cite", Cite()),
    Field("note", TEXT),
]


def _build(cls: type) -> Any:
    def build(values: dict[str, Any]) -> Any:
        made = dict(values)
        for name, (_fields, item_cls) in _LISTS.items():
            if name in made:
                made[name] = tuple(item_cls(**v) for v in made[name])
        return cls(**made)

    return build


def _values(fieldset: FieldSet) -> Any:
    def values(obj: Any) -> dict[str, Any]:
        out = entry_values(obj, fieldset)
        for name, (fields, _cls) in _LISTS.items():
            if name in out:
                out[name] = [entry_values(v, fields) for v in out[name]]
        return out

    return values


DESCRIPTION_FIELDS = FieldSet(
    [Field("id", ID, True), Field("title", TEXT, True), Field("grade", TEXT), *_PARTS]
)

def _register(section: str, noun: str, cls: type, fields: FieldSet, doc: str) -> Register:
    """A register whose entries hold the parts (lists of nested items) of ``cls``."""
    return Register(
        section=section, noun=noun, cls=cls, fields=fields, doc=doc,
        build=_build(cls), values=_values(fields),
    )


DESCRIPTIONS = _register(
    "descriptions", "position description", Description, DESCRIPTION_FIELDS,
    "generic position descriptions that posts' terms of reference may follow",
)

TERMS_FIELDS = FieldSet(
    [
        Field("id", ID, True),
        Field("post", POST, True),
        Field("effective", DATE, True, doc="from when this version holds"),
        Field(
            "description", Nullable(ref_to("descriptions")), doc="the generic description followed"
        ),
        Field("title", TEXT, doc="the title the terms give the post, if they name it"),
        *_PARTS,
    ]
)

TERMS = _register(
    "terms", "terms of reference", Terms, TERMS_FIELDS,
    "terms of reference of posts, one entry per version",
)
