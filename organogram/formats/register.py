"""Registers: the collections of a record that sit beside the structure's timeline.

Terms of reference, governing bodies, nomination calls, budgets, cost tables… are
records with ids and fields of their own; they are not changes to the structure, so
they are not folded into it. Each kind is described once, as a :class:`Register`:
its section name in a dataset file, the fields of one entry (a
:class:`~organogram.formats.entries.FieldSet`, which gives the loader its checks, the
schema its definition and the writer its order), and two functions between those
values and the core object. The loader, the writer, the schema, the registry's
database and the API all go through that one description.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..core.errors import OrganogramError
from .compound import Section
from .entries import Field, FieldSet, dump_fields, read_entry
from .kinds import BAD, Ctx, Ref, RefTo
from .problems import Problem, Problems
from .values import entry_values

#: Prefix of the reference category of a register's ids (``register:bodies``).
REF_PREFIX = "register:"


@dataclass(frozen=True)
class Register:
    """One kind of register entry and how it is read and written.

    ``cls`` is the core dataclass of an entry; ``fields`` must have a required ``id``
    field and otherwise name attributes of ``cls``. By default an entry is built as
    ``cls(**values)`` (a ValueError raised there refuses the entry, its message
    reported at the entry) and written with the attributes that differ from their
    default; ``build`` and ``values`` replace those two steps where the entry and
    the object differ. ``check``, given a record and an entry whose references hold,
    names (field, why) what the entry says that the rest of the record does not bear
    out (a post its call is not for…); the loader and the registry refuse those too.
    """

    section: str
    noun: str
    cls: type
    fields: FieldSet
    doc: str = ""
    build: Callable[[dict[str, Any]], Any] | None = None
    values: Callable[[Any], dict[str, Any]] | None = None
    #: the permission actions (organogram.registry.permissions) to read and to write it.
    view_action: str = "structure.view"
    edit_action: str = "register.edit"
    #: fields holding personal data, left out for readers who may not see people's data.
    personal: tuple[str, ...] = ()
    check: Callable[[Any, Any], list[tuple[str, str]]] | None = None

    def __post_init__(self) -> None:
        ident = self.fields.by_name.get("id")
        if ident is None or not ident.required:
            raise ValueError(f"register {self.section!r} needs a required 'id' field")
        unknown = set(self.personal) - set(self.fields.by_name)
        if unknown:
            raise ValueError(f"register {self.section!r}: personal fields {unknown} unknown")

    def file_field(self) -> Field:
        """The top-level field of a dataset file that holds this register's entries."""
        return Field(self.section, Section(self.section), doc=self.doc)

    def entry(self, obj: Any) -> dict[str, Any]:
        """The YAML mapping of one entry, fields in order."""
        values = self.values(obj) if self.values else entry_values(obj, self.fields)
        return dump_fields(self.fields, values)

    def read(self, node: Any, ctx: Ctx, path: str) -> Any:
        """The core object of one entry node, or BAD after reporting its problems."""
        before = len(ctx.problems.items)
        values = read_entry(node, self.fields, ctx, path)
        if values is BAD or len(ctx.problems.items) != before:
            return BAD
        try:
            return self.build(values) if self.build else self.cls(**values)
        except ValueError as exc:
            return ctx.bad(node, path, str(exc))


    def without_personal(self, data: dict[str, Any]) -> dict[str, Any]:
        """An entry's mapping with its personal fields left out."""
        return {k: v for k, v in data.items() if k not in self.personal}


def ref_to(section: str) -> RefTo:
    """The kind of a field that names an entry of register ``section``."""
    return RefTo(REF_PREFIX + section)


class EntryDataError(OrganogramError):
    """A mapping that is not a valid register entry; ``problems`` names each field."""

    def __init__(self, noun: str, problems: list[Problem]):
        self.problems = list(problems)
        told = "; ".join(f"{p.field or 'entry'}: {p.message}" for p in self.problems)
        super().__init__(f"not a valid {noun}: {told}")

    def by_field(self) -> dict[str, list[str]]:
        """Field name -> its problems ('' for the entry as a whole), for forms."""
        out: dict[str, list[str]] = {}
        for p in self.problems:
            out.setdefault(p.field, []).append(p.message)
        return out


def entry_from_dict(register: Register, data: Mapping[str, Any]) -> tuple[Any, list[Ref]]:
    """(the core object a mapping describes, the references it makes), checked as in a file.

    Raises :class:`EntryDataError` naming each field at fault. Whether the references
    point at something is for the caller to check against its record
    (:func:`organogram.formats.references.dangling`).
    """
    from .codec import to_node  # the codec imports the writer, which imports registers

    problems = Problems()
    ctx = Ctx(register.noun, problems)
    obj = register.read(to_node(data), ctx, "")
    if obj is BAD or problems:
        raise EntryDataError(register.noun, problems.items)
    return obj, ctx.refs


def entry_to_dict(register: Register, obj: Any) -> dict[str, Any]:
    """The entry as a JSON-ready mapping, as a dataset file would hold it."""
    from .codec import plain

    return plain(register.entry(obj))
