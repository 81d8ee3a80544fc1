"""Entries: YAML mappings with a fixed set of fields, read into a dict of values.

Unknown fields, duplicate keys, missing required fields and values of the wrong kind
are each reported with the line and the field path (``units[3].parent``), and
reading goes on so that every problem of an entry is found in one pass.
"""

from __future__ import annotations

import difflib
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from .kinds import BAD, Ctx, Kind
from .nodes import MappingNode, Node, ScalarNode, describe


@dataclass(frozen=True, slots=True)
class Field:
    """One field of an entry: its YAML name, its kind, whether it must be there."""

    name: str
    kind: Kind
    required: bool = False
    doc: str = ""


class FieldSet:
    """The fields an entry may have, in the order the writer emits them."""

    def __init__(self, fields: Iterable[Field], noun: str = "field"):
        self.fields = tuple(fields)
        #: what a key is called in messages ("field", or "section" at the top of a file).
        self.noun = noun
        self.by_name = {f.name: f for f in self.fields}
        if len(self.by_name) != len(self.fields):
            raise ValueError("duplicate field names")

    def __iter__(self):
        return iter(self.fields)

    def replace(self, *fields: Field) -> FieldSet:
        """This set with some fields swapped for others of the same name (or added)."""
        new = {f.name: f for f in fields}
        kept = [new.pop(f.name, f) for f in self.fields]
        return FieldSet([*kept, *new.values()], self.noun)

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of an entry with these fields."""
        props = {}
        for f in self.fields:
            prop = f.kind.schema()
            if f.doc:
                prop = (
                    {**prop, "description": f.doc}
                    if "$ref" not in prop
                    else {
                        "description": f.doc,
                        "allOf": [prop],
                    }
                )
            props[f.name] = prop
        out: dict[str, Any] = {"type": "object", "properties": props}
        required = [f.name for f in self.fields if f.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out


def join(path: str, name: str) -> str:
    """The path of field ``name`` inside the entry at ``path``."""
    return f"{path}.{name}" if path else name


def field_nodes(node: MappingNode, fields: FieldSet, ctx: Ctx, path: str) -> dict[str, Node]:
    """Value nodes by field name; unknown and duplicate keys are reported and left out."""
    found: dict[str, Node] = {}
    for knode, vnode in node.value:
        key = field_key(knode, fields, ctx, path, found)
        if key is not None:
            found[key] = vnode
    return found


def field_key(
    knode: Node, fields: FieldSet, ctx: Ctx, path: str, found: Container[str]
) -> str | None:
    """The field ``knode`` names; None, reported, when it is no field of ``fields`` or
    one given already (in ``found``)."""
    key = knode.value if isinstance(knode, ScalarNode) else None
    if key not in fields.by_name:
        name = key if key is not None else describe(knode)
        hint = difflib.get_close_matches(str(name), list(fields.by_name), n=1)
        more = f" (did you mean {hint[0]!r}?)" if hint else ""
        ctx.bad(knode, join(path, name), f"unknown {fields.noun} {name!r}{more}")
        return None
    if key in found:
        ctx.bad(knode, join(path, key), f"duplicate {fields.noun}: it is given twice")
        return None
    return key


def read_entry(node: Node, fields: FieldSet, ctx: Ctx, path: str) -> dict[str, Any] | Any:
    """The values of the fields present in ``node``; BAD when it is not a mapping.

    Fields whose value is wrong are reported and left out, so callers can still use
    the rest (an entry's id, say) to avoid follow-on problems.
    """
    if not isinstance(node, MappingNode):
        return ctx.bad(node, path, f"expected a mapping of fields, got {describe(node)}")
    found = field_nodes(node, fields, ctx, path)
    values: dict[str, Any] = {}
    for f in fields.fields:
        vnode = found.get(f.name)
        if vnode is None:
            if f.required:
                ctx.bad(node, join(path, f.name), "required field is missing")
            continue
        value = f.kind.read(vnode, ctx, join(path, f.name))
        if value is not BAD:
            values[f.name] = value
    return values


def dump_fields(fields: FieldSet, values: dict[str, Any]) -> dict[str, Any]:
    """The YAML mapping of an entry: present values, in the field set's order."""
    return {f.name: f.kind.dump(values[f.name]) for f in fields.fields if f.name in values}
