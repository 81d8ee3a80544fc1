"""Loading a dataset: a folder of YAML files (or one file) into a Record, or every problem.

Files are read in path order, each fully, problems collected as they are found; then
references between files are checked. Only when nothing is wrong are the objects
assembled into a :class:`~organogram.core.record.Record`, so a bad dataset loads
nothing. The timeline holds the top-level changes in the order they are written,
then the changes of each enacted plan.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from ..core.model import Organization
from ..core.plans import PlanStatus
from ..core.record import Record
from ..core.timeline import Timeline
from .copies import COPIES
from .entries import field_key
from .file import FILE
from .kinds import BAD, Ctx
from .nodes import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    describe,
    gc_paused,
    is_null,
    line_of,
    yaml_error_line,
    yaml_error_message,
)
from .parse_changes import read_changes, read_posts, read_units
from .problems import DatasetError, Problem, Problems
from .register import REF_PREFIX
from .registers import BY_SECTION as REGISTERS
from .sections import (
    read_claims,
    read_organization,
    read_people,
    read_plans,
    read_register,
    read_sources,
)
from .state import Reading
from .stream import Composer

SUFFIXES = (".yaml", ".yml")

_READERS = {
    "sources": read_sources,
    "people": read_people,
    "units": read_units,
    "posts": read_posts,
    "changes": read_changes,
    "plans": read_plans,
    "claims": read_claims,
}


def dataset_files(root: Path) -> list[Path]:
    """The YAML files of a dataset folder, in path order; hidden files and folders skipped.

    Path order compares paths component by component, so a folder's files stay
    together: ``a/b.yaml`` comes before ``a-c.yaml``. The folder of the documents'
    copies (``files/``) is not read.
    """
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        # The copies of documents (files/) are not dataset files, whatever their names.
        top = Path(folder) == Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (top and d == COPIES)]
        found.extend(
            Path(folder, f) for f in files if f.endswith(SUFFIXES) and not f.startswith(".")
        )
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def load_dataset(path: str | os.PathLike[str]) -> Record:
    """Load the dataset at ``path`` (a folder, or a single YAML file) into a Record.

    Raises DatasetError listing every problem found, each with its file, line and
    field, and loads nothing when there is any.
    """
    root = Path(path)
    if root.is_dir():
        files = dataset_files(root)
        if not files:
            raise DatasetError([Problem(str(root), None, "", "no *.yaml or *.yml file here")])
    elif root.is_file():
        files = [root]
    else:
        raise DatasetError([Problem(str(root), None, "", "no such file or folder")])
    r = Reading(files=[str(f) for f in files])
    with gc_paused():  # the objects read are all kept: nothing for the collector to find
        for f in files:
            read_file(r, str(f))
        if r.organization_at is None:
            r.problems.add(str(root), None, "organization", "no file has the organization header")
        r.check_references()
        r.problems.raise_if_any(r.files)
        record = assemble(r)
        check_registers(r, record)
        r.problems.raise_if_any(r.files)
        return record


def check_registers(r: Reading, record: Record) -> None:
    """Report what register entries say that the rest of the record does not bear out
    (each register's own ``check``), at the line of the field at fault."""
    for section, register in REGISTERS.items():
        if register.check is None:
            continue
        namespace = r.ids.get(REF_PREFIX + section, {})
        for ident, entry in record.register(section).items():
            path, node = r.entry_paths[(section, ident)]
            for name, why in register.check(record, entry):
                file, line = namespace[ident]
                r.problems.add(file, line_at(node, name) or line, f"{path}.{name}", why)


def line_at(node: Node, path: str) -> int | None:
    """The line of the value at ``path`` (``history[1].assignment``) inside an entry's
    node, or None when the path does not lead to a node."""
    for step in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if step.startswith("["):
            index = int(step[1:-1])
            if not isinstance(node, SequenceNode) or index >= len(node.value):
                return None
            node = node.value[index]
        else:
            if not isinstance(node, MappingNode):
                return None
            found = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == step]
            if not found:
                return None
            node = found[0]
    return line_of(node)


def read_file(r: Reading, file: str) -> None:
    """Read one file's sections into ``r``, reporting its problems.

    The file is composed as it is read, an entry at a time (:mod:`.stream`): a large
    file's nodes are never all in memory. A YAML error anywhere in it takes back what
    was read of it (:meth:`Reading.rollback`), so the file reports that error alone,
    as when it was composed whole before being read.
    """
    mark = r.mark()
    try:
        with open(file, "rb") as stream:
            root = Composer(stream).root()
            if root is None or (isinstance(root, Node) and is_null(root)):
                return  # an empty file holds nothing, which is fine
            ctx = Ctx(file, r.problems, r.refs, r.known)
            if isinstance(root, Node):
                keys = ", ".join(f.name for f in FILE)
                why = f"a dataset file is a mapping of sections ({keys}), not {describe(root)}"
                ctx.bad(root, "", why)
                return
            read_pairs(r, ctx, root)
    except yaml.YAMLError as exc:
        r.rollback(mark)
        r.problems.add(file, yaml_error_line(exc, Path(file)), "", yaml_error_message(exc))
    except (OSError, UnicodeDecodeError) as exc:
        r.rollback(mark)
        r.problems.add(file, None, "", f"cannot read the file: {exc}")


def read_sections(r: Reading, ctx: Ctx, root: MappingNode) -> None:
    """Read the sections of one file's (or document's) root mapping into ``r``."""
    read_pairs(r, ctx, root.value)


def read_pairs(r: Reading, ctx: Ctx, pairs: Iterable[tuple[Node, Node]]) -> None:
    """Read the sections of a root mapping, given as its (key, value) pairs, into ``r``.

    Sections are read in the order they are written, which is the order of changes; an
    unknown or repeated section is reported and not read. The pairs may come one at a
    time as the file is composed, so the problems of the keys are put before those of
    the sections, as when every key was checked first.
    """
    start = len(r.problems.items)
    keys = Ctx(ctx.file, Problems(), ctx.refs)
    seen: set[str] = set()
    for knode, node in pairs:
        name = field_key(knode, FILE, keys, "", seen)
        if name is None:
            continue
        seen.add(name)
        read_section(r, ctx, name, node)
    r.problems.items[start:start] = keys.problems.items


def read_section(r: Reading, ctx: Ctx, name: str, node: Node) -> None:
    """Read the section ``name`` (a known one) of value ``node`` into ``r``."""
    if name == "organization":
        read_organization(r, ctx, node)
        return
    items = FILE.by_name[name].kind.read(node, ctx, name)
    if items is BAD:
        return
    if name in REGISTERS:
        read_register(r, ctx, items, REGISTERS[name])
        return
    taken = _READERS[name](r, ctx, items, name)
    if name == "changes":
        r.changes.extend(taken)


def assemble(r: Reading) -> Record:
    """The Record of a dataset read without problems."""
    enacted = [
        c for plan in r.plans.values() if plan.status is PlanStatus.ENACTED for c in plan.changes
    ]
    organization = r.organization
    assert isinstance(organization, Organization)
    return Record(
        organization=organization,
        timeline=Timeline([*r.changes, *enacted], r.people),
        sources=r.sources,
        people=r.people,
        claims=r.claims,
        plans=r.plans,
        registers={section: r.registers.get(section, {}) for section in REGISTERS},
    )
