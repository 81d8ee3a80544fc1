"""The structure as of a date, as a list of nodes or a tree."""

from __future__ import annotations

from typing import Any

from ..core.certainty import CERTAIN, Certainty, doubt_words
from ..core.dates import FuzzyDate
from ..core.errors import NotFound
from ..core.model import UNKNOWN_PLACE, Assignment
from ..core.plans import plan_timeline
from ..core.record import Record
from ..core.structure import Structure
from ..core.timeline import Snapshot, Timeline
from .names import node_kind

#: What a post without a recorded holder is called, by whether vacancies are known.
HELD, VACANT, NO_HOLDER = "held", "vacant", "no holder recorded"

#: The words for a holder the sources do not name.
UNNAMED_WORDS = "a holder not named in the sources"


def holding(s: Structure, post: str, vacancy_known: bool = False) -> str:
    """:data:`HELD`, :data:`VACANT` (a source says so, or every assignment is recorded
    from before this day: ``vacancy_known``) or :data:`NO_HOLDER`."""
    if s.holders.get(post):
        return HELD
    return VACANT if post in s.vacant or vacancy_known else NO_HOLDER


def holder_data(s: Structure, a: Assignment, certainty: Certainty | None = None) -> dict[str, Any]:
    """One holder as data; an unnamed holder has ``person`` None."""
    named = a.named
    out: dict[str, Any] = {
        "person": a.person if named else None,
        "name": (s.people[a.person].name if a.person in s.people else a.person)
        if named
        else UNNAMED_WORDS,
        "kind": str(a.kind),
        "since": str(a.since) if a.since else None,
    }
    if certainty is not None:
        change = certainty.holders_possible.get((a.post, a.person))
        out["certain"] = change is None
        if change is not None:
            out["possibly_since"] = change.date.describe()
    return out


def uncertain_data(certainty: Certainty | None, node: str) -> list[dict[str, Any]]:
    """What is only possible about ``node``, each with the changes that make it so.

    Changes leaving the same thing open over the same span are told once, citing every
    source of them: two documents each giving "between December 2016 and 2022" for the
    same unit read as one doubt, not two."""
    if certainty is None:
        return []
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for p in certainty.reasons(node):
        item = grouped.get((p.aspect, str(p.change.date)))
        if item is None:
            item = grouped[(p.aspect, str(p.change.date))] = {
                "aspect": p.aspect,
                "date": str(p.change.date),
                "when": p.change.date.describe(),
                "change": p.change.id,
                "changes": [],
                "cites": [],
            }
        item["changes"].append(p.change.id)
        item["cites"] += [c for c in map(str, p.change.cites) if c not in item["cites"]]
    for item in grouped.values():
        item["words"] = doubt_words(item["aspect"], item["when"], item["cites"])
    return list(grouped.values())


def node_data(
    s: Structure,
    node: str,
    *,
    people: bool = True,
    certainty: Certainty | None = None,
    vacancy_known: bool = False,
) -> dict[str, Any]:
    """One unit or senior post as data: what the tree and its JSON show.

    With ``certainty``: whether it is in force or only possibly (``status``), and what
    about it is only possible, with the changes that make it so (``uncertain``).
    """
    place = s.placement(node)
    data: dict[str, Any] = {
        "id": node,
        "name": s.label(node),
        "kind": node_kind(s, node),
        "parent": None if place == UNKNOWN_PLACE else place,
        "placement": "unknown" if place == UNKNOWN_PLACE else "recorded",
        "lines": [
            {"kind": str(ln.kind), "to": ln.target, "to_name": s.label(ln.target)}
            for ln in s.lines_of(node)
            if ln.source == node
        ],
    }
    if node in s.units:
        unit = s.units[node]
        data["abbreviation"] = unit.abbreviation
        data["head"] = unit.head
        data["location"] = unit.location
        data["posts"] = len(s.posts_in(node))
    else:
        post = s.posts[node]
        data["grade"] = post.grade
        data["unit"] = post.unit
        data["status"] = str(post.status)
    if certainty is not None:
        data["status"] = certainty.status(s, node)
        data["uncertain"] = uncertain_data(certainty, node)
    post = node if node in s.posts else (s.units[node].head if node in s.units else None)
    if post is not None and post in s.posts:
        data["holding"] = holding(s, post, vacancy_known)
    if people:
        holders = s.holders.get(node) or (
            s.holders.get(s.units[node].head) if node in s.units and s.units[node].head else ()
        )
        data["holders"] = [holder_data(s, a, certainty) for a in holders or ()]
        if certainty is not None and post is not None:
            # Holders whose leaving is dated to a span that goes past this day.
            data["holders_possibly_still"] = [
                {
                    "person": person or None,
                    "name": (s.people[person].name if person in s.people else person)
                    if person
                    else UNNAMED_WORDS,
                    "until": change.date.describe(),
                }
                for (p, person), change in certainty.holders_possibly_still.items()
                if p == post
            ]
    return data


def snapshot_for(record: Record, at: str | FuzzyDate, plan: str | None = None) -> Snapshot:
    """The snapshot of the record (or of a plan's preview) as of ``at``."""
    timeline: Timeline = record.timeline
    if plan is not None:
        timeline = plan_timeline(timeline, record.plan(plan))
    return timeline.snapshot(at)


def structure_at(
    record: Record,
    at: str | FuzzyDate,
    *,
    unit: str | None = None,
    plan: str | None = None,
    people: bool = True,
) -> dict[str, Any]:
    """``{"date", "nodes": [...]}``: every node in force, in tree order (or a subtree)."""
    snap = snapshot_for(record, at, plan)
    s = snap.structure
    if unit is not None:
        if not s.is_node(unit):
            raise NotFound(absent_reason(record, s, unit, snap.day.isoformat()))
        order = s.subtree(unit)
    else:
        order = tree_order(s)
    certainty = snap.certainty
    known = record.organization.vacancy_known(snap.day)
    shown = set(order)
    ended = [n for n in certainty.possibly_ended() if unit is None or n == unit]
    return {
        "date": snap.day.isoformat(),
        "plan": plan,
        "nodes": [
            node_data(s, n, people=people, certainty=certainty, vacancy_known=known)
            for n in order
        ],
        "unplaced": [n for n in s.unplaced_nodes() if n in shown],
        "possibly_still": [
            {"id": n, "name": s.label(n), "uncertain": uncertain_data(certainty, n)}
            for n in ended
        ],
        "uncertain": [
            {
                "change": c.id,
                "op": c.op,
                "date": str(c.date),
                "when": c.date.describe(),
                "cites": [str(x) for x in c.cites],
            }
            for c in snap.uncertain
        ],
    }


def tree_order(s: Structure) -> list[str]:
    """Every node, depth first from the top, then the subtrees of nodes no source places;
    nodes caught in a cycle come last."""
    tops = [*sorted(s.roots(), key=lambda r: _rank(s, r)), *s.unplaced_nodes()]
    order = [n for root in tops for n in s.subtree(root)]
    seen = set(order)
    return order + [n for n in s.nodes() if n not in seen]


def is_certain(node: dict[str, Any]) -> bool:
    """True for a node of :func:`structure_at` that is certainly in force."""
    return node.get("status", CERTAIN) == CERTAIN


def _rank(s: Structure, node: str) -> tuple[int, str]:
    # Senior posts head the tree (the Director General first), then top-level units.
    return (0 if node in s.posts else 1, node)


def absent_reason(record: Record, s: Structure, node: str, day: str) -> str:
    """Why ``node`` is not in the structure ``s`` of ``day``: gone, not yet, or unknown."""
    if node in s.retired_units or node in s.retired_posts:
        return f"{node!r} no longer exists on {day} (it was abolished earlier)"
    if any(node in c.subjects() for c in record.timeline):
        return f"{node!r} does not exist yet on {day}"
    return f"no unit or senior post {node!r} in the record"
