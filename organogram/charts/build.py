"""A chart of one structure: its tree of oversight, the text of each box, its portfolios."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from ..core.certainty import EXISTENCE, POSSIBLE, Certainty
from ..core.model import AssignmentKind
from ..core.rollups import rollups
from ..core.structure import Structure
from .model import Chart, ChartNode, Portfolio, SideLine

if TYPE_CHECKING:
    from ..columns import Day

#: What a box says of a holder the sources do not name, and of a post without one.
UNNAMED = "a holder not named in the sources"
VACANT = "vacant"
NO_HOLDER = "no holder recorded"

#: How a holder's assignment is told after the name (a regular one says nothing).
_KIND_WORDS = {
    AssignmentKind.AD_INTERIM: "a.i.",
    AssignmentKind.ACTING: "acting",
    AssignmentKind.OFFICER_IN_CHARGE: "OIC",
}


def chart_of(
    s: Structure,
    *,
    unit: str | None = None,
    people: bool = False,
    certainty: Certainty | None = None,
    vacancy_known: bool = False,
    day: Day | None = None,
) -> Chart:
    """The chart of ``s``: every unit and senior post (or ``unit``'s subtree).

    ``people``: show who holds each senior post and head post; leave it false unless
    the reader may see personal data. Side lines are kept when both ends are drawn
    (a line to an ordinary post is drawn to the unit the post sits in).
    ``certainty`` (the snapshot's): marks the nodes only possibly in force, with why.
    Units no source places come after the roots, flagged ``unplaced`` (drawn apart).
    ``vacancy_known``: every assignment is recorded by then, so a post nobody holds is
    vacant (else only those a source says are).
    ``day``: the same structure read from the record's columns, when the caller keeps
    them (see :func:`posts_below`).
    """
    # Senior posts head the tree (the Director General first), then top-level units.
    roots = sorted(s.roots(), key=lambda r: (0 if r in s.posts else 1, r))
    unplaced = set(s.unplaced_nodes())
    roots += [n for n in s.unplaced_nodes() if n not in roots]
    counts = posts_below(s, day)
    nodes: dict[str, ChartNode] = {}
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        if node in nodes:
            continue  # a cycle, which checked changes never make
        parent = s.oversight.get(node)
        nodes[node] = _node(s, node, parent, counts, people, vacancy_known)
        nodes[node].unplaced = node in unplaced
        if certainty is not None and certainty.status(s, node) == POSSIBLE:
            nodes[node].possible = True
            nodes[node].possible_why = "; ".join(
                p.describe() for p in certainty.reasons(node) if p.aspect == EXISTENCE
            )
        kids = [c for c in s.children(node) if c not in nodes]
        nodes[node].children = kids
        stack.extend(reversed(kids))
    chart = Chart(nodes=nodes, roots=roots)
    chart.lines = side_lines(s, nodes)
    # Portfolios are found on the whole tree, so a subtree keeps the colours it has there.
    assign_portfolios(chart)
    return chart if unit is None else subtree(chart, unit)


#: Units in force from which a caller keeping the record's columns reads the chart's
#: figures from them: below, the walk of the structure in the interpreter costs no more
#: than NumPy's fixed costs and the day's mask (a chart of 150 units took 0.1 ms longer
#: from the columns, of 500 units 0.3 ms less; docs/performance.md, "The record as
#: columns").
COLUMNS_FROM = 500


def posts_below(s: Structure, day: Day | None = None) -> Mapping[str, int]:
    """Posts sitting in each unit and in the units under it, by unit and senior post
    (what each box tells). Read from ``day``, the same date of the record's columns,
    when the caller keeps them and the structure is large enough for them to pay
    (:data:`COLUMNS_FROM`; the registry: a few vectorized passes, against a walk of the
    structure in the interpreter); else rolled up from ``s`` (a dataset read from files,
    or a plan's preview, which the columns do not hold)."""
    if day is None:
        return {node: rolled.headcount for node, rolled in rollups(s).items()}
    # Imported here: NumPy is loaded only by a caller that holds columns already.
    from ..columns.rollups import rollups as rolled_up

    nodes, headcount, _ = rolled_up(day)
    return dict(zip(day.node_ids(nodes), headcount.tolist(), strict=True))


def subtree(chart: Chart, unit: str) -> Chart:
    """``unit`` and what is under it, as a chart of its own (its colours kept); an empty
    chart when ``unit`` is not in this one."""
    if unit not in chart.nodes:
        return Chart({}, [], [], chart.portfolios)
    keep = [unit]
    for node in keep:
        keep.extend(chart.nodes[node].children)
    nodes = {n: chart.nodes[n] for n in keep}
    nodes[unit] = replace(nodes[unit], parent=None)
    lines = [ln for ln in chart.lines if ln.source in nodes and ln.target in nodes]
    return Chart(nodes, [unit], lines, chart.portfolios)


def _node(
    s: Structure, node: str, parent: str | None, counts, people: bool, known: bool = False
) -> ChartNode:
    if node in s.units:
        u = s.units[node]
        head = s.posts.get(u.head) if u.head else None
        return ChartNode(
            id=node,
            parent=parent,
            name=u.name,
            kind=u.kind,
            abbreviation=u.abbreviation,
            head=_post_title(head, u.name) if head else "",
            holder=holder_text(s, head.id, known) if head and people else "",
            posts=len(s.post_ids(node)),
            posts_below=counts.get(node),
        )
    post = s.posts[node]
    return ChartNode(
        id=node,
        parent=parent,
        name=post.title,
        kind="senior post",
        senior=True,
        head=post.grade,
        holder=holder_text(s, node, known) if people else "",
    )


def _post_title(post, unit_name: str = "") -> str:
    """A head post's title, without the unit's name the box already shows."""
    title = post.title
    for suffix in (f" of the {unit_name}", f" of {unit_name}", f", {unit_name}"):
        if unit_name and title.endswith(suffix) and len(title) > len(suffix):
            title = title[: -len(suffix)]
    return f"{title} ({post.grade})" if post.grade else title


def holder_text(s: Structure, post: str, vacancy_known: bool = False) -> str:
    """Who holds ``post``: names, with "a.i." or "acting" where so, "a holder not named
    in the sources" for one the sources do not name; "vacant" where a source says so
    (or ``vacancy_known``); else, nobody recorded, "no holder recorded" for a senior
    post and nothing for a head post (the unit's box says enough)."""
    out = []
    for a in s.holders.get(post, ()):
        if not a.named:
            name = UNNAMED
        else:
            person = s.people.get(a.person)
            name = person.name if person else a.person
        word = _KIND_WORDS.get(a.kind)
        out.append(f"{name} ({word})" if word else name)
    if out:
        return "; ".join(out)
    if post in s.vacant or vacancy_known:
        return VACANT
    p = s.posts.get(post)
    return NO_HOLDER if p is not None and p.senior else ""


def side_lines(s: Structure, nodes: dict[str, ChartNode]) -> list[SideLine]:
    """Typed lines other than oversight whose two ends are drawn, in a stable order."""
    out: set[SideLine] = set()
    for ln in s.lines:
        source, target = _drawn(s, ln.source, nodes), _drawn(s, ln.target, nodes)
        if source and target and source != target:
            out.add(SideLine(source, str(ln.kind), target))
    return sorted(out, key=lambda ln: (ln.source, ln.kind, ln.target))


def _drawn(s: Structure, node: str, nodes: dict[str, ChartNode]) -> str | None:
    """The box that stands for ``node``: itself, or the unit an ordinary post sits in."""
    if node in nodes:
        return node
    post = s.posts.get(node)
    if post is not None and post.unit in nodes:
        return post.unit
    return None


def assign_portfolios(chart: Chart) -> None:
    """Tell leadership portfolios apart: the senior posts at the top two levels.

    A root senior post is a portfolio (the Director General's: what reports to them
    directly), and so is each senior post right below it that oversees something
    (each Deputy Director General's). A senior post with nothing under it (a Chief Risk
    Officer) stays in the portfolio above it. Every node takes the nearest one above.
    """
    heads: list[str] = []
    for root in chart.roots:
        top = chart.nodes[root]
        if not top.senior:
            continue
        heads.append(root)
        heads += [c for c in top.children if chart.nodes[c].senior and chart.nodes[c].children]
    chart.portfolios = [Portfolio(h, chart.nodes[h].name) for h in heads]
    index = {h: i for i, h in enumerate(heads)}
    for node in chart.order():
        n = chart.nodes[node]
        if node in index:
            n.portfolio = index[node]
        elif n.parent in chart.nodes:
            n.portfolio = chart.nodes[n.parent].portfolio
