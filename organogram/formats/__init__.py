"""Dataset files in and out: the YAML dataset format (docs/format.md).

:func:`load_dataset` reads a folder of YAML files into a
:class:`~organogram.core.record.Record`, or raises :class:`DatasetError` listing every
problem with its file, line and field. :func:`dump_dataset` writes a record back in
the same format, deterministically and atomically.
"""

from __future__ import annotations

from .dump import dump_dataset
from .load import load_dataset
from .problems import DatasetError, Problem

__all__ = ["DatasetError", "Problem", "dump_dataset", "load_dataset"]
