"""Files are composed an entry at a time as they are read, with the nodes, errors and
problems that composing each file whole gave."""

from __future__ import annotations

import io

import pytest
import yaml

from organogram.formats import load_dataset, nodes
from organogram.formats.stream import Composer, Streamed

from .conftest import FIXTURES, problems, where
from .test_nodes import shape

YAML_FILES = sorted(FIXTURES.rglob("*.yaml"))
LOADERS = [nodes.PyLoader] + ([nodes.CLoader] if nodes.CLoader is not None else [])


def composed(text: bytes, loader: type) -> object:
    """The shape of ``text``'s root as the stream composer gives it: a node that is not a
    mapping, or the root mapping's pairs (each list read whole)."""
    root = Composer(io.BytesIO(text), loader).root()
    if root is None or isinstance(root, nodes.Node):
        return shape(root) if root is not None else None
    out = []
    for key, value in root:
        if isinstance(value, Streamed):
            value.value = list(value.value)
        out.append((shape(key), shape(value)))
    return out


def whole(text: bytes, loader: type) -> object:
    """The same shape, of the root PyYAML's composer gives."""
    root = yaml.compose(text, Loader=loader)
    if isinstance(root, nodes.MappingNode):
        return [(shape(k), shape(v)) for k, v in root.value]
    return shape(root) if root is not None else None


@pytest.mark.parametrize("loader", LOADERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_the_stream_gives_the_nodes_pyyaml_composes(path, loader):
    text = path.read_bytes()
    assert composed(text, loader) == whole(text, loader)


def test_an_entry_is_given_before_the_rest_of_the_file_is_read():
    text = b"units:\n  - id: a\n  - id: b\n  - [unclosed\n"
    pairs = Composer(io.BytesIO(text)).root()
    key, section = next(pairs)
    assert key.value == "units" and isinstance(section, Streamed)
    entries = iter(section.value)
    first = next(entries)
    assert nodes.line_of(first) == 2 and first.value[0][1].value == "a"
    next(entries)
    with pytest.raises(yaml.YAMLError):
        next(entries)


def test_what_a_reader_leaves_of_a_section_is_passed_over(write):
    # An unknown section's list is not read, yet the sections after it are.
    root = write(
        {
            "a.yaml": """
            bogus:
              - 1
              - [2, 3]
            units:
              - id: ops
                name: Operations
                kind: department
                established: 2020
            """
        }
    )
    found = problems(root)
    assert [where(p, root) for p in found] == [("a.yaml", 1, "bogus")]


def test_a_late_syntax_error_takes_back_what_was_read_of_its_file(write):
    # The first entries of a.yaml are read before its syntax error is met: their own
    # problems, their ids and the units they create are taken back, so the file reports
    # its syntax error alone, b.yaml's ops is no duplicate and its reference to fin is
    # unknown, as when the whole file was composed before any of it was read.
    root = write(
        {
            "a.yaml": """
            units:
              - id: ops
                name: Operations
                kind: department
                established: 2020
                colour: blue
              - id: fin
                name: Finance
                kind: department
                established: 2020
            changes:
              - op: rename
                unit: ops
                date: 2021
                name: [Ops
            """,
            "b.yaml": """
            units:
              - id: ops
                name: Operations again
                kind: department
                established: 2020
              - id: hr
                name: HR
                kind: department
                established: 2020
                parent: fin
            """,
        }
    )
    found = [(where(p, root)[:2], p.message) for p in problems(root)]
    assert [w for w, _ in found] == [("a.yaml", 16), ("b.yaml", 10)]
    assert "YAML syntax error" in found[0][1]
    assert found[1][1] == "'fin' is not a unit or post of the dataset"


def test_an_alias_may_name_a_node_of_an_earlier_entry(write):
    root = write(
        {
            "a.yaml": """
            units:
              - id: ops
                name: &name Operations
                kind: department
                established: 2020
              - id: ops2
                name: *name
                kind: department
                established: 2020
            """
        }
    )
    record = load_dataset(root)
    names = [c.unit.name for c in record.timeline.changes]
    assert names == ["Operations", "Operations"]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("units:\n  - id: a\n  - id: *nowhere\n", 3, "found undefined alias"),
        ("units:\n  - id: &x a\n  - id: &x b\n", 3, "second occurrence"),
        ("units: []\n---\nunits: []\n", 2, "but found another document"),
    ],
)
def test_composing_errors_name_their_line(write, text, line, message):
    root = write({"a.yaml": text})
    found = problems(root)
    assert [where(p, root)[:2] for p in found] == [("a.yaml", line)]
    assert message in found[0].message


def test_the_problems_of_keys_come_before_those_of_sections_on_their_line(write):
    root = write({"a.yaml": "{units: 5, bogus: []}\n"})
    found = problems(root)
    assert [(p.line, p.field) for p in found] == [(1, "bogus"), (1, "units")]
