"""The issue's targets, checked against one run's results, and what limits a missed one.

Two targets hold on the large size: every core operation within 3x of the NumPy floor,
and rollups and diffs at least 10x faster than the best SQL peer. The report states for
each operation whether it met them and, when it did not, what the profiles found to
limit it (:data:`LIMITS`, kept by hand from docs/performance.md, where the profiles are).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .measure import Measure

#: Organogram may be at most this many times slower than the NumPy floor.
FLOOR_TARGET = 3.0
#: ... and at least this many times faster than the best SQL peer on rollups and diffs.
SQL_TARGET = 10.0
#: The SQL peers' names begin with their database's.
SQL_PEERS = ("SQLite", "PostgreSQL")
#: Below this many seconds both, a ratio measures call overhead, not the work.
TOO_SHORT = 1e-4

#: What limits each operation where a target is missed: what the profiles found, short.
#: The long form, with the numbers, is in docs/performance.md ("Why the missed targets
#: are missed").
LIMITS: dict[str, str] = {
    "snapshot-present": (
        "the present is a kept checkpoint; handing it out shares its containers until "
        "either side writes (copy on write) and copies the indexes' maps, one entry per "
        "unit, in the interpreter."
    ),
    "snapshot-past": (
        "a past date is folded from the nearest of at most 32 checkpoints (each a full "
        "structure, so their number is a memory budget), replaying up to 1/32 of the "
        "record's changes at about 30 µs each in Python; the floor selects the rows in "
        "force with one vectorized mask."
    ),
    "rollup": (
        "one dictionary look-up or two per unit of the subtree in the interpreter (each "
        "unit's figures are kept), against the floor's gathering of contiguous arrays."
    ),
    "rollups-all": (
        "one pass over every unit in the interpreter, adding children into parents; the "
        "floor does the same with a few NumPy calls per level."
    ),
    "diff": (
        "Organogram works out the whole difference in its own vocabulary (merges, splits, "
        "renames, unit and post moves, about a million change objects on the large size) "
        "after folding both dates; the peers return five sets. Its merges and splits hand "
        "posts over one at a time; the sets alone (diff-sets) cost the two folds."
    ),
    "diff-sets": (
        "the fold to the earlier date, as for a past structure: Python's cost per change "
        "times the checkpoint spacing."
    ),
    "plan-preview": (
        "a fold of the plan's branch from the nearest checkpoint, at the same cost per "
        "change as a past structure."
    ),
    "plan-validate": (
        "Organogram's span and depth rules walk its structure node by node in Python; the "
        "floor counts children and levels with array operations."
    ),
    "plan-enact": (
        "Organogram checks the plan for conflicts against the record (three folds of the "
        "plan's changes from the record's last checkpoint) and copies the list of all the "
        "record's changes twice (the branch it checks, the new timeline); the SQL peers "
        "only write the rows."
    ),
    "series": (
        "one fold over every month's changes in Python (the rollup of each month prices "
        "only the units that changed); the floor masks arrays per month."
    ),
}


@dataclass(frozen=True)
class Verdict:
    """How one operation fared against the targets that hold for it."""

    floor: str  # "met", "missed" or "" (no floor, or too short to tell)
    sql: str  # the same for the SQL target ("" where it does not hold)
    floor_ratio: float | None
    sql_ratio: float | None
    sql_bound: bool  # every SQL peer was stopped: the SQL ratio is a lower bound

    @property
    def missed(self) -> bool:
        return "missed" in (self.floor, self.sql)


def held_to_sql(key: str) -> bool:
    """Whether the SQL target holds for this operation (rollups and diffs, not the sets)."""
    return key.startswith("rollup") or key == "diff"


def limits_of(key: str) -> str:
    """What the profiles found to limit ``key`` (longest matching key prefix)."""
    best = max((k for k in LIMITS if key == k or key.startswith(k + "-")), key=len, default="")
    return LIMITS.get(best, "")


def judge(key: str, measures: dict[str, Measure], limit: float) -> Verdict:
    """The verdict of one operation from its measures (``limit``: SQL's time limit)."""
    own = measures.get("Organogram")
    mine = own.median if own is not None and not own.note else None
    floor = next((m.median for i, m in measures.items() if "floor" in i and not m.note), None)
    floor_ratio = mine / floor if mine and floor else None
    if floor_ratio is None or (mine < TOO_SHORT and floor < TOO_SHORT):
        floor_verdict = ""
    else:
        floor_verdict = "met" if floor_ratio <= FLOOR_TARGET else "missed"
    sqls = [m for i, m in measures.items() if i.startswith(SQL_PEERS)]
    answered = [m.median for m in sqls if not m.note and not math.isnan(m.median)]
    bound = bool(sqls) and not answered
    best = min(answered) if answered else (limit if bound else None)
    sql_ratio = best / mine if best and mine else None
    if not held_to_sql(key) or sql_ratio is None:
        sql_verdict = ""
    else:
        sql_verdict = "met" if sql_ratio >= SQL_TARGET else "missed"
    return Verdict(floor_verdict, sql_verdict, floor_ratio, sql_ratio, bound)
