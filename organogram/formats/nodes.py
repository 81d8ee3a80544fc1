"""Reading YAML into nodes that know their line, with libyaml when it is installed.

The loader works on PyYAML's composed nodes rather than on constructed Python values:
every node carries the line it starts on, so a problem can name it, and a scalar keeps
the text as written (``NO`` stays the abbreviation of Norway, ``1.10`` stays ``1.10``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
STR_TAG = "tag:yaml.org,2002:str"
# The plain scalars YAML 1.1 reads as null and as booleans (as PyYAML's resolver does).
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = frozenset(
    w
    for word in ("yes", "no", "true", "false", "on", "off")
    for w in (word, word.title(), word.upper())
)
TRUE_WORDS = frozenset({"yes", "true", "on"})


class _Resolver(BaseResolver):
    """Tags only what the loader looks at: null and booleans; other scalars are text.

    The loader reads every other value from its text, so the full resolver's regular
    expressions (a large share of the time of composing a large file) would be wasted.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0] and (value in _NULLS or value in _BOOLS):
                return NULL_TAG if value in _NULLS else BOOL_TAG
            return STR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


class PyLoader(Reader, Scanner, Parser, Composer, _Resolver):
    """The pure-Python composer, used when PyYAML is built without libyaml."""

    def __init__(self, stream: Any):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


try:
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CLoader: type | None = None
else:

    class CLoader(CParser, _Resolver):  # type: ignore[no-redef]
        """libyaml's composer: several times faster on large files, the same nodes."""

        def __init__(self, stream: Any):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)


#: The composer the loader uses.
LOADER: type = CLoader or PyLoader


__all__ = [
    "BOOL_TAG",
    "NULL_TAG",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "describe",
    "is_null",
    "key_line",
    "line_of",
]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects, then restore it.

    A large file makes hundreds of thousands of nodes, none of them garbage; the
    collector would scan them again and again as they are made (four fifths of the
    time of composing a 20,000-unit file).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def is_null(node: Node) -> bool:
    """True for ``~``, ``null`` or an empty value."""
    return isinstance(node, ScalarNode) and node.tag == NULL_TAG


def describe(node: Node) -> str:
    """How a node reads in a message: a mapping, a list, null or its quoted text."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if is_null(node):
        return "null"
    return repr(node.value)


def yaml_error_line(exc: yaml.YAMLError, path: Path) -> int | None:
    """The 1-based line a YAML error points at, if it says."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        return mark.line + 1
    if isinstance(exc, yaml.reader.ReaderError):
        # A bad byte (not UTF-8, a control character): it is given as an offset.
        with open(path, "rb") as stream:
            return stream.read(exc.position).count(b"\n") + 1
    return None


def yaml_error_message(exc: yaml.YAMLError) -> str:
    """A one-line reading of a YAML syntax error."""
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        msg = f"YAML syntax error: {problem}"
        return f"{msg} ({context})" if context else msg
    return f"YAML error: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"


def key_line(node: Node, *keys: str | int) -> int:
    """The line of what ``keys`` reach from ``node`` (field names, list positions).

    Stops at the deepest node found, so a problem still gets the nearest line.
    """
    line = line_of(node)
    for key in keys:
        if isinstance(key, int) and isinstance(node, SequenceNode) and key < len(node.value):
            node = node.value[key]
            line = line_of(node)
            continue
        if not isinstance(node, MappingNode):
            break
        pair = next((kv for kv in node.value if getattr(kv[0], "value", None) == key), None)
        if pair is None:
            break
        line, node = line_of(pair[0]), pair[1]
    return line
