"""Loading a dataset from documents already made into YAML nodes, not read from files.

Importers that read other formats (a spreadsheet's rows) build the same nodes the YAML
composer would, each with a line number of their choosing, and load them here through
the very readers and checks of :func:`~organogram.formats.load_dataset`: the same
fields, ids, references and messages, and nothing loaded when anything is wrong.
"""

from __future__ import annotations

from ..core.record import Record
from .kinds import Ctx
from .load import assemble, check_registers, read_sections
from .nodes import MappingNode, gc_paused
from .problems import Problem
from .state import Reading


def load_documents(documents: list[tuple[str, MappingNode]]) -> tuple[Record | None, list[Problem]]:
    """The record of ``documents`` (name, root mapping of sections), or its problems.

    Returns ``(record, [])`` when nothing is wrong, else ``(None, problems)`` with every
    problem in the order found. A name plays the part of a file name: messages carry it,
    and changes without an id get ``NAME-N`` as in a file called NAME.
    """
    r = Reading(files=[name for name, _ in documents])
    with gc_paused():
        for name, root in documents:
            read_root(r, name, root)
        if r.organization_at is None:
            first = documents[0][0] if documents else ""
            r.problems.add(first, None, "organization", "no organization header")
        r.check_references()
        if r.problems.items:
            return None, list(r.problems.items)
        record = assemble(r)
        check_registers(r, record)
        if r.problems.items:
            return None, list(r.problems.items)
        return record, []


def read_root(r: Reading, name: str, root: MappingNode) -> None:
    """Read one document's sections into ``r``, as the loader reads one file."""
    read_sections(r, Ctx(name, r.problems, r.refs, r.known), root)
