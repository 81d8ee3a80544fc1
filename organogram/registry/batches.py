"""Writing many rows a slice at a time, each slice made only when it is written.

A whole record (millions of changes, their search documents) made into unsaved rows at
once would take gigabytes; made and written a slice at a time, it takes one slice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), taken as they are asked for."""
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch
