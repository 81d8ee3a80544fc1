"""What the first readers of a revision ask for, built before anyone asks.

``organogram serve`` with worker processes builds the record once before the workers
start (:mod:`organogram.web.workers`); building these here too means every worker starts
with them, instead of each worker's first unit page folding the whole record again
(minutes on 10,000 units) while the clients behind it wait.
"""

from __future__ import annotations

import datetime as dt

from ...charts.build import COLUMNS_FROM
from ...core.dates import FuzzyDate
from ...registry.reading.columns import record_columns
from ...registry.reading.structure import cached_snapshot, cached_structure
from ...registry.reading.timeline import node_histories, node_history, sentences
from ...registry.store import State
from .structure import tree_html, uncertain_summary
from .unit import touching


def warm(state: State) -> None:
    """Build, for ``state``'s revision, what the unit pages, the structure page and the
    API's structure of today need, for visitors and for readers who may see holders,
    and the record's columns where the Chart page reads its figures from them."""
    today = FuzzyDate.day(dt.date.today())
    node_histories(state)
    snapshot = cached_snapshot(state, today)
    if len(snapshot.structure.units) >= COLUMNS_FROM:
        # Built here, before the workers fork, they are shared by every worker rather
        # than built by each on its first chart (seconds on 10,000 units).
        record_columns(state)
    for people in (False, True):
        sentences(state, people)
        data = cached_structure(state, today, people=people)
        tree_html(state, today, "", people)
        uncertain_summary(state, today, people)
        if data.get("unplaced"):
            tree_html(state, today, "", people, unplaced=True)
    # One unit's page makes what every unit page shares, kept with the timeline: the
    # structure at the record's end with its lineage index (a fold of the whole record)
    # and the index of the changes touching each node.
    nodes = cached_structure(state, today, people=False)["nodes"]
    if nodes:
        node_history(state, nodes[0]["id"])
        touching(state, nodes[0]["id"], False)
