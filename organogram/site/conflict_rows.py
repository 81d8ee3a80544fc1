"""Conflicts as a plan's page shows them: three versions side by side, in plain words.

The plan queries give each conflict's values as the core compares them (ids, raw
text); a reader wants names, "reports to" rather than "parent", the recorded changes
by what they did and when, and the plan's change by its number on the page — which
is also what the page offers to drop, so the record's version stands.
"""

from __future__ import annotations

from typing import Any

from ..core.record import Record
from ..queries.timeline import op_label

#: Attribute names of the core's comparison, as a reader says them.
ATTRIBUTE_WORDS = {
    "existence": "whether it is in force",
    "parent": "reports to",
    "duty_station": "duty station",
    "fte": "full-time equivalent",
    "holders": "held by",
}

#: Attributes whose values are units or posts, named rather than shown by id.
NODE_VALUED = frozenset({"parent", "unit"})


def conflict_rows(
    record: Record, conflicts: list[dict[str, Any]], numbered: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The query's ``conflicts`` with plain words added: ``what`` (the attribute),
    ``base``/``now``/``want`` named, ``recorded`` (the changes since the base, by what
    they did and when) and ``mine`` (the plan's change as the page numbers it, from
    ``numbered``: change id -> its row on the page)."""
    final, _ = record.timeline.fold()
    out = []
    for c in conflicts:
        a = c["attribute"]
        row = dict(c)
        row["what"] = _attribute_words(a)
        for side in ("base", "now", "want"):
            row[side] = _value_words(c[side], a, final)
        row["recorded"] = [_recorded(record, cid) for cid in c["since"]]
        row["mine"] = numbered.get(c["plan_change"] or "")
        out.append(row)
    return out


def _attribute_words(attribute: str) -> str:
    if " line to " in attribute:
        kind, target = attribute.split(" line to ", 1)
        return f"a {kind} line to {target}"
    return ATTRIBUTE_WORDS.get(attribute, attribute.replace("_", " "))


def _value_words(value: Any, attribute: str, final: Any) -> str:
    """A value as a reader says it: a unit or post by name, yes/no, "none"."""
    if value is None:
        return "none" if attribute else ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return final.label(text) if attribute in NODE_VALUED else text


def _recorded(record: Record, change_id: str) -> str:
    """A change recorded since the base, by what it did and when (and who recorded it)."""
    change = record.timeline.get(change_id)
    if change is None:
        return change_id
    who = f", recorded by {change.recorded_by}" if change.recorded_by else ""
    return f"{op_label(change.op)} of {change.date}{who}"
