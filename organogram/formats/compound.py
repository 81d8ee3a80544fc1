"""Kinds of value made of other values: lists, mappings, nested entries, sections."""

from __future__ import annotations

from typing import Any

from .entries import FieldSet, dump_fields, read_entry
from .kinds import BAD, ID_PATTERN, Ctx, Kind
from .nodes import MappingNode, Node, SequenceNode, describe, is_null, line_of
from .values import entry_values


class ListOf(Kind):
    """A list of values of one kind; read as a tuple."""

    def __init__(self, item: Kind, unique: str = ""):
        self.item = item
        #: for lists of entries: the field that must differ between them (an id).
        self.unique = unique

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if not isinstance(node, SequenceNode):
            return ctx.bad(node, path, f"expected a list, got {describe(node)}")
        items = [self.item.read(n, ctx, f"{path}[{i}]") for i, n in enumerate(node.value)]
        if self.unique:
            seen: dict[str, int] = {}  # key -> line of the first entry with it
            for i, (n, v) in enumerate(zip(node.value, items, strict=True)):
                key = v.get(self.unique) if isinstance(v, dict) else getattr(v, self.unique, None)
                if key is None:
                    continue
                if key in seen:
                    msg = f"duplicate {self.unique} {key!r} (first at line {seen[key]})"
                    items[i] = ctx.bad(n, f"{path}[{i}].{self.unique}", msg)
                else:
                    seen[key] = line_of(n)
        return BAD if any(v is BAD for v in items) else tuple(items)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}

    def dump(self, value: Any) -> Any:
        return [self.item.dump(v) for v in value]


class MapOf(Kind):
    """A mapping from ids to values of one kind; read as a dict in written order."""

    def __init__(self, key: Kind, value: Kind):
        self.key = key
        self.value = value

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if not isinstance(node, MappingNode):
            return ctx.bad(node, path, f"expected a mapping, got {describe(node)}")
        out: dict[str, Any] = {}
        ok = True
        for knode, vnode in node.value:
            k = self.key.read(knode, ctx, path)
            if k is BAD:
                ok = False
                continue
            if k in out:
                ctx.bad(knode, f"{path}.{k}", "duplicate key")
                ok = False
                continue
            v = self.value.read(vnode, ctx, f"{path}.{k}")
            ok = ok and v is not BAD
            out[k] = v
        return out if ok else BAD

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": self.value.schema(),
        }

    def dump(self, value: Any) -> Any:
        return {self.key.dump(k): self.value.dump(v) for k, v in value.items()}


class RecordOf(Kind):
    """A nested entry with its own fields (a new unit inside a merge, a phase…).

    Read as a dict of its values, or, with ``make`` (a dataclass of the core), as the
    object made of them, written back with the fields not at their default.
    """

    def __init__(self, fields: FieldSet, make: type | None = None):
        self.fields = fields
        self.make = make

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        before = len(ctx.problems.items)
        values = read_entry(node, self.fields, ctx, path)
        if len(ctx.problems.items) != before:
            return BAD
        return values if self.make is None else self.make(**values)

    def schema(self) -> dict[str, Any]:
        return self.fields.schema()

    def dump(self, value: Any) -> Any:
        if self.make is not None:
            value = entry_values(value, self.fields)
        return dump_fields(self.fields, value)


class Section(Kind):
    """A list of entries read apart (their fields depend on their op): gives the nodes."""

    def __init__(self, item_def: str):
        self.item_def = item_def

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        if is_null(node):
            return []  # an empty section, as left in a template
        if not isinstance(node, SequenceNode):
            return ctx.bad(node, path, f"expected a list of entries, got {describe(node)}")
        return node.value

    def schema(self) -> dict[str, Any]:
        return {"type": ["array", "null"], "items": {"$ref": f"#/$defs/{self.item_def}"}}


class Header(Kind):
    """The organization header: gives its node, read apart."""

    def read(self, node: Node, ctx: Ctx, path: str) -> Any:
        return node

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/organization"}
