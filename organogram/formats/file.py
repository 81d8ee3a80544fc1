"""The top-level sections of a dataset file: the structure's, then each register's."""

from __future__ import annotations

from .compound import Header, Section
from .entries import Field, FieldSet
from .registers import ALL

#: The top-level keys of a file, in the order the writer emits them.
FILE = FieldSet(
    [
        Field("organization", Header(), doc="the header; exactly one file has it"),
        Field("sources", Section("source")),
        Field("people", Section("person")),
        Field("units", Section("unit"), doc="shorthand for create changes"),
        Field("posts", Section("post"), doc="shorthand for create-post changes"),
        Field("changes", Section("change")),
        Field("plans", Section("plan")),
        Field("claims", Section("claim")),
        *(register.file_field() for register in ALL),
    ],
    noun="section",
)
