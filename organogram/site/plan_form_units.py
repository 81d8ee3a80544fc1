"""Names in the fields of a plan's change form that bring in new units: a split's new
units, the parents it gives them and the moves of its children; the unit a merge or a
replacement leads to.

The dataset format writes these with ids (``into: [{id: fmu, …}]``, ``moves: {dtm:
fmu}``, ``into: dmm``), as a file must. A person designing a plan names things instead:
a new unit is described by its name and given an id made from it, and each key or value
of those mappings may be the name (or abbreviation, or former name) of a unit of the
plan as of the change's date, or the name of one of the new units. What cannot be read
is said beside the field, and nothing is asked of the registry then.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from ..core.model import UNKNOWN_PLACE
from ..queries.resolve import Names, NotResolved, normal
from .new_ids import new_unit_id

#: The resolver a form reads its names with: kind -> the names as of the change's date.
NamesOf = Callable[[str], Names]


class _NewUnits:
    """The new units a change describes, found by their id or their name."""

    def __init__(self, taken: Collection[str]) -> None:
        self.taken = set(taken)
        self.ids: dict[str, str] = {}

    def add(self, entry: dict[str, Any], given: str = "") -> None:
        """Record ``entry`` (a new unit's fields), giving it an id from its name when
        it has none (``given``: the id its change names for it, if any)."""
        name = str(entry.get("name") or "").strip()
        ident = str(entry.get("id") or given or "").strip()
        if not ident and name:
            ident = new_unit_id(name, self.taken)
        if not ident:
            return
        entry["id"] = ident
        self.taken.add(ident)
        self.ids[normal(ident)] = ident
        if name:
            self.ids[normal(name)] = ident

    def get(self, text: str) -> str | None:
        """The id of the new unit ``text`` names, if it names one."""
        return self.ids.get(normal(text))


def read_new_units(
    op: str,
    data: dict[str, Any],
    names: NamesOf,
    taken: Collection[str],
    errors: Callable[[str], list[str]],
) -> None:
    """Turn the names in ``data``'s new-unit fields into the ids the format wants, in
    place; ``errors(field)`` is the list a field's problems go to."""
    new = _NewUnits(taken)
    if op == "split":
        for entry in data.get("into") or ():
            if isinstance(entry, dict):
                new.add(entry)
        for key in ("parents", "moves"):
            if isinstance(data.get(key), dict):
                data[key] = _mapping(key, data[key], new, names, errors(key))
    elif op in ("merge", "replace"):
        target = "into" if op == "merge" else "by"
        described = data.get("new") if isinstance(data.get("new"), dict) else None
        typed = str(data.get(target) or "").strip()
        if described is not None:
            named_new = normal(typed) == normal(str(described.get("name") or ""))
            new.add(described, "" if named_new else typed)
            data[target] = described["id"] if named_new or not typed else typed
            if not typed and "id" not in described:
                errors(target).append("name the unit it leads to, or describe a new one below")
        elif typed:
            data[target] = _existing(typed, names("unit"), errors(target)) or typed


def _mapping(
    key: str, given: dict[Any, Any], new: _NewUnits, names: NamesOf, problems: list[str]
) -> dict[str, Any]:
    """A split's ``parents`` (new unit -> its place) or ``moves`` (child -> new home),
    each side read as a new unit's name or a unit or post of the plan."""
    out: dict[str, Any] = {}
    for left, right in given.items():
        left_text = str(left).strip()
        if key == "parents":
            left_id = new.get(left_text)
            if left_id is None:
                problems.append(f"“{left_text}” is not one of the new units described above")
                continue
        else:
            left_id = _existing(left_text, names("node"), problems)
            if left_id is None:
                continue
        out[left_id] = _place(right, new, names, problems)
    return out


def _place(value: Any, new: _NewUnits, names: NamesOf, problems: list[str]) -> Any:
    """Where something goes: nowhere (the top), unknown, a new unit, or a unit or post."""
    if value is None:
        return None
    text = str(value).strip()
    if text.casefold() == UNKNOWN_PLACE:
        return UNKNOWN_PLACE
    found = new.get(text)
    if found is not None:
        return found
    return _existing(text, names("node"), problems) or text


def _existing(text: str, names: Names, problems: list[str]) -> str | None:
    """The id of the unit or post ``text`` names; its problem said when none or several."""
    try:
        return names.resolve(text).id
    except NotResolved as exc:
        problems.append(exc.message)
        return None
