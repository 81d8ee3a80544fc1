"""Rules on the tree of oversight: loops, orphans, unplaced nodes, span, depth, double claims."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..model import LineKind
from ..structure import Structure
from .config import RuleConfig
from .findings import Hit, Severity
from .incremental import ByNode, Loops, Region, Since, in_order
from .naming import gone, named
from .registry import rule


def _loops(oversight: dict[str, str]) -> Iterator[list[str]]:
    """Each loop in the lines of oversight once, as the nodes on it in order."""
    done: set[str] = set()
    for start in oversight:
        if start in done:
            continue
        position: dict[str, int] = {}
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in done and node not in position:
            position[node] = len(path)
            path.append(node)
            node = oversight.get(node)
        if node is not None and node in position:
            loop = path[position[node] :]
            # Start the loop at its smallest id so the same loop always reads the same.
            first = loop.index(min(loop))
            yield loop[first:] + loop[:first]
        done.update(path)


def loop_hit(s: Structure, loop: list[str]) -> Hit:
    """The ``cycle`` hit for ``loop`` (its nodes in order, smallest first)."""
    chain = " → ".join(named(s, n) for n in [*loop, loop[0]])
    return Hit(
        loop[0],
        f"lines of oversight form a loop: {chain}",
        key=frozenset(loop),
        causes=tuple(loop),
    )


@rule(
    "cycle",
    Severity.ERROR,
    "Lines of oversight form a loop, so the nodes on it have no top.",
    incremental=Loops(),
)
def cycle(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Every loop in the lines of oversight."""
    for loop in _loops(s.oversight):
        yield loop_hit(s, loop)


def _orphans(s: Structure, config: RuleConfig, among: Iterable[str]) -> Iterator[Hit]:
    for node in among:
        target = s.oversight.get(node)
        if target is not None and s.exists(node) and not s.exists(target):
            yield Hit(
                node,
                f"{named(s, node)} reports to {gone(s, target)}",
                causes=(node, target),
            )


@rule(
    "orphan",
    Severity.ERROR,
    "A unit or post's line of oversight points at a unit or post that is not in force.",
    incremental=ByNode(Since.with_reporters, _orphans, in_order("oversight")),
)
def orphan(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Nodes in force reporting to something not in force."""
    return _orphans(s, config, s.oversight)


def _top(s: Structure, roots: list[str]) -> str | None:
    """The top of the structure: the senior post at the top with the most below it."""
    posts = [r for r in roots if r in s.posts]
    if len(posts) <= 1:
        # The usual case, one post at the top: no need to weigh subtrees.
        return posts[0] if posts else None
    return max(posts, key=lambda p: len(s.subtree(p)))


@rule(
    "unplaced",
    Severity.WARNING,
    "A unit or senior post has no line of oversight while a top post heads the structure.",
)
def unplaced(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Nodes at the top beside the top post."""
    roots = s.roots()
    top = _top(s, roots) if len(roots) > 1 else None
    if top is None:
        # Without a top post, several top-level units are a legitimate way to record
        # an organization whose head is not modelled.
        return
    for node in roots:
        if node != top:
            yield Hit(
                node,
                f"{named(s, node)} has no line of oversight, but {named(s, top)} is the top: "
                "place it under a unit or senior post",
            )


def _placement_unknown(s: Structure, config: RuleConfig, among: Iterable[str]) -> Iterator[Hit]:
    for node in among:
        if node in s.unplaced and s.is_node(node):
            yield Hit(node, f"{named(s, node)}: placement not recorded (no source gives it)")


@rule(
    "placement-unknown",
    Severity.INFO,
    "No source says where a unit or senior post was placed: a gap in the record to fill "
    "when a document tells.",
    # A node's finding depends on that node alone.
    incremental=ByNode(lambda since, s: set(since.touched), _placement_unknown, in_order("nodes")),
)
def placement_unknown(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units and senior posts recorded with ``parent: unknown``."""
    return _placement_unknown(s, config, s.unplaced_nodes())


def _under_non_senior(s: Structure, config: RuleConfig, among: Iterable[str]) -> Iterator[Hit]:
    for node in among:
        target = s.oversight.get(node)
        post = s.posts.get(target) if target is not None else None
        if post is not None and not post.senior:
            yield Hit(
                node,
                f"{named(s, node)} reports to {named(s, target)}, a post that is not senior: "
                "make the post senior or place the node under a unit",
                causes=(node, target),
            )


def _on_nodes(
    region: Callable[[Since, Structure], Region],
    check: Callable[[Structure, RuleConfig, Iterable[str]], Iterator[Hit]],
) -> ByNode:
    """The incremental form of a rule that ``check``s nodes of the tree, in their order."""
    return ByNode(
        region,
        lambda s, config, among: check(s, config, (n for n in among if s.is_node(n))),
        in_order("nodes"),
    )


@rule(
    "non-senior-overseer",
    Severity.ERROR,
    "A unit or senior post reports on its line of oversight to a post that is not senior, "
    "so it falls out of the tree.",
    incremental=_on_nodes(Since.with_reporters, _under_non_senior),
)
def non_senior_overseer(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Nodes of the tree whose parent is an ordinary post (not a node of the tree)."""
    return _under_non_senior(s, config, s.nodes())


@rule(
    "two-senior-posts",
    Severity.ERROR,
    "A unit is overseen in its chain by one senior post while a direct-supervision line "
    "links it to another senior post outside that chain: two senior posts claim it.",
)
def two_senior_posts(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Units claimed by more than one senior post, through oversight and direct supervision."""

    def senior(node: str) -> bool:
        post = s.posts.get(node)
        return post is not None and post.senior

    # A typed line runs from the node that reports to the node it reports to, like a
    # line of oversight; a line from a senior post to a unit is read the other way round.
    supervisors: dict[str, list[str]] = {}
    for line in sorted(s.lines, key=lambda ln: (ln.source, ln.target)):
        if line.kind is not LineKind.DIRECT_SUPERVISION:
            continue
        if senior(line.target):
            supervised, supervisor = line.source, line.target
        elif senior(line.source):
            supervised, supervisor = line.target, line.source
        else:
            continue
        if s.is_node(supervised):
            supervisors.setdefault(supervised, []).append(supervisor)
    for node, sups in supervisors.items():
        chain = s.ancestors(node)
        chain_seniors = [a for a in chain if senior(a)]
        claimers = chain_seniors[:1] + [p for p in dict.fromkeys(sups) if p not in chain]
        if len(claimers) < 2:
            continue
        first, *others = claimers
        how = "overseen through its chain by" if chain_seniors else "directly supervised by"
        yield Hit(
            node,
            f"{named(s, node)} is {how} {named(s, first)} and directly supervised by "
            + " and ".join(named(s, o) for o in others),
            key=frozenset(claimers),
            causes=(node, *claimers),
        )


def _wide(s: Structure, config: RuleConfig, among: Iterable[str]) -> Iterator[Hit]:
    for node in among:
        # Counting first: ordering every node's reports (most are within the span) was
        # most of this rule's time on large structures.
        if s.child_count(node) <= config.max_span:
            continue
        below = s.children(node)
        if len(below) > config.max_span:
            yield Hit(
                node,
                f"{named(s, node)} has {len(below)} direct reports, more than {config.max_span}",
                key="span",
                # The reports added, not whatever else happened to the node that day.
                causes=tuple(below),
            )


@rule(
    "span",
    Severity.WARNING,
    "A unit or senior post has more direct reports than the configured span of control.",
    settings=("max_span",),
    # A node's count changes only when a node reporting to it (before or now) changed.
    incremental=_on_nodes(Since.with_parents, _wide),
)
def span(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Nodes with more than ``config.max_span`` nodes reporting to them."""
    return _wide(s, config, s.nodes())


def _too_deep(s: Structure, config: RuleConfig, node: str, chain: list[str]) -> Hit:
    level = len(chain) + 1
    return Hit(
        node,
        f"{named(s, node)} is at level {level} under {named(s, chain[-1])}, "
        f"deeper than {config.max_depth} levels",
        key="depth",
        causes=(node, *chain),
    )


def _deep_among(s: Structure, config: RuleConfig, region: Region) -> Iterator[Hit]:
    """The ``depth`` hits on ``region``: nodes reached from the top at the first level too
    deep. The top-down walk reaches a node when it and every node above it are nodes of
    the tree, up to one with no line of oversight (a loop has none such)."""
    # node -> its level when the walk reaches it, None when it does not; regions are
    # whole subtrees, so most nodes find their parent's level here.
    level: dict[str, int | None] = {}
    for node in region:
        if not s.is_node(node):
            continue
        path, up = [], node
        while up not in level:
            path.append(up)
            parent = s.oversight.get(up)
            if parent is None:
                # A node no source places is at no known level, nor is anything under it.
                level[up] = None if up in s.unplaced else 1
                path.pop()
                break
            if not s.is_node(parent) or parent in path:
                for n in path:  # out of the walk: under a post or a loop
                    level[n] = None
                path = []
                break
            up = parent
        for n in reversed(path):
            above = level[s.oversight[n]]
            level[n] = None if above is None else above + 1
        if level[node] == config.max_depth + 1:
            yield _too_deep(s, config, node, s.ancestors(node))


def _walk_order(s: Structure) -> Callable[[Hit], object]:
    # The walk is breadth first with each node's children in order: at one level, the
    # positions of the nodes from the top down, compared in turn.
    def key(hit: Hit) -> object:
        path = [hit.subject, *s.ancestors(hit.subject)]  # type: ignore[list-item]
        return [s.position("nodes", n) for n in reversed(path)]

    return key


@rule(
    "depth",
    Severity.WARNING,
    "A unit or senior post sits deeper below the top than the configured number of levels.",
    settings=("max_depth",),
    # A node's level changes only when a node at or above it changed.
    incremental=ByNode(Since.with_subtrees, _deep_among, _walk_order),
)
def depth(s: Structure, config: RuleConfig) -> Iterator[Hit]:
    """Nodes at the first level past ``config.max_depth`` (the top is level 1).

    Only the first level too deep is reported: everything below such a node is too
    deep for the same reason.
    """
    level = 1
    frontier = s.roots()
    seen = set(frontier)
    while frontier and level <= config.max_depth:
        nxt = [c for n in frontier for c in s.children(n) if c not in seen]
        seen.update(nxt)
        frontier, level = nxt, level + 1
    if level <= config.max_depth:
        return
    for node in frontier:
        yield _too_deep(s, config, node, s.ancestors(node))
