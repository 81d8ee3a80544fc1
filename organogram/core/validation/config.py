"""Settings of the validation rules: thresholds, disabled rules, severity overrides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .findings import Severity


@dataclass(frozen=True)
class RuleConfig:
    """Which rules run, with which thresholds and severities."""

    #: ``span`` warns about a node with more than this many direct reports.
    max_span: int = 12
    #: ``depth`` warns about a node more than this many levels down (the top is level 1).
    max_depth: int = 8
    #: codes of rules that do not run.
    disabled: frozenset[str] = frozenset()
    #: code -> severity that replaces the rule's own.
    severities: Mapping[str, Severity] = field(default_factory=dict)
    #: along a timeline, re-check only what changed since the last date (False: every
    #: rule on the whole structure at every date; tests and the bench compare the two).
    incremental: bool = True

    def __post_init__(self) -> None:
        # Fail at configuration time, not silently at run time: a misspelt code
        # would otherwise leave the rule the user meant to silence running.
        from .registry import REGISTRY

        for name in ("max_span", "max_depth"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")
        object.__setattr__(self, "disabled", frozenset(self.disabled))
        object.__setattr__(
            self, "severities", {code: Severity(sev) for code, sev in self.severities.items()}
        )
        unknown = sorted((set(self.disabled) | set(self.severities)) - set(REGISTRY))
        if unknown:
            known = ", ".join(REGISTRY)
            raise ValueError(f"unknown rule code(s) {', '.join(unknown)}: rules are {known}")

    def __hash__(self) -> int:
        # Hashable, so a configuration can key a cache of validation results.
        return hash(
            (
                self.max_span,
                self.max_depth,
                self.disabled,
                self.incremental,
                *sorted(self.severities.items()),
            )
        )

    def enabled(self, code: str) -> bool:
        """True unless the rule ``code`` is disabled."""
        return code not in self.disabled

    def severity(self, code: str, default: Severity) -> Severity:
        """The severity the rule ``code`` reports with under this configuration."""
        return self.severities.get(code, default)

    def without(self, *codes: str) -> RuleConfig:
        """A copy with the rules ``codes`` disabled as well."""
        return replace(self, disabled=self.disabled | set(codes))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> RuleConfig:
        """Read settings as written in a dataset or a configuration file.

        Keys: ``max_span``, ``max_depth`` (numbers), ``disable`` (list of rule codes),
        ``severity`` (rule code -> ``error`` | ``warning`` | ``info``).
        """
        allowed = {"max_span", "max_depth", "disable", "severity"}
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise ValueError(
                f"unknown validation setting(s) {', '.join(unknown)}: "
                f"use {', '.join(sorted(allowed))}"
            )
        disable = data.get("disable", ())
        if isinstance(disable, str) or not isinstance(disable, list | tuple | set | frozenset):
            raise ValueError("'disable' must be a list of rule codes")
        severity = data.get("severity", {})
        if not isinstance(severity, Mapping):
            raise ValueError("'severity' must map rule codes to error, warning or info")
        try:
            severities = {str(code): Severity(str(sev)) for code, sev in severity.items()}
        except ValueError as exc:
            raise ValueError(f"'severity': {exc}; use error, warning or info") from None
        return cls(
            max_span=data.get("max_span", cls.max_span),  # type: ignore[arg-type]
            max_depth=data.get("max_depth", cls.max_depth),  # type: ignore[arg-type]
            disabled=frozenset(str(c) for c in disable),
            severities=severities,
        )
