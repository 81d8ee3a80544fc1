"""Validation: named rules that check a structure, a timeline or a plan preview.

Each rule has a ``code``, a ``severity`` and a one-line ``explanation`` and is
registered in :data:`REGISTRY`; :data:`RULES` lists them all in order, for
documentation and for user interfaces. :func:`validate_structure` runs the rules on
one snapshot; :func:`validate_timeline` runs them along a whole timeline.
"""

from __future__ import annotations

from . import oversight_rules, record_rules, timeline_rules  # noqa: F401  (registers the rules)
from .config import RuleConfig
from .findings import Finding, Hit, Severity
from .registry import REGISTRY, Rule, Scope, get_rule
from .run import validate_structure, validate_timeline

#: Every rule: those on one snapshot first, then those on a timeline, errors first in each.
RULES: tuple[Rule, ...] = tuple(
    sorted(REGISTRY.values(), key=lambda r: (r.scope is Scope.TIMELINE, r.severity.rank))
)

__all__ = [
    "REGISTRY",
    "RULES",
    "Finding",
    "Hit",
    "Rule",
    "RuleConfig",
    "Scope",
    "Severity",
    "get_rule",
    "validate_structure",
    "validate_timeline",
]
