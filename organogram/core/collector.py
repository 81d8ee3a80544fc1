"""Pausing Python's cyclic garbage collector around work that makes many objects.

A fold, a diff or a validation run makes hundreds of thousands of objects (versions
of units and posts, changes, findings) while millions of others (the timeline's
changes, the checkpoints) are alive. Each time enough objects have been made, the
collector scans the live ones for reference cycles; these objects make none, and
with a large record the scans took a third of a diff's time and more. Paused, the
collector scans what was made once, when it resumes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Disable the cyclic collector for the block, then restore it as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
