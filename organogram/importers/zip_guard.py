"""Refusing a workbook that would expand past reason when read (a zip bomb).

An XLSX workbook is a zip archive of XML files. A few megabytes of archive can declare
gigabytes of XML, which reading would decompress and parse before anything could be
refused. The archive's directory says how large each part is once expanded (and Python's
zip reader stops at that size), so the sizes are checked before the workbook is opened.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

#: The most a workbook may expand to, in all (``ORGANOGRAM_IMPORT_EXPANDED_MB``, default
#: 512): a workbook of 100,000 rows is a tenth of it.
MAX_EXPANDED = int(float(os.environ.get("ORGANOGRAM_IMPORT_EXPANDED_MB", "512")) * 1024 * 1024)
#: Past this size once expanded, a workbook may not be more than :data:`MAX_RATIO` times
#: its compressed size (spreadsheet XML is 5 to 30 times; a bomb, hundreds).
RATIO_FROM = 32 * 1024 * 1024
MAX_RATIO = 200


def expansion_problem(path: str | Path) -> str | None:
    """Why the workbook at ``path`` is refused unread, or None (also for a file that is
    not a zip archive: the workbook reader says what is wrong with it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    expanded = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    if expanded > MAX_EXPANDED:
        return (
            f"the workbook would expand to {_mb(expanded)} when read (at most "
            f"{_mb(MAX_EXPANDED)}); it is refused unread"
        )
    if expanded > RATIO_FROM and expanded > MAX_RATIO * compressed:
        return (
            f"the workbook would expand {expanded // compressed} times, from "
            f"{_mb(compressed)} to {_mb(expanded)}, when read: not a spreadsheet's XML "
            f"(at most {MAX_RATIO} times); it is refused unread"
        )
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
