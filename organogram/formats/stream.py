"""Composing a dataset file one section entry at a time, not the whole file at once.

A composed node carries its marks (the line a problem names) and is some fifty times the
size of its text: a file of 64 MB made 2.7 GB of nodes, and a file of a few million
changes would not fit in memory at all. Here the root mapping's pairs are given one at a
time, and a section that is a list is given as :class:`Streamed`, a sequence node whose
``value`` composes each entry as it is asked for; an entry read into objects is
released before the next is composed. Anything else (the organization header, an
entry, a value that is not a list) is composed whole, as PyYAML's composer would.

The nodes are the composer's own (:mod:`yaml.nodes`, from the same events, with the same
tags, marks and errors as libyaml's composer gives), so every reader and message stays
as it is. Anchors live for the whole document, as in YAML: an alias may name a node of
an earlier entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .nodes import LOADER, MappingNode, Node, ScalarNode, SequenceNode


class Streamed(SequenceNode):
    """A top-level list whose entries are composed as ``value`` is iterated (once).

    Whatever its reader leaves unread is composed and dropped when the file moves on
    to its next section (:meth:`Composer.pairs`), so the stream stays in step.
    """

    def __init__(self, tag: str, items: Iterator[Node], start_mark: Any, flow_style: Any):
        super().__init__(tag, items, start_mark, None, flow_style=flow_style)


class Composer:
    """Nodes from one YAML stream: its root mapping's pairs one at a time (see the module)."""

    def __init__(self, stream: IO[bytes] | str | bytes, loader: type = LOADER):
        #: the events' source: libyaml's parser when installed (``loader``: the nodes
        #: module's composers, whose resolver gives the tags).
        self.parser = loader(stream)
        self.anchors: dict[str, Node] = {}
        self.parser.get_event()  # the stream's start

    def root(self) -> Node | Iterator[tuple[Node, Node]] | None:
        """The document's root: None for an empty stream, the root mapping's pairs
        (:meth:`pairs`) when it is a mapping, else the whole node."""
        parser = self.parser
        if parser.check_event(StreamEndEvent):
            return None
        parser.get_event()  # the document's start
        if parser.check_event(MappingStartEvent):
            return self.pairs()
        node = self.node()
        self._end(node.start_mark)
        return node

    def pairs(self) -> Iterator[tuple[Node, Node]]:
        """The root mapping's (key, value) pairs, each value composed only when the one
        before has been read; a list value is :class:`Streamed`. Raises ``yaml.YAMLError``
        (a syntax error, an unknown alias, a second document) where it is met."""
        parser = self.parser
        start = parser.get_event().start_mark  # the mapping's start
        while not parser.check_event(MappingEndEvent):
            key = self.node()
            if parser.check_event(SequenceStartEvent) and parser.peek_event().anchor is None:
                value: Node = self._streamed()
                yield key, value
                for _ in value.value:  # what the reader left: composed, dropped
                    pass
            else:
                yield key, self.node()
        parser.get_event()  # the mapping's end
        self._end(start)

    def _streamed(self) -> Streamed:
        start = self.parser.get_event()
        tag = self._tag(SequenceNode, start)
        node = Streamed(tag, iter(()), start.start_mark, start.flow_style)
        node.value = self._items(node)
        return node

    def _items(self, node: Streamed) -> Iterator[Node]:
        parser = self.parser
        while not parser.check_event(SequenceEndEvent):
            yield self.node()
        node.end_mark = parser.get_event().end_mark

    def node(self) -> Node:
        """The next node, composed whole (as :class:`yaml.composer.Composer` does)."""
        parser = self.parser
        event = parser.get_event()
        kind = type(event)
        if kind is AliasEvent:
            if event.anchor not in self.anchors:
                raise ComposerError(None, None, "found undefined alias", event.start_mark)
            return self.anchors[event.anchor]
        if event.anchor is not None and event.anchor in self.anchors:
            first = self.anchors[event.anchor].start_mark
            raise ComposerError(
                "found duplicate anchor; first occurrence",
                first,
                "second occurrence",
                event.start_mark,
            )
        node: Node
        if kind is ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.parser.resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            self._anchor(event, node)
        elif kind is SequenceStartEvent:
            node = SequenceNode(
                self._tag(SequenceNode, event), [], event.start_mark, None, event.flow_style
            )
            self._anchor(event, node)
            while not parser.check_event(SequenceEndEvent):
                node.value.append(self.node())
            node.end_mark = parser.get_event().end_mark
        else:
            node = MappingNode(
                self._tag(MappingNode, event), [], event.start_mark, None, event.flow_style
            )
            self._anchor(event, node)
            while not parser.check_event(MappingEndEvent):
                key = self.node()
                node.value.append((key, self.node()))
            node.end_mark = parser.get_event().end_mark
        return node

    def _tag(self, kind: type[Node], event: Any) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            return self.parser.resolve(kind, None, event.implicit)
        return tag

    def _anchor(self, event: Any, node: Node) -> None:
        if event.anchor is not None:
            self.anchors[event.anchor] = node

    def _end(self, root: Any) -> None:
        """The document's end (its root starts at ``root``, a mark); a second document is
        an error, as for PyYAML's composer."""
        parser = self.parser
        parser.get_event()
        if not parser.check_event(StreamEndEvent):
            event = parser.get_event()
            raise ComposerError(
                "expected a single document in the stream",
                root,
                "but found another document",
                event.start_mark,
            )
