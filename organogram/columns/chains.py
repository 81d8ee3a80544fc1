"""Chains of oversight, many at once, from a :class:`~.day.Day`.

As the core's ``Structure.chain``: a node's chain follows its line of oversight up to
the top; a post without a line of its own answers through the unit it sits in (that
unit, then the unit's chain). All chains climb together, one level per step.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .day import Day


def chains(day: Day, nodes: Sequence[str]) -> list[list[str]]:
    """The chain of oversight above each of ``nodes``, nearest first."""
    numbers = day.versions.nodes.numbers(nodes)
    known = numbers >= 0
    start = np.full(len(numbers), -1, dtype=np.int64)
    start[known] = day.parent[numbers[known]]
    # No line of its own: a post climbs from its unit (which is the chain's first link).
    via_unit = known & (start < 0)
    via_unit[known] &= day.post_unit[numbers[known]] >= 0
    start[via_unit] = day.post_unit[numbers[via_unit]]
    start[start < 0] = -1
    steps = [start]
    current = start
    parent = day.parent
    while (current >= 0).any():
        current = np.where(current >= 0, parent[np.maximum(current, 0)], -1)
        current[current < 0] = -1
        steps.append(current)
    matrix = np.stack(steps, axis=1)
    text = day.versions.nodes.text
    return [[text[u] for u in row if u >= 0] for row in matrix.tolist()]
