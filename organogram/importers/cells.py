"""Spreadsheet cells into the YAML nodes the dataset loader reads.

Each cell and each row gets a line number of its own in a table kept here, so a problem
the loader reports at a line is placed back at its sheet, row and column. A cell's text
is read as the field's kind needs: plain text as written, lists one item per line (ids
also separated by commas or semicolons), ``~`` for null, and nested values (a split's new
units, its ``parents`` and ``moves``, a plan's phases) in YAML flow style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.error import Mark

from ..formats.compound import ListOf, MapOf, RecordOf
from ..formats.kinds import Bool, Cite, Id, Kind, Nullable
from ..formats.nodes import (
    BOOL_TAG,
    LOADER,
    NULL_TAG,
    STR_TAG,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from .tables import Table

_NULL_WORDS = frozenset({"~", "null", "Null", "NULL"})
_BOOL_WORDS = frozenset({"true", "false", "yes", "no", "on", "off"})
_ID_SEPARATORS = re.compile(r"[\n;,]")
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"


class CellError(ValueError):
    """A cell whose text cannot be read (bad YAML flow text)."""


@dataclass
class Places:
    """Synthetic line numbers of rows and cells, and where each one is."""

    where: dict[int, tuple[Table, int, int | None]] = field(default_factory=dict)
    _next: int = 1

    def mark(self, table: Table, row: int, column: int | None = None) -> Mark:
        """A new mark (line) for a row, or for one cell of it."""
        line = self._next
        self._next += 1
        self.where[line] = (table, row, column)
        return Mark(table.file, 0, line - 1, 0, None, None)


def scalar(text: str, mark: Mark, tag: str = STR_TAG) -> ScalarNode:
    """A scalar node holding ``text``."""
    return ScalarNode(tag, text, mark, mark)


def mapping(pairs: list[tuple[Node, Node]], mark: Mark) -> MappingNode:
    """A mapping node."""
    return MappingNode(MAP_TAG, pairs, mark, mark)


def sequence(items: list[Node], mark: Mark) -> SequenceNode:
    """A sequence node."""
    return SequenceNode(SEQ_TAG, items, mark, mark)


def cell_node(kind: Kind, text: str, mark: Mark) -> Node:
    """The node of a non-empty cell for a field of ``kind``; raises CellError."""
    if isinstance(kind, Nullable):
        if text.strip() in _NULL_WORDS:
            return scalar("", mark, NULL_TAG)
        kind = kind.inner
    if isinstance(kind, Bool):
        word = text.strip()
        return scalar(word, mark, BOOL_TAG if word.lower() in _BOOL_WORDS else STR_TAG)
    if isinstance(kind, (MapOf, RecordOf)) or (
        isinstance(kind, ListOf) and isinstance(kind.item, RecordOf)
    ):
        return flow(text, mark)
    if isinstance(kind, ListOf):
        return sequence([scalar(t, mark) for t in split_items(text, kind.item)], mark)
    if isinstance(kind, Cite) and kind.many:
        items = split_items(text, kind)
        if len(items) == 1:
            return scalar(items[0], mark)
        return sequence([scalar(t, mark) for t in items], mark)
    return scalar(text.strip() if isinstance(kind, Id) else text, mark)


def split_items(text: str, item: Kind) -> list[str]:
    """A list cell's items: one per line; ids may also be separated by ``,`` or ``;``."""
    parts = _ID_SEPARATORS.split(text) if isinstance(item, Id) else text.splitlines()
    return [p.strip() for p in parts if p.strip()]


def flow(text: str, mark: Mark) -> Node:
    """A nested value written in YAML flow style, every node placed at the cell."""
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CellError(f"cannot read {text!r} as YAML flow text: {problem}") from None
    if node is None:
        return scalar("", mark, NULL_TAG)
    _place(node, mark)
    return node


def _place(node: Node, mark: Mark) -> None:
    node.start_mark = node.end_mark = mark
    if isinstance(node, SequenceNode):
        for child in node.value:
            _place(child, mark)
    elif isinstance(node, MappingNode):
        for k, v in node.value:
            _place(k, mark)
            _place(v, mark)
