"""The change vocabulary: every dated operation on the structure, one class each."""

from .base import COMMON_FIELDS, REGISTRY, Change, step, steps
from .lineage import Merge, Replace, Split
from .lines import AddLine, RemoveLine
from .posts import AbolishPost, AmendPost, Assign, CreatePost, MovePost, RegradePost, Vacate
from .units import (
    Abolish,
    CreateUnit,
    Move,
    Reclassify,
    Redescribe,
    Relocate,
    Rename,
    SetHead,
    UnitSpec,
)

__all__ = [
    "COMMON_FIELDS",
    "REGISTRY",
    "Abolish",
    "AbolishPost",
    "AddLine",
    "AmendPost",
    "Assign",
    "Change",
    "CreatePost",
    "CreateUnit",
    "Merge",
    "Move",
    "MovePost",
    "Reclassify",
    "Redescribe",
    "RegradePost",
    "Relocate",
    "RemoveLine",
    "Rename",
    "Replace",
    "SetHead",
    "Split",
    "UnitSpec",
    "Vacate",
    "step",
    "steps",
]
