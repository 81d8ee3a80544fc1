"""The record's versions as columns: NumPy arrays read by vectorized masks.

Built from the change log (the timeline stays the one source of truth) in one fold and
extended on each write (:class:`Versions`); the structure on any day (:class:`Day`),
rollups, chains of oversight, series and the set part of a diff are read from it. The
change vocabulary (narration, merges and splits, plans, validation) stays in the core.
See docs/performance.md, "The record as columns".
"""

from .chains import chains
from .day import Day
from .diff import diff_sets
from .links import holders_on, lines_on
from .rollups import rollup, rollups
from .series import series
from .versions import Versions

__all__ = [
    "Day",
    "Versions",
    "chains",
    "diff_sets",
    "holders_on",
    "lines_on",
    "rollup",
    "rollups",
    "series",
]
