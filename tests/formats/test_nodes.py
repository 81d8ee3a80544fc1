"""The libyaml composer and the pure-Python one give the same nodes, tags and lines."""

from __future__ import annotations

import pytest
import yaml

from organogram.formats import DatasetError, load_dataset, nodes

from .conftest import FIXTURES

YAML_FILES = sorted(FIXTURES.rglob("*.yaml"))


def shape(node):
    """A node as plain data: kind, tag, line and value, recursively."""
    if isinstance(node, nodes.ScalarNode):
        return ("scalar", node.tag, nodes.line_of(node), node.value)
    if isinstance(node, nodes.SequenceNode):
        return ("list", nodes.line_of(node), [shape(n) for n in node.value])
    return ("map", nodes.line_of(node), [(shape(k), shape(v)) for k, v in node.value])


@pytest.mark.skipif(nodes.CLoader is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_both_composers_agree(path):
    text = path.read_bytes()
    assert shape(yaml.compose(text, Loader=nodes.CLoader)) == shape(
        yaml.compose(text, Loader=nodes.PyLoader)
    )


def test_only_null_and_booleans_get_their_own_tags():
    root = yaml.compose(
        "a: [~, null, '', yes, NO, 'yes', 2009, 1.5, 2021-10-28]\n", Loader=nodes.LOADER
    )
    tags = [n.tag.rsplit(":", 1)[1] for n in root.value[0][1].value]
    assert tags == ["null", "null", "str", "bool", "bool", "str", "str", "str", "str"]


def test_the_python_composer_reports_the_same_problems(write, monkeypatch):
    root = write(
        {
            "a.yaml": """
            units:
              - id: ops
                name: Ops
                kind: department
                parent: nowhere
                established: 2009-13
            changes:
              - op: rename
            """,
            "b.yaml": "units: [\n",
        }
    )
    found = {}
    for name, loader in (("default", nodes.LOADER), ("python", nodes.PyLoader)):
        monkeypatch.setattr(nodes, "LOADER", loader)
        with pytest.raises(DatasetError) as info:
            load_dataset(root)
        found[name] = [(p.file, p.line, p.field) for p in info.value.problems]
    assert found["python"] == found["default"]
    fields = [field for _, _, field in found["python"]]
    assert fields == [
        "units[0].parent",
        "units[0].established",
        "changes[0].date",
        "changes[0].unit",
        "changes[0].name",
        "",
    ]
