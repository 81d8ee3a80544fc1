"""Typed lines and holdings in force on one day, read from their versions."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .day import in_force
from .versions import Versions, day_number


def lines_on(versions: Versions, at: dt.date) -> set[tuple[str, str, str]]:
    """(source, kind, target) of every typed line in force on ``at``."""
    t = versions.tables["lines"]
    rows = np.nonzero(in_force(t.col("since"), t.col("until"), day_number(at)))[0]
    nodes, text = versions.nodes.text, versions.text.text
    return {
        (nodes[s], text[k], nodes[g])
        for s, k, g in zip(
            t.col("source")[rows].tolist(),
            t.col("kind")[rows].tolist(),
            t.col("target")[rows].tolist(),
            strict=True,
        )
    }


def holders_on(versions: Versions, at: dt.date) -> dict[str, set[tuple[str, str, str]]]:
    """post -> (person, kind, the holding's own date as written) of each holding on ``at``."""
    t = versions.tables["holders"]
    rows = np.nonzero(in_force(t.col("since"), t.col("until"), day_number(at)))[0]
    nodes, text = versions.nodes.text, versions.text.text
    out: dict[str, set[tuple[str, str, str]]] = {}
    cols = [t.col(c)[rows].tolist() for c in ("post", "person", "kind", "stated")]
    for post, person, kind, stated in zip(*cols, strict=True):
        out.setdefault(nodes[post], set()).add((text[person], text[kind], text[stated]))
    return out
