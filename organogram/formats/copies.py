"""Copies of source documents kept in a dataset folder, beside its YAML files.

A source's copy is kept as ``files/SOURCE/FILE``, where SOURCE is the source's id and
FILE its ``file`` field: the field keeps its meaning (the name of the copy), and two
sources may keep copies of the same name. A copy is optional: a ``file`` with no copy in
the folder names one kept elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.record import Record

#: The folder of a dataset that holds the copies of its documents.
COPIES = "files"


def copy_path(source_id: str, file: str) -> str:
    """Where, relative to the dataset folder, the copy of ``source_id`` is kept."""
    return f"{COPIES}/{source_id}/{file}"


def source_copies(folder: str | os.PathLike[str], record: Record) -> dict[str, Path]:
    """Source id -> the path of its copy, for every source of ``record`` whose copy the
    dataset folder holds (a single-file dataset holds none)."""
    root = Path(folder)
    if not root.is_dir():
        return {}
    out = {}
    for source in record.sources.values():
        # A file field with a folder in it names a copy kept elsewhere, not one here.
        if not source.file or "/" in source.file or "\\" in source.file:
            continue
        path = root / copy_path(source.id, source.file)
        if path.is_file():
            out[source.id] = path
    return out
