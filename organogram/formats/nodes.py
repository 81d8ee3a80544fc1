"""Reading YAML into nodes that know their line, with libyaml when it is installed.

The loader works on PyYAML's composed nodes rather than on constructed Python values:
every node carries the line it starts on, so a problem can name it, and a scalar keeps
the text as written (``NO`` stays the abbreviation of Norway, ``1.10`` stays ``1.10``).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# The C composer is several times faster on large datasets; both build the same nodes.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
TRUE_WORDS = frozenset({"yes", "true", "on", "y"})

__all__ = [
    "BOOL_TAG",
    "NULL_TAG",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "compose_file",
    "describe",
    "is_null",
    "key_line",
    "line_of",
]


def compose_file(path: Path) -> Node | None:
    """The root node of a YAML file (None when it is empty); raises yaml.YAMLError."""
    with open(path, "rb") as stream:
        return yaml.compose(stream, Loader=_Loader)


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


def yaml_error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML syntax error points at, if it says."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


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
