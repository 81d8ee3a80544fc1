"""What a gesture on the chart of a draft plan asks for, as a plan change's mapping.

The chart's panel and its drag and drop post small forms (``do=move``, ``rename``,
``reclassify``, ``create``, ``abolish``) naming boxes by id; each is turned here into the
mapping a dataset's ``changes:`` entry holds, which ``AddPlanChange`` reads and checks.
A field missing or unreadable is named beside its name, and nothing is asked of the
registry then.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify

#: The gestures that add a change, and what each is called in a sentence.
GESTURES = {
    "move": "move",
    "rename": "rename",
    "reclassify": "change of kind",
    "create": "new unit",
    "abolish": "abolition",
}

#: The longest id made for a new unit (the rest of a long name is cut).
_ID_LENGTH = 40


@dataclass
class Gesture:
    """The change a gesture asks for (``mapping``), or what is wrong with the form."""

    mapping: dict[str, Any] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def need(self, posted: Mapping[str, str], name: str, words: str) -> str:
        """The posted text of ``name``; a problem ``words`` when it is empty."""
        value = posted.get(name, "").strip()
        if not value:
            self.problems.setdefault(name, []).append(words)
        return value


def new_unit_id(name: str, taken: Collection[str]) -> str:
    """An id for a unit created on the chart, made from its name: one no unit of the
    record or the plan has ever had (``-2``, ``-3``… added when needed)."""
    base = slugify(name)[:_ID_LENGTH].strip("-") or "unit"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


def read_gesture(posted: Mapping[str, str], taken: Collection[str]) -> Gesture:
    """The plan change the posted gesture form asks for. ``taken`` is every node id the
    record and the plan know, so that a new unit's id is new."""
    do = posted.get("do", "")
    g = Gesture()
    if do not in GESTURES:
        g.problems["do"] = [f"“{do}” is not something the chart can do"]
        return g
    if do == "move":
        node = g.need(posted, "node", "choose the box to move")
        to = g.need(posted, "to", "choose the box it is to report to")
        g.mapping = {"op": "move", "node": node, "to": to}
    elif do == "rename":
        unit = g.need(posted, "unit", "choose the unit to rename")
        name = g.need(posted, "name", "write the new name")
        g.mapping = {"op": "rename", "unit": unit, "name": name}
        _abbreviation(g, posted)
    elif do == "reclassify":
        unit = g.need(posted, "unit", "choose the unit")
        kind = g.need(posted, "kind", "write the unit's new kind, e.g. division")
        g.mapping = {"op": "reclassify", "unit": unit, "kind": kind}
    elif do == "create":
        parent = g.need(posted, "parent", "choose the box the new unit is to report to")
        name = g.need(posted, "name", "write the new unit's name")
        kind = g.need(posted, "kind", "write the new unit's kind, e.g. division")
        g.mapping = {
            "op": "create",
            "unit": new_unit_id(name, taken),
            "name": name,
            "kind": kind,
            "parent": parent,
        }
        abbreviation = posted.get("abbreviation", "").strip()
        if abbreviation:
            g.mapping["abbreviation"] = abbreviation
    else:
        g.mapping = {"op": "abolish", "unit": g.need(posted, "unit", "choose the unit")}
    return g


def _abbreviation(g: Gesture, posted: Mapping[str, str]) -> None:
    """A rename's abbreviation as chosen: kept (left out of the change), a new one, none.
    Asked outright, so an old abbreviation never carries silently into a new name."""
    choice = posted.get("abbreviation-choice", "")
    text = posted.get("abbreviation", "").strip()
    if choice == "new" or (not choice and text):
        if not text:
            g.problems["abbreviation"] = ["write the new abbreviation, or keep it, or have none"]
        g.mapping["abbreviation"] = text
    elif choice == "none":
        g.mapping["abbreviation"] = ""
