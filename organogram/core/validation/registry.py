"""The registry of validation rules: each with a code, a severity and an explanation."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..errors import NotFound
from .findings import Hit, Severity
from .incremental import Incremental


class Scope(StrEnum):
    """What a rule looks at: one snapshot, or the sequence of changes of a timeline."""

    STRUCTURE = "structure"
    TIMELINE = "timeline"


@dataclass(frozen=True)
class Rule:
    """A named check. ``check`` yields :class:`Hit` objects, one per problem."""

    code: str
    severity: Severity
    explanation: str
    scope: Scope
    check: Callable[..., Iterable[Hit]]
    #: names of :class:`RuleConfig` settings the rule reads, besides disabling it.
    settings: tuple[str, ...] = ()
    #: how the rule re-checks only what changed along a timeline (see
    #: :mod:`.incremental`); None: it runs in full at every date.
    incremental: Incremental | None = None


#: code -> rule, in the order the rules were registered.
REGISTRY: dict[str, Rule] = {}


def rule(
    code: str,
    severity: Severity,
    explanation: str,
    *,
    scope: Scope = Scope.STRUCTURE,
    settings: tuple[str, ...] = (),
    incremental: Incremental | None = None,
) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Decorator that registers a check function as the rule ``code``."""

    def register(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in REGISTRY:
            raise RuntimeError(f"validation rule {code!r} registered twice")
        REGISTRY[code] = Rule(
            code, Severity(severity), explanation, scope, check, settings, incremental
        )
        return check

    return register


def get_rule(code: str) -> Rule:
    """The rule with this code, or NotFound naming the rules there are."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise NotFound(f"no validation rule {code!r} (rules: {', '.join(REGISTRY)})") from None
