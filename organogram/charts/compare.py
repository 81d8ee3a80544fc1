"""Charts of two structures compared: what was added, removed, renamed, moved, merged.

:func:`compare` marks a chart of the earlier structure (what goes, what is renamed or
moved, and where to) and one of the later (what is new, what it came from), and
makes an *overlay*: the later chart with the units that went drawn as ghosts where
they stood. Merges, replacements and splits come from the lineage links recorded
between the two structures (see :mod:`organogram.core.diff.lineage`), followed
through intermediate units to the ones in force at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..core.certainty import Certainty
from ..core.model import LineageLink
from ..core.structure import Structure
from .build import assign_portfolios, chart_of
from .model import Chart, ChartNode, Mark

if TYPE_CHECKING:
    from ..columns import Day

_LINK_MARK = {"merge": Mark.MERGED, "replace": Mark.REPLACED, "split": Mark.SPLIT}


@dataclass
class Comparison:
    """The earlier and later charts, each marked, and the overlay of the two."""

    before: Chart
    after: Chart
    overlay: Chart


def new_links(before: Structure, after: Structure) -> list[LineageLink]:
    """Lineage links the later structure holds and the earlier one does not."""
    known = set(before.lineage)
    return [ln for ln in after.lineage if ln not in known]


def compare(
    before: Structure,
    after: Structure,
    *,
    links: Iterable[LineageLink] | None = None,
    people: bool = False,
    certainties: tuple[Certainty | None, Certainty | None] = (None, None),
    vacancy_known: tuple[bool, bool] = (False, False),
    days: tuple[Day | None, Day | None] = (None, None),
) -> Comparison:
    """Mark what differs from ``before`` to ``after`` on charts of both, and overlay them.

    ``certainties``: each side's, to mark the nodes only possibly in force there.
    ``days``: each side's structure read from the record's columns, when kept (see
    :func:`~.build.posts_below`)."""
    links = list(new_links(before, after) if links is None else links)
    a, b = (
        chart_of(s, people=people, certainty=c, vacancy_known=known, day=day)
        for s, c, known, day in zip((before, after), certainties, vacancy_known, days, strict=True)
    )
    successors = _successors(links, b.nodes)
    predecessors: dict[str, list[tuple[str, str]]] = {}
    for old, found in successors.items():
        for new, kind in found:
            predecessors.setdefault(new, []).append((old, kind))

    for node in a.nodes.values():
        _mark_before(node, b, before, successors)
    for node in b.nodes.values():
        _mark_after(node, a, before, predecessors, successors)
    return Comparison(a, b, _overlay(a, b))


def _successors(links: list[LineageLink], live: dict[str, ChartNode]):
    """For each unit that ended, the units in force at the end it led to, with the kind
    of the first link on the way."""
    forward: dict[str, list[LineageLink]] = {}
    for ln in links:
        if ln.predecessor != ln.successor:
            forward.setdefault(ln.predecessor, []).append(ln)
    out: dict[str, list[tuple[str, str]]] = {}
    for start, first in forward.items():
        found: list[tuple[str, str]] = []
        seen = {start}
        frontier = [(ln.successor, ln.kind) for ln in first]
        while frontier:
            node, kind = frontier.pop(0)
            if node in seen:
                continue
            seen.add(node)
            if node in live:
                found.append((node, kind))
            else:
                frontier += [(ln.successor, kind) for ln in forward.get(node, ())]
        if found:
            out[start] = sorted(set(found))
    return out


def _names(ids: Iterable[str], chart: Chart) -> str:
    return ", ".join(chart.nodes[i].name for i in ids)


def _mark_before(node: ChartNode, b: Chart, before: Structure, successors) -> None:
    marks: list[Mark] = []
    notes: list[str] = []
    later = b.nodes.get(node.id)
    if later is None:
        found = [(n, k) for n, k in successors.get(node.id, ()) if n != node.id]
        if found:
            kind = found[0][1]
            marks.append(_LINK_MARK.get(kind, Mark.MERGED))
            word = {"merge": "merged into", "replace": "replaced by", "split": "split into"}
            notes.append(f"{word.get(kind, 'into')} {_names([n for n, _ in found], b)}")
        else:
            marks.append(Mark.REMOVED)
    else:
        if later.name != node.name or later.abbreviation != node.abbreviation:
            marks.append(Mark.RENAMED)
            notes.append(f"now {later.title}")
        elif later.kind != node.kind:
            marks.append(Mark.RECLASSIFIED)
            notes.append(f"now a {later.kind}")
        if node.unplaced and not later.unplaced:
            notes.append(
                f"placed under {b.nodes[later.parent].name}"
                if later.parent
                else "placed at the top"
            )
        elif _moved(node, later, successors):
            marks.append(Mark.MOVED)
            notes.append(f"to {b.nodes[later.parent].name}" if later.parent else "to the top")
    node.marks, node.notes = tuple(marks), tuple(notes)


def _mark_after(node: ChartNode, a: Chart, before: Structure, predecessors, successors) -> None:
    marks: list[Mark] = []
    notes: list[str] = []
    earlier = a.nodes.get(node.id)
    came = [(o, k) for o, k in predecessors.get(node.id, ()) if o != node.id and o in a.nodes]
    if earlier is None:
        marks.append(Mark.ADDED)
    if came:
        kind = came[0][1]
        marks.append(_LINK_MARK.get(kind, Mark.MERGED))
        olds = _names([o for o, _ in came], a)
        if kind == "replace":
            notes.append(f"replaces {olds}")
        elif kind == "split":
            notes.append(f"split from {olds}")
        else:
            notes.append(f"merged from {olds}" if earlier is None else f"absorbs {olds}")
    if earlier is not None:
        if earlier.name != node.name or earlier.abbreviation != node.abbreviation:
            marks.append(Mark.RENAMED)
            kind = f" ({earlier.kind})" if earlier.kind != node.kind else ""
            notes.append(f"formerly {earlier.title}{kind}")
        elif earlier.kind != node.kind:
            marks.append(Mark.RECLASSIFIED)
            notes.append(f"formerly a {earlier.kind}")
        if earlier.unplaced and not node.unplaced:
            notes.append("placed here; its earlier place is not recorded")
        elif _moved(earlier, node, successors):
            marks.append(Mark.MOVED)
            notes.append(
                f"from {a.nodes[earlier.parent].name}" if earlier.parent else "from the top"
            )
    node.marks, node.notes = tuple(marks), tuple(notes)


def _moved(old: ChartNode, new: ChartNode, successors) -> bool:
    """True when the line of oversight changed, other than by following a parent that
    was merged or replaced into the new one."""
    if old.parent == new.parent:
        return False
    followed = {n for n, _ in successors.get(old.parent or "", ())}
    return new.parent not in followed


def _overlay(a: Chart, b: Chart) -> Chart:
    """The later chart with the units that went drawn as ghosts where they stood."""
    nodes = {k: replace(v, children=list(v.children)) for k, v in b.nodes.items()}
    gone = [n for n in a.order() if n not in b.nodes]
    for node_id in gone:  # parents first: a.order() is breadth first
        old = a.nodes[node_id]
        nodes[node_id] = replace(old, ghost=True, children=[], portfolio=None)
    roots = list(b.roots)
    for node_id in gone:
        parent = a.nodes[node_id].parent
        if parent in nodes:
            nodes[parent].children.append(node_id)
        else:
            roots.append(node_id)
    chart = Chart(nodes=nodes, roots=roots, lines=list(b.lines))
    assign_portfolios(chart)
    return chart
