"""Drafting changes from documents: a reorganization paper read into a plan's proposed
changes, a structure description read into the units and lines it describes.

Framework-free and offline: rules and a small grammar of how such papers speak, with
fuzzy name matching (rapidfuzz). Every proposal names the rule that made it, its basis
(``stated`` by the document or read from ``context``), a confidence, the paragraph and
the sentence; what could not be resolved or read is listed, never dropped. A person
decides: accepted proposals are ordinary change mappings, written through the same
actions as every other change (``organogram plan add``, the pages, the API).
"""

from .asof import AsOf, description_date, paper_date
from .documents import DocumentError, read_document
from .paper import draft_paper
from .proposals import Draft, Proposal, Unresolved
from .structure import draft_structure

__all__ = [
    "AsOf",
    "DocumentError",
    "Draft",
    "Proposal",
    "Unresolved",
    "description_date",
    "draft_paper",
    "draft_structure",
    "paper_date",
    "read_document",
]
