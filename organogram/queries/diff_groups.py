"""Lists of changes made scannable: grouped by department, then by kind of change.

A comparison of two dates (or a plan's difference from the present) can run to
hundreds of sentences. :func:`group_changes` files each one under the department it
falls in (the highest unit above what it touches, short of the top of the structure)
and under its kind ("units added", "posts moved"…), counts both, and can keep one kind
only, so that a page can offer the counts as filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..core.changes import Change, step
from ..core.structure import Structure

#: The heading of the changes above the departments, or touching more than one.
ACROSS = "Across the organization"

#: Kinds of change, in the order pages list them: key, words for one, words for many.
KINDS: tuple[tuple[str, str, str], ...] = (
    ("units-added", "unit added", "units added"),
    ("units-removed", "unit removed", "units removed"),
    ("units-merged", "merger of units", "mergers of units"),
    ("units-split", "unit split", "units split"),
    ("units-replaced", "unit replaced", "units replaced"),
    ("units-moved", "unit moved", "units moved"),
    ("units-renamed", "unit renamed", "units renamed"),
    ("units-reclassified", "unit reclassified", "units reclassified"),
    ("units-amended", "other change to a unit", "other changes to units"),
    ("posts-added", "post added", "posts added"),
    ("posts-removed", "post removed", "posts removed"),
    ("posts-moved", "post moved", "posts moved"),
    ("posts-regraded", "post regraded", "posts regraded"),
    ("posts-amended", "post amended", "posts amended"),
    ("holders", "post filled or vacated", "posts filled or vacated"),
    ("lines", "reporting line added or removed", "reporting lines added or removed"),
    ("other", "other change", "other changes"),
)
KIND_KEYS = frozenset(k for k, _, _ in KINDS)
_ORDER = {k: i for i, (k, _, _) in enumerate(KINDS)}
_WORDS = {k: (one, many) for k, one, many in KINDS}

#: A change's op -> its kind.
OP_KIND = {
    "create": "units-added",
    "abolish": "units-removed",
    "merge": "units-merged",
    "split": "units-split",
    "replace": "units-replaced",
    "move": "units-moved",
    "rename": "units-renamed",
    "reclassify": "units-reclassified",
    "redescribe": "units-amended",
    "relocate": "units-amended",
    "set-head": "units-amended",
    "create-post": "posts-added",
    "abolish-post": "posts-removed",
    "move-post": "posts-moved",
    "regrade-post": "posts-regraded",
    "amend-post": "posts-amended",
    "assign": "holders",
    "vacate": "holders",
    "add-line": "lines",
    "remove-line": "lines",
}


#: A count of the summary of a difference (:data:`~organogram.core.diff.between.SUMMARY_KEYS`)
#: -> the kind of change whose list it points to. The summary counts units and posts,
#: the lists count changes: a merger adds a unit but is listed as a merger.
SUMMARY_KIND = {
    "units_added": "units-added",
    "units_removed": "units-removed",
    "units_moved": "units-moved",
    "units_renamed": "units-renamed",
    "units_reclassified": "units-reclassified",
    "posts_added": "posts-added",
    "posts_removed": "posts-removed",
    "posts_moved": "posts-moved",
    "posts_regraded": "posts-regraded",
    "posts_retitled": "posts-amended",
    "posts_otherwise_amended": "posts-amended",
    "merges": "units-merged",
    "splits": "units-split",
    "replacements": "units-replaced",
}


def summary_words(key: str, count: int) -> str:
    """``units_added`` -> "units added" ("unit added" for one)."""
    first, *rest = key.split("_")
    if count == 1 and first.endswith("s"):
        first = first[:-1]
    return " ".join([first, *rest])


def summary_counts(summary: dict[str, int], grouped: dict[str, Any]) -> list[dict[str, Any]]:
    """The counts of a difference's summary that are not 0, in its order, each with the
    ``kind`` of change it filters the grouped list to ("" when that list has none of the
    kind, so the count is not offered as a filter)."""
    listed = {k["key"] for k in grouped["kinds"]}
    out = []
    for key, count in summary.items():
        if not count:
            continue
        kind = SUMMARY_KIND.get(key, "")
        out.append(
            {
                "key": key,
                "count": count,
                "words": summary_words(key, count),
                "kind": kind if kind in listed else "",
            }
        )
    return out


def kind_of(op: str) -> str:
    """The kind of change an op is ("create" -> "units-added"); "other" if unknown."""
    return OP_KIND.get(op, "other")


def kind_words(kind: str, count: int) -> str:
    """Say how many changes of a kind there are: "6 units added", "1 unit added"."""
    one, many = _WORDS.get(kind, _WORDS["other"])
    return f"{count} {one if count == 1 else many}"


def department_of(s: Structure, node: str) -> str | None:
    """The department ``node`` falls under in ``s``: the highest unit of its chain of
    oversight (itself included) below the top of the structure; None above them."""
    if not s.exists(node):
        return None
    tops = set(s.roots())
    found = None
    for n in [node, *s.chain(node)]:
        if n in s.units and n not in tops:
            found = n
    return found


def departments(changes: Sequence[Change], start: Structure) -> list[dict[str, str] | None]:
    """For each change, in order, the department it falls under (``id``, ``name``); None
    for a change above the departments or touching more than one.

    The changes are applied in turn to a copy of ``start``, so that each is placed where
    it happened: a unit added where it was put, a unit removed where it was.
    """
    s = start.copy()
    out: list[dict[str, str] | None] = []
    for change in changes:
        subjects = sorted(change.subjects())
        before = {n: (department_of(s, n), s.label(department_of(s, n) or n)) for n in subjects}
        step(change, s)
        found: dict[str, str] = {}
        for n in subjects:
            dept = department_of(s, n)
            name = s.label(dept) if dept else ""
            if not s.exists(n):  # removed: where it was
                dept, name = before[n]
            if dept:
                found[dept] = name
        only = next(iter(found.items())) if len(found) == 1 else None
        out.append({"id": only[0], "name": only[1]} if only else None)
    return out


def group_changes(rows: Sequence[dict[str, Any]], kind: str = "") -> dict[str, Any]:
    """Rows of changes grouped by department, then by kind.

    Each row has its ``op`` and its ``department`` (from :func:`departments`). With ``kind``,
    only the rows of that kind are kept in the groups; ``kinds`` counts every row all
    the same, for the filters. Departments come in alphabetical order after the changes
    across the organization; kinds in :data:`KINDS` order; rows keep their order.
    """
    counts: dict[str, int] = {}
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        k = kind_of(row["op"])
        row["kind"] = k
        counts[k] = counts.get(k, 0) + 1
        if kind and k != kind:
            continue
        place = row.get("department")
        key, name = (place["id"], place["name"]) if place else ("", ACROSS)
        group = groups.setdefault(key, {"id": key, "name": name, "count": 0, "kinds": {}})
        group["count"] += 1
        sub = group["kinds"].setdefault(k, {"key": k, "rows": []})
        sub["rows"].append(row)
    ordered = sorted(groups.values(), key=lambda g: (g["id"] != "", g["name"].casefold()))
    for group in ordered:
        subs = sorted(group["kinds"].values(), key=lambda s: _ORDER[s["key"]])
        for sub in subs:
            sub["count"] = len(sub["rows"])
            sub["words"] = kind_words(sub["key"], sub["count"])
        group["kinds"] = subs
    return {
        "kind": kind,
        "total": len(rows),
        "shown": sum(g["count"] for g in ordered),
        "kinds": [
            {"key": k, "count": counts[k], "words": kind_words(k, counts[k])}
            for k, _, _ in KINDS
            if counts.get(k)
        ],
        "groups": ordered,
    }
