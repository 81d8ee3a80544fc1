"""The values of a core object that a dataset entry writes: those not at their default."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from .entries import FieldSet


def _defaults(obj: Any) -> dict[str, Any]:
    """Attribute -> default value of a dataclass instance's class (MISSING: none)."""
    out = {}
    for f in fields(obj):
        if f.default is not MISSING:
            out[f.name] = f.default
        elif f.default_factory is not MISSING:
            out[f.name] = f.default_factory()
        else:
            out[f.name] = MISSING
    return out


def changed(obj: Any, names: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """Attributes of ``obj`` among ``names`` that differ from their default."""
    defaults = _defaults(obj)
    return {n: getattr(obj, n) for n in names if getattr(obj, n) != defaults[n]}


def entry_values(obj: Any, fieldset: FieldSet) -> dict[str, Any]:
    """The values of a dataclass ``obj`` for the fields of ``fieldset``: required ones
    always, the others when they differ from their default."""
    names = [f.name for f in fieldset]
    required = {f.name: getattr(obj, f.name) for f in fieldset if f.required}
    return {**required, **changed(obj, names)}
