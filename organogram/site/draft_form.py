"""The plan change form (:mod:`.plan_change_form`) filled in from a change mapping: a
drafted proposal opened for a person to edit.

The form takes names where the mapping holds ids: each id is written as the name that
names it alone (as the name pickers fill it), lists one a line, nested entries in their
own inputs, mappings in YAML, a citation as its source's name and the passage apart.
What the form reads back from these is the same mapping, edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from .plan_change_form import Input
from .plan_form_units import NamesOf


def prefill(inputs: list[Input], data: Mapping[str, Any], names: NamesOf) -> None:
    """Set each input's value from ``data`` (a change mapping, ids as the format has them)."""
    for inp in inputs:
        _fill(inp, data, names)
    cite = str(data.get("cite") or "")
    if cite:
        source, _, passage = cite.partition(":")
        for inp in inputs:
            if inp.name == "cite":
                inp.value = _named(source, "source", names)
            elif inp.name == "passage":
                inp.value = passage


def _fill(inp: Input, data: Mapping[str, Any], names: NamesOf) -> None:
    key = inp.name.rsplit(".", 1)[-1]
    if inp.widget == "record":
        sub = data.get(key)
        for part in inp.parts:
            _fill(part, sub if isinstance(sub, Mapping) else {}, names)
        return
    if key not in data or key in ("cite", "phase"):
        return
    value = data[key]
    if inp.widget == "abbreviation":
        inp.choice = "none" if value == "" else "new"
        inp.value = value or ""
    elif inp.widget == "checkbox":
        inp.value = "true" if value else ""
    elif inp.widget == "yaml":
        inp.value = yaml.safe_dump(value, allow_unicode=True, sort_keys=False).strip()
    elif value is None:
        inp.value = ""
    elif isinstance(value, list):
        shown = [_named(str(v), inp.suggest, names) if inp.suggest else str(v) for v in value]
        inp.value = "\n".join(shown) if inp.widget == "textarea" else ", ".join(shown)
    elif inp.suggest:
        inp.value = _named(str(value), inp.suggest, names)
    else:
        inp.value = str(value)


def _named(ident: str, kind: str, names: NamesOf) -> str:
    """The text naming ``ident`` alone (its id when the names do not hold it: a unit the
    document creates, named by the id its proposal gave it)."""
    found = names(kind).get(ident)
    return names(kind).fill(found) if found is not None else ident
