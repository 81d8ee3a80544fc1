"""What a gesture on the chart of a draft plan asks for, as a plan change's mapping.

The chart's panel and its drag and drop post small forms (``do=move``, ``rename``,
``reclassify``, ``create``, ``abolish``, ``merge``); each is turned here into the mapping a
dataset's ``changes:`` entry holds, which ``AddPlanChange`` reads and checks. The boxes a
gesture names are ids when the script or a hidden field sends them, and names, former
names or abbreviations when a person types them (the panel's "move under" and "merge
with"): both are resolved as of the chart's date, on the plan's timeline. A field
missing or unreadable is named beside its name, and nothing is asked of the registry then.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.model import UNKNOWN_PLACE
from ..core.structure import Structure
from ..queries.resolve import Names, NotResolved
from .new_ids import new_unit_id

#: The gestures that add a change, and what each is called in a sentence.
GESTURES = {
    "move": "move",
    "rename": "rename",
    "reclassify": "change of kind",
    "create": "new unit",
    "abolish": "abolition",
    "merge": "merger",
}

#: What the merged unit is, as the merge form offers it: a new unit, or one of the two
#: going on (it keeps its id, name and kind; the other ends into it).
CONTINUES = ("new", "this", "other")


@dataclass(frozen=True)
class Where:
    """The chart a gesture was made on: its structure and the names of ``kind`` (unit,
    node…) as of its date, both with the plan's changes up to then."""

    structure: Structure
    names: Callable[[str], Names]


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

    def named(
        self, posted: Mapping[str, str], name: str, kind: str, words: str, where: Where
    ) -> str:
        """The id of the ``kind`` that the posted text of ``name`` names (an id, a name, a
        former name or an abbreviation); a problem saying why when none or several."""
        text = self.need(posted, name, words)
        if not text:
            return ""
        try:
            return where.names(kind).resolve(text).id
        except NotResolved as exc:
            self.problems.setdefault(name, []).append(exc.message)
            return ""


def read_gesture(posted: Mapping[str, str], taken: Collection[str], where: Where) -> Gesture:
    """The plan change the posted gesture form asks for. ``taken`` is every node id the
    record and the plan know, so that a new unit's id is new; ``where`` is the chart the
    gesture was made on, whose names the typed fields are read with."""
    do = posted.get("do", "")
    g = Gesture()
    if do not in GESTURES:
        g.problems["do"] = [f"“{do}” is not something the chart can do"]
        return g
    if do == "move":
        node = g.named(posted, "node", "node", "choose the box to move", where)
        to = g.named(posted, "to", "node", "choose the box it is to report to", where)
        g.mapping = {"op": "move", "node": node, "to": to}
    elif do == "merge":
        _merge(g, posted, taken, where)
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


def _merge(g: Gesture, posted: Mapping[str, str], taken: Collection[str], where: Where) -> None:
    """Two units become one: a new unit (its name, abbreviation and kind as written,
    placed where the first reports), or one of the two going on as it is."""
    this = g.named(posted, "unit", "unit", "choose the unit to merge", where)
    other = g.named(posted, "with", "unit", "choose the unit to merge it with", where)
    if this and this == other:
        g.problems.setdefault("with", []).append("choose another unit than this one")
    continues = posted.get("continues", "") or "new"
    if continues not in CONTINUES:
        g.problems["continues"] = [f"“{continues}” is not one of {', '.join(CONTINUES)}"]
        return
    g.mapping = {"op": "merge", "units": [this, other]}
    written = {k: posted.get(k, "").strip() for k in ("name", "abbreviation", "kind")}
    if continues != "new":
        into = this if continues == "this" else other
        g.mapping["into"] = into
        unit = where.structure.units.get(into)
        if unit is not None and any(
            text and text != getattr(unit, k) for k, text in written.items()
        ):
            # One change: a merge into a unit that goes on does not rename it.
            g.problems.setdefault("name", []).append(
                f"the merged unit continues {unit.name} with its name, abbreviation and "
                "kind: leave them empty (rename it afterwards), or make it a new unit"
            )
        return
    name = g.need(posted, "name", "write the merged unit's name")
    kind = g.need(posted, "kind", "write the merged unit's kind, e.g. division")
    new: dict[str, str] = {"name": name, "kind": kind}
    if written["abbreviation"]:
        new["abbreviation"] = written["abbreviation"]
    g.mapping.update(into=new_unit_id(name, taken), new=new)
    if this and other:
        parent = merged_parent(where.structure, this, (this, other))
        if parent is not None:
            g.mapping["parent"] = parent


def merged_parent(s: Structure, first: str, units: Collection[str]) -> str | None:
    """Where a new merged unit reports: where ``first`` reports, or the first node above
    it that is neither a merged unit nor under one (what reports to a merged unit is
    handed to the new one, which cannot then be under it)."""
    place = s.placement(first) if first in s.units else None
    while place is not None and place != UNKNOWN_PLACE:
        if place not in units and not set(units) & set(s.ancestors(place)):
            return place
        place = s.placement(place)
    return place
