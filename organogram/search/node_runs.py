"""The runs of each unit's and post's values, from one fold that keeps no history.

A node's documents tell each run of its versions in which a field kept the same values
(:class:`Runs`). Made from every node's history (:meth:`Timeline.histories`), the runs
need every version of every node in memory at once: millions with monthly post moves,
where a post's title, all its documents tell, seldom changes. :func:`node_runs` folds
the timeline as the histories are folded (the same :func:`add_version`) but passes each
version to its node's runs as soon as no later change can alter it, and keeps only the
runs.

When a version is final: :func:`add_version` changes only the last version of a node,
or, when a change on the same date replaces the last version, the one it exposes. The
changes come in order of their first possible day, so a version that began before the
current change's first day can no longer be replaced, and every version before it is
final.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..core.changes import step
from ..core.collector import paused
from ..core.model import Post, Unit
from ..core.node_history import Version, add_version
from ..core.timeline import Timeline

#: (values, since, until, cites, record) of a run: its field's values, the span they
#: held (the dataset's date forms), the citations of the change that began it, and the
#: record of its last version.
Run = tuple[tuple[str, ...], str, str, tuple[str, ...], Any]
#: How a field's values are read from a unit's or post's record.
Getter = Callable[[Any], tuple[str, ...]]


class Runs:
    """The runs of one field's values over one node's versions, given in order."""

    __slots__ = ("done", "get", "run")

    def __init__(self, get: Getter) -> None:
        self.get = get
        self.run: list[Any] | None = None
        self.done: list[Run] = []

    def add(self, v: Version) -> None:
        """The node's next version: it goes on the current run, or ends it."""
        run = self.run
        if v.record is None:  # abolished: the run ends where the node does
            if run is not None:
                run[2] = str(v.since)
                self.done.append(tuple(run))  # type: ignore[arg-type]
                self.run = None
            return
        values = self.get(v.record)
        if run is not None and run[0] == values:
            run[2] = str(v.until) if v.until is not None else ""
            run[4] = v.record
            return
        if run is not None:
            run[2] = str(v.since)
            self.done.append(tuple(run))  # type: ignore[arg-type]
        cites = tuple(dict.fromkeys(str(c) for ch in v.changes for c in ch.cites))
        until = str(v.until) if v.until is not None else ""
        self.run = [values, str(v.since), until, cites, v.record]

    def end(self) -> list[Run]:
        """Every run, once the node's last version is given."""
        if self.run is not None:
            self.done.append(tuple(self.run))  # type: ignore[arg-type]
            self.run = None
        return self.done


def runs_of(versions: Iterable[Version], get: Getter) -> list[Run]:
    """The runs of the values ``get`` reads over a node's ``versions``."""
    runs = Runs(get)
    for v in versions:
        runs.add(v)
    return runs.end()


def node_runs(
    timeline: Timeline, fields: Callable[[Unit | Post], Mapping[str, Getter]]
) -> dict[str, dict[str, list[Run]]]:
    """For every unit and post that ever was, the runs of each of its ``fields`` (given
    its record: the fields it has and how each is read), from one fold of ``timeline``."""
    s = timeline.empty()
    tails: dict[str, list[Version]] = {}
    by_node: dict[str, dict[str, Runs]] = {}

    def final(node: str, v: Version) -> None:
        runs = by_node.get(node)
        if runs is None:
            if v.record is None:
                return  # no run begins before the node exists
            runs = by_node[node] = {f: Runs(get) for f, get in fields(v.record).items()}
        for r in runs.values():
            r.add(v)

    touched: set[str] = set()
    with paused():  # millions of versions made, none of them in a cycle
        for change in timeline.changes:
            touched.clear()
            if step(change, s, touched):
                continue
            first = change.date.start
            for node in touched:
                versions = tails.setdefault(node, [])
                add_version(s, node, change, versions)
                while len(versions) > 1 and versions[1].since.start < first:
                    final(node, versions.pop(0))
        for node, versions in tails.items():
            for v in versions:
                final(node, v)
    return {node: {f: r.end() for f, r in runs.items()} for node, runs in by_node.items()}
