"""The difference between two structures, and between the structure at two dates.

* :func:`diff` gives the changes, in the project's change vocabulary, that turn one
  structure into another, in an order that applies cleanly;
* :func:`diff_between` gives the :class:`DateDiff` between two dates of a timeline:
  the net changes (through merges, splits and replacements where the record says so),
  the lineage links and the timeline's changes in between;
* :func:`same_structure` and :func:`structure_signature` say when two structures are
  the same, for tests and callers that compare previews.
"""

from .between import SUMMARY_KEYS, DateDiff, diff_between, summarize
from .compare import diff
from .lineage import lineage_changes, reverse_links
from .signature import Signature, differences, holder_set, same_structure, structure_signature

__all__ = [
    "SUMMARY_KEYS",
    "DateDiff",
    "Signature",
    "diff",
    "diff_between",
    "differences",
    "holder_set",
    "lineage_changes",
    "reverse_links",
    "same_structure",
    "structure_signature",
    "summarize",
]
